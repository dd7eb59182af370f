import { SmtpSink } from '../support/smtp-sink';
import { grantRole, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { makeMentor, OPEN_ALL_DAY, slotsOf } from './mentors-helpers';

describe('mentor pool: profiles, availability, directory and invitations', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let admin: SignedUp;
  let founder: SignedUp;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    admin = await signup(t);
    await grantRole(t, admin.id, 'admin');
    founder = await signup(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('lists published mentors only, filtered by category, expertise and text', async () => {
    const banker = await makeMentor(t, OPEN_ALL_DAY, {
      category: 'banker',
      affiliation: '中国银行衡阳分行',
      expertise: ['financing', 'tax'],
      title: '行长助理',
    });
    const lawyer = await makeMentor(t, OPEN_ALL_DAY, {
      category: 'lawyer',
      affiliation: '湘南律师事务所',
      expertise: ['legal'],
    });
    const hidden = await makeMentor(t, OPEN_ALL_DAY, { category: 'banker', published: false });

    const all = await t.http.get('/api/mentors').expect(200);
    const ids = all.body.map((m: { id: string }) => m.id);
    expect(ids).toEqual(expect.arrayContaining([banker.id, lawyer.id]));
    expect(ids).not.toContain(hidden.id);

    const bankers = await t.http.get('/api/mentors').query({ category: 'banker' }).expect(200);
    expect(bankers.body.map((m: { id: string }) => m.id)).toEqual([banker.id]);
    expect(bankers.body[0]).toMatchObject({
      category: 'banker',
      affiliation: '中国银行衡阳分行',
      expertise: ['financing', 'tax'],
      title: '行长助理',
    });
    const legal = await t.http.get('/api/mentors').query({ expertise: 'legal' }).expect(200);
    expect(legal.body.map((m: { id: string }) => m.id)).toEqual([lawyer.id]);
    const text = await t.http.get('/api/mentors').query({ q: '律师' }).expect(200);
    expect(text.body.map((m: { id: string }) => m.id)).toEqual([lawyer.id]);
    // Tags and categories by their displayed names in both languages, and the words people use.
    const found = async (query: Record<string, string>) =>
      (await t.http.get('/api/mentors').query(query).expect(200)).body.map((m: { id: string }) => m.id);
    for (const q of ['融资', 'Financing', 'finance', 'bank', '银行', '财税', 'TAX'])
      expect([q, await found({ q })]).toEqual([q, [banker.id]]);
    for (const q of ['法务', 'legal', 'Lawyer', '合同'])
      expect([q, await found({ q })]).toEqual([q, [lawyer.id]]);
    expect(await found({ expertise: '融资' })).toEqual([banker.id]);
    expect(await found({ expertise: 'Financing' })).toEqual([banker.id]);
    expect(await found({ q: '区块链' })).toEqual([]);
    // A built-in tag typed by its name is stored as the tag, once; a mentor's own tag as typed.
    const saved = await t.http
      .put('/api/me/mentor-profile')
      .set(lawyer.auth)
      .send({ category: 'lawyer', expertise: ['法务', 'Legal', ' 知识产权 ', '  区块链  '], published: true })
      .expect(200);
    expect(saved.body.expertise).toEqual(['legal', 'ip', '区块链']);
    expect(await found({ q: '区块链' })).toEqual([lawyer.id]);
    expect(await found({ q: '专利' })).toEqual([lawyer.id]);
    const bad = await t.http.get('/api/mentors').query({ category: 'astronaut' }).expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');

    // An unpublished mentor is not found by others, but is by themself and by admins.
    await t.http.get(`/api/mentors/${hidden.id}`).set(founder.auth).expect(404);
    await t.http.get(`/api/mentors/${hidden.id}/slots`).expect(404);
    const own = await t.http.get(`/api/mentors/${hidden.id}`).set(hidden.auth).expect(200);
    expect(own.body.availability.rules).toHaveLength(7);
    await t.http.get(`/api/mentors/${hidden.id}`).set(admin.auth).expect(200);
    // The public page of a published mentor shows no availability settings.
    const page = await t.http.get(`/api/mentors/${banker.id}`).expect(200);
    expect(page.body.availability).toBeUndefined();
    expect(page.body.canSeeLedger).toBe(false);
    await t.http.get(`/api/mentors/${founder.id}`).expect(404);
    await t.http.get('/api/mentors/not-a-uuid').expect(404);
  });

  it('refuses availability and profile edits to founders (403) and anonymous callers (401)', async () => {
    const res = await t.http.put('/api/me/availability').set(founder.auth).send(OPEN_ALL_DAY).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await t.http.put('/api/me/availability').send(OPEN_ALL_DAY).expect(401);
    await t.http.put('/api/me/mentor-profile').set(founder.auth).send({ category: 'other' }).expect(403);
  });

  it('rejects impossible availability with field errors, never a 500', async () => {
    const mentor = await makeMentor(t);
    const cases: [Record<string, unknown>, string][] = [
      [{ ...OPEN_ALL_DAY, timeZone: 'Mars/Olympus' }, 'INVALID_TIME_ZONE'],
      [
        { ...OPEN_ALL_DAY, rules: [{ weekday: 8, start: '09:00', end: '10:00', slotMinutes: 60 }] },
        'rules.0.weekday',
      ],
      [
        { ...OPEN_ALL_DAY, rules: [{ weekday: 1, start: '9am', end: '10:00', slotMinutes: 60 }] },
        'rules.0.start',
      ],
      [
        { ...OPEN_ALL_DAY, rules: [{ weekday: 1, start: '11:00', end: '10:00', slotMinutes: 60 }] },
        'rules.0.end',
      ],
      [
        {
          ...OPEN_ALL_DAY,
          rules: [
            { weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 },
            { weekday: 1, start: '11:00', end: '13:00', slotMinutes: 60 },
          ],
        },
        'rules.1.start',
      ],
      [{ ...OPEN_ALL_DAY, overrides: [{ date: '2026-02-30', unavailable: true }] }, 'overrides.0.date'],
      [{ ...OPEN_ALL_DAY, overrides: [{ date: '2026-03-02' }] }, 'overrides.0.start'],
      [{ ...OPEN_ALL_DAY, rules: 'every day' }, 'rules'],
      [{ ...OPEN_ALL_DAY, surprise: true }, 'surprise'],
    ];
    for (const [body, expected] of cases) {
      const res = await t.http.put('/api/me/availability').set(mentor.auth).send(body).expect(400);
      if (expected === 'INVALID_TIME_ZONE') expect(res.body.code).toBe('INVALID_TIME_ZONE');
      else expect(res.body.details.map((d: { field: string }) => d.field)).toContain(expected);
    }
  });

  it('computes slots from the saved rules in the mentor zone, and honours a day off', async () => {
    // Tuesdays 14:00–17:00 in Shanghai, hour slots with 15 minutes between them.
    const mentor = await makeMentor(t, {
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 2, start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 15 }],
      overrides: [],
      minNoticeHours: 0,
      holidaysOff: false,
    });
    const slots = await slotsOf(t, mentor.id, 14);
    expect(slots.length).toBe(4);
    const shanghai = (iso: string) =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Asia/Shanghai',
        weekday: 'short',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }).format(new Date(iso));
    expect(slots.map((s) => shanghai(s.startsAt))).toEqual([
      'Tue 14:00',
      'Tue 15:15',
      'Tue 14:00',
      'Tue 15:15',
    ]);
    const firstDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(slots[0].startsAt),
    );
    await t.http
      .put('/api/me/availability')
      .set(mentor.auth)
      .send({
        timeZone: 'Asia/Shanghai',
        rules: [{ weekday: 2, start: '14:00', end: '17:00', slotMinutes: 60, bufferMinutes: 15 }],
        overrides: [{ date: firstDay, unavailable: true }],
        minNoticeHours: 0,
        holidaysOff: false,
      })
      .expect(200);
    expect((await slotsOf(t, mentor.id, 14)).map((s) => s.startsAt)).toEqual(
      slots.slice(2).map((s) => s.startsAt),
    );

    const tooLong = await t.http
      .get(`/api/mentors/${mentor.id}/slots`)
      .query({ from: '2026-01-01T00:00:00Z', to: '2026-12-01T00:00:00Z' })
      .expect(400);
    expect(tooLong.body.code).toBe('VALIDATION_FAILED');
    await t.http.get(`/api/mentors/${mentor.id}/slots`).query({ from: 'yesterday' }).expect(400);
  });

  it('invites a mentor by mail; the link grants the role once, to whoever signs in with it', async () => {
    const organizer = await signup(t);
    const org = await t.http
      .post('/api/organizations')
      .set(admin.auth)
      .send({ name: '导师之家孵化器' })
      .expect(201);
    await t.http
      .post(`/api/organizations/${org.body.id}/members`)
      .set(admin.auth)
      .send({ userId: organizer.id })
      .expect(201);
    await t.http
      .post('/api/mentor-invitations')
      .set(founder.auth)
      .send({ email: 'x@example.cn' })
      .expect(403);
    await t.http.post('/api/mentor-invitations').send({ email: 'x@example.cn' }).expect(401);

    const invitee = await signup(t);
    await t.http
      .post('/api/mentor-invitations')
      .set(organizer.auth)
      .send({ email: invitee.email.toUpperCase() })
      .expect(201);
    await t.drainOutbox();
    const mail = smtp.to(invitee.email).find((m) => m.subject === '邀请您成为梧桐创业导师');
    expect(mail).toBeDefined();
    const token = /mentor-invite\?token=([A-Za-z0-9_-]+)/.exec(mail!.text ?? '')?.[1];
    expect(token).toBeDefined();
    // Only the hash is stored.
    const stored = await t.db.query(`SELECT token_hash FROM mentor_invitations WHERE email = $1`, [
      invitee.email,
    ]);
    expect(stored[0].token_hash).not.toContain(token);

    await t.http.post('/api/mentor-invitations/accept').send({ token }).expect(401);
    const accepted = await t.http
      .post('/api/mentor-invitations/accept')
      .set(invitee.auth)
      .send({ token })
      .expect(200);
    expect(accepted.body.roles).toContain('mentor');
    const me = await t.http.get('/api/me').set(invitee.auth).expect(200);
    expect(me.body.roles).toEqual(['founder', 'mentor']);
    await t.http.put('/api/me/availability').set(invitee.auth).send(OPEN_ALL_DAY).expect(200);

    const again = await t.http
      .post('/api/mentor-invitations/accept')
      .set(founder.auth)
      .send({ token })
      .expect(400);
    expect(again.body.code).toBe('INVALID_INVITATION');
    const made = await t.http
      .post('/api/mentor-invitations/accept')
      .set(founder.auth)
      .send({ token: 'made-up-token-123' })
      .expect(400);
    expect(made.body.code).toBe('INVALID_INVITATION');
    expect((await t.http.get('/api/me').set(founder.auth)).body.roles).toEqual(['founder']);
  });

  it('names the first free slot ahead, wherever it lies in the horizon, and null when nothing is free', async () => {
    // One weekday only, ten days from now in UTC: on any day the run starts, the current week may
    // be empty, and the next free slot is that weekday's first hour.
    const target = new Date(Date.now() + 10 * 24 * 3600_000);
    const weekday = target.getUTCDay() || 7;
    const mentor = await makeMentor(t, {
      ...OPEN_ALL_DAY,
      rules: [{ weekday, start: '09:00', end: '11:00', slotMinutes: 60 }],
    });
    const next = await t.http.get(`/api/mentors/${mentor.id}/next-slot`).expect(200);
    const from = new Date().toISOString();
    const to = new Date(Date.now() + 14 * 24 * 3600_000).toISOString();
    const slots = await t.http.get(`/api/mentors/${mentor.id}/slots`).query({ from, to }).expect(200);
    expect(slots.body.length).toBeGreaterThan(0);
    expect(next.body).toEqual({ slot: slots.body[0], horizonWeeks: 8 });
    expect(new Date(next.body.slot.startsAt).getUTCDay() || 7).toBe(weekday);

    // From just after that slot: the one after it.
    const later = await t.http
      .get(`/api/mentors/${mentor.id}/next-slot`)
      .query({ from: new Date(Date.parse(slots.body[0].startsAt) + 1000).toISOString() })
      .expect(200);
    expect(later.body.slot).toEqual(slots.body[1]);

    // Every date of the horizon off: nothing free, said plainly (null), not a 404 or an empty week.
    const days = Array.from({ length: 8 * 7 + 2 }, (_, i) =>
      new Date(Date.now() + (i - 1) * 24 * 3600_000).toISOString().slice(0, 10),
    );
    const booked = await makeMentor(t, {
      ...OPEN_ALL_DAY,
      overrides: days.map((date) => ({ date, unavailable: true })),
    });
    const none = await t.http.get(`/api/mentors/${booked.id}/next-slot`).expect(200);
    expect(none.body).toEqual({ slot: null, horizonWeeks: 8 });

    // An unpublished mentor is not there for anyone else.
    const hidden = await makeMentor(t, OPEN_ALL_DAY, { published: false });
    await t.http.get(`/api/mentors/${hidden.id}/next-slot`).expect(404);
    await t.http.get(`/api/mentors/${hidden.id}/next-slot`).set(hidden.auth).expect(200);
  });
});
