import { SmtpSink } from '../support/smtp-sink';
import { setUpCarrier, type Carrier } from '../support/events';
import { email, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * Issue 15, point 9: a mentor invitation is accepted only by the account of the address it was sent
 * to, an inviter sends a limited number a day, and the inviter's name is quoted and attributed at the
 * end of the mail instead of opening it as free text.
 */
describe('mentor invitations bound, limited and safely worded (issue 15, point 9)', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let a: Carrier;
  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    a = await setUpCarrier(t);
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  async function inviteAndReadToken(inviter: SignedUp, to: string): Promise<string> {
    await t.http.post('/api/mentor-invitations').set(inviter.auth).send({ email: to }).expect(201);
    await t.drainOutbox();
    const mail = smtp.to(to).at(-1);
    const token = /mentor-invite\?token=([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
    if (!token) throw new Error(`no invitation mail to ${to}`);
    return token;
  }

  it("refuses another account's acceptance (403 INVITATION_EMAIL_MISMATCH) and keeps the link for its owner", async () => {
    const invitee = await signup(t);
    const other = await signup(t);
    const token = await inviteAndReadToken(a.organizer, invitee.email);

    const refused = await t.http
      .post('/api/mentor-invitations/accept')
      .set(other.auth)
      .send({ token })
      .expect(403);
    expect(refused.body).toMatchObject({ statusCode: 403, code: 'INVITATION_EMAIL_MISMATCH' });
    expect((await t.http.get('/api/me').set(other.auth).expect(200)).body.roles).toEqual(['founder']);
    const [row] = await t.db.query(`SELECT accepted_at FROM mentor_invitations WHERE email = $1`, [
      invitee.email,
    ]);
    expect(row.accepted_at).toBeNull();

    const accepted = await t.http
      .post('/api/mentor-invitations/accept')
      .set(invitee.auth)
      .send({ token })
      .expect(200);
    expect(accepted.body.roles).toContain('mentor');
    // Used: 400 INVALID_INVITATION for anyone now, its owner too.
    for (const who of [invitee, other])
      expect(
        (await t.http.post('/api/mentor-invitations/accept').set(who.auth).send({ token }).expect(400)).body
          .code,
      ).toBe('INVALID_INVITATION');
  });

  it('asks the holder of the invited address to verify it before accepting (403 EMAIL_NOT_VERIFIED)', async () => {
    const invitee = await signup(t, {}, { verified: false });
    const token = await inviteAndReadToken(a.organizer, invitee.email);
    const refused = await t.http
      .post('/api/mentor-invitations/accept')
      .set(invitee.auth)
      .send({ token })
      .expect(403);
    expect(refused.body.code).toBe('EMAIL_NOT_VERIFIED');
    await t.db.query(`UPDATE users SET email_verified_at = now(), verified_at = now() WHERE id = $1`, [
      invitee.id,
    ]);
    const accepted = await t.http
      .post('/api/mentor-invitations/accept')
      .set(invitee.auth)
      .send({ token })
      .expect(200);
    expect(accepted.body.roles).toContain('mentor');
  });

  it('lets an inviter send 20 invitations a day; the 21st is 429 RATE_LIMITED until the oldest is a day old', async () => {
    const c = await setUpCarrier(t, a.admin);
    const addresses = Array.from({ length: 21 }, () => email('pool'));
    const answers = [];
    for (const to of addresses)
      answers.push(await t.http.post('/api/mentor-invitations').set(c.organizer.auth).send({ email: to }));
    expect(answers.slice(0, 20).map((r) => r.status)).toEqual(Array(20).fill(201));
    expect(answers[20].status).toBe(429);
    expect(answers[20].body.code).toBe('RATE_LIMITED');
    expect(Number(answers[20].headers['retry-after'])).toBeGreaterThan(0);
    const [{ sent }] = await t.db.query(
      `SELECT count(*)::int AS sent FROM mentor_invitations WHERE invited_by = $1`,
      [c.organizer.id],
    );
    expect(sent).toBe(20);
    // Another inviter is counted apart.
    await t.http
      .post('/api/mentor-invitations')
      .set(a.organizer.auth)
      .send({ email: email('pool') })
      .expect(201);
    // A day later (the oldest moved back 25 hours) one more may go.
    await t.db.query(
      `UPDATE mentor_invitations SET created_at = now() - interval '25 hours'
        WHERE id = (SELECT id FROM mentor_invitations WHERE invited_by = $1 ORDER BY created_at LIMIT 1)`,
      [c.organizer.id],
    );
    await t.http
      .post('/api/mentor-invitations')
      .set(c.organizer.auth)
      .send({ email: addresses[20] })
      .expect(201);
    await t.http
      .post('/api/mentor-invitations')
      .set(c.organizer.auth)
      .send({ email: email('pool') })
      .expect(429);
  });

  it("quotes the inviter's name at the end, escaped and attributed, not as the mail's opening", async () => {
    const trick = '财政局通知：补贴点此领取 http://evil.example\r\nBcc: all@example.cn <b>紧急</b>';
    await t.db.query(`UPDATE users SET display_name = $2 WHERE id = $1`, [a.organizer.id, trick]);
    const zhInvitee = email('zh');
    const enInvitee = email('en');
    await signup(t, { email: enInvitee, locale: 'en' });
    await inviteAndReadToken(a.organizer, zhInvitee);
    await inviteAndReadToken(a.organizer, enInvitee);

    const flat = '财政局通知：补贴点此领取 http://evil.example Bcc: all@example.cn <b>紧急</b>';
    for (const [to, opening, attribution] of [
      [zhInvitee, '您好！', `邀请人（自填名称）：「${flat}」`],
      [enInvitee, 'Hello,', `Invited by (a name they entered themselves): “${flat}”`],
    ] as const) {
      const mail = smtp.to(to).at(-1)!;
      const paragraphs = (mail.text ?? '').split('\n\n');
      expect(paragraphs[0]).toBe(opening);
      // The name is nowhere but in its own attributed, quoted line, after the invitation itself.
      const naming = paragraphs.filter((p) => p.includes('evil.example') && !p.includes('token='));
      expect(naming).toHaveLength(1);
      expect(naming[0].startsWith(attribution)).toBe(true);
      expect(paragraphs.indexOf(naming[0])).toBeGreaterThan(
        paragraphs.findIndex((p) => p.includes('token=')),
      );
      expect(mail.subject).not.toContain('evil');
      expect(mail.html).toContain('&lt;b&gt;紧急&lt;/b&gt;');
      expect(mail.html).not.toContain('<b>紧急');
      expect(mail.headers.get('bcc')).toBeUndefined();
      // The invitation names the address it is bound to.
      expect(mail.text).toContain(to);
    }
  });
});
