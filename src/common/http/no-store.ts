import type { NextFunction, Request, Response } from 'express';

/**
 * Path prefixes whose responses carry tokens or one account's data (login, refresh, register,
 * /v1/users/me and everything under it): no browser, proxy or CDN may keep a copy.
 */
export const NO_STORE_PATHS = ['/v1/auth', '/v1/users/me'];

export function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}
