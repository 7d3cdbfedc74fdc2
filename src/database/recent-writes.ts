/**
 * Keys (users, movies) written by this process within the last `windowMs`, so that reads of
 * them go to the primary until every replica in use must have replayed the write
 * (read-your-writes). `wroteAll` covers a write whose keys are unknown (a catalog notice).
 *
 * Bounded: past `capacity` keys in one window every key counts as written until the window
 * ends, which only sends more reads to the primary. A window of 0 (no replicas) records nothing.
 */
export class RecentWrites<K> {
  /** Key → end of its window; in insertion order, which is window order (one window length). */
  private readonly until = new Map<K, number>();
  private allUntil = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly windowMs: number,
    /** Monotonic milliseconds. */
    private readonly now: () => number,
    private readonly capacity = 100_000,
  ) {}

  wrote(key: K): void {
    if (this.windowMs === 0) return;
    const now = this.now();
    this.prune(now);
    this.until.delete(key); // set again below, last: the map stays in window order
    if (this.until.size >= this.capacity) {
      this.wroteAll();
      return;
    }
    this.until.set(key, now + this.windowMs);
  }

  wroteAll(): void {
    if (this.windowMs === 0) return;
    this.allUntil = this.now() + this.windowMs;
    // Every key's window ends before this one does.
    this.until.clear();
  }

  /** Whether `key` was written within the window. */
  isRecent(key: K): boolean {
    if (this.windowMs === 0) return false;
    const now = this.now();
    return now < this.allUntil || now < (this.until.get(key) ?? 0);
  }

  /** Whether any of `keys` was written within the window. */
  anyRecent(keys: Iterable<K>): boolean {
    if (this.windowMs === 0) return false;
    if (this.allRecent()) return true;
    const now = this.now();
    for (const key of keys) if (now < (this.until.get(key) ?? 0)) return true;
    return false;
  }

  /** Whether `wroteAll` was called (or the capacity overflowed) within the window. */
  allRecent(): boolean {
    return this.now() < this.allUntil;
  }

  private prune(now: number): void {
    for (const [key, end] of this.until) {
      if (end > now) return;
      this.until.delete(key);
    }
  }
}
