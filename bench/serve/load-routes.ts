import autocannon from 'autocannon';
import { BenchFixtures } from './bench-fixtures';

/** One route under load: a name and the autocannon request that each call rotates. */
export interface RouteLoad {
  name: string;
  /** What the table shows as the route. */
  label: string;
  request: autocannon.Request;
}

/** Round-robin over a list, one step per call. */
function rotate<T>(list: readonly T[]): () => T {
  let next = 0;
  return () => list[next++ % list.length];
}

/** Builds a request whose path and headers change at every call (`make` is given the call). */
function rotating(
  method: autocannon.Request['method'],
  make: () => { path: string; token?: string; body?: string },
): autocannon.Request {
  return {
    method,
    setupRequest: (request) => {
      const { path, token, body } = make();
      return {
        ...request,
        method,
        path,
        ...(body !== undefined && { body }),
        headers: {
          ...(token && { authorization: `Bearer ${token}` }),
          ...(body !== undefined && { 'content-type': 'application/json' }),
        },
      };
    },
  };
}

/** The routes of bench:serve, health first (the app's own floor of cost per request). */
export function benchRoutes(fixtures: BenchFixtures): RouteLoad[] {
  const token = rotate(fixtures.tokens);
  const movie = rotate(fixtures.movieIds);
  const search = rotate(fixtures.searches);
  const ratingToken = rotate(fixtures.tokens);
  const ratingMovie = rotate([...fixtures.movieIds].reverse());
  const ratingValue = rotate([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 4.5, 5]);
  return [
    {
      name: 'health',
      label: 'GET /health/live',
      request: { method: 'GET', path: '/health/live' },
    },
    {
      name: 'recommendations',
      label: 'GET /v1/users/me/recommendations',
      request: rotating('GET', () => ({ path: '/v1/users/me/recommendations', token: token() })),
    },
    {
      name: 'similar',
      label: 'GET /v1/movies/:id/similar',
      request: rotating('GET', () => ({ path: `/v1/movies/${movie()}/similar` })),
    },
    {
      name: 'trending',
      label: 'GET /v1/movies/trending',
      request: { method: 'GET', path: '/v1/movies/trending' },
    },
    {
      name: 'movie',
      label: 'GET /v1/movies/:id',
      request: rotating('GET', () => ({ path: `/v1/movies/${movie()}` })),
    },
    {
      name: 'search',
      label: 'GET /v1/movies?q=…',
      request: rotating('GET', () => ({
        path: `/v1/movies?q=${encodeURIComponent(search())}`,
      })),
    },
    {
      name: 'rate',
      label: 'PUT /v1/users/me/ratings/:movieId',
      request: rotating('PUT', () => ({
        path: `/v1/users/me/ratings/${ratingMovie()}`,
        token: ratingToken(),
        body: JSON.stringify({ rating: ratingValue() }),
      })),
    },
  ];
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds; the run can also be stopped early through the returned instance. */
  durationSeconds: number;
  requests: autocannon.Request[];
}

/** Starts an autocannon run; `done` resolves with its result when it ends or is stopped. */
export function startLoad(options: LoadOptions): {
  instance: autocannon.Instance;
  done: Promise<autocannon.Result>;
} {
  let instance: autocannon.Instance | undefined;
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationSeconds,
        requests: options.requests,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
  if (!instance) throw new Error('autocannon did not start');
  return { instance, done };
}

/** Runs a load for its whole duration. */
export function runLoad(options: LoadOptions): Promise<autocannon.Result> {
  return startLoad(options).done;
}

/** Failures of a run: connection errors, timeouts and non-2xx answers. */
export function failures(result: autocannon.Result): number {
  return result.errors + result.timeouts + result.non2xx;
}

/** The failure count with what it is made of, e.g. "3 (2 timeouts, 1 x 503)". */
export function describeFailures(result: autocannon.Result): string {
  const total = failures(result);
  if (total === 0) return '0';
  const parts = Object.entries(result.statusCodeStats ?? {})
    .filter(([code]) => !code.startsWith('2'))
    .map(([code, stats]) => `${stats.count ?? 0} x ${code}`);
  if (result.timeouts) parts.unshift(`${result.timeouts} timeouts`);
  if (result.errors > result.timeouts) parts.unshift(`${result.errors - result.timeouts} errors`);
  return `${total} (${parts.join(', ')})`;
}
