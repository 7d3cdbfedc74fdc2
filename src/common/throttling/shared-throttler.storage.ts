import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage } from '@nestjs/throttler';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/**
 * Where the counters live: Redis (REDIS_URL) so every instance shares them, else this
 * process's memory, with a warning, since N instances then allow N times the limit.
 */
@Injectable()
export class SharedThrottlerStorage implements OnApplicationShutdown {
  private readonly logger = new Logger(SharedThrottlerStorage.name);
  readonly storage: ThrottlerStorage;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { redisUrl } = config.throttling;
    if (redisUrl) {
      this.storage = RedisThrottlerStorage.connect(redisUrl);
    } else {
      this.logger.warn(
        'REDIS_URL is not set: request throttling counts per instance (login throttling is shared through PostgreSQL)',
      );
      this.storage = new MemoryThrottlerStorage();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.storage instanceof RedisThrottlerStorage) await this.storage.close();
  }
}
