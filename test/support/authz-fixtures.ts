import { randomUUID } from 'node:crypto';
import type { EventView, SlotView } from '@wutong/shared';
import { OPEN_ALL_DAY } from '../api/mentors-helpers';
import { doorSessions, eventBody, sessions } from './events';
import { email, grantRole, manyFounders, type SignedUp, type TestApp } from './test-app';

export const ACTORS = [
  'anonymous',
  'founder',
  'founder2',
  'mentor',
  'organizerA',
  'organizerB',
  'admin',
  'doorStaffA',
] as const;
export type Actor = (typeof ACTORS)[number];
export type SignedInActor = Exclude<Actor, 'anonymous'>;
export type Side = 'A' | 'B';

export const PASSWORD = 'Correct-Horse-9';
const HOUR = 3600_000;
const DAY = 24 * HOUR;

interface EventRef {
  id: string;
  sessionId: string;
  title: string;
}

/**
 * The world the matrix runs in, built once. Side A: carrier A (organizerA), the founder, the mentor
 * (published office hours), doorStaffA (door staff of carrier A). Side B: carrier B (organizerB),
 * founder2, mentor2 (unpublished). So "own" and "someone else's" are A and B, whichever actor asks.
 */
export interface Fixtures {
  t: TestApp;
  users: Record<SignedInActor, SignedUp>;
  mentor2: SignedUp;
  carriers: Record<Side, string>;
  events: Record<'pubA' | 'draftA' | 'pubB' | 'draftB', EventRef>;
  /** Published events with a session running now: self check-in. */
  live: Record<Side, EventRef>;
  /** The founder's confirmed registration on pubA; founder2's on pubB. */
  regs: Record<Side, string>;
  /** Registrations with attendance on past events (certificates): the founder's on A, founder2's on B. */
  certRegs: Record<Side, string>;
  serials: Record<Side, string>;
  /** The verification codes of those certificates (what their QR carries). */
  certificateCodes: Record<Side, string>;
  /** Future confirmed bookings: founder with mentor (A), founder2 with mentor2 (B). */
  bookings: Record<Side, string>;
  /** The founder's company (incubated by carrier A), founder2's (carrier B); each founder owns theirs. */
  companies: Record<Side, string>;
  /** Open contests of no-show marks: the founder's at carrier A, founder2's at carrier B. */
  contests: Record<Side, string>;
  /** Users whose roles the admin grants and removes (never an actor: removing a role ends sessions). */
  roleTargets: Record<Side, string>;
  /** Someone an admin adds to a carrier. */
  memberCandidate: string;
  /** Someone to sign in as (login route). */
  loginUser: SignedUp;
  /** Free slots of the mentor, handed out one per booking request. */
  slots: SlotView[];
  side(actor: Actor): Side | null;
  organizer(side: Side): SignedUp;
  founderOf(side: Side): SignedUp;
  mentorOf(side: Side): SignedUp;
  /** A new event of the carrier, a copy of its published event or its draft. */
  freshEvent(side: Side, opts?: { draft?: boolean; approvalRequired?: boolean }): Promise<EventRef>;
  /** A new registration of the side's founder, on a new event of the side's carrier (written in SQL). */
  freshRegistration(side: Side, status: 'confirmed' | 'pending_approval'): Promise<string>;
  /**
   * A new booking between the side's founder and mentor at the side's carrier: upcoming (confirmed, or
   * a request waiting for the mentor), started (with a coaching record holding the founder's action
   * `a1`, when `recorded`)
   * (30 minutes ago), completed, marked a no-show, or a no-show its founder contested.
   */
  freshBooking(side: Side, state: BookingState): Promise<string>;
  /** A new walk-in check-in on the side's published event. */
  freshCheckIn(side: Side): Promise<string>;
  /** A new certificate (serial) of someone who attended the side's past event. */
  freshCertificate(side: Side): Promise<string>;
  /** A new member of the side's carrier (for removal). */
  freshMember(side: Side): Promise<string>;
  /** A new session token of the actor (for routes that end sessions). */
  freshToken(actor: SignedInActor): Promise<string>;
  /**
   * The side's founder's calendar feed token, asked for once on first use (asking again would end the
   * previous one); the table's `POST /api/me/calendar-token` row runs before the feed's row.
   */
  calendarToken(side: Side): Promise<string>;
  /** A free slot for one booking request. */
  nextSlot(): string;
}

type BookingState = 'future' | 'requested' | 'started' | 'recorded' | 'completed' | 'no_show' | 'contested';

const ref = (e: EventView): EventRef => ({ id: e.id, sessionId: e.sessions[0].id, title: e.title });

export async function buildFixtures(t: TestApp): Promise<Fixtures> {
  // Everyone at once with one password hash (all sign in with PASSWORD), not one argon2 hash each.
  const [
    admin,
    organizerA,
    organizerB,
    founder,
    founder2,
    mentor,
    mentor2,
    loginUser,
    roleA,
    roleB,
    candidate,
    doorStaffA,
  ] = await manyFounders(t, 12, 'authz');
  await grantRole(t, admin.id, 'admin');
  const carrierOf = async (who: SignedUp, name: string): Promise<string> => {
    const org = await t.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: `${name} ${randomUUID().slice(0, 8)}`, kind: 'incubator' })
      .expect(201);
    await t.http
      .post(`/api/organizations/${org.body.id}/members`)
      .set(admin.auth)
      .send({ userId: who.id })
      .expect(201);
    return org.body.id;
  };
  const carriers = {
    A: await carrierOf(organizerA, '甲孵化器'),
    B: await carrierOf(organizerB, '乙众创空间'),
  };
  // Door staff of carrier A (issue 18): its doors only, named by its organizer.
  await t.http
    .post(`/api/organizations/${carriers.A}/door-staff`)
    .set(organizerA.auth)
    .send({ userId: doorStaffA.id })
    .expect(200);
  const users: Record<SignedInActor, SignedUp> = {
    founder,
    founder2,
    mentor,
    organizerA,
    organizerB,
    admin,
    doorStaffA,
  };
  const organizer = (side: Side) => (side === 'A' ? organizerA : organizerB);
  const founderOf = (side: Side) => (side === 'A' ? founder : founder2);
  const mentorOf = (side: Side) => (side === 'A' ? mentor : mentor2);

  // Mentors: the mentor publishes office hours open all day; mentor2 keeps an unpublished profile.
  for (const [m, published] of [
    [mentor, true],
    [mentor2, false],
  ] as const) {
    await grantRole(t, m.id, 'mentor');
    await t.http
      .put('/api/me/mentor-profile')
      .set(m.auth)
      .send({ category: 'investor', affiliation: '湘江创投', expertise: ['financing'], published })
      .expect(200);
    await t.http.put('/api/me/availability').set(m.auth).send(OPEN_ALL_DAY).expect(200);
  }
  const from = new Date(Date.now() + 2 * HOUR);
  const slots: SlotView[] = (
    await t.http
      .get(`/api/mentors/${mentor.id}/slots`)
      .query({ from: from.toISOString(), to: new Date(from.getTime() + 7 * DAY).toISOString() })
      .expect(200)
  ).body;
  let slot = 0;

  let titles = 0;
  const createEvent = async (
    side: Side,
    opts: { draft?: boolean; approvalRequired?: boolean; when?: { startsAt: string; endsAt: string }[] } = {},
  ): Promise<EventRef> => {
    const org = organizer(side);
    const created = await t.http
      .post('/api/events')
      .set(org.auth)
      .send(
        eventBody(carriers[side], {
          title: `权限矩阵活动 ${side}-${titles++}`,
          approvalRequired: opts.approvalRequired ?? false,
          ...(opts.when && { sessions: opts.when }),
        }),
      )
      .expect(201);
    if (opts.draft) return ref(created.body);
    const published = await t.http.post(`/api/events/${created.body.id}/publish`).set(org.auth).expect(200);
    return ref(published.body);
  };

  // The published events start within the day, so their doors are open (check-in routes answer 201).
  const events = {
    pubA: await createEvent('A', { when: doorSessions() }),
    draftA: await createEvent('A', { draft: true }),
    pubB: await createEvent('B', { when: doorSessions() }),
    draftB: await createEvent('B', { draft: true }),
  };

  /**
   * Routes that change an event (publish, cancel, registrations to cancel or decide) each get their
   * own: a copy of the carrier's published event or draft, made in SQL (the API made the originals).
   */
  const freshEvent = async (
    side: Side,
    opts: { draft?: boolean; approvalRequired?: boolean } = {},
  ): Promise<EventRef> => {
    const template = events[`${opts.draft ? 'draft' : 'pub'}${side}`];
    const [copy]: { id: string; title: string }[] = await t.db.query(
      `INSERT INTO events
       SELECT (jsonb_populate_record(NULL::events, to_jsonb(e) || jsonb_build_object(
                 'id', gen_random_uuid(), 'seats_taken', 0, 'approval_required', $2::boolean,
                 'title', e.title || ' ' || $3))).*
         FROM events e WHERE e.id = $1 RETURNING id, title`,
      [template.id, opts.approvalRequired ?? false, String(titles++)],
    );
    const [session]: { id: string }[] = await t.db.query(
      `INSERT INTO event_sessions
       SELECT (jsonb_populate_record(NULL::event_sessions, to_jsonb(s) || jsonb_build_object(
                 'id', gen_random_uuid(), 'event_id', $2::uuid))).*
         FROM event_sessions s WHERE s.event_id = $1 RETURNING id`,
      [template.id, copy.id],
    );
    return { id: copy.id, sessionId: session.id, title: copy.title };
  };
  const now = Date.now();
  const liveWhen = [
    { startsAt: new Date(now - 10 * 60_000).toISOString(), endsAt: new Date(now + 2 * HOUR).toISOString() },
  ];
  const live = {
    A: await createEvent('A', { when: liveWhen }),
    B: await createEvent('B', { when: liveWhen }),
  };

  const companyOf = async (who: SignedUp, side: Side): Promise<string> =>
    (
      await t.http
        .patch('/api/me')
        .set(who.auth)
        .send({
          company: { name: `矩阵公司 ${side} ${randomUUID().slice(0, 8)}`, incubatorId: carriers[side] },
        })
        .expect(200)
    ).body.company.id;
  const companies = { A: await companyOf(founder, 'A'), B: await companyOf(founder2, 'B') };

  const register = async (who: SignedUp, eventId: string): Promise<string> =>
    (await t.http.post(`/api/events/${eventId}/registrations`).set(who.auth).send({}).expect(201)).body.id;
  const regs = { A: await register(founder, events.pubA.id), B: await register(founder2, events.pubB.id) };

  /** A confirmed registration written directly (past or running events take no new registrations). */
  const insertRegistration = async (
    userId: string,
    eventId: string,
  ): Promise<{ id: string; ticket: string }> => {
    const ticket = `AUTHZ-${randomUUID()}`;
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, confirmed_at)
       SELECT e.id, e.organization_id, $2, 'confirmed', $3, now() FROM events e WHERE e.id = $1 RETURNING id`,
      [eventId, userId, ticket],
    );
    await t.db.query(`UPDATE events SET seats_taken = seats_taken + 1 WHERE id = $1`, [eventId]);
    return { id: row.id, ticket };
  };
  await insertRegistration(founder.id, live.A.id);
  await insertRegistration(founder2.id, live.B.id);

  // Past events with attendance: certificates.
  const pastWhen = sessions(1, -10);
  const past = {
    A: await createEvent('A', { when: pastWhen }),
    B: await createEvent('B', { when: pastWhen }),
  };
  const certRegs = {} as Record<Side, string>;
  for (const side of ['A', 'B'] as const) {
    const reg = await insertRegistration(founderOf(side).id, past[side].id);
    await t.http
      .post(`/api/sessions/${past[side].sessionId}/check-ins`)
      .set(organizer(side).auth)
      .send({ ticketCode: reg.ticket })
      .expect(201);
    certRegs[side] = reg.id;
  }

  // Bookings written directly: started and past ones cannot be booked through the API. Each belongs
  // to its side's carrier, whose organizers judge its no-shows.
  let bookingSlot = 0;
  const freshBooking = async (side: Side, state: BookingState): Promise<string> => {
    const k = bookingSlot++;
    // Far from the slots handed out to booking requests (the next 7 days), one hour apart.
    const startsAt =
      state === 'future' || state === 'requested'
        ? Date.now() + 30 * DAY + k * HOUR
        : Date.now() - 30 * 60_000 - k * HOUR;
    const marked = state === 'no_show' || state === 'contested';
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone,
                             marked_at, contest_reason, contested_at, request_expires_at,
                             record_summary, recorded_at, record_actions)
       VALUES ($1, $2, $3, $4, $5, $6, '融资辅导', 'UTC', $7, $8, $9,
               CASE WHEN $6 = 'requested' THEN now() + interval '2 days' END,
               CASE WHEN $10 THEN '梳理了融资思路' END, CASE WHEN $10 THEN now() END,
               CASE WHEN $10 THEN '[{"id":"a1","text":"整理财务数据","owner":"founder","due":null,"doneAt":null}]'::jsonb
                    ELSE '[]'::jsonb END) RETURNING id`,
      [
        mentorOf(side).id,
        founderOf(side).id,
        carriers[side],
        new Date(startsAt).toISOString(),
        new Date(startsAt + 45 * 60_000).toISOString(),
        state === 'completed'
          ? 'completed'
          : marked
            ? 'no_show'
            : state === 'requested'
              ? 'requested'
              : 'confirmed',
        marked ? new Date().toISOString() : null,
        state === 'contested' ? '我准时到了' : null,
        state === 'contested' ? new Date().toISOString() : null,
        state === 'recorded',
      ],
    );
    return row.id;
  };
  const bookings = { A: await freshBooking('A', 'future'), B: await freshBooking('B', 'future') };
  const contests = { A: await freshBooking('A', 'contested'), B: await freshBooking('B', 'contested') };
  // Marked sessions must not suspend the founders for the rows that book.
  await t.db.query(`UPDATE bookings SET no_show_excused = true WHERE status = 'no_show'`);

  let walkIns = 0;
  const freshCheckIn = async (side: Side): Promise<string> => {
    const res = await t.http
      .post(`/api/sessions/${events[side === 'A' ? 'pubA' : 'pubB'].sessionId}/check-ins`)
      .set(organizer(side).auth)
      .send({ walkIn: { name: `散客 ${walkIns++}` } })
      .expect(201);
    return res.body.checkIn.id;
  };

  /** Issues the certificate of a registration the way the PDF route does, without rendering a PDF. */
  const issue = async (side: Side, registrationId: string): Promise<string> => {
    const [cert]: { serial: string }[] = await t.db.query(
      `INSERT INTO certificates (organization_id, event_id, registration_id, serial, holder_name, hours, verify_code)
       SELECT e.organization_id, e.id, $2,
              'WT-' || to_char(now(), 'YYYY') || '-' || lpad(nextval('certificate_serial_seq')::text, 6, '0'), '结业学员', 2,
              replace(gen_random_uuid()::text, '-', '')
         FROM events e WHERE e.id = $1 RETURNING serial`,
      [past[side].id, registrationId],
    );
    return cert.serial;
  };
  const serials = { A: await issue('A', certRegs.A), B: await issue('B', certRegs.B) };
  const codeOf = async (serial: string): Promise<string> =>
    (
      (await t.db.query(`SELECT verify_code FROM certificates WHERE serial = $1`, [serial])) as {
        verify_code: string;
      }[]
    )[0].verify_code;
  const certificateCodes = { A: await codeOf(serials.A), B: await codeOf(serials.B) };
  let holders = 0;
  const freshCertificate = async (side: Side): Promise<string> => {
    const [user]: { id: string }[] = await t.db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'not-a-hash', $2) RETURNING id`,
      [email('holder'), `结业学员 ${holders++}`],
    );
    return issue(side, (await insertRegistration(user.id, past[side].id)).id);
  };

  const freshMember = async (side: Side): Promise<string> => {
    const [user]: { id: string }[] = await t.db.query(
      `INSERT INTO users (email, password_hash, display_name) VALUES ($1, 'not-a-hash', '临时运营') RETURNING id`,
      [email('member')],
    );
    await t.db.query(`INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2)`, [
      carriers[side],
      user.id,
    ]);
    return user.id;
  };

  const freshRegistration = async (side: Side, status: 'confirmed' | 'pending_approval'): Promise<string> => {
    const event = await freshEvent(side, { approvalRequired: status === 'pending_approval' });
    if (status === 'confirmed') return (await insertRegistration(founderOf(side).id, event.id)).id;
    const [row]: { id: string }[] = await t.db.query(
      `INSERT INTO registrations (event_id, organization_id, user_id, status)
       SELECT e.id, e.organization_id, $2, 'pending_approval' FROM events e WHERE e.id = $1 RETURNING id`,
      [event.id, founderOf(side).id],
    );
    return row.id;
  };

  const freshToken = async (actor: SignedInActor): Promise<string> => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: users[actor].email, password: PASSWORD })
      .expect(200);
    return res.body.accessToken;
  };

  const feedTokens: Partial<Record<Side, Promise<string>>> = {};
  const calendarToken = (side: Side): Promise<string> =>
    (feedTokens[side] ??= t.http
      .post('/api/me/calendar-token')
      .set(founderOf(side).auth)
      .expect(200)
      .then((res) => new URL(res.body.url).searchParams.get('token')!));

  const sides: Partial<Record<Actor, Side>> = {
    founder: 'A',
    mentor: 'A',
    organizerA: 'A',
    founder2: 'B',
    organizerB: 'B',
  };

  return {
    t,
    users,
    mentor2,
    carriers,
    events,
    live,
    regs,
    certRegs,
    serials,
    certificateCodes,
    bookings,
    companies,
    contests,
    roleTargets: { A: roleA.id, B: roleB.id },
    memberCandidate: candidate.id,
    loginUser,
    slots,
    side: (actor) => sides[actor] ?? null,
    organizer,
    founderOf,
    mentorOf,
    freshEvent,
    freshRegistration,
    freshBooking,
    freshCheckIn,
    freshCertificate,
    freshMember,
    freshToken,
    calendarToken,
    nextSlot: () => {
      if (slot >= slots.length) throw new Error('the mentor has no free slot left for the matrix');
      return slots[slot++].startsAt;
    },
  };
}
