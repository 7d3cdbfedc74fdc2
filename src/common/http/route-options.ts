import type { onRequestHookHandler, RouteOptions } from 'fastify';
import { bodyLimitFor } from './request-body';

/**
 * Path prefixes whose responses carry tokens or one account's data (login, refresh, register,
 * /v1/users/me and everything under it): no browser, proxy or CDN may keep a copy.
 */
export const NO_STORE_PATHS = ['/v1/auth', '/v1/users/me'];

const setNoStore: onRequestHookHandler = (_request, reply, done) => {
  reply.header('Cache-Control', 'no-store');
  done();
};

/** Whether `path` is `prefix` or below it, segment by segment, in any case. */
function isUnder(path: string, prefix: string): boolean {
  const lower = path.toLowerCase();
  return lower === prefix || lower.startsWith(`${prefix}/`);
}

/**
 * Fastify `onRoute` hook: what depends on the route alone, decided once as each route is
 * registered rather than on every request: its body limit (request-body.ts) and, on
 * NO_STORE_PATHS, `Cache-Control: no-store`.
 */
export function applyRouteOptions(route: RouteOptions): void {
  route.bodyLimit = bodyLimitFor(route.url);
  if (NO_STORE_PATHS.some((prefix) => isUnder(route.url, prefix))) {
    const own = route.onRequest;
    route.onRequest = own === undefined ? [setNoStore] : [setNoStore, ...[own].flat()];
  }
}
