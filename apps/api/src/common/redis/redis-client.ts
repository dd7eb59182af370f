import { Logger } from '@nestjs/common';
import type { Cluster, Redis, RedisOptions } from 'ioredis';

/**
 * Options for Redis connections holding shared counters (REDIS_URL): fail fast while Redis is away
 * instead of queueing commands, and keep trying to reconnect in the background.
 */
export function redisOptions(keyPrefix: string): RedisOptions {
  return {
    keyPrefix,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    connectTimeout: 2000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 5000),
  };
}

/** Logs an outage once, not once per reconnect attempt, and its end. */
export function logRedisOutages(client: Redis | Cluster, what: string): void {
  const logger = new Logger('Redis');
  let down = false;
  client.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.warn({ err: error.message }, `Redis unreachable: ${what} until it returns`);
  });
  client.on('ready', () => {
    if (down) logger.log('Redis reachable again');
    down = false;
  });
}
