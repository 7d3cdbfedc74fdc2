import { TallySnapshot } from './latency-tally';

/** What the server answered in one sampling interval. */
export interface TrafficPoint {
  /** End of the interval (ISO 8601, UTC). */
  at: string;
  /** Requests answered in the interval. */
  requests: number;
  requestsPerSecond: number;
  /** Latency quantiles in milliseconds, estimated from the buckets; null with no request. */
  p50Ms: number | null;
  p99Ms: number | null;
  /** Requests answered with a 5xx status. */
  serverErrors: number;
}

/**
 * The `q` quantile (0..1) of counts per bucket, as Prometheus's histogram_quantile estimates it:
 * find the bucket holding the rank q·n and interpolate linearly inside it, from the previous
 * bound (0 for the first bucket) to its own. A rank in the last, unbounded bucket answers the
 * highest finite bound (the estimate can say no more than "at least that"). Null when n = 0.
 */
export function bucketQuantile(
  q: number,
  bounds: readonly number[],
  counts: ArrayLike<number>,
): number | null {
  let total = 0;
  for (let i = 0; i < counts.length; i++) total += counts[i];
  if (total === 0) return null;
  const rank = q * total;
  let below = 0;
  for (let bucket = 0; bucket < bounds.length; bucket++) {
    const inBucket = counts[bucket];
    if (inBucket > 0 && below + inBucket >= rank) {
      const lower = bucket === 0 ? 0 : bounds[bucket - 1];
      return lower + (bounds[bucket] - lower) * ((rank - below) / inBucket);
    }
    below += inBucket;
  }
  return bounds[bounds.length - 1];
}

/**
 * The point of the interval between two snapshots of one tally, `seconds` long and ending at
 * `at`: the difference of the counts, their rate, and the p50 and p99 of that difference.
 */
export function trafficPoint(
  before: TallySnapshot,
  after: TallySnapshot,
  bounds: readonly number[],
  seconds: number,
  at: Date,
): TrafficPoint {
  const counts = after.counts.map((count, bucket) => count - before.counts[bucket]);
  const requests = counts.reduce((sum, count) => sum + count, 0);
  const toMs = (value: number | null): number | null =>
    value === null ? null : Math.round(value * 1e4) / 10;
  return {
    at: at.toISOString(),
    requests,
    requestsPerSecond: seconds > 0 ? Math.round((requests / seconds) * 1000) / 1000 : 0,
    p50Ms: toMs(bucketQuantile(0.5, bounds, counts)),
    p99Ms: toMs(bucketQuantile(0.99, bounds, counts)),
    serverErrors: after.serverErrors - before.serverErrors,
  };
}
