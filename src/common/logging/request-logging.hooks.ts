import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Logger as Pino } from 'pino';
import { requestContext } from './request-context';
import { pathOf } from '../http/url-path';

export const REQUEST_ID_HEADER = 'x-request-id';

/** An id a proxy may hand us: short, printable, no spaces (anything else is replaced). */
const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Paths polled by orchestrators and Prometheus: logged at debug so they do not drown the rest. */
const QUIET_PATHS = new Set(['/health/live', '/health/ready', '/metrics']);

/**
 * The incoming X-Request-Id when a proxy set a valid one, else a new UUID. Fastify's `genReqId`:
 * the id is the request's `id`.
 */
export function requestIdOf(request: IncomingMessage): string {
  const incoming = request.headers[REQUEST_ID_HEADER];
  const value = Array.isArray(incoming) ? incoming[0] : incoming;
  return value && VALID_REQUEST_ID.test(value) ? value : randomUUID();
}

/**
 * One line per finished request over the app's pino (JSON or pretty as the app logs, written
 * asynchronously), with the request id (Fastify's `genReqId` is requestIdOf) returned in
 * X-Request-Id and, through AsyncLocalStorage, carried by every line logged while serving it.
 * Only method, path, status, duration and client address are logged: never headers
 * (Authorization, cookies), query tokens or bodies. A line below the logger's level costs
 * nothing but the check.
 */
export function useRequestLogging(instance: FastifyInstance, pino: Pino): void {
  instance.addHook('onRequest', (request, reply, done) => {
    reply.header('X-Request-Id', request.id);
    requestContext.run({ requestId: request.id }, done);
  });
  instance.addHook('onResponse', (request, reply, done) => {
    const statusCode = reply.statusCode;
    const path = pathOf(request.url);
    const level = statusCode >= 500 ? 'error' : QUIET_PATHS.has(path) ? 'debug' : 'info';
    if (pino.isLevelEnabled(level)) {
      pino[level](
        {
          requestId: request.id,
          req: { method: request.method, path, ip: request.ip },
          res: { statusCode },
          durationMs: Math.round(reply.elapsedTime * 1000) / 1000,
        },
        statusCode >= 500 ? 'request failed' : 'request completed',
      );
    }
    done();
  });
}
