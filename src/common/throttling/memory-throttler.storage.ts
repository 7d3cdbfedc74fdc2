import type { ThrottlerStorage } from '@nestjs/throttler';

/** The storage record @nestjs/throttler v6 expects (times in seconds). */
export interface ThrottlerStorageRecord {
  totalHits: number;
  timeToExpire: number;
  isBlocked: boolean;
  timeToBlockExpire: number;
}

interface Window {
  hits: number;
  /** Clock ms when the window ends. */
  endsAt: number;
  /** Clock ms when the block ends; 0: not blocked. */
  blockedUntil: number;
}

/** Windows held at most; past it, ended ones are swept (and, if none ended, the oldest go). */
const MAX_WINDOWS = 100_000;

const seconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));

/**
 * Throttling counters in this process's memory, a fixed window per key with the same rule as
 * the Redis storage's script: count the hit unless blocked, start the window on the first hit,
 * block for `blockDuration` (else to the window's end) once past the limit.
 *
 * Written here because @nestjs/throttler's own memory storage keeps every hit's time and
 * filters the list on each request: linear in the hits of the window, which made it the largest
 * single cost of a request under load from one address (bench:serve's profile). This is one map
 * look-up per hit, and memory bounded by MAX_WINDOWS.
 */
export class MemoryThrottlerStorage implements ThrottlerStorage {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly now: () => number = Date.now) {}

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.hit(`${throttlerName}:${key}`, ttl, limit, blockDuration));
  }

  /** The synchronous step behind `increment`. */
  hit(id: string, ttl: number, limit: number, blockDuration: number): ThrottlerStorageRecord {
    const now = this.now();
    let window = this.windows.get(id);
    if (window && window.blockedUntil > now) {
      return {
        totalHits: window.hits + 1,
        timeToExpire: seconds(window.endsAt - now),
        isBlocked: true,
        timeToBlockExpire: seconds(window.blockedUntil - now),
      };
    }
    if (!window || window.endsAt <= now) {
      if (!window && this.windows.size >= MAX_WINDOWS) this.sweep(now);
      window = { hits: 0, endsAt: now + ttl, blockedUntil: 0 };
      this.windows.set(id, window);
    }
    window.hits++;
    const windowLeft = window.endsAt - now;
    if (window.hits <= limit) {
      return {
        totalHits: window.hits,
        timeToExpire: seconds(windowLeft),
        isBlocked: false,
        timeToBlockExpire: 0,
      };
    }
    window.blockedUntil = now + (blockDuration > 0 ? blockDuration : windowLeft);
    return {
      totalHits: window.hits,
      timeToExpire: seconds(windowLeft),
      isBlocked: true,
      timeToBlockExpire: seconds(window.blockedUntil - now),
    };
  }

  get size(): number {
    return this.windows.size;
  }

  /** Drops ended windows; if none had ended, the oldest tenth (a flood of distinct keys). */
  private sweep(now: number): void {
    for (const [id, window] of this.windows) {
      if (window.endsAt <= now && window.blockedUntil <= now) this.windows.delete(id);
    }
    if (this.windows.size < MAX_WINDOWS) return;
    let drop = Math.ceil(MAX_WINDOWS / 10);
    for (const id of this.windows.keys()) {
      if (drop-- <= 0) break;
      this.windows.delete(id);
    }
  }
}
