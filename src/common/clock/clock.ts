/**
 * The wall clock, injected where a service decides by the time (token expiry, recency, the
 * retrain schedule, model age), so a test can set the time instead of waiting for it.
 */
export abstract class Clock {
  /** Epoch milliseconds. */
  abstract now(): number;

  /** Epoch seconds, fractional. */
  nowSeconds(): number {
    return this.now() / 1000;
  }

  date(): Date {
    return new Date(this.now());
  }
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): number {
    return Date.now();
  }
}
