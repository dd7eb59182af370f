/**
 * Issue #8, 5(c): the SMTP server refuses (421), then hangs (accepts and never answers) while 200
 * founders register. Registrations keep their latency (mail is queued in the outbox, never sent in
 * the request), and once the server is back every one of the 200 confirmations arrives exactly once,
 * under the Message-ID of its outbox row.
 */
import { publishedEvent, setUpCarrier } from '../support/events';
import { SmtpSink } from '../support/smtp-sink';
import { manyFounders, startTestApp, type SignedUp, type TestApp } from '../support/test-app';
import { FlakySmtp } from './flaky-smtp';
import { percentile, pool, sleep } from '../support/api-process';

jest.setTimeout(330_000);

/** How long the server hangs: minutes, a dozen of the mailer's 10 s greeting timeouts. */
const HANG_MS = 120_000;

describe('SMTP refusing, then hanging, during registrations', () => {
  let t: TestApp;
  let sink: SmtpSink;
  let front: FlakySmtp;

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    front = await new FlakySmtp(sink.port).start();
    t = await startTestApp({ SMTP_URL: front.url, OUTBOX_POLL_MS: '100', OUTBOX_RETRY_BASE_MS: '200' });
  });

  afterAll(async () => {
    await t?.close();
    await front?.stop();
    await sink?.stop();
  });

  it('keeps registration latency and delivers all 200 mails exactly once afterwards', async () => {
    const carrier = await setUpCarrier(t);
    const event = await publishedEvent(t, carrier, { capacity: 500, waitlistEnabled: false });
    const founders = await manyFounders(t, 250, 'smtp');
    const register = (f: SignedUp) => async () => {
      const started = performance.now();
      const res = await t.http.post(`/api/events/${event.id}/registrations`).set(f.auth).send({});
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('confirmed');
      return performance.now() - started;
    };
    const rush = (group: SignedUp[]) => pool(group, 4, (f) => register(f)());

    // Normal latency, with the server working.
    const baseline = await rush(founders.slice(0, 50));

    front.mode = 'refuse';
    const refusing = await rush(founders.slice(50, 150));
    front.mode = 'hang';
    const hangStarted = Date.now();
    const hanging = await rush(founders.slice(150, 250));
    await sleep(Math.max(0, HANG_MS - (Date.now() - hangStarted)));
    const during = [...refusing, ...hanging];
    const mailsBeforeReturn = sink.mails.length;

    front.mode = 'work';
    const backAt = Date.now();
    const outageFounders = founders.slice(50, 250);
    const rows: { id: string; recipient: string }[] = await t.db.query(
      `SELECT id, recipient FROM outbox_messages WHERE template = 'registrationConfirmed' AND recipient = ANY($1)`,
      [outageFounders.map((f) => f.email)],
    );
    expect(rows).toHaveLength(200);
    const expected = new Set(rows.map((r) => `<${r.id}@wutong>`));
    const arrived = () => sink.mails.filter((m) => expected.has(m.messageId!));
    while (new Set(arrived().map((m) => m.messageId)).size < 200 && Date.now() - backAt < 90_000)
      await sleep(100);
    const allInMs = Date.now() - backAt;
    // A few more passes: nothing may come twice.
    await sleep(1500);
    await t.drainOutbox();

    const deliveredDuringOutage = sink.mails
      .slice(0, mailsBeforeReturn)
      .filter((m) => expected.has(m.messageId!)).length;
    const perId = new Map<string, number>();
    for (const m of arrived()) perId.set(m.messageId!, (perId.get(m.messageId!) ?? 0) + 1);
    const missing = [...expected].filter((id) => !perId.has(id)).length;
    const duplicated = [...perId.values()].filter((n) => n > 1).length;
    const perRecipient = outageFounders.filter((f) => sink.to(f.email).length !== 1);
    const states: { status: string; n: number; max_attempts: number }[] = await t.db.query(
      `SELECT status, count(*)::int AS n, max(attempts)::int AS max_attempts FROM outbox_messages
        WHERE recipient = ANY($1) GROUP BY status`,
      [outageFounders.map((f) => f.email)],
    );

    const ms = (v: number) => `${Math.round(v)}`;
    console.log(
      [
        'chaos (c) SMTP refusing then hanging during 200 registrations',
        `  registration latency ms, server working (50): p50 ${ms(percentile(baseline, 50))}, p95 ${ms(percentile(baseline, 95))}, max ${ms(Math.max(...baseline))}`,
        `  registration latency ms, server down (200): p50 ${ms(percentile(during, 50))}, p95 ${ms(percentile(during, 95))}, max ${ms(Math.max(...during))}`,
        `  SMTP connections refused ${front.seen.refuse}, left hanging ${front.seen.hang} (hang ${HANG_MS / 1000} s), of the 200 delivered during the outage ${deliveredDuringOutage}`,
        `  after the server returned: all 200 in ${allInMs} ms; sent ${perId.size}, duplicated ${duplicated}, missing ${missing}`,
        `  outbox rows: ${states.map((s) => `${s.status} ${s.n} (max attempts ${s.max_attempts})`).join(', ')}`,
      ].join('\n'),
    );
    expect(front.seen.refuse).toBeGreaterThan(0);
    expect(front.seen.hang).toBeGreaterThan(0);
    expect(missing).toBe(0);
    expect(duplicated).toBe(0);
    expect(perRecipient).toEqual([]);
    expect(states).toEqual([expect.objectContaining({ status: 'sent', n: 200 })]);
    // The outage never reaches the request: far below the mailer's 10 s timeouts, and close to normal.
    expect(Math.max(...during)).toBeLessThan(5000);
    expect(percentile(during, 95)).toBeLessThan(Math.max(1000, 5 * percentile(baseline, 95)));
  });
});
