import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, TooManyAttemptsError, UnavailableError } from './app-error';
import { reasonPhrase, statusOfCode } from './error-status';
import { errorMessage } from './error-message';
import { driverErrorCode, isConnectionError, isDataException } from './pg-error';
import { bodyLimitFor } from '../http/request-body';
import { pathOf } from '../http/url-path';

export interface ErrorBody {
  statusCode: number;
  error: string;
  /** Always one string; validation failures join their messages into one sentence. */
  message: string;
  /** Validation failures only: one message per offending field, as joined in `message`. */
  errors?: string[];
}

/**
 * Errors that mean "the database did not answer in time": the statement timeout (57014,
 * query_canceled) or a lock wait past lock_timeout (55P03). The query was cut and its
 * connection went back to the pool; the client may retry.
 */
const TIMEOUT_ERROR_CODES = new Set(['57014', '55P03']);

/**
 * The one place an error becomes a response: `{ statusCode, error, message }`, plus `errors`
 * (the list) on validation failures. AppErrors map by code; Nest's HttpExceptions keep their
 * status; body-parser errors keep theirs (400, 413, 415) with a message of our own; a
 * lost database is 503 with Retry-After; anything else is logged with its stack and answered
 * with a bare 500, so no stack trace, SQL or secret reaches a client. A value the database
 * refuses (SQLSTATE class 22) is the client's bad input: 400.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger(AllExceptionsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const context = host.switchToHttp();
    const response = context.getResponse<FastifyReply>();
    const request = context.getRequest<FastifyRequest>();
    const body = this.toBody(exception, request);
    if (exception instanceof TooManyAttemptsError || exception instanceof UnavailableError) {
      response.header('Retry-After', String(exception.retryAfterSeconds));
    } else if (body.statusCode === 503) {
      response.header('Retry-After', '5');
    } else if (body.statusCode === 429 && !response.getHeader('Retry-After')) {
      // A named throttler (auth) sets Retry-After-<name>; clients read the standard header.
      response.header('Retry-After', String(response.getHeader('Retry-After-auth') ?? 60));
    }
    if (response.sent) return;
    response.status(body.statusCode).send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    if (exception instanceof AppError) {
      const statusCode = statusOfCode(exception.code);
      return { statusCode, error: reasonPhrase(statusCode), message: exception.message };
    }
    // Fastify's body errors reach the filter wrapped in an HttpException (cause).
    const bodyParserError =
      bodyParserErrorBody(exception, request) ?? bodyParserErrorBody(causeOf(exception), request);
    if (bodyParserError) return bodyParserError;
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const payload = exception.getResponse();
      const message: unknown =
        typeof payload === 'object' && payload !== null && 'message' in payload
          ? (payload as { message: unknown }).message
          : exception.message;
      const error = reasonPhrase(statusCode);
      if (Array.isArray(message)) {
        const errors = message.map(String);
        return { statusCode, error, message: oneSentence(errors), errors };
      }
      return { statusCode, error, message: String(message) };
    }
    if (TIMEOUT_ERROR_CODES.has(driverErrorCode(exception) ?? '')) {
      this.logger.warn('database timeout', {
        path: pathOf(request.url),
        reason: errorMessage(exception),
      });
      return {
        statusCode: 503,
        error: reasonPhrase(503),
        message: 'The database did not answer in time; retry shortly',
      };
    }
    const code = driverErrorCode(exception);
    if (isDataException(code)) {
      // A gap in validation: the request is refused as it should have been, and the log says
      // which value the database refused so the gap can be closed.
      this.logger.warn('database refused a request value', {
        method: request.method,
        path: pathOf(request.url),
        code,
        reason: errorMessage(exception),
      });
      return {
        statusCode: 400,
        error: reasonPhrase(400),
        message:
          'A value in the request is malformed or out of range: check its numbers, dates and text',
      };
    }
    if (isConnectionError(exception)) {
      this.logger.warn('database unavailable', {
        path: pathOf(request.url),
        reason: errorMessage(exception),
      });
      return {
        statusCode: 503,
        error: reasonPhrase(503),
        message: 'The database is unavailable; retry shortly',
      };
    }
    this.logger.error('unhandled error', {
      method: request.method,
      path: pathOf(request.url),
      err: exception instanceof Error ? exception : new Error(String(exception)),
    });
    return { statusCode: 500, error: reasonPhrase(500), message: 'Internal server error' };
  }
}

/** What a body in another format or charset than JSON in UTF-8 is told (415). */
const UNSUPPORTED_BODY_MESSAGE =
  'Request body must be JSON in UTF-8: send it with Content-Type: application/json';

/** Fastify's errors about a request body, by their code, as the types of our own parsers. */
const FASTIFY_BODY_ERRORS: ReadonlyMap<string, string> = new Map([
  ['FST_ERR_CTP_BODY_TOO_LARGE', 'entity.too.large'],
  ['FST_ERR_CTP_INVALID_CONTENT_LENGTH', 'entity.parse.failed'],
  ['FST_ERR_CTP_EMPTY_JSON_BODY', 'entity.parse.failed'],
  ['FST_ERR_CTP_INVALID_JSON_BODY', 'entity.parse.failed'],
  ['FST_ERR_CTP_INVALID_MEDIA_TYPE', 'media.unsupported'],
]);

/** The body of a body error (bad JSON, too large, unsupported charset), if it is one. */
function bodyParserErrorBody(exception: unknown, request: FastifyRequest): ErrorBody | undefined {
  if (typeof exception !== 'object' || exception === null) return undefined;
  const { code } = exception as { code?: unknown };
  const type =
    (typeof code === 'string' ? FASTIFY_BODY_ERRORS.get(code) : undefined) ??
    (exception as { type?: unknown }).type;
  const body = (statusCode: number, message: string): ErrorBody => ({
    statusCode,
    error: reasonPhrase(statusCode),
    message,
  });
  switch (type) {
    case 'entity.too.large':
      // The route's own limit, also when the parser's overall one (the largest) cut the body.
      return body(413, `Request body is larger than ${sizeOf(bodyLimitFor(request.url))}`);
    case 'entity.refused':
      // Refused on its bytes before parsing (request-body.ts); the message says why.
      return body(400, (exception as { message: string }).message);
    case 'entity.parse.failed':
      return body(400, 'Request body is not valid JSON: send a JSON object');
    case 'encoding.unsupported':
    case 'charset.unsupported':
    case 'media.unsupported':
      return body(415, UNSUPPORTED_BODY_MESSAGE);
    default:
      return undefined;
  }
}

/** Bytes as people read a limit: "100 KiB", "1 MiB". */
function sizeOf(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}

function causeOf(exception: unknown): unknown {
  return exception instanceof Error ? exception.cause : undefined;
}

/** Validation messages as one sentence: "limit must not be greater than 100; page must ...". */
function oneSentence(messages: string[]): string {
  return messages.join('; ');
}
