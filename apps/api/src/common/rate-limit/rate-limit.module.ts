import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { ATTEMPT_COUNTERS, MemoryCounters, RedisCounters } from './attempt-counters';
import { RateLimiter } from './rate-limiter';

/**
 * Expiring counters for limits (sign-in protection, anonymous feeds): in Redis when REDIS_URL is set,
 * so every process counts together, else in this process.
 */
@Global()
@Module({
  providers: [
    {
      provide: ATTEMPT_COUNTERS,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) =>
        config.redis ? new RedisCounters(config.redis.url, config.redis.keyPrefix) : new MemoryCounters(),
    },
    RateLimiter,
  ],
  exports: [ATTEMPT_COUNTERS, RateLimiter],
})
export class RateLimitModule {}
