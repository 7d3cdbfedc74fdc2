import type { NextFunction, Request, Response } from 'express';
import { AppMetrics } from './app-metrics';

/**
 * Times every request and counts it under its route pattern (`/v1/movies/:id`, never the raw
 * URL, so the label set stays bounded); requests no route matched count as `unmatched`.
 */
export function httpMetricsMiddleware(
  metrics: AppMetrics,
): (req: Request, res: Response, next: NextFunction) => void {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      metrics.recordRequest(req.method, routeOf(req), res.statusCode, seconds);
    });
    next();
  };
}

function routeOf(req: Request): string {
  const route: unknown = req.route;
  if (route && typeof route === 'object' && 'path' in route && typeof route.path === 'string') {
    return `${req.baseUrl}${route.path}`;
  }
  return 'unmatched';
}
