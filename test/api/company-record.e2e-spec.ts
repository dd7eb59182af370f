import ExcelJS from 'exceljs';
import { creditCodeCheckCharacter, type CompanyRecordView } from '@wutong/shared';
import { doorSessions, publishedEvent, setUpCarrier } from '../support/events';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { makeMentor, slotsOf } from './mentors-helpers';

jest.setTimeout(60_000);

let codes = 0;
/** A valid unified social credit code, new for each call. */
function creditCode(): string {
  const body = `91430400MA5${String(300000 + process.pid * 100 + codes++).slice(-6)}`;
  return body + creditCodeCheckCharacter(body)!;
}

/**
 * One file per company (issue 19, point 6): everything the company's people received across
 * carriers — registrations, visits (walk-ins who named the company too), mentoring with its records,
 * certificates — for the base's staff and the company's own members.
 */
describe('the company file (一企一档)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const join = (user: SignedUp, company: object) =>
    t.http.patch('/api/me').set(user.auth).send({ company }).expect(200);

  it('gathers events, visits, mentoring and its record across carriers; only staff and members read it', async () => {
    const park = await setUpCarrier(t);
    const incubator = await setUpCarrier(t, park.admin);
    const code = creditCode();
    const name = `衡阳梧桐档案科技 ${code.slice(-4)}`;
    const member = await signup(t, { displayName: '档案成员' });
    const outsider = await signup(t, { displayName: '别家创业者' });
    await join(member, { name, creditCode: code });
    await join(outsider, { name: `别家公司 ${code.slice(-4)}` });

    // At the park: the member registers and is checked in by ticket.
    const salon = await publishedEvent(t, park, { title: '档案沙龙', sessions: doorSessions() });
    const { body: reg } = await t.http
      .post(`/api/events/${salon.id}/registrations`)
      .set(member.auth)
      .send({})
      .expect(201);
    await t.http
      .post(`/api/sessions/${salon.sessions[0].id}/check-ins`)
      .set(park.organizer.auth)
      .send({ ticketCode: reg.ticketCode })
      .expect(201);
    // At the incubator: a colleague walks in and names the company.
    const roadshow = await publishedEvent(t, incubator, { title: '档案路演', sessions: doorSessions() });
    await t.http
      .post(`/api/sessions/${roadshow.sessions[0].id}/check-ins`)
      .set(incubator.organizer.auth)
      .send({ walkIn: { name: '现场同事', company: name } })
      .expect(201);
    // A mentoring session, held and recorded.
    const mentor = await makeMentor(t);
    const [slot] = await slotsOf(t, mentor.id);
    const { body: booking } = await t.http
      .post(`/api/mentors/${mentor.id}/bookings`)
      .set(member.auth)
      .send({ startsAt: slot.startsAt, topic: '档案里的辅导' })
      .expect(201);
    await t.db.query(
      `UPDATE bookings SET starts_at = now() - interval '2 hours', ends_at = now() - interval '1 hour' WHERE id = $1`,
      [booking.id],
    );
    await t.http.post(`/api/bookings/${booking.id}/complete`).set(mentor.auth).expect(200);
    await t.http
      .put(`/api/bookings/${booking.id}/record`)
      .set(mentor.auth)
      .send({ summary: '讨论了专利布局' })
      .expect(200);

    const url = `/api/companies/${code}/record`;
    // The incubator's organizer reads the whole file, the park's event included: one file across carriers.
    const { body } = (await t.http.get(url).set(incubator.organizer.auth).expect(200)) as {
      body: CompanyRecordView;
    };
    expect(body.company).toMatchObject({ name, creditCode: code });
    expect(body.events).toEqual([
      expect.objectContaining({
        eventId: salon.id,
        title: '档案沙龙',
        person: '档案成员',
        status: 'confirmed',
      }),
    ]);
    expect(body.visits.map((v) => [v.title, v.person, v.walkIn]).sort()).toEqual(
      [
        ['档案沙龙', '档案成员', false],
        ['档案路演', '现场同事', true],
      ].sort(),
    );
    expect(body.visits.every((v) => v.timeZone === 'Asia/Shanghai')).toBe(true);
    expect(body.mentoring).toEqual([
      expect.objectContaining({ topic: '档案里的辅导', status: 'completed', summary: '讨论了专利布局' }),
    ]);
    expect(body.certificates).toEqual([]);

    // Its member reads it too (lower case and spaces in the code are forgiven); an outsider does not.
    await t.http.get(`/api/companies/${code.toLowerCase()}/record`).set(member.auth).expect(200);
    expect((await t.http.get(url).set(outsider.auth).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get(url).set(mentor.auth).expect(403);
    await t.http.get(url).expect(401);
    await t.http.get(`/api/companies/${creditCode()}/record`).set(park.admin.auth).expect(404);
    await t.http.get('/api/companies/not-a-code/record').set(park.admin.auth).expect(404);

    // Staff find it by part of its name or its code; founders may not search.
    const found = await t.http
      .get('/api/companies')
      .query({ q: '梧桐档案' })
      .set(park.organizer.auth)
      .expect(200);
    expect(found.body).toContainEqual(expect.objectContaining({ creditCode: code, members: 1 }));
    const byCode = await t.http
      .get('/api/companies')
      .query({ q: code.slice(2, 12) })
      .set(park.admin.auth)
      .expect(200);
    expect(byCode.body.map((c: { creditCode: string }) => c.creditCode)).toContain(code);
    await t.http.get('/api/companies').query({ q: '梧桐' }).set(member.auth).expect(403);

    // The workbook holds the same rows, one sheet per kind.
    const xlsx = await t.http
      .get(`${url}.xlsx`)
      .set(park.organizer.auth)
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    expect(book.worksheets.map((s) => s.name)).toEqual(['报名活动', '到场', '导师辅导', '证书']);
    expect(book.getWorksheet('到场')!.rowCount).toBe(3);
    expect(String(book.getWorksheet('导师辅导')!.getRow(2).getCell(6).value)).toBe('讨论了专利布局');
  });
});
