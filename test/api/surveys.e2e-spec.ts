import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshMobile, textsIn, type SentText } from '../support/sms-files';
import type { EventView } from '@wutong/shared';
import { SatisfactionQueries } from '../../apps/api/src/surveys/satisfaction.queries';
import { SurveySender } from '../../apps/api/src/surveys/survey-sender.worker';
import { doorSessions, publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const mobile = () => freshMobile('137');

/**
 * Issue 18, point 4: satisfaction surveys. Times are moved in the database (an event that ended an
 * hour ago), never waited for: any day of the year works.
 */
describe('satisfaction surveys (issue 18, point 4)', () => {
  let t: TestApp;
  let smsDir: string;
  let a: Carrier;
  let b: Carrier;

  beforeAll(async () => {
    smsDir = mkdtempSync(join(tmpdir(), 'wutong-survey-sms-'));
    t = await startTestApp({ SMS_DIR: smsDir });
    a = await setUpCarrier(t);
    b = await setUpCarrier(t, a.admin);
  });
  afterAll(async () => {
    await t.close();
    rmSync(smsDir, { recursive: true, force: true });
  });

  async function texts(): Promise<SentText[]> {
    await t.drainOutbox();
    return textsIn(smsDir);
  }

  /** Registers and checks people in through the API, then moves the event so it ended an hour ago. */
  async function endedEvent(
    carrier: Carrier,
    people: SignedUp[],
    walkIns: { name: string; phone?: string }[] = [],
    type: EventView['type'] = 'salon',
  ): Promise<EventView> {
    const event = await publishedEvent(t, carrier, { sessions: doorSessions(1), type });
    const session = event.sessions[0].id;
    for (const p of people) {
      const reg = await t.http.post(`/api/events/${event.id}/registrations`).set(p.auth).send({}).expect(201);
      await t.http
        .post(`/api/sessions/${session}/check-ins`)
        .set(carrier.organizer.auth)
        .send({ registrationId: reg.body.id })
        .expect(201);
    }
    for (const w of walkIns)
      await t.http
        .post(`/api/sessions/${session}/check-ins`)
        .set(carrier.organizer.auth)
        .send({ walkIn: w })
        .expect(201);
    await t.db.query(
      `UPDATE event_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE event_id = $1`,
      [event.id],
    );
    await t.db.query(
      `UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [event.id],
    );
    return event;
  }

  const tokenOf = (text: string) => /\/survey\/([A-Za-z0-9_-]+)/.exec(text)![1];

  async function mailedToken(user: SignedUp, eventTitle: string): Promise<string> {
    const mails: { text_body: string }[] = await t.db.query(
      `SELECT text_body FROM outbox_messages WHERE template = 'surveyInvitation' AND recipient = $1 AND text_body LIKE '%' || $2 || '%'`,
      [user.email.toLowerCase(), eventTitle],
    );
    expect(mails).toHaveLength(1);
    return tokenOf(mails[0].text_body);
  }

  // The shared scenario: carrier A's salon with three people checked in (one with a verified phone),
  // one registered who did not come, a walk-in with a mobile and one without.
  let event: EventView;
  let withPhone: SignedUp;
  let plain: SignedUp;
  let third: SignedUp;
  let absent: SignedUp;
  const phone = mobile();
  const walkInPhone = mobile();

  it('lets the organizer add questions after the default ones, with stable 400s for bad lists', async () => {
    [withPhone, plain, third, absent] = await Promise.all(
      ['有手机', '普通', '第三位', '缺席'].map((displayName) => signup(t, { displayName })),
    );
    await t.db.query(`UPDATE users SET verified_phone = $2 WHERE id = $1`, [withPhone.id, `+86${phone}`]);
    event = await publishedEvent(t, a, { sessions: doorSessions(1), title: '满意度问卷沙龙' });
    const session = event.sessions[0].id;
    for (const p of [withPhone, plain, third]) {
      const reg = await t.http.post(`/api/events/${event.id}/registrations`).set(p.auth).send({}).expect(201);
      await t.http
        .post(`/api/sessions/${session}/check-ins`)
        .set(a.organizer.auth)
        .send({ registrationId: reg.body.id })
        .expect(201);
    }
    await t.http.post(`/api/events/${event.id}/registrations`).set(absent.auth).send({}).expect(201);
    for (const walkIn of [{ name: '散客有号', phone: walkInPhone }, { name: '散客无号' }])
      await t.http
        .post(`/api/sessions/${session}/check-ins`)
        .set(a.organizer.auth)
        .send({ walkIn })
        .expect(201);

    const before = await t.http.get(`/api/events/${event.id}/survey`).set(a.organizer.auth).expect(200);
    expect(before.body.baseQuestions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'recommend',
      'comment',
    ]);
    expect(before.body).toMatchObject({ extraQuestions: [], sentAt: null });

    const put = (body: unknown, who = a.organizer) =>
      t.http
        .put(`/api/events/${event.id}/survey`)
        .set(who.auth)
        .send(body as object);
    for (const bad of [
      { questions: [{ kind: 'choice', label: '形式', required: true }] },
      { questions: [{ kind: 'choice', label: '形式', options: ['一样', '一样'], required: true }] },
      { questions: [{ kind: 'rating', label: '评分', options: ['a', 'b'], required: true }] },
      { questions: [{ kind: 'stars', label: '星级', required: true }] },
      { questions: [{ id: 'overall', kind: 'rating', label: '重复', required: true }] },
      { questions: [{ kind: 'text', label: '   ', required: false }] },
      { questions: 'no' },
    ])
      expect((await put(bad).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Another carrier's organizer and a founder are refused.
    expect((await put({ questions: [] }, b.organizer).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await put({ questions: [] }, plain).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get(`/api/events/${event.id}/survey`).set(b.organizer.auth).expect(403);

    const saved = await put({
      questions: [
        {
          id: 'format',
          kind: 'choice',
          label: '您更喜欢哪种形式？',
          options: ['线上', '线下'],
          required: false,
        },
      ],
    }).expect(200);
    expect(saved.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'recommend',
      'comment',
      'format',
    ]);
  });

  it('refuses answers before the survey is sent (409 SURVEY_NOT_OPEN)', async () => {
    const res = await t.http
      .post(`/api/events/${event.id}/survey/responses`)
      .set(plain.auth)
      .send({ answers: { overall: 5, recommend: 9 } })
      .expect(409);
    expect(res.body.code).toBe('SURVEY_NOT_OPEN');
  });

  it('sends once after the last session ended: 3 parallel passes, one mail each, texts to the verified phone and the walk-in', async () => {
    await t.db.query(
      `UPDATE event_sessions SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE event_id = $1`,
      [event.id],
    );
    await t.db.query(
      `UPDATE events SET starts_at = now() - interval '3 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [event.id],
    );
    const sender = t.app.get(SurveySender);
    const claimed = await Promise.all([sender.run(), sender.run(), sender.run()]);
    expect(claimed.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await sender.run()).toBe(0);

    const mails: { recipient: string; n: number }[] = await t.db.query(
      `SELECT recipient, count(*)::int AS n FROM outbox_messages WHERE template = 'surveyInvitation' GROUP BY recipient`,
    );
    expect(new Map(mails.map((m) => [m.recipient, m.n]))).toEqual(
      new Map([withPhone, plain, third].map((p) => [p.email.toLowerCase(), 1])),
    );
    const sent = (await texts()).filter((x) => x.kind === 'survey_invitation');
    expect(sent.map((x) => x.to).sort()).toEqual([`+86${phone}`, `+86${walkInPhone}`].sort());
    for (const x of sent) {
      expect(x.text).toContain('满意度问卷沙龙');
      expect(x.text).toMatch(/http:\/\/wutong\.test\/survey\/[A-Za-z0-9_-]{32}$/);
      // The template carries the link's fixed prefix: only the token is a parameter, no URL.
      expect(x.params).toEqual({ eventTitle: '满意度问卷沙龙', token: x.text.slice(-32) });
    }
    // Draining again sends nothing more.
    expect((await texts()).filter((x) => x.kind === 'survey_invitation')).toHaveLength(2);

    // The survey is frozen as sent.
    const frozen = await t.http
      .put(`/api/events/${event.id}/survey`)
      .set(a.organizer.auth)
      .send({ questions: [] })
      .expect(409);
    expect(frozen.body.code).toBe('SURVEY_SENT');
  });

  it('lists the survey as waiting for those checked in, and only them', async () => {
    const mine = await t.http.get('/api/me/surveys').set(plain.auth).expect(200);
    expect(mine.body).toEqual([expect.objectContaining({ eventId: event.id, eventTitle: '满意度问卷沙龙' })]);
    expect((await t.http.get('/api/me/surveys').set(absent.auth).expect(200)).body).toEqual([]);
    await t.http.get('/api/me/surveys').expect(401);
  });

  it('takes one answer per person: 201, then 409 ALREADY_ANSWERED (also through the link); 403 for someone not checked in', async () => {
    const answer = (who: SignedUp, answers: object) =>
      t.http.post(`/api/events/${event.id}/survey/responses`).set(who.auth).send({ answers });
    const ok = await answer(withPhone, {
      overall: 5,
      recommend: 10,
      comment: '嘉宾很专业',
      format: '线下',
    }).expect(201);
    expect(ok.body).toMatchObject({ eventId: event.id });
    expect((await answer(withPhone, { overall: 1, recommend: 0 }).expect(409)).body.code).toBe(
      'ALREADY_ANSWERED',
    );
    const token = await mailedToken(withPhone, '满意度问卷沙龙');
    const form = await t.http.get(`/api/survey-links/${token}`).expect(200);
    expect(form.body).toMatchObject({ eventId: event.id, answered: true });
    const again = await t.http
      .post(`/api/survey-links/${token}`)
      .send({ answers: { overall: 2, recommend: 2 } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('ALREADY_ANSWERED');

    expect((await answer(absent, { overall: 5, recommend: 10 }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await answer(b.organizer, { overall: 5, recommend: 10 }).expect(403)).body.code).toBe(
      'FORBIDDEN',
    );
    expect(
      (await t.http.get(`/api/events/${event.id}/survey/form`).set(absent.auth).expect(403)).body.code,
    ).toBe('FORBIDDEN');
    await t.http.post(`/api/events/${event.id}/survey/responses`).send({ answers: {} }).expect(401);
    expect((await t.http.get('/api/me/surveys').set(withPhone.auth).expect(200)).body).toEqual([]);
  });

  it('refuses values out of their kind with stable 400 codes', async () => {
    const answer = (answers: unknown) =>
      t.http.post(`/api/events/${event.id}/survey/responses`).set(plain.auth).send({ answers });
    const cases: [unknown, string][] = [
      [{ overall: 6, recommend: 9 }, 'INVALID_ANSWER'],
      [{ overall: 0, recommend: 9 }, 'INVALID_ANSWER'],
      [{ overall: 4.5, recommend: 9 }, 'INVALID_ANSWER'],
      [{ overall: '4', recommend: 9 }, 'INVALID_ANSWER'],
      [{ overall: 4, recommend: 11 }, 'INVALID_ANSWER'],
      [{ overall: 4, recommend: -1 }, 'INVALID_ANSWER'],
      [{ overall: 4, recommend: 9, format: '混合' }, 'INVALID_ANSWER'],
      [{ overall: 4, recommend: 9, comment: 'x'.repeat(2001) }, 'INVALID_ANSWER'],
      [{ overall: 4 }, 'ANSWER_REQUIRED'],
      [{ overall: 4, recommend: 9, venue: 5 }, 'UNKNOWN_QUESTION'],
      ['not an object', 'VALIDATION_FAILED'],
    ];
    for (const [answers, code] of cases) {
      const res = await answer(answers);
      expect([res.status, res.body.code]).toEqual([400, code]);
    }
    await answer({ overall: 4, recommend: 6, comment: '   ' }).expect(201);
  });

  it('opens a link for its one survey and person: the walk-in answers without an account', async () => {
    const walkInText = (await texts()).find((x) => x.to === `+86${walkInPhone}`)!;
    const token = tokenOf(walkInText.text);
    const form = await t.http.get(`/api/survey-links/${token}`).expect(200);
    expect(form.body).toMatchObject({ eventId: event.id, eventTitle: '满意度问卷沙龙', answered: false });
    expect(form.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'recommend',
      'comment',
      'format',
    ]);
    // The link is no session: it opens nothing else.
    await t.http
      .get('/api/me/surveys')
      .set({ Authorization: `Bearer ${token}` })
      .expect(401);
    for (const bad of ['x'.repeat(32), 'short', `${token.slice(0, -1)}A`.replace(/AA$/, 'AB')])
      if (bad !== token) {
        const res = await t.http.get(`/api/survey-links/${bad}`).expect(404);
        expect(res.body.code).toBe('INVALID_SURVEY_LINK');
      }
    const bad = await t.http
      .post(`/api/survey-links/${token}`)
      .send({ answers: { overall: 9 } })
      .expect(400);
    expect(bad.body.code).toBe('INVALID_ANSWER');
    await t.http
      .post(`/api/survey-links/${token}`)
      .send({ answers: { overall: 3, recommend: 9, comment: '希望多办几场', format: '线下' } })
      .expect(201);
    expect((await t.http.get(`/api/survey-links/${token}`).expect(200)).body.answered).toBe(true);
    const twice = await t.http
      .post(`/api/survey-links/${token}`)
      .send({ answers: { overall: 3, recommend: 9 } });
    expect([twice.status, twice.body.code]).toEqual([409, 'ALREADY_ANSWERED']);
  });

  it('gives the organizer exact results: averages, NPS, distributions, comments; refuses others', async () => {
    const res = await t.http.get(`/api/events/${event.id}/survey/results`).set(a.organizer.auth).expect(200);
    // Answers: (5, 10, 线下), (4, 6), (3, 9, 线下). Invited: three accounts and the walk-in with a mobile.
    expect(res.body).toEqual({
      eventId: event.id,
      invited: 4,
      responses: 3,
      questions: [
        {
          id: 'overall',
          kind: 'rating',
          label: expect.any(String),
          answered: 3,
          average: 4,
          counts: { '1': 0, '2': 0, '3': 1, '4': 1, '5': 1 },
        },
        {
          id: 'recommend',
          kind: 'nps',
          label: expect.any(String),
          answered: 3,
          // 2 promoters (10, 9) − 1 detractor (6) of 3 = 33.3 → 33
          nps: 33,
          counts: { '0': 0, '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 1, '7': 0, '8': 0, '9': 1, '10': 1 },
        },
        {
          id: 'comment',
          kind: 'text',
          label: expect.any(String),
          answered: 2,
          comments: ['希望多办几场', '嘉宾很专业'],
        },
        {
          id: 'format',
          kind: 'choice',
          label: '您更喜欢哪种形式？',
          answered: 2,
          counts: { 线上: 0, 线下: 2 },
        },
      ],
    });
    await t.http.get(`/api/events/${event.id}/survey/results`).set(a.admin.auth).expect(200);
    expect(
      (await t.http.get(`/api/events/${event.id}/survey/results`).set(b.organizer.auth).expect(403)).body
        .code,
    ).toBe('FORBIDDEN');
    await t.http.get(`/api/events/${event.id}/survey/results`).set(plain.auth).expect(403);

    const figures = await t.app.get(SatisfactionQueries).satisfactionByEvent([event.id]);
    expect(figures.get(event.id)).toEqual({ responses: 3, average: 4, nps: 33 });
  });

  it('shows satisfaction per event type and carrier on the dashboard', async () => {
    // A training at carrier B: two answers (rating 2 and 4; NPS 0 and 10).
    const [p, q] = await Promise.all([signup(t), signup(t)]);
    const training = await endedEvent(b, [p, q], [], 'training');
    await t.app.get(SurveySender).run();
    for (const [who, overall, recommend] of [
      [p, 2, 0],
      [q, 4, 10],
    ] as const)
      await t.http
        .post(`/api/events/${training.id}/survey/responses`)
        .set(who.auth)
        .send({ answers: { overall, recommend } })
        .expect(201);
    const year = Number(
      (
        await t.db.query(
          `SELECT date_part('year', ends_at AT TIME ZONE 'Asia/Shanghai')::int AS y FROM events WHERE id = $1`,
          [event.id],
        )
      )[0].y,
    );
    const board = await t.http.get(`/api/dashboard?year=${year}`).set(a.admin.auth).expect(200);
    const s = board.body.satisfaction;
    expect(s.total).toEqual({ responses: 5, average: 3.6, nps: 20 });
    expect(s.byType).toEqual([
      { key: 'salon', events: 1, responses: 3, average: 4, nps: 33 },
      { key: 'training', events: 1, responses: 2, average: 3, nps: 0 },
    ]);
    expect(s.byCarrier).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: a.organizationId, responses: 3, average: 4, nps: 33 }),
        expect.objectContaining({ key: b.organizationId, responses: 2, average: 3, nps: 0 }),
      ]),
    );
    // Any other period (counted from scratch) reads the same figures for days covering both events.
    const [{ last }] = await t.db.query(
      `SELECT to_char(max(ends_at AT TIME ZONE 'Asia/Shanghai')::date + 1, 'YYYY-MM-DD') AS last
         FROM events WHERE id = ANY($1)`,
      [[event.id, training.id]],
    );
    const first = new Date(Date.parse(last) - 300 * 86_400_000).toISOString().slice(0, 10);
    const days = await t.http.get(`/api/dashboard?from=${first}&to=${last}`).set(a.admin.auth).expect(200);
    expect(days.body.period.kind).not.toBe('year');
    expect(days.body.satisfaction).toEqual(s);
    // The annual report carries the same figures (its CSV's satisfaction section).
    const csv = await t.http.get(`/api/reports/annual.csv?year=${year}`).set(a.admin.auth).expect(200);
    expect(csv.text).toContain('"合计","","5","3.6","20"');
    expect(csv.text).toContain('"活动类型","培训","2","3","0"');
    // A carrier's organizer sees their own carrier only.
    const own = await t.http
      .get(`/api/dashboard?year=${year}&organizationId=${a.organizationId}`)
      .set(a.organizer.auth)
      .expect(200);
    expect(own.body.satisfaction.byCarrier.map((r: { key: string }) => r.key)).toEqual([a.organizationId]);
  });

  it('lets admins edit the default survey; new surveys start with it, sent ones keep theirs', async () => {
    await t.http.get('/api/surveys/default').set(a.organizer.auth).expect(403);
    await t.http.put('/api/surveys/default').set(a.organizer.auth).send({ questions: [] }).expect(403);
    const put = await t.http
      .put('/api/surveys/default')
      .set(a.admin.auth)
      .send({
        questions: [
          { id: 'overall', kind: 'rating', label: '整体满意度', required: true },
          { id: 'useful', kind: 'rating', label: '内容实用性', required: false },
        ],
      })
      .expect(200);
    expect(put.body.questions.map((q: { id: string }) => q.id)).toEqual(['overall', 'useful']);
    const fresh = await publishedEvent(t, a, { sessions: doorSessions(1) });
    const view = await t.http.get(`/api/events/${fresh.id}/survey`).set(a.organizer.auth).expect(200);
    expect(view.body.questions.map((q: { id: string }) => q.id)).toEqual(['overall', 'useful']);
    const sent = await t.http.get(`/api/events/${event.id}/survey`).set(a.organizer.auth).expect(200);
    expect(sent.body.questions.map((q: { id: string }) => q.id)).toEqual([
      'overall',
      'recommend',
      'comment',
      'format',
    ]);
  });
});
