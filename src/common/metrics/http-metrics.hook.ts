import type { FastifyInstance } from 'fastify';
import { AppMetrics, HttpSeries } from './app-metrics';

/** The route of requests no route matched. */
const UNMATCHED = 'unmatched';

/**
 * Fastify `onResponse` hook: times every request (Fastify's own clock, `reply.elapsedTime`) and
 * counts it under its route pattern (`/v1/movies/:id`, never the raw URL, so the label set stays
 * bounded); requests no route matched count as `unmatched`. The series of each method, route
 * and status are looked up once and kept, so a request costs an increment and an observation.
 */
export function useHttpMetrics(instance: FastifyInstance, metrics: AppMetrics): void {
  const byKey = new Map<string, HttpSeries>();
  instance.addHook('onResponse', (request, reply, done) => {
    const route = request.is404 ? UNMATCHED : (request.routeOptions.url ?? UNMATCHED);
    const key = `${request.method} ${reply.statusCode} ${route}`;
    let series = byKey.get(key);
    if (series === undefined) {
      series = metrics.httpSeries(request.method, route, reply.statusCode);
      byKey.set(key, series);
    }
    series.record(reply.elapsedTime / 1000);
    done();
  });
}
