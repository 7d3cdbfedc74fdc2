/**
 * Every request's latency counted in fixed buckets, all routes and statuses together, since the
 * process started: what the traffic sampler reads and diffs. Bounded by construction (one count
 * per bucket), and a request costs a short scan of the bounds and two increments.
 */
export class LatencyTally {
  /** Per bucket: requests with latency <= bounds[i] (and > bounds[i - 1]); the last is +Inf. */
  private readonly counts: Float64Array;
  private serverErrors = 0;

  /** @param bounds bucket upper bounds in seconds, ascending (the histogram's buckets). */
  constructor(readonly bounds: readonly number[]) {
    for (let i = 1; i < bounds.length; i++) {
      if (!(bounds[i] > bounds[i - 1])) throw new Error('latency bounds must ascend');
    }
    this.counts = new Float64Array(bounds.length + 1);
  }

  /** Counts one request; `isServerError` for a 5xx answer. */
  record(seconds: number, isServerError: boolean): void {
    let bucket = 0;
    while (bucket < this.bounds.length && seconds > this.bounds[bucket]) bucket++;
    this.counts[bucket]++;
    if (isServerError) this.serverErrors++;
  }

  /** A copy of the totals so far. */
  snapshot(): TallySnapshot {
    return { counts: Float64Array.from(this.counts), serverErrors: this.serverErrors };
  }
}

/** The totals of a LatencyTally at one moment. */
export interface TallySnapshot {
  /** Per bucket, the last one past the highest bound (see LatencyTally). */
  readonly counts: Float64Array;
  readonly serverErrors: number;
}
