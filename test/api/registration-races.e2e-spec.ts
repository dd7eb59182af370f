/**
 * Seats never leak, whatever order people register, cancel and come back in (docs/security.md,
 * "Outside attack, second round", point 1). After every burst of parallel requests over real HTTP:
 * seats taken = confirmed registrations, waitlist positions are 1..n without gaps, and nobody waits
 * while a seat is free.
 */
import fc from 'fast-check';
import type { EventView } from '@wutong/shared';
import { bulkFounders } from './mentors-helpers';
import { publishedEvent, setUpCarrier, type Carrier } from '../support/events';
import { startTestApp, type SignedUp, type TestApp } from '../support/test-app';

jest.setTimeout(240_000);

interface Ledger {
  seatsTaken: number;
  capacity: number;
  confirmed: number;
  waiting: number[];
}

async function ledger(t: TestApp, eventId: string): Promise<Ledger> {
  const [event]: { seats_taken: number; capacity: number }[] = await t.db.query(
    `SELECT seats_taken, capacity FROM events WHERE id = $1`,
    [eventId],
  );
  const [{ confirmed }]: { confirmed: number }[] = await t.db.query(
    `SELECT count(*)::int AS confirmed FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
    [eventId],
  );
  const waiting: { user_id: string }[] = await t.db.query(
    `SELECT user_id FROM registrations WHERE event_id = $1 AND status = 'waitlisted' ORDER BY waitlist_seq`,
    [eventId],
  );
  // Positions as the API reports them to each waiting founder.
  const positions: number[] = [];
  for (const { user_id } of waiting) {
    const [row]: { position: number }[] = await t.db.query(
      `SELECT count(*)::int AS position FROM registrations w, registrations r
        WHERE r.event_id = $1 AND r.user_id = $2 AND w.event_id = r.event_id AND w.status = 'waitlisted'
          AND w.waitlist_seq <= r.waitlist_seq`,
      [eventId, user_id],
    );
    positions.push(row.position);
  }
  return { seatsTaken: event.seats_taken, capacity: event.capacity, confirmed, waiting: positions };
}

function expectSound(l: Ledger): void {
  expect(l.seatsTaken).toBe(l.confirmed);
  expect(l.waiting).toEqual(l.waiting.map((_, i) => i + 1));
  if (l.waiting.length > 0) expect(l.seatsTaken).toBe(l.capacity);
}

describe('seats under races of register, cancel and register again', () => {
  let t: TestApp;
  let c: Carrier;
  beforeAll(async () => {
    t = await startTestApp({ DATABASE_POOL_SIZE: '20' });
    c = await setUpCarrier(t);
  });
  afterAll(async () => {
    await t.close();
  });

  const register = (e: EventView, f: SignedUp) =>
    t.http.post(`/api/events/${e.id}/registrations`).set(f.auth).send({});
  const cancelMine = async (e: EventView, f: SignedUp) => {
    const mine = await t.http.get('/api/me/registrations').set(f.auth);
    const reg = (mine.body as { id: string; eventId: string }[]).find((r) => r.eventId === e.id);
    if (reg) await t.http.post(`/api/registrations/${reg.id}/cancel`).set(f.auth).send({});
  };

  it('one founder who cancels and re-registers 30 times at once holds one registration and one seat at most', async () => {
    const event = await publishedEvent(t, c, { capacity: 3 });
    const [attacker] = await bulkFounders(t, 1);
    await register(event, attacker).expect(201);
    await cancelMine(event, attacker);
    const answers = await Promise.all(Array.from({ length: 30 }, () => register(event, attacker)));
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    const l = await ledger(t, event.id);
    expectSound(l);
    expect(l.seatsTaken).toBe(1);
    // Everybody else still finds the other two seats.
    const others = await bulkFounders(t, 3);
    const statuses = await Promise.all(others.map((o) => register(event, o).then((r) => r.body.status)));
    expect(statuses.sort()).toEqual(['confirmed', 'confirmed', 'waitlisted']);
    expectSound(await ledger(t, event.id));
  });

  it('keeps a 100-seat event whole through rounds of cancel-and-retry bursts', async () => {
    const event = await publishedEvent(t, c, { capacity: 100 });
    const attackers = await bulkFounders(t, 4);
    for (let round = 0; round < 4; round++) {
      await Promise.all(attackers.map((a) => register(event, a)));
      await Promise.all(attackers.map((a) => cancelMine(event, a)));
      await Promise.all(attackers.flatMap((a) => Array.from({ length: 20 }, () => register(event, a))));
      const l = await ledger(t, event.id);
      expectSound(l);
      expect(l.seatsTaken).toBe(4);
    }
  });

  it('brings an applicant of an approval event back once, pending, however many times at once', async () => {
    const event = await publishedEvent(t, c, { capacity: 2, approvalRequired: true });
    const [applicant] = await bulkFounders(t, 1);
    await register(event, applicant).expect(201);
    await cancelMine(event, applicant);
    await Promise.all(Array.from({ length: 20 }, () => register(event, applicant)));
    const rows: { status: string }[] = await t.db.query(
      `SELECT status FROM registrations WHERE event_id = $1`,
      [event.id],
    );
    expect(rows).toEqual([{ status: 'pending_approval' }]);
    expectSound(await ledger(t, event.id));
  });

  it('stays sound under any interleaving of registering, cancelling and coming back (property)', async () => {
    const founders = await bulkFounders(t, 6);
    const step = fc.record({
      who: fc.integer({ min: 0, max: founders.length - 1 }),
      what: fc.constantFrom('register', 'register', 'cancel'),
      copies: fc.integer({ min: 1, max: 4 }),
    });
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(step, { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 4 }),
        async (capacity, bursts) => {
          runs++;
          const event = await publishedEvent(t, c, { capacity });
          for (const burst of bursts) {
            await Promise.all(
              burst.flatMap(({ who, what, copies }) =>
                Array.from({ length: copies }, () =>
                  what === 'register' ? register(event, founders[who]) : cancelMine(event, founders[who]),
                ),
              ),
            );
            expectSound(await ledger(t, event.id));
          }
        },
      ),
      { numRuns: 25, seed: Number(process.env.FUZZ_SEED ?? 20261205) },
    );
    expect(runs).toBe(25);
  });
});
