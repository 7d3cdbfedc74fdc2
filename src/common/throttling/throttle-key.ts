/**
 * A request an authenticated caller made, counted under its own key instead of the client
 * address: set (before the guards run) by whatever authenticated it, e.g. `api-key:7`.
 */
export interface ThrottleKeyed {
  throttleKey?: string;
}

/**
 * The Node request behind what a guard or throttler is handed. Nest middleware runs on
 * Fastify's raw request (the IncomingMessage) while guards get Fastify's request wrapping it
 * (`raw`), so what a middleware leaves on the request is read through here.
 */
export function rawRequest<T>(request: unknown): T {
  return ((request as { raw?: unknown }).raw ?? request) as T;
}

export function throttleKeyOf(request: unknown): string | undefined {
  return rawRequest<ThrottleKeyed>(request).throttleKey;
}
