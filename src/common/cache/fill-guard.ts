/**
 * Decides whether a cache may keep what it read from the database, for the caches kept exact by
 * NOTIFY (auth state, catalog). A read races the writes it did not see: a notice (or a local
 * write) that arrives while the read is in flight means the read may be stale, so it is used for
 * that one answer and not kept. Nothing is kept while the cache is not trusted (its LISTEN
 * connection is down: no notice would arrive).
 *
 * A counter orders events: `started()` before the read, then `keeps(startedAt, key)` after it.
 */
export class FillGuard<K> {
  private tick = 0;
  private everythingAt = 0;
  private readonly keyAt = new Map<K, number>();
  private isTrusted = false;

  /** Whether notices are arriving; false also overtakes every read in flight. */
  set trusted(trusted: boolean) {
    this.isTrusted = trusted;
    this.overtakeAll();
  }

  get trusted(): boolean {
    return this.isTrusted;
  }

  /** Call before reading; hand the answer to `keeps`. */
  started(): number {
    return this.tick;
  }

  /** Every read in flight may be stale. */
  overtakeAll(): void {
    this.everythingAt = ++this.tick;
    this.keyAt.clear();
  }

  /** Reads in flight of this key may be stale. Remembered per key until `overtakeAll`. */
  overtake(key: K): void {
    this.keyAt.set(key, ++this.tick);
  }

  /** Whether a read started at `startedAt` (of `key`, when given) may be kept. */
  keeps(startedAt: number, key?: K): boolean {
    if (!this.isTrusted || this.everythingAt > startedAt) return false;
    return key === undefined || (this.keyAt.get(key) ?? 0) <= startedAt;
  }
}
