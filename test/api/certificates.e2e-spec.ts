/**
 * Completion certificates (docs/security.md, "Outside attack, second round", point 4): issued only
 * once the last session has ended, to a registration still confirmed; serials, being sequential,
 * tell no one whose certificate it is — the unguessable code in the QR does.
 */
import { publishedEvent, sessions, setUpCarrier, type Carrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('completion certificates', () => {
  let t: TestApp;
  let c: Carrier;
  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
  });
  afterAll(() => t.close());

  /** A two-evening training with the given registrants, both sessions attended by each. */
  async function training(people: SignedUp[], secondSession: { startsAt: string; endsAt: string }) {
    const event = await publishedEvent(t, c, { type: 'training', sessions: sessions(2) });
    const regs: { id: string; ticketCode: string }[] = [];
    for (const p of people)
      regs.push(
        (await t.http.post(`/api/events/${event.id}/registrations`).set(p.auth).send({}).expect(201)).body,
      );
    const first = { id: event.sessions[0].id, startsAt: iso(Date.now() - 3 * 24 * 60 * MINUTE) };
    await t.http
      .patch(`/api/events/${event.id}`)
      .set(c.organizer.auth)
      .send({
        sessions: [
          { ...first, endsAt: iso(Date.parse(first.startsAt) + 120 * MINUTE) },
          { id: event.sessions[1].id, ...secondSession },
        ],
      })
      .expect(200);
    for (const r of regs)
      for (const s of event.sessions)
        await t.http
          .post(`/api/sessions/${s.id}/check-ins`)
          .set(c.organizer.auth)
          .send({ ticketCode: r.ticketCode })
          .expect(201);
    return { event, regs };
  }

  const certificate = (who: SignedUp, registrationId: string) =>
    t.http.get(`/api/registrations/${registrationId}/certificate.pdf`).set(who.auth).buffer(true);

  it('is not issued ten minutes into the last session, only once it has ended', async () => {
    const founder = await signup(t, { displayName: '陈结业' });
    const live = { startsAt: iso(Date.now() - 10 * MINUTE), endsAt: iso(Date.now() + 50 * MINUTE) };
    const { event, regs } = await training([founder], live);
    const early = await certificate(founder, regs[0].id);
    expect([early.status, early.body.code]).toEqual([409, 'EVENT_NOT_ENDED']);
    expect(await t.db.query(`SELECT 1 FROM certificates WHERE registration_id = $1`, [regs[0].id])).toEqual(
      [],
    );

    // The session ends: the certificate comes.
    await t.db.query(
      `UPDATE event_sessions SET starts_at = starts_at - interval '2 hours', ends_at = ends_at - interval '2 hours'
        WHERE id = $1`,
      [event.sessions[1].id],
    );
    const pdf = await certificate(founder, regs[0].id);
    expect(pdf.status).toBe(200);
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('is not issued to someone who cancelled, whatever they attended', async () => {
    const founder = await signup(t, { displayName: '林退出' });
    const ended = {
      startsAt: iso(Date.now() - 2 * 24 * 60 * MINUTE),
      endsAt: iso(Date.now() - 2 * 24 * 60 * MINUTE + 120 * MINUTE),
    };
    const { regs } = await training([founder], ended);
    await t.http.post(`/api/registrations/${regs[0].id}/cancel`).set(founder.auth).expect(200);
    const res = await certificate(founder, regs[0].id);
    expect([res.status, res.body.code]).toEqual([409, 'NOT_CONFIRMED']);
  });

  it('tells a serial’s valid state and event but never whose; the QR’s code tells whose', async () => {
    const names = ['赵一', '钱二', '孙三', '李四'];
    const people = await Promise.all(names.map((displayName) => signup(t, { displayName })));
    const ended = {
      startsAt: iso(Date.now() - 2 * 24 * 60 * MINUTE),
      endsAt: iso(Date.now() - 2 * 24 * 60 * MINUTE + 120 * MINUTE),
    };
    const { event, regs } = await training(people, ended);
    for (const [i, p] of people.entries()) expect((await certificate(p, regs[i].id)).status).toBe(200);

    // Walking every serial of the year, as an attacker would: 200s, but no name in any answer.
    const issued: { serial: string; verify_code: string; holder_name: string }[] = await t.db.query(
      `SELECT serial, verify_code, holder_name FROM certificates ORDER BY serial`,
    );
    const [year, last] = issued.at(-1)!.serial.split('-').slice(1);
    const answers: string[] = [];
    for (let n = 1; n <= Number(last) + 3; n++) {
      const res = await t.http.get(`/api/certificates/WT-${year}-${String(n).padStart(6, '0')}`);
      expect([200, 404]).toContain(res.status);
      answers.push(res.text);
    }
    const all = answers.join('\n');
    for (const name of names) expect(all).not.toContain(name);
    expect(all).toContain(event.title);

    // The code in the QR names the holder; a made-up code finds nothing.
    for (const cert of issued.filter((x) => names.includes(x.holder_name))) {
      const res = await t.http.get(`/api/certificates/verify/${cert.verify_code}`).expect(200);
      expect(res.body).toMatchObject({ serial: cert.serial, holderName: cert.holder_name, valid: true });
      expect(cert.verify_code.length).toBeGreaterThanOrEqual(22);
    }
    await t.http.get('/api/certificates/verify/AAAAAAAAAAAAAAAAAAAAAAAA').expect(404);
    await t.http.get('/api/certificates/verify/short').expect(404);
  });
});
