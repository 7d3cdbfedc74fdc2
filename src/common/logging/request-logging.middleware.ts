import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import type { Logger as Pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { requestContext } from './request-context';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a proxy may hand us: short, printable, no spaces (anything else is replaced). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths polled by orchestrators and Prometheus: logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/** The incoming X-Request-Id when a proxy set a valid one, else a new UUID. */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * One line per finished request (pino-http over the app's pino, so JSON or pretty as the app
 * logs), with a request id that is returned in X-Request-Id and, through AsyncLocalStorage,
 * carried by every line logged while serving it. Only method, path, status, duration and client
 * address are logged: never headers (Authorization, cookies), query tokens or bodies.
 */
export function requestLoggingMiddleware(
  pino: Pino,
): (req: Request, res: Response, next: NextFunction) => void {
  const httpLogger = pinoHttp({
    logger: pino,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const id = requestIdOf(req);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
    customLogLevel: (req, res, error) => {
      if (error || res.statusCode >= 500) return 'error';
      return QUIET_PATHS.has(pathOf(req.url)) ? 'debug' : 'info';
    },
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
    serializers: {
      req: (req: Request) => ({ method: req.method, path: pathOf(req.originalUrl), ip: req.ip }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
    wrapSerializers: false,
    quietReqLogger: true,
  });
  return (req, res, next) => {
    httpLogger(req, res);
    requestContext.run({ requestId: String(req.id) }, next);
  };
}

/** The path without its query string (a query may carry something a log should not keep). */
function pathOf(url: string | undefined): string {
  const path = url ?? '/';
  const query = path.indexOf('?');
  return query === -1 ? path : path.slice(0, query);
}
