import { Logger } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import Redis from 'ioredis';
import { errorMessage } from '../errors/error-message';
import { MemoryThrottlerStorage, ThrottlerStorageRecord } from './memory-throttler.storage';

/**
 * One atomic step per hit, a fixed window per key: count the hit unless blocked, start the
 * window on the first hit, block for `blockMs` once past the limit. Returns
 * [hits, windowMsLeft, blocked (0/1), blockMsLeft].
 */
const INCREMENT_SCRIPT = `
local blockLeft = redis.call('PTTL', KEYS[2])
if blockLeft > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or ARGV[2]) + 1, redis.call('PTTL', KEYS[1]), 1, blockLeft}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local windowLeft = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  local blockMs = tonumber(ARGV[3])
  if blockMs > 0 then
    redis.call('SET', KEYS[2], '1', 'PX', blockMs)
    return {hits, windowLeft, 1, blockMs}
  end
  return {hits, windowLeft, 1, windowLeft}
end
return {hits, windowLeft, 0, 0}`;

const KEY_PREFIX = 'movie-recommender:throttle:';
/** A throttling check must never hold a request up: past this, count in memory instead. */
const COMMAND_TIMEOUT_MS = 250;
const WARN_EVERY_MS = 60_000;

/**
 * Throttling counters in Redis, shared by every instance (the limits hold for the service, not
 * per process). When Redis does not answer, the hit is counted in this process's memory and a
 * warning is logged (at most once a minute): limits loosen to per instance, requests still pass.
 */
export class RedisThrottlerStorage implements ThrottlerStorage {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly fallback = new MemoryThrottlerStorage();
  private lastWarningAt = 0;

  constructor(private readonly redis: Redis) {}

  static connect(url: string): RedisThrottlerStorage {
    const redis = new Redis(url, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 2000,
      retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
    });
    const storage = new RedisThrottlerStorage(redis);
    redis.on('error', (error: Error) => storage.warn(error));
    redis.on('ready', () => storage.logger.log('throttling counters in Redis'));
    return storage;
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    try {
      const base = `${KEY_PREFIX}${throttlerName}:${key}`;
      const reply = (await this.redis.eval(
        INCREMENT_SCRIPT,
        2,
        `${base}:hits`,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration,
      )) as [number, number, number, number];
      const [hits, windowLeftMs, blocked, blockLeftMs] = reply;
      return {
        totalHits: hits,
        timeToExpire: Math.max(0, Math.ceil(windowLeftMs / 1000)),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.max(0, Math.ceil(blockLeftMs / 1000)),
      };
    } catch (error) {
      this.warn(error);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private warn(error: unknown): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARN_EVERY_MS) return;
    this.lastWarningAt = now;
    this.logger.warn('Redis unavailable: throttling counts per instance until it returns', {
      reason: errorMessage(error),
    });
  }
}
