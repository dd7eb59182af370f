import { bulkFounders, makeMentor, slotsOf } from '../api/mentors-helpers';
import { doorSessions, publishedEvent, setUpCarrier } from './events';
import type { FuzzIds } from './openapi-arbitraries';
import type { OpenApiDocument } from './openapi-schema-check';
import { grantRole, signup, type SignedUp, type TestApp } from './test-app';

/**
 * A small world for request fuzzing: callers of every kind with real tokens, and real ids of every
 * resource a path or a body can name, so generated requests get past the guard and 404s to the
 * validation and services behind them.
 */
export interface FuzzWorld {
  doc: OpenApiDocument;
  actors: { admin: SignedUp; organizer: SignedUp; founder: SignedUp; mentor: SignedUp };
  /** Users whose roles and memberships requests may change: never one of the actors above. */
  victims: SignedUp[];
  ids: FuzzIds;
  /** A token nobody else uses, for requests that end their session (logout). */
  disposableToken(): Promise<string>;
}

export async function fuzzWorld(t: TestApp): Promise<FuzzWorld> {
  const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
  const carrier = await setUpCarrier(t);
  const other = await setUpCarrier(t, carrier.admin);
  const { admin, organizer } = carrier;
  // The admin is also a mentor, so one caller reaches every route (mentor routes included).
  await grantRole(t, admin.id, 'mentor');
  const founder = await signup(t, { displayName: '模糊测试创业者' });
  const mentor = await makeMentor(t);
  const victims = await bulkFounders(t, 6);

  const venue = await t.http
    .post(`/api/organizations/${carrier.organizationId}/venues`)
    .set(admin.auth)
    .send({ name: '路演厅', capacity: 80 })
    .expect(201);
  const open = await publishedEvent(t, carrier, { sessions: doorSessions() });
  const approval = await publishedEvent(t, carrier, {
    approvalRequired: true,
    questions: [
      { label: '公司名称', kind: 'short_text', required: true },
      { label: '需求', kind: 'multiple_choice', options: ['融资', '财税'] },
    ],
  });
  const draft = await t.http
    .post('/api/events')
    .set(organizer.auth)
    .send({
      organizationId: other.organizationId,
      type: 'training',
      title: '草稿活动',
      description: '未发布',
      capacity: 10,
      approvalRequired: false,
      waitlistEnabled: false,
      sessions: open.sessions.map((s) => ({ startsAt: s.startsAt, endsAt: s.endsAt })),
    });
  const registrants = [founder, ...(await bulkFounders(t, 4))];
  const registrations: { id: string; ticketCode?: string }[] = [];
  for (const r of registrants) {
    const a = await t.http.post(`/api/events/${open.id}/registrations`).set(r.auth).send({}).expect(201);
    registrations.push(a.body);
    const [company, needs] = approval.questions;
    const b = await t.http
      .post(`/api/events/${approval.id}/registrations`)
      .set(r.auth)
      .send({ answers: { [company.id]: '衡阳智造', [needs.id]: ['融资'] } })
      .expect(201);
    registrations.push(b.body);
  }
  const checkIn = await t.http
    .post(`/api/sessions/${open.sessions[0].id}/check-ins`)
    .set(organizer.auth)
    .send({ registrationId: registrations[0].id })
    .expect(201);
  const [slot] = await slotsOf(t, mentor.id);
  const booking = await t.http
    .post(`/api/mentors/${mentor.id}/bookings`)
    .set(founder.auth)
    .send({ startsAt: slot.startsAt, topic: '天使轮估值' })
    .expect(201);
  const company = await t.http
    .patch('/api/me')
    .set(founder.auth)
    .send({ company: { name: '模糊测试科技', stage: 'idea', incubatorId: carrier.organizationId } })
    .expect(200);
  // Past sessions of the founder with the mentor at the carrier: one marked a no-show (to contest),
  // one contested (to decide).
  const marked: { id: string }[] = await t.db.query(
    `INSERT INTO bookings (mentor_id, founder_id, organization_id, starts_at, ends_at, status, topic, time_zone,
                           marked_at, contest_reason, contested_at, no_show_excused)
     SELECT $1, $2, $3, now() - k * interval '1 day', now() - k * interval '1 day' + interval '1 hour', 'no_show',
            '商业模式', 'UTC', now(), CASE WHEN k = 2 THEN '我到了' END, CASE WHEN k = 2 THEN now() END, true
       FROM generate_series(1, 2) AS k RETURNING id`,
    [mentor.id, founder.id, carrier.organizationId],
  );
  const serials: { serial: string }[] = await t.db
    .query(`SELECT serial FROM certificates LIMIT 5`)
    .catch(() => []);

  const orgIds = [carrier.organizationId, other.organizationId];
  const eventIds = [open.id, approval.id, ...(draft.status === 201 ? [draft.body.id as string] : [])];
  const sessionIds = [...open.sessions, ...approval.sessions].map((s) => s.id);
  const registrationIds = registrations.map((r) => r.id);
  const victimIds = victims.map((v) => v.id);
  const byPrefix: [RegExp, string[]][] = [
    [/^\/api\/organizations\//, orgIds],
    [/^\/api\/events\//, eventIds],
    [/^\/api\/registrations\//, registrationIds],
    [/^\/api\/check-ins\//, [checkIn.body.id]],
    [/^\/api\/mentors\//, [mentor.id, admin.id]],
    [/^\/api\/bookings\//, [booking.body.id, ...marked.map((b) => b.id)]],
    [/^\/api\/founders\//, [founder.id, ...victimIds]],
    [/^\/api\/users\//, victimIds],
    [/^\/api\/companies\//, [company.body.company.id as string]],
  ];
  const byName: Record<string, string[]> = {
    userId: victimIds,
    sessionId: sessionIds,
    serial: serials.map((s) => s.serial),
    role: ['mentor', 'organizer', 'admin'],
    year: ['2026', '2025'],
    organizationId: orgIds,
    parentId: orgIds,
    incubatorId: orgIds,
    venueId: [venue.body.id],
    registrationId: registrationIds,
    eventId: eventIds,
    ticketCode: registrations.map((r) => r.ticketCode).filter((c): c is string => !!c),
    question: approval.questions.map((q) => q.id),
  };
  const ids: FuzzIds = (path, name) => {
    if (name === 'id') return byPrefix.find(([re]) => re.test(path))?.[1] ?? [];
    return byName[name] ?? [];
  };

  let spare: SignedUp[] = [];
  const disposableToken = async () => {
    if (!spare.length) spare = await bulkFounders(t, 50);
    return spare.pop()!.token;
  };
  return { doc, actors: { admin, organizer, founder, mentor }, victims, ids, disposableToken };
}
