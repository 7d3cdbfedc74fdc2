/**
 * Errors thrown below the controllers (services, the CLI, the scheduler). Each has a stable
 * `code`; AllExceptionsFilter maps codes to HTTP statuses with an exhaustive switch, so adding a
 * code without a status fails to compile. Messages say what to do and never hold secrets.
 */
export type AppErrorCode =
  | 'INVALID_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'TRAINING_IN_PROGRESS'
  | 'TOO_MANY_ATTEMPTS'
  | 'UNAVAILABLE';

export abstract class AppError extends Error {
  abstract readonly code: AppErrorCode;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class InvalidInputError extends AppError {
  readonly code = 'INVALID_INPUT';
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
}

export class ConflictError extends AppError {
  readonly code = 'CONFLICT';
}

export class TrainingInProgressError extends AppError {
  readonly code = 'TRAINING_IN_PROGRESS';
}

export class TooManyAttemptsError extends AppError {
  readonly code = 'TOO_MANY_ATTEMPTS';

  constructor(
    message: string,
    /** Seconds until a new attempt may succeed; sent as Retry-After. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}

export class UnavailableError extends AppError {
  readonly code = 'UNAVAILABLE';

  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
  ) {
    super(message);
  }
}
