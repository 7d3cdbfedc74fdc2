import type { Request } from 'express';

/**
 * A request an authenticated caller made, counted under its own key instead of the client
 * address: set (before the guards run) by whatever authenticated it, e.g. `api-key:7`.
 */
export type ThrottleKeyedRequest = Request & { throttleKey?: string };

export function throttleKeyOf(request: unknown): string | undefined {
  return (request as ThrottleKeyedRequest).throttleKey;
}
