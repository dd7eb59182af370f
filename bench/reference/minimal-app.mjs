/**
 * What the minimal references share (minimal-server.mjs for registering, minimal-booking-server.mjs
 * for booking): a pg pool of DATABASE_POOL_SIZE (10), a Fastify app without logging and with
 * /health, the bearer token's user read without verifying it, and listening on PORT until a signal.
 */
import Fastify from 'fastify';
import pg from 'pg';

export const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});

/** The token's `sub`, unverified: the references skip the sign-in check on purpose. */
export function userOf(header) {
  const body = /^Bearer\s+[^.]+\.([^.]+)\./i.exec(header ?? '')?.[1];
  if (!body) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString()).sub ?? null;
  } catch {
    return null;
  }
}

export const app = Fastify({ logger: false });
app.get('/health', async () => ({ status: 'ok' }));

/** Listens on PORT (any free one by default) and closes the app and the pool on SIGTERM/SIGINT. */
export async function serve() {
  await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
  for (const signal of ['SIGTERM', 'SIGINT']) {
    process.once(signal, () => {
      app
        .close()
        .then(() => pool.end())
        .finally(() => process.exit(0));
    });
  }
}
