import ICAL from 'ical.js';
import { publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const outbox = (t: TestApp, userId: string) =>
  t.db.query(
    `SELECT o.template, o.subject, o.attachments FROM outbox_messages o JOIN users u ON u.email = o.recipient
      WHERE u.id = $1 AND o.template NOT IN ('welcome', 'verifyEmail') ORDER BY o.created_at`,
    [userId],
  ) as Promise<
    { template: string; subject: string; attachments: { content: string; contentType: string }[] }[]
  >;

describe('registration: seats, waitlist, approval, questions, cancellation', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
  });
  afterAll(() => t.close());

  it('confirms with an unguessable ticket and mails a zh-CN invite with one VEVENT per session', async () => {
    const event = await publishedEvent(t, c, { sessions: sessions(2) });
    const founder = await signup(t);
    const res = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(201);
    expect(res.body).toMatchObject({ eventId: event.id, status: 'confirmed', waitlistPosition: null });
    expect(Buffer.from(res.body.ticketCode, 'base64url')).toHaveLength(16);
    // Queued as a small row; the outbox worker renders it as it sends it, and keeps what it sent.
    await t.drainOutbox();
    const [mail] = await outbox(t, founder.id);
    expect(mail.template).toBe('registrationConfirmed');
    expect(mail.subject).toContain('报名成功');
    const ics = mail.attachments[0];
    expect(ics.contentType).toContain('method=REQUEST');
    const cal = new ICAL.Component(ICAL.parse(ics.content));
    expect(cal.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('uid'))).toEqual(
      event.sessions.map((s) => `session-${s.id}@wutong`),
    );
    expect(ics.content).toContain('TZID=Asia/Shanghai');
  });

  it('answers a second registration by the same person with the first one (200), even when sent five times at once', async () => {
    const event = await publishedEvent(t, c, { capacity: 3 });
    const founder = await signup(t);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        t.http.post(`/api/events/${event.id}/registrations`).set(founder.auth).send({}),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const [row] = await t.db.query(`SELECT seats_taken FROM events WHERE id = $1`, [event.id]);
    expect(row.seats_taken).toBe(1);
  });

  it('waitlists when full and refuses with 409 EVENT_FULL when the waitlist is off', async () => {
    const withList = await publishedEvent(t, c, { capacity: 1, waitlistEnabled: true });
    const without = await publishedEvent(t, c, { capacity: 1, waitlistEnabled: false });
    const [a, b, d] = [await signup(t), await signup(t), await signup(t)];
    await t.http.post(`/api/events/${withList.id}/registrations`).set(a.auth).send({}).expect(201);
    const second = await t.http
      .post(`/api/events/${withList.id}/registrations`)
      .set(b.auth)
      .send({})
      .expect(201);
    expect(second.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1, ticketCode: null });
    const third = await t.http
      .post(`/api/events/${withList.id}/registrations`)
      .set(d.auth)
      .send({})
      .expect(201);
    expect(third.body.waitlistPosition).toBe(2);
    expect((await outbox(t, d.id)).map((m) => m.template)).toEqual(['registrationWaitlisted']);

    await t.http.post(`/api/events/${without.id}/registrations`).set(a.auth).send({}).expect(201);
    const full = await t.http
      .post(`/api/events/${without.id}/registrations`)
      .set(b.auth)
      .send({})
      .expect(409);
    expect(full.body.code).toBe('EVENT_FULL');
    // The one already registered still gets their registration back.
    await t.http.post(`/api/events/${without.id}/registrations`).set(a.auth).send({}).expect(200);
  });

  it('frees the seat on cancellation and promotes the head of the waitlist, moving the others up', async () => {
    const event = await publishedEvent(t, c, { capacity: 1, waitlistEnabled: true });
    const [a, b, d] = [await signup(t), await signup(t), await signup(t)];
    const first = await t.http.post(`/api/events/${event.id}/registrations`).set(a.auth).send({}).expect(201);
    const bReg = await t.http.post(`/api/events/${event.id}/registrations`).set(b.auth).send({}).expect(201);
    const dReg = await t.http.post(`/api/events/${event.id}/registrations`).set(d.auth).send({}).expect(201);
    // Someone else cannot cancel it (404, as if it did not exist); the owner can.
    await t.http.post(`/api/registrations/${first.body.id}/cancel`).set(b.auth).expect(404);
    const cancelled = await t.http.post(`/api/registrations/${first.body.id}/cancel`).set(a.auth).expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', ticketCode: null });
    const mine = await t.http.get('/api/me/registrations').set(b.auth).expect(200);
    expect(mine.body[0]).toMatchObject({
      id: bReg.body.id,
      status: 'confirmed',
      event: { id: event.id, seatsTaken: 1 },
    });
    expect(mine.body[0].ticketCode).toBeTruthy();
    expect((await outbox(t, b.id)).map((m) => m.template)).toEqual([
      'registrationWaitlisted',
      'registrationPromoted',
    ]);
    const dView = await t.http.get(`/api/events/${event.id}`).set(d.auth).expect(200);
    expect(dView.body.myRegistration).toMatchObject({
      id: dReg.body.id,
      status: 'waitlisted',
      waitlistPosition: 1,
    });
    expect(dView.body.waitlistCount).toBe(1);
    // Registering again after cancelling takes the same rules: now at the end of the waitlist.
    const again = await t.http.post(`/api/events/${event.id}/registrations`).set(a.auth).send({}).expect(200);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'waitlisted', waitlistPosition: 2 });
  });

  it('lets an organizer cancel a registration; a founder of another event cannot see it', async () => {
    const event = await publishedEvent(t, c, { capacity: 5 });
    const a = await signup(t);
    const reg = await t.http.post(`/api/events/${event.id}/registrations`).set(a.auth).send({}).expect(201);
    await t.http.post(`/api/registrations/${reg.body.id}/cancel`).set(other.organizer.auth).expect(404);
    await t.http.post(`/api/registrations/${reg.body.id}/cancel`).set(c.organizer.auth).expect(200);
    const [row] = await t.db.query(`SELECT seats_taken FROM events WHERE id = $1`, [event.id]);
    expect(row.seats_taken).toBe(0);
  });

  it('runs the approval flow: pending, approve takes a seat (409 EVENT_FULL when none), reject frees nothing', async () => {
    const event = await publishedEvent(t, c, {
      type: 'roadshow',
      capacity: 1,
      approvalRequired: true,
      waitlistEnabled: false,
    });
    const [a, b, d] = [await signup(t), await signup(t), await signup(t)];
    const ra = await t.http.post(`/api/events/${event.id}/registrations`).set(a.auth).send({}).expect(201);
    const rb = await t.http.post(`/api/events/${event.id}/registrations`).set(b.auth).send({}).expect(201);
    const rd = await t.http.post(`/api/events/${event.id}/registrations`).set(d.auth).send({}).expect(201);
    expect(ra.body).toMatchObject({ status: 'pending_approval', ticketCode: null });

    await t.http.post(`/api/registrations/${ra.body.id}/approve`).set(a.auth).expect(404);
    await t.http.post(`/api/registrations/${ra.body.id}/approve`).set(other.organizer.auth).expect(404);
    const approved = await t.http
      .post(`/api/registrations/${ra.body.id}/approve`)
      .set(c.organizer.auth)
      .expect(200);
    expect(approved.body.status).toBe('confirmed');
    expect(approved.body.ticketCode).toBeTruthy();
    const full = await t.http
      .post(`/api/registrations/${rb.body.id}/approve`)
      .set(c.organizer.auth)
      .expect(409);
    expect(full.body.code).toBe('EVENT_FULL');
    const rejected = await t.http
      .post(`/api/registrations/${rd.body.id}/reject`)
      .set(c.organizer.auth)
      .expect(200);
    expect(rejected.body.status).toBe('rejected');
    const twice = await t.http
      .post(`/api/registrations/${rd.body.id}/approve`)
      .set(c.organizer.auth)
      .expect(409);
    expect(twice.body.code).toBe('REGISTRATION_NOT_PENDING');
    const [row] = await t.db.query(`SELECT seats_taken FROM events WHERE id = $1`, [event.id]);
    expect(row.seats_taken).toBe(1);
    expect((await outbox(t, a.id)).map((m) => m.template)).toEqual([
      'registrationPending',
      'registrationApproved',
    ]);
    expect((await outbox(t, d.id)).map((m) => m.template)).toEqual([
      'registrationPending',
      'registrationRejected',
    ]);
  });

  it('refuses capacity below the seats taken and promotes as many as fit when it rises', async () => {
    const event = await publishedEvent(t, c, { capacity: 2, waitlistEnabled: true });
    const people = [await signup(t), await signup(t), await signup(t), await signup(t), await signup(t)];
    for (const p of people)
      await t.http.post(`/api/events/${event.id}/registrations`).set(p.auth).send({}).expect(201);
    const low = await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ capacity: 1 })
      .expect(409);
    expect(low.body.code).toBe('CAPACITY_BELOW_TAKEN');
    const raised = await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ capacity: 4 })
      .expect(200);
    expect(raised.body).toMatchObject({ capacity: 4, seatsTaken: 4, waitlistCount: 1 });
    const list = await t.http.get(`/api/events/${event.id}/registrations`).set(c.organizer.auth).expect(200);
    expect(list.body.map((r: { user: { id: string }; status: string }) => [r.user.id, r.status])).toEqual([
      [people[0].id, 'confirmed'],
      [people[1].id, 'confirmed'],
      [people[2].id, 'confirmed'],
      [people[3].id, 'confirmed'],
      [people[4].id, 'waitlisted'],
    ]);
  });

  it('opens and closes registration with its window and refuses cancelled events (409 REGISTRATION_CLOSED) and drafts (404)', async () => {
    const soon = new Date(Date.now() + 86400_000).toISOString();
    const notYet = await publishedEvent(t, c, { registrationOpensAt: soon });
    const over = await publishedEvent(t, c, {
      registrationOpensAt: new Date(Date.now() - 2 * 86400_000).toISOString(),
      registrationClosesAt: new Date(Date.now() - 86400_000).toISOString(),
    });
    const draft = await t.http
      .post('/api/events')
      .set(c.organizer.auth)
      .send({ ...(await import('../support/events')).eventBody(c.organizationId) })
      .expect(201);
    const cancelled = await publishedEvent(t, c);
    await t.http.post(`/api/events/${cancelled.id}/cancel`).set(c.organizer.auth).expect(200);
    const founder = await signup(t);
    for (const id of [notYet.id, over.id, cancelled.id]) {
      const res = await t.http.post(`/api/events/${id}/registrations`).set(founder.auth).send({}).expect(409);
      expect(res.body.code).toBe('REGISTRATION_CLOSED');
    }
    // A draft exists only for its organizers: to anyone else its id names nothing.
    const hidden = await t.http.post(`/api/events/${draft.body.id}/registrations`).set(founder.auth).send({});
    expect([hidden.status, hidden.body.code]).toEqual([404, 'NOT_FOUND']);
    const own = await t.http
      .post(`/api/events/${draft.body.id}/registrations`)
      .set(c.organizer.auth)
      .send({});
    expect([own.status, own.body.code]).toEqual([409, 'REGISTRATION_CLOSED']);
    await t.http.post(`/api/events/${notYet.id}/registrations`).send({}).expect(401);
  });

  it('requires the required answers, naming the question', async () => {
    const event = await publishedEvent(t, c, {
      questions: [
        { label: '公司名称', kind: 'short_text', required: true },
        { label: '需求', kind: 'multiple_choice', options: ['融资', '财税'] },
      ],
    });
    const [company, needs] = event.questions;
    const founder = await signup(t);
    const missing = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({ answers: { [needs.id]: ['融资'] } })
      .expect(400);
    expect(missing.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [{ field: `answers.${company.id}`, rules: ['answerRequired'] }],
    });
    expect(missing.body.details[0].messages[0]).toContain('公司名称');
    const ok = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({ answers: { [company.id]: '=衡阳智造', [needs.id]: ['融资', '财税'] } })
      .expect(201);
    expect(ok.body.answers).toEqual({ [company.id]: '=衡阳智造', [needs.id]: ['融资', '财税'] });

    const csv = await t.http
      .get(`/api/events/${event.id}/registrations.csv`)
      .set(c.organizer.auth)
      .expect(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(csv.text.startsWith('\uFEFF"姓名","邮箱"')).toBe(true);
    expect(csv.text).toContain('"公司名称","需求"');
    expect(csv.text).toContain(`"'=衡阳智造","融资; 财税"`);
    const en = await t.http
      .get(`/api/events/${event.id}/registrations.csv`)
      .set(c.organizer.auth)
      .set('Accept-Language', 'en')
      .expect(200);
    expect(en.text.startsWith('\uFEFF"Name","Email"')).toBe(true);
    // The registrant list is its organizers' only: 404 for founders and other carriers.
    await t.http.get(`/api/events/${event.id}/registrations`).set(founder.auth).expect(404);
    await t.http.get(`/api/events/${event.id}/registrations.csv`).set(other.organizer.auth).expect(404);
  });

  it('mails confirmed registrants an updated invite (same UID, higher SEQUENCE) and everyone a cancellation', async () => {
    const event = await publishedEvent(t, c, { capacity: 1, sessions: sessions(2) });
    const [a, b] = [await signup(t, { locale: 'en' }), await signup(t)];
    await t.http.post(`/api/events/${event.id}/registrations`).set(a.auth).send({}).expect(201);
    await t.http.post(`/api/events/${event.id}/registrations`).set(b.auth).send({}).expect(201);
    const moved = event.sessions.map((s) => ({
      id: s.id,
      startsAt: new Date(Date.parse(s.startsAt) + 3600_000).toISOString(),
      endsAt: new Date(Date.parse(s.endsAt) + 3600_000).toISOString(),
    }));
    await t.http.patch(`/api/events/${event.id}`).set(c.organizer.auth).send({ sessions: moved }).expect(200);
    const changed = (await outbox(t, a.id)).find((m) => m.template === 'eventChanged')!;
    expect(changed.subject).toContain('The event has changed');
    const vevents = new ICAL.Component(ICAL.parse(changed.attachments[0].content)).getAllSubcomponents(
      'vevent',
    );
    expect(vevents.map((v) => v.getFirstPropertyValue('uid'))).toEqual(
      event.sessions.map((s) => `session-${s.id}@wutong`),
    );
    expect(vevents[0].getFirstPropertyValue('sequence')).toBe(1);
    expect((await outbox(t, b.id)).map((m) => m.template)).not.toContain('eventChanged');

    await t.http.post(`/api/events/${event.id}/cancel`).set(c.organizer.auth).expect(200);
    const cancelA = (await outbox(t, a.id)).find((m) => m.template === 'eventCancelled')!;
    const cal = new ICAL.Component(ICAL.parse(cancelA.attachments[0].content));
    expect(cal.getFirstPropertyValue('method')).toBe('CANCEL');
    expect(cal.getFirstSubcomponent('vevent')!.getFirstPropertyValue('sequence')).toBe(2);
    expect((await outbox(t, b.id)).map((m) => m.template)).toContain('eventCancelled');
    const again = await t.http.post(`/api/events/${event.id}/cancel`).set(c.organizer.auth).expect(200);
    expect(again.body.status).toBe('cancelled');
    const edit = await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({ title: 'x' })
      .expect(409);
    expect(edit.body.code).toBe('EVENT_CANCELLED');
  });

  it('puts every session of a confirmed registration in the personal calendar feed, and drops it on cancellation', async () => {
    const event = await publishedEvent(t, c, { sessions: sessions(3) });
    const founder = await signup(t);
    const reg = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({})
      .expect(201);
    const { body } = await t.http.post('/api/me/calendar-token').set(founder.auth).expect(200);
    const path = new URL(body.url).pathname + new URL(body.url).search;
    const uids = async () =>
      new ICAL.Component(ICAL.parse((await t.http.get(path).expect(200)).text))
        .getAllSubcomponents('vevent')
        .map((v) => v.getFirstPropertyValue('uid'));
    expect(await uids()).toEqual(event.sessions.map((s) => `session-${s.id}@wutong`));
    await t.http.post(`/api/registrations/${reg.body.id}/cancel`).set(founder.auth).expect(200);
    expect(await uids()).toEqual([]);
  });

  it('reminds confirmed registrants once, the day before each session', async () => {
    const event = await publishedEvent(t, c, {
      sessions: [
        {
          startsAt: new Date(Date.now() + 20 * 3600_000).toISOString(),
          endsAt: new Date(Date.now() + 22 * 3600_000).toISOString(),
        },
      ],
    });
    const founder = await signup(t);
    await t.http.post(`/api/events/${event.id}/registrations`).set(founder.auth).send({}).expect(201);
    const { SessionRemindersWorker } =
      await import('../../apps/api/src/registrations/session-reminders.worker');
    const worker = t.app.get(SessionRemindersWorker);
    expect(await Promise.all([worker.run(), worker.run()])).toEqual(expect.arrayContaining([1, 0]));
    expect(await worker.run()).toBe(0);
    expect((await outbox(t, founder.id)).filter((m) => m.template === 'sessionReminder')).toHaveLength(1);
  });
});

describe('a registration rush', () => {
  let t: TestApp;
  let c: Carrier;
  let founders: SignedUp[];
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    founders = await (await import('../support/test-app')).manyFounders(t, 500);
  });
  afterAll(() => t.close());

  const rush = (eventId: string) =>
    Promise.all(
      founders.map((f) => t.http.post(`/api/events/${eventId}/registrations`).set(f.auth).send({})),
    );

  it('500 founders at once for 100 seats: 100 confirmed, 400 waitlisted 1..400, then 10 cancellations promote the first 10 in order', async () => {
    const event = await publishedEvent(t, c, { capacity: 100, waitlistEnabled: true });
    const started = Date.now();
    const responses = await rush(event.id);
    const ms = Date.now() - started;
    process.stdout.write(`  500 concurrent registrations for 100 seats took ${ms} ms\n`);
    expect(responses.every((r) => r.status === 201)).toBe(true);
    const confirmed = responses.filter((r) => r.body.status === 'confirmed');
    const waitlisted = responses.filter((r) => r.body.status === 'waitlisted');
    expect(confirmed).toHaveLength(100);
    expect(waitlisted).toHaveLength(400);
    expect(waitlisted.map((r) => r.body.waitlistPosition).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 400 }, (_, i) => i + 1),
    );
    const [counts] = await t.db.query(
      `SELECT e.seats_taken, count(*) FILTER (WHERE r.status = 'confirmed')::int AS confirmed
         FROM events e JOIN registrations r ON r.event_id = e.id WHERE e.id = $1 GROUP BY e.seats_taken`,
      [event.id],
    );
    expect(counts).toEqual({ seats_taken: 100, confirmed: 100 });

    const list = await t.http
      .get(`/api/events/${event.id}/registrations`)
      .query({ status: 'waitlisted' })
      .set(c.organizer.auth)
      .expect(200);
    const head = [...list.body]
      .sort((a, b) => a.waitlistPosition - b.waitlistPosition)
      .slice(0, 10)
      .map((r: { id: string }) => r.id);
    const byRegistration = new Map(responses.map((r, i) => [r.body.id as string, founders[i]]));
    for (const r of confirmed.slice(0, 10)) {
      await t.http
        .post(`/api/registrations/${r.body.id}/cancel`)
        .set(byRegistration.get(r.body.id)!.auth)
        .expect(200);
    }
    const promoted: { id: string }[] = await t.db.query(
      `SELECT id FROM registrations WHERE id = ANY($1) AND status = 'confirmed' AND ticket_code IS NOT NULL`,
      [head],
    );
    expect(promoted).toHaveLength(10);
    const mails: { recipient: string }[] = await t.db.query(
      `SELECT recipient FROM outbox_messages WHERE template = 'registrationPromoted'`,
    );
    expect(mails.map((m) => m.recipient).sort()).toEqual(
      head.map((id) => byRegistration.get(id)!.email).sort(),
    );
    const after = await t.http
      .get(`/api/events/${event.id}/registrations`)
      .query({ status: 'waitlisted' })
      .set(c.organizer.auth)
      .expect(200);
    expect(
      after.body
        .map((r: { waitlistPosition: number }) => r.waitlistPosition)
        .sort((a: number, b: number) => a - b),
    ).toEqual(Array.from({ length: 390 }, (_, i) => i + 1));
  });

  it('500 founders at once for 100 seats without a waitlist: 100 × 201 and 400 × 409 EVENT_FULL', async () => {
    const event = await publishedEvent(t, c, { capacity: 100, waitlistEnabled: false });
    const responses = await rush(event.id);
    expect(responses.filter((r) => r.status === 201)).toHaveLength(100);
    const refused = responses.filter((r) => r.status === 409);
    expect(refused).toHaveLength(400);
    expect(refused.every((r) => r.body.code === 'EVENT_FULL')).toBe(true);
    const [row] = await t.db.query(`SELECT seats_taken FROM events WHERE id = $1`, [event.id]);
    expect(row.seats_taken).toBe(100);
  });
});
