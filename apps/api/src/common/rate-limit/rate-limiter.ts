import { Inject, Injectable, Logger } from '@nestjs/common';
import type { RateLimit } from '../../config/app-config';
import { DomainException } from '../errors/domain.exception';
import { ATTEMPT_COUNTERS, orLetThrough, type AttemptCounters } from './attempt-counters';

/** A fixed-window limit on any key: 429 RATE_LIMITED with the real wait once the window is spent. */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');

  constructor(@Inject(ATTEMPT_COUNTERS) private readonly counters: AttemptCounters) {}

  /** Counts one request under `key`; null `limit` means no limit. Store outages let requests through. */
  async take(key: string, limit: RateLimit | null): Promise<void> {
    if (!limit) return;
    const hit = await orLetThrough(this.logger, this.counters.hit(key, limit.ttlMs), { count: 0, msLeft: 0 });
    if (hit.count > limit.limit)
      throw new DomainException('RATE_LIMITED', undefined, {
        retryAfter: Math.max(1, Math.ceil(hit.msLeft / 1000)),
      });
  }
}
