import { Logger, type OnModuleDestroy } from '@nestjs/common';
import { Redis } from 'ioredis';
import { logRedisOutages, redisOptions } from '../redis/redis-client';

/** A count and how long it lives on. */
export interface Counter {
  count: number;
  /** Milliseconds until the key expires (0 when it does not exist). */
  msLeft: number;
}

/**
 * Small expiring counters for sign-in protection (failures per account, closings, sign-ups per
 * address): in Redis when REDIS_URL is set, so every process counts together, else in this process.
 */
export interface AttemptCounters {
  /** Adds one; the key lives `windowMs` from its first hit. */
  hit(key: string, windowMs: number): Promise<Counter>;
  get(key: string): Promise<Counter>;
  /** Sets the value, living `ttlMs` from now. */
  set(key: string, value: number, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export const ATTEMPT_COUNTERS = Symbol('ATTEMPT_COUNTERS');

export class MemoryCounters implements AttemptCounters {
  private readonly entries = new Map<string, { count: number; expiresAt: number }>();

  async hit(key: string, windowMs: number): Promise<Counter> {
    const now = Date.now();
    this.sweep(now);
    const entry = this.live(key, now) ?? { count: 0, expiresAt: now + windowMs };
    entry.count += 1;
    this.entries.set(key, entry);
    return { count: entry.count, msLeft: entry.expiresAt - now };
  }

  async get(key: string): Promise<Counter> {
    const now = Date.now();
    const entry = this.live(key, now);
    return entry ? { count: entry.count, msLeft: entry.expiresAt - now } : { count: 0, msLeft: 0 };
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    this.entries.set(key, { count: value, expiresAt: Date.now() + ttlMs });
  }

  async delete(key: string): Promise<void> {
    this.entries.delete(key);
  }

  private live(key: string, now: number) {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > now ? entry : undefined;
  }

  /** Drops expired keys now and then, so addresses tried once do not accumulate. */
  private sweep(now: number): void {
    if (this.entries.size < 10_000) return;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
  }
}

const HIT = `local c = redis.call('INCR', KEYS[1])
if c == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return {c, redis.call('PTTL', KEYS[1])}`;

export class RedisCounters implements AttemptCounters, OnModuleDestroy {
  private readonly redis: Redis;

  constructor(url: string, keyPrefix: string) {
    this.redis = new Redis(url, redisOptions(`${keyPrefix}attempts:`));
    logRedisOutages(this.redis, 'sign-in protection counts per process');
  }

  async hit(key: string, windowMs: number): Promise<Counter> {
    const [count, ttl] = (await this.redis.eval(HIT, 1, key, String(windowMs))) as [number, number];
    return { count, msLeft: Math.max(0, ttl) };
  }

  async get(key: string): Promise<Counter> {
    const [[, value], [, ttl]] = (await this.redis.multi().get(key).pttl(key).exec()) as [
      [Error | null, string | null],
      [Error | null, number],
    ];
    return value === null ? { count: 0, msLeft: 0 } : { count: Number(value), msLeft: Math.max(0, ttl) };
  }

  async set(key: string, value: number, ttlMs: number): Promise<void> {
    await this.redis.set(key, String(value), 'PX', Math.max(1, Math.round(ttlMs)));
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }

  async onModuleDestroy(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/**
 * Runs a counter operation; when the store (Redis) is unreachable the request is let through as if
 * nothing had been counted, like the rate limiter: signing in must not depend on it.
 */
export async function orLetThrough<T>(logger: Logger, operation: Promise<T>, fallback: T): Promise<T> {
  try {
    return await operation;
  } catch (error) {
    logger.error({ err: error }, 'attempt counter store unavailable: request let through');
    return fallback;
  }
}
