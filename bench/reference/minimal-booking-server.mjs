/**
 * The minimal booking reference: plain Fastify + pg (pool of 10) and ONE prepared statement that
 * inserts the confirmed booking (the exclusion constraint refusing an overlap: 409). Nothing else — no
 * sign-in check (the founder is the bearer token's unverified `sub`), no mentor settings, no slot
 * computation, no limits, no mails, no validation. What a booking costs at the very least on this
 * stack, beside pgbench in bench/slots/booking.mjs. Environment: DATABASE_URL, PORT,
 * DATABASE_POOL_SIZE (10).
 *
 *   POST /api/mentors/:id/bookings { startsAt, topic }  → 201 (booked) or 409 (taken)
 */
import { app, pool, serve, userOf } from './minimal-app.mjs';

const BOOK = `INSERT INTO bookings (mentor_id, founder_id, starts_at, ends_at, topic, time_zone, status)
VALUES ($1, $2, $3, $3::timestamptz + interval '1 hour', $4, 'UTC', 'confirmed')
ON CONFLICT DO NOTHING
RETURNING id, starts_at, ends_at, status, created_at`;

app.post('/api/mentors/:id/bookings', async (req, reply) => {
  const founderId = userOf(req.headers.authorization);
  if (!founderId) return reply.code(401).send({ code: 'UNAUTHORIZED' });
  const { rows } = await pool.query({
    name: 'book',
    text: BOOK,
    values: [req.params.id, founderId, req.body?.startsAt, req.body?.topic],
  });
  if (!rows[0]) return reply.code(409).send({ code: 'SLOT_UNAVAILABLE' });
  const r = rows[0];
  return reply.code(201).send({
    id: r.id,
    status: r.status,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    createdAt: r.created_at.toISOString(),
  });
});

await serve();
