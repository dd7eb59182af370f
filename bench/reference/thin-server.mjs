/**
 * The thin reference: plain Fastify + pg (pool of 10) answering the two benchmarked endpoints with the
 * API's own SQL, read from the built API (one copy, so the comparison measures the stack, not the SQL):
 *
 *   POST /api/events/:id/registrations  REGISTER_WITH_SEAT_SQL (seat + registration + queued mail)
 *   GET  /api/events                    listQuery(): published, upcoming, filters, a page of 20
 *
 * What it leaves out is what the full stack adds: the session lookup behind the token (the JWT is
 * only verified), the registration context read, validation pipes, guards, Nest. The statement
 * queues the confirmation as small rows (the outbox worker renders them), as the API's does; THIN_MAIL
 * is no longer read. Environment: DATABASE_URL, PORT, JWT_SECRET, API_DIST (default dist/apps/api),
 * DATABASE_POOL_SIZE (default 10).
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRequire } from 'node:module';
import path from 'node:path';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
const dist = path.resolve(process.env.API_DIST ?? 'dist/apps/api');
require('reflect-metadata');
const { REGISTER_WITH_SEAT_SQL, REGISTER_RACE_SQLSTATE, toRegistrationView } = require(
  path.join(dist, 'registrations/registrations.queries.js'),
);
const WITH_VERSION = REGISTER_WITH_SEAT_SQL.includes('context_version');
const { listQuery } = require(path.join(dist, 'events/events.queries.js'));
const { toEventSummary } = require(path.join(dist, 'events/event-views.js'));

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
});
const secret = process.env.JWT_SECRET;

/** HS256 only, signature and expiry: the minimum a signed-in endpoint must check. */
function verify(header) {
  const token = /^Bearer\s+(\S+)$/i.exec(header ?? '')?.[1];
  if (!token) return null;
  const [head, body, sig] = token.split('.');
  if (!sig) return null;
  const expected = createHmac('sha256', secret).update(`${head}.${body}`).digest();
  const given = Buffer.from(sig, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  return claims.exp > Date.now() / 1000 ? claims : null;
}

/** Carrier and context_version per event, read once (the bench never edits its events). */
const organizations = new Map();
async function organizationOf(eventId) {
  let org = organizations.get(eventId);
  if (!org) {
    const { rows } = await pool.query('SELECT organization_id, context_version FROM events WHERE id = $1', [
      eventId,
    ]);
    org = rows[0] ?? null;
    if (org) organizations.set(eventId, org);
  }
  return org;
}

const app = Fastify({ logger: false });

app.get('/health', async () => ({ status: 'ok' }));

app.post('/api/events/:id/registrations', async (req, reply) => {
  const claims = verify(req.headers.authorization);
  if (!claims) return reply.code(401).send({ code: 'UNAUTHORIZED' });
  const eventId = req.params.id;
  const org = await organizationOf(eventId);
  if (!org) return reply.code(404).send({ code: 'NOT_FOUND' });
  try {
    const { rows } = await pool.query(REGISTER_WITH_SEAT_SQL, [
      eventId,
      org.organization_id,
      claims.sub,
      randomBytes(16).toString('base64url'),
      JSON.stringify(req.body?.answers ?? {}),
      '{"event":"bench","when":"12月8日 14:00","position":"0"}',
      // Builds before events.context_version take one parameter fewer.
      ...(WITH_VERSION ? [org.context_version] : []),
    ]);
    if (rows[0].id) return reply.code(201).send(toRegistrationView(rows[0]));
    return reply.code(409).send({ code: 'EVENT_FULL' });
  } catch (error) {
    if (error.code === REGISTER_RACE_SQLSTATE) return reply.code(200).send({ code: 'ALREADY_REGISTERED' });
    throw error;
  }
});

app.get('/api/events', async (req) => {
  const q = req.query;
  const query = {
    from: q.from,
    to: q.to,
    type: q.type,
    organizationId: q.organizationId,
    q: q.q,
    page: q.page ? Number(q.page) : undefined,
    pageSize: q.pageSize ? Number(q.pageSize) : undefined,
  };
  const { sql, params } = listQuery(query, { statuses: ['published', 'completed'], defaultFrom: new Date() });
  const { rows } = await pool.query(sql, params);
  return {
    items: rows.map((r) => toEventSummary(r)),
    total: rows.length > 0 ? Number(rows[0].total) : 0,
    page: query.page ?? 1,
    pageSize: query.pageSize ?? 20,
  };
});

await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    app
      .close()
      .then(() => pool.end())
      .finally(() => process.exit(0));
  });
}
