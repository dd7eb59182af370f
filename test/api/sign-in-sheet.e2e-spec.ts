import type { EventView } from '@wutong/shared';
import { binary, pdfText } from '../support/documents';
import { doorSessions, publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { manyFounders, signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/**
 * The printable sign-in sheet of a session, read back with an outside PDF reader (pdf.js through
 * pdf-parse): the Chinese names come out of the embedded font, phones are masked, many registrants
 * take several pages, the filled sheet has check-in times and walk-ins; and who may print it.
 */
describe('sign-in sheets', () => {
  let t: TestApp;
  let c: Carrier;
  let other: Carrier;
  let founder: SignedUp;
  let event: EventView;
  let carrierName: string;
  let ticket: string;

  const sheet = (who: SignedUp, sessionId: string, query: Record<string, string> = {}, language = 'zh-CN') =>
    t.http
      .get(`/api/sessions/${sessionId}/sign-in-sheet.pdf`)
      .query(query)
      .set(who.auth)
      .set('accept-language', language)
      .buffer(true)
      .parse(binary);

  beforeAll(async () => {
    t = await startTestApp();
    c = await setUpCarrier(t);
    other = await setUpCarrier(t, c.admin);
    await t.db.query(`UPDATE organizations SET name = $2 WHERE id = $1`, [
      c.organizationId,
      '梧桐创业孵化基地',
    ]);
    carrierName = '梧桐创业孵化基地';
    event = await publishedEvent(t, c, {
      title: '创业沙龙：早期项目如何融资',
      capacity: 100,
      sessions: doorSessions(2),
    });
    founder = await signup(t, { displayName: '张三丰' });
    await t.http
      .patch('/api/me')
      .set(founder.auth)
      .send({ company: { name: '武当科技有限公司' } })
      .expect(200);
    await t.db.query(`UPDATE users SET phone = '+86 138 1234 5678' WHERE id = $1`, [founder.id]);
    ticket = (
      await t.http.post(`/api/events/${event.id}/registrations`).set(founder.auth).send({}).expect(201)
    ).body.ticketCode;
    // Sixty more registrants: more than one A4 page of rows.
    const crowd = await manyFounders(t, 60, 'sheet');
    for (const f of crowd)
      await t.http.post(`/api/events/${event.id}/registrations`).set(f.auth).send({}).expect(201);
  });
  afterAll(() => t.close());

  it('prints the blank sheet: carrier, event, session, place and time, registrants with company and masked phone, several pages', async () => {
    const res = await sheet(c.organizer, event.sessions[0].id).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent('签到表-创业沙龙：早期项目如何融资'),
    );
    const { text, pages } = await pdfText(res.body as Buffer);
    expect(pages).toBeGreaterThanOrEqual(2);
    expect(text).toContain('签到表');
    expect(text).toContain(carrierName);
    expect(text).toContain('创业沙龙：早期项目如何融资');
    expect(text).toContain('1 / 2');
    expect(text).toContain('张三丰');
    expect(text).toContain('武当科技有限公司');
    expect(text).toContain('138****5678');
    expect(text).not.toContain('12345678');
    expect(text).toContain('签名');
    // 61 registrants and 10 empty rows for walk-ins, numbered on.
    expect(text).toContain('71');
    expect(text).toContain(`第 1 / ${pages} 页`);
    // The session's time in the carrier's zone (Shanghai).
    const start = new Date(event.sessions[0].startsAt);
    const local = new Date(start.getTime() + 8 * 3600_000).toISOString();
    expect(text).toContain(`${local.slice(0, 10)} ${local.slice(11, 16)}`);
  });

  it('prints the filled sheet: check-in times of those who came and the walk-ins, with a count', async () => {
    const session = event.sessions[0].id;
    const scan = await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: ticket })
      .expect(201);
    await t.http
      .post(`/api/sessions/${session}/check-ins`)
      .set(c.organizer.auth)
      .send({ walkIn: { name: '现场来宾甲', phone: '139 0000 1234', company: '峨眉文创工作室' } })
      .expect(201);
    const res = await sheet(c.organizer, session, { filled: 'true' }).expect(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('签到记录表');
    const at = new Date(Date.parse(scan.body.checkIn.checkedInAt) + 8 * 3600_000).toISOString().slice(11, 16);
    expect(text).toContain(at);
    expect(text).toContain('现场报名');
    expect(text).toContain('现场来宾甲');
    expect(text).toContain('139****1234');
    expect(text).toContain('报名 61 人，到场 2 人，现场报名 1 人');
    // The other session's filled sheet has nobody checked in.
    const second = await pdfText(
      (await sheet(c.organizer, event.sessions[1].id, { filled: 'true' }).expect(200)).body,
    );
    expect(second.text).toContain('报名 61 人，到场 0 人，现场报名 0 人');
    expect(second.text).not.toContain('现场来宾甲');
  });

  it('speaks English when asked, and admins print any carrier’s', async () => {
    const res = await sheet(c.admin, event.sessions[0].id, { filled: 'false' }, 'en').expect(200);
    const { text } = await pdfText(res.body as Buffer);
    expect(text).toContain('Sign-in sheet');
    expect(text).toContain('Signature');
    expect(text).toContain('张三丰');
  });

  it('refuses founders (403), another carrier’s organizer and unknown sessions (404), a bad `filled` (400), strangers (401)', async () => {
    const session = event.sessions[0].id;
    expect((await sheet(founder, session)).status).toBe(403);
    expect((await sheet(other.organizer, session)).status).toBe(404);
    expect((await sheet(c.organizer, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await sheet(c.organizer, 'not-a-uuid')).status).toBe(404);
    const bad = await t.http
      .get(`/api/sessions/${session}/sign-in-sheet.pdf`)
      .query({ filled: 'yes' })
      .set(c.organizer.auth);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get(`/api/sessions/${session}/sign-in-sheet.pdf`)).status).toBe(401);
  });
});
