import { Client } from 'pg';
import { doorSessions, publishedEvent, setUpCarrier } from '../support/events';
import { signup, startTestApp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

/**
 * On Citus a statement stays on one shard only when it names the shard key of every distributed
 * table it touches (docs/operations.md, "Path to Citus"; the tables' groups are declared in
 * test/api/sharding-schema.e2e-spec.ts). This test records every statement the app sends while it
 * runs the hot paths — registering, my registrations, cancelling, checking in, booking office hours,
 * the dashboard, reading an event — and fails for any that touches a distributed table without an
 * equality on its shard key. The check reads the SQL text: each reference to a distributed table
 * (`FROM`/`JOIN`/`UPDATE`/`INTO` table [alias]) needs `alias.key = …` (or `… = alias.key`, a
 * colocated join), a bare `key = …` when it has no alias, or the key in an INSERT's column list.
 */
const SHARD_KEYS: Record<string, string> = {
  venues: 'organization_id',
  events: 'organization_id',
  event_sessions: 'organization_id',
  event_speakers: 'organization_id',
  event_co_hosts: 'organization_id',
  registrations: 'organization_id',
  check_ins: 'organization_id',
  certificates: 'organization_id',
  event_surveys: 'organization_id',
  survey_invitations: 'organization_id',
  survey_responses: 'organization_id',
  mentoring_requests: 'organization_id',
  event_messages: 'organization_id',
  bookings: 'mentor_id',
};

/**
 * Hot-path statements that cannot name one shard, each with why. Matched (case-insensitive) on the
 * statement with its whitespace collapsed. docs/operations.md ("Path to Citus") lists them too.
 */
const EXEMPT: { why: string; sql: RegExp }[] = [
  // Locators: the URL names an event, a registration or a session by id only, so the first statement
  // of the request finds the carrier (on Citus: a lookup by a unique id on every shard, or through a
  // lookup table). Every statement after it names the carrier it found.
  {
    why: 'locator: the event page loads the event by the id in its URL',
    sql: /^select e\.id, e\.organization_id, o\.name as organization_name, .* where e\.id = \$1$/i,
  },
  {
    why: 'locator: registering loads the event (and the user) by the id in its URL',
    sql: /^select e\.id, e\.organization_id, e\.title, .* left join users u on u\.id = \$2 where e\.id = \$1$/i,
  },
  {
    why: 'locator: cancelling loads the registration by the id in its URL',
    sql: /^select id as "id", event_id as "eventid", organization_id as "organizationid", .* from registrations where id = \$1$/i,
  },
  {
    why: 'locator: a check-in is one statement that finds the session by the id in its URL and the ticket by its code',
    sql: /^with s as \( select s\.id, s\.event_id, e\.organization_id, e\.status, s\.starts_at, /i,
  },
  // A person's own rows across carriers or mentors: several shards by nature.
  {
    why: 'cross-carrier: my registrations, at every carrier',
    sql: /from registrations r join events e on e\.id = r\.event_id and e\.organization_id = r\.organization_id where r\.user_id = \$1/i,
  },
  {
    why: "cross-mentor: the founder's open bookings with every mentor (the booking limit) and no-shows with every mentor (the suspension rule), read with the mentor's settings in the booking's one read",
    sql: /^select p\.user_id as "userid", .* as suspended_until from mentor_profiles p join users u on u\.id = p\.user_id cross join lateral \( select count\(\*\)::int as open, .* from bookings o where o\.founder_id = \$3 /i,
  },
  {
    why: "cross-carrier: the founder's open mentoring request, at whichever carrier, matched by the booking's statement (its INSERT names the mentor); cross-mentor: its booking_limits_confirm counts the founder's open bookings with every mentor (the limits' last word), and its guard reads the founder's no-shows with every mentor (the suspension rule)",
    sql: /^with ins as \( insert into bookings \(mentor_id, .* update mentoring_requests set status = 'matched'/i,
  },
];

const KEYWORDS = new Set(
  'where on set join left right inner full cross using group order limit values returning for select union as'.split(
    ' ',
  ),
);

/**
 * The problems of one statement: each distributed table it touches without its shard key. A
 * reference `table [alias]` is pinned by `alias.key = $n` (or `= ANY($n)`, `IN (…)`), by an unaliased
 * `key = $n`, by the key in an INSERT's column list, or by `alias.key = other.key` with another
 * pinned reference (a colocated join).
 */
export function missingShardKeys(sql: string): string[] {
  const text = sql.replace(/\s+/g, ' ').toLowerCase();
  const refs: { table: string; alias?: string; name: string; key: string; pinned: boolean }[] = [];
  const ref = /\b(from|join|update|into)\s+([a-z_][a-z0-9_]*)(?:\s+(?:as\s+)?([a-z_][a-z0-9_]*))?/g;
  for (let m = ref.exec(text); m; m = ref.exec(text)) {
    const [, verb, table, maybeAlias] = m;
    const key = SHARD_KEYS[table];
    if (!key) continue;
    const alias = maybeAlias && !KEYWORDS.has(maybeAlias) ? maybeAlias : undefined;
    const name = alias ?? table;
    const col = alias ? `(?<![\\w.])${name}\\.${key}` : `(?<![\\w.])(?:${name}\\.)?${key}`;
    const param = `(?:\\$\\d+|any\\s*\\(\\s*\\$\\d+)`;
    const pinned =
      new RegExp(`${col}\\s*(?:=\\s*${param}|in\\s*\\()`).test(text) ||
      new RegExp(`\\$\\d+(?:::uuid)?\\s*=\\s*${col}\\b`).test(text) ||
      (verb === 'into' &&
        new RegExp(`into ${table}(?: (?:as )?\\w+)? ?\\([^)]*\\b${key}\\b[^)]*\\)`).test(text));
    refs.push({ table, alias, name, key, pinned });
  }
  // Colocated joins: `a.key = b.key` pins either side once the other is pinned.
  const joins = [...text.matchAll(/([a-z_][a-z0-9_]*)\.([a-z_]+) = ([a-z_][a-z0-9_]*)\.([a-z_]+)/g)]
    .filter(([, , k1, , k2]) => k1 === k2)
    .map(([, a, , b]) => [a, b]);
  for (let changed = true; changed;) {
    changed = false;
    for (const r of refs.filter((x) => !x.pinned)) {
      const other = joins.flatMap(([a, b]) => (a === r.name ? [b] : b === r.name ? [a] : []));
      if (refs.some((x) => x.pinned && other.includes(x.name))) {
        r.pinned = true;
        changed = true;
      }
    }
  }
  return refs
    .filter((r) => !r.pinned)
    .map((r) => `${r.table}${r.alias ? ` ${r.alias}` : ''} without ${r.key}`);
}

describe('hot-path statements name their shard key', () => {
  let t: TestApp;
  const sent: string[] = [];
  let recording = false;
  const original = Client.prototype.query;

  beforeAll(async () => {
    t = await startTestApp();
    // Every pg client of the app (TypeORM's pool) is a Client: record what it sends while recording.
    Client.prototype.query = function (this: Client, ...args: unknown[]) {
      const first = args[0] as string | { text?: string };
      const text = typeof first === 'string' ? first : first?.text;
      if (recording && text) sent.push(text);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof Client.prototype.query;
  });
  afterAll(async () => {
    Client.prototype.query = original;
    await t?.close();
  });

  it('knows a statement with and without the key', () => {
    expect(missingShardKeys(`SELECT * FROM events e WHERE e.id = $1`)).toEqual([
      'events e without organization_id',
    ]);
    expect(missingShardKeys(`SELECT * FROM events e WHERE e.id = $1 AND e.organization_id = $2`)).toEqual([]);
    expect(
      missingShardKeys(
        `SELECT 1 FROM registrations r JOIN events e ON e.id = r.event_id AND e.organization_id = r.organization_id WHERE r.organization_id = $1`,
      ),
    ).toEqual([]);
    expect(
      missingShardKeys(
        `SELECT 1 FROM events e JOIN organizations o ON o.id = e.organization_id WHERE e.id = $1`,
      ),
    ).toEqual(['events e without organization_id']);
    expect(
      missingShardKeys(
        `SELECT 1 FROM events e JOIN event_sessions s ON s.event_id = e.id AND s.organization_id = e.organization_id WHERE e.id = $1`,
      ),
    ).toEqual(['events e without organization_id', 'event_sessions s without organization_id']);
    expect(missingShardKeys(`UPDATE check_ins SET n = 1 WHERE id = $1`)).toEqual([
      'check_ins without organization_id',
    ]);
    expect(missingShardKeys(`INSERT INTO check_ins (id, organization_id) VALUES ($1, $2)`)).toEqual([]);
    expect(missingShardKeys(`SELECT * FROM bookings b WHERE b.founder_id = $1`)).toEqual([
      'bookings b without mentor_id',
    ]);
  });

  it('registering, cancelling, checking in, booking, the dashboard and an event page stay on one shard', async () => {
    const c = await setUpCarrier(t);
    const event = await publishedEvent(t, c, { capacity: 10, sessions: doorSessions() });
    const founder = await signup(t);
    const other = await signup(t);
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const year = new Date(Date.parse(event.sessions[0].startsAt) + 8 * 3600_000).getUTCFullYear();

    recording = true;
    await t.http.get(`/api/events/${event.id}`).set(founder.auth).expect(200);
    const reg = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(201);
    const gone = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(other.auth)
      .send({})
      .expect(201);
    await t.http.get('/api/me/registrations').set(founder.auth).expect(200);
    await t.http.post(`/api/registrations/${gone.body.id}/cancel`).set(other.auth).expect(200);
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.body.ticketCode })
      .expect(201);
    await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(founder.auth)
      .send({ startsAt: slot.startsAt, topic: '融资路演材料怎么准备' })
      .expect(201);
    await t.http
      .get('/api/dashboard')
      .query({ year, organizationId: c.organizationId })
      .set(c.organizer.auth)
      .expect(200);
    recording = false;

    const touching = [...new Set(sent.map((s) => s.replace(/\s+/g, ' ').trim()))].filter((s) =>
      Object.keys(SHARD_KEYS).some((table) => new RegExp(`\\b${table}\\b`, 'i').test(s)),
    );
    const exempt = EXEMPT.map((e) => ({ ...e, seen: touching.filter((s) => e.sql.test(s)).length }));
    const unpinned = touching
      .filter((s) => !EXEMPT.some((e) => e.sql.test(s)))
      .map((s) => ({ problems: missingShardKeys(s), sql: s }))
      .filter((s) => s.problems.length > 0);
    process.stdout.write(
      `hot paths: ${touching.length} distinct statements on distributed tables, ` +
        `${exempt.reduce((n, e) => n + e.seen, 0)} exempt (${EXEMPT.length} reasons), ${unpinned.length} without their shard key\n`,
    );
    expect(unpinned.map((u) => `${u.problems.join(', ')}: ${u.sql.slice(-300)}`)).toEqual([]);
    // Each exemption still describes a statement the hot paths send (else it is stale: remove it).
    expect(exempt.filter((e) => e.seen === 0).map((e) => e.why)).toEqual([]);
  });
});
