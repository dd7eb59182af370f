/**
 * Whether an error means "the database cannot be reached right now" (restart, failover, network,
 * pool exhausted) rather than "this statement is wrong". Such errors answer 503
 * DATABASE_UNAVAILABLE with Retry-After instead of 500: the client may retry, nothing is broken.
 */

/** SQLSTATEs of a server that is going away, not accepting connections yet, or unreachable. */
const SQLSTATES = new Set([
  '57P01', // admin_shutdown: pg_terminate_backend, or a fast shutdown of the server
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: the server is starting up or shutting down
  '53300', // too_many_connections
  '08000', // connection_exception
  '08001', // sqlclient_unable_to_establish_sqlconnection
  '08003', // connection_does_not_exist
  '08006', // connection_failure
]);

/** Socket errors of the pool's connection to the server. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * Messages of node-postgres and pg-pool that carry no code, and TypeORM's two "already released"
 * errors that a transaction meets on its next statement (or COMMIT) after its connection died:
 * TypeORM releases a query runner when its connection emits 'error'.
 */
const MESSAGES =
  /Connection terminated|connection provided by a query runner was already released|Query runner already released|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not queryable|Cannot use a pool after calling end/i;

interface MaybeDriverError {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 4) return false;
  const e = error as MaybeDriverError;
  if (typeof e.code === 'string' && (SQLSTATES.has(e.code) || SOCKET_CODES.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  // TypeORM wraps the pg error (QueryFailedError.driverError); net wraps each address (AggregateError).
  if (isDatabaseUnavailable(e.driverError, depth + 1) || isDatabaseUnavailable(e.cause, depth + 1))
    return true;
  return Array.isArray(e.errors) && e.errors.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** Seconds a client should wait before retrying (the Retry-After header of a 503). */
export const DATABASE_RETRY_AFTER_S = 5;
