import { DatabaseError } from 'pg';
import { QueryFailedError } from 'typeorm';

/** SQLSTATE codes the repositories turn into AppErrors. */
export const PG_UNIQUE_VIOLATION = '23505';
export const PG_FOREIGN_KEY_VIOLATION = '23503';
/** query_canceled: the statement ran past its statement_timeout. */
export const PG_QUERY_CANCELED = '57014';

/**
 * The SQLSTATE of a failed query, if the error is one: through TypeORM (QueryFailedError) or
 * straight from the driver (the prepared statements and the title-search pool).
 */
export function pgErrorCode(error: unknown): string | undefined {
  const failed =
    error instanceof QueryFailedError
      ? (error.driverError as { code?: unknown })
      : error instanceof DatabaseError
        ? error
        : undefined;
  return typeof failed?.code === 'string' ? failed.code : undefined;
}

/** The constraint (or unique index) a failed query violated, if it names one. */
export function violatedConstraint(error: unknown): string | undefined {
  if (pgErrorCode(error) === undefined) return undefined;
  const failed = (error instanceof QueryFailedError ? error.driverError : error) as {
    constraint?: unknown;
  };
  return typeof failed.constraint === 'string' ? failed.constraint : undefined;
}

/**
 * Whether a SQLSTATE is a data exception (class 22): a value the column, cast or function cannot
 * take, such as 22P02 (invalid text for the type), 22003 (numeric value out of range), 22008
 * (date/time field out of range) or 22021 (a byte sequence PostgreSQL refuses, NUL among them).
 * Such a value came from the request: validation should have refused it, and past validation
 * it is still the client's input, never the server's fault.
 */
export function isDataException(sqlState: string | undefined): boolean {
  return sqlState !== undefined && /^22[0-9A-Z]{3}$/.test(sqlState);
}

/** The driver's code (SQLSTATE or errno) of a database error, also when TypeORM wraps it. */
export function driverErrorCode(exception: unknown): string | undefined {
  if (!(exception instanceof Error)) return undefined;
  const withCode = exception as Error & { code?: unknown; driverError?: { code?: unknown } };
  const code = withCode.code ?? withCode.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Errors of the database driver that mean "the database is unreachable", not "a bug". */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  '57P01',
  '57P03',
  '08006',
  '08001',
  '08003',
]);

export function isConnectionError(exception: unknown): boolean {
  if (!(exception instanceof Error)) return false;
  const code = driverErrorCode(exception);
  if (code && CONNECTION_ERROR_CODES.has(code)) return true;
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    exception.message,
  );
}
