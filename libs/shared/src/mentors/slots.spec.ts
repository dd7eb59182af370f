import {
  chineseHolidayLookup,
  computeSlots,
  localDate,
  wallClockToUtc,
  zoneOffsetMs,
  type HolidayLookup,
  type SlotInput,
} from './slots';

const base = (over: Partial<SlotInput>): SlotInput => ({
  timeZone: 'Europe/Berlin',
  rules: [],
  now: new Date('2026-01-01T00:00:00Z'),
  from: new Date('2026-01-01T00:00:00Z'),
  to: new Date('2026-12-31T00:00:00Z'),
  minNoticeHours: 0,
  horizonWeeks: 104,
  ...over,
});
const starts = (input: SlotInput) => computeSlots(input).map((s) => s.startsAt);
/** Wall-clock "HH:MM" of an instant in a zone. */
const wall = (zone: string, iso: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));

describe('wall clock to UTC', () => {
  it('maps Berlin wall times on both sides of the spring and autumn changes', () => {
    expect(new Date(wallClockToUtc('Europe/Berlin', '2026-03-28', 600)).toISOString()).toBe(
      '2026-03-28T09:00:00.000Z',
    );
    expect(new Date(wallClockToUtc('Europe/Berlin', '2026-03-29', 600)).toISOString()).toBe(
      '2026-03-29T08:00:00.000Z',
    );
    // 02:30 does not exist on 29 March: it moves forward by the gap to 03:30 CEST.
    expect(new Date(wallClockToUtc('Europe/Berlin', '2026-03-29', 150)).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 02:30 happens twice on 25 October: the first (CEST) is taken.
    expect(new Date(wallClockToUtc('Europe/Berlin', '2026-10-25', 150)).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
    expect(new Date(wallClockToUtc('Asia/Shanghai', '2026-12-31', 23 * 60 + 30)).toISOString()).toBe(
      '2026-12-31T15:30:00.000Z',
    );
    expect(localDate('Asia/Shanghai', new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
  });
});

describe('zone offsets', () => {
  it('reads the offset of zones with half and quarter hours, west of UTC and across a change', () => {
    const hours = (zone: string, iso: string) => zoneOffsetMs(zone, Date.parse(iso)) / 3_600_000;
    expect(hours('Asia/Shanghai', '2026-06-01T12:00:00Z')).toBe(8);
    expect(hours('Asia/Kolkata', '2026-06-01T12:00:00Z')).toBe(5.5);
    expect(hours('Asia/Kathmandu', '2026-06-01T12:00:00Z')).toBe(5.75);
    expect(hours('America/St_Johns', '2026-01-15T12:00:00Z')).toBe(-3.5);
    expect(hours('Pacific/Chatham', '2026-01-15T12:00:00Z')).toBe(13.75);
    expect(hours('UTC', '2026-01-15T00:00:00Z')).toBe(0);
    // Berlin springs forward at 01:00 UTC on 29 March 2026: one second before and at the change.
    expect(hours('Europe/Berlin', '2026-03-29T00:59:59Z')).toBe(1);
    expect(hours('Europe/Berlin', '2026-03-29T01:00:00Z')).toBe(2);
    // Just before midnight on New Year's Eve in Shanghai: the date rolls over, the offset does not.
    expect(hours('Asia/Shanghai', '2026-12-31T15:59:59Z')).toBe(8);
    // An instant with milliseconds counts from its whole second.
    expect(zoneOffsetMs('Europe/Berlin', Date.parse('2026-07-01T00:00:00.750Z'))).toBe(2 * 3_600_000);
  });
});

describe('computeSlots', () => {
  it('keeps a Berlin window its wall-clock length on the spring-forward Sunday (last Sunday of March)', () => {
    const input = base({
      rules: [{ weekday: 7, start: '01:00', end: '04:00', slotMinutes: 60 }],
      from: new Date('2026-03-21T23:00:00Z'),
      to: new Date('2026-03-29T22:00:00Z'),
    });
    expect(starts(input)).toEqual([
      // an ordinary Sunday: 01:00, 02:00, 03:00 CET
      '2026-03-22T00:00:00.000Z',
      '2026-03-22T01:00:00.000Z',
      '2026-03-22T02:00:00.000Z',
      // 29 March: 01:00 CET, then 03:00 CEST (02:00 never happens) — the hour is gone
      '2026-03-29T00:00:00.000Z',
      '2026-03-29T01:00:00.000Z',
    ]);
    expect(
      computeSlots(input)
        .slice(3)
        .map((s) => wall('Europe/Berlin', s.startsAt)),
    ).toEqual(['01:00', '03:00']);
  });

  it('offers the repeated hour on the fall-back Sunday (last Sunday of October)', () => {
    const input = base({
      rules: [{ weekday: 7, start: '01:00', end: '04:00', slotMinutes: 60 }],
      from: new Date('2026-10-24T12:00:00Z'),
      to: new Date('2026-10-25T12:00:00Z'),
    });
    const slots = computeSlots(input);
    expect(slots.map((s) => s.startsAt)).toEqual([
      '2026-10-24T23:00:00.000Z',
      '2026-10-25T00:00:00.000Z',
      '2026-10-25T01:00:00.000Z',
      '2026-10-25T02:00:00.000Z',
    ]);
    expect(slots.map((s) => wall('Europe/Berlin', s.startsAt))).toEqual(['01:00', '02:00', '02:00', '03:00']);
  });

  it('starts a window that begins in the skipped hour at the moment the clocks jump to', () => {
    const input = base({
      rules: [{ weekday: 7, start: '02:30', end: '04:00', slotMinutes: 30 }],
      from: new Date('2026-03-29T00:00:00Z'),
      to: new Date('2026-03-30T00:00:00Z'),
    });
    expect(starts(input)).toEqual(['2026-03-29T01:30:00.000Z']);
  });

  it('shows a founder in Asia/Shanghai the Berlin hours an hour earlier once Berlin has sprung forward', () => {
    const rules = [{ weekday: 1, start: '09:00', end: '12:00', slotMinutes: 60 }];
    // The founder's Monday in Shanghai, before and after the change.
    const day = (date: string) =>
      computeSlots(
        base({
          rules,
          from: new Date(`${date}T00:00:00+08:00`),
          to: new Date(Date.parse(`${date}T00:00:00+08:00`) + 24 * 3600_000),
        }),
      ).map((s) => wall('Asia/Shanghai', s.startsAt));
    expect(day('2026-03-23')).toEqual(['16:00', '17:00', '18:00']);
    expect(day('2026-03-30')).toEqual(['15:00', '16:00', '17:00']);
  });

  it('returns only slots wholly inside [from, to) when a Berlin evening crosses midnight in Shanghai', () => {
    const input = base({
      rules: [{ weekday: 7, start: '16:00', end: '19:00', slotMinutes: 60 }],
      // Sunday 22 March in Shanghai: 21 Mar 16:00Z – 22 Mar 16:00Z
      from: new Date('2026-03-22T00:00:00+08:00'),
      to: new Date('2026-03-23T00:00:00+08:00'),
    });
    const slots = computeSlots(input);
    // 16:00 CET is 23:00 in Shanghai and ends exactly at midnight; 17:00 and 18:00 CET fall on Monday there.
    expect(slots).toEqual([{ startsAt: '2026-03-22T15:00:00.000Z', endsAt: '2026-03-22T16:00:00.000Z' }]);
    const monday = computeSlots({
      ...input,
      from: new Date('2026-03-23T00:00:00+08:00'),
      to: new Date('2026-03-24T00:00:00+08:00'),
    });
    expect(monday.map((s) => wall('Asia/Shanghai', s.startsAt))).toEqual(['00:00', '01:00']);
  });

  it('runs a window up to midnight ("24:00") across a month end and a year end', () => {
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [
        { weekday: 6, start: '22:00', end: '24:00', slotMinutes: 60 },
        { weekday: 4, start: '23:00', end: '24:00', slotMinutes: 30 },
      ],
      from: new Date('2026-01-31T00:00:00+08:00'),
      to: new Date('2026-02-02T00:00:00+08:00'),
    });
    expect(computeSlots(input)).toEqual([
      { startsAt: '2026-01-31T14:00:00.000Z', endsAt: '2026-01-31T15:00:00.000Z' },
      { startsAt: '2026-01-31T15:00:00.000Z', endsAt: '2026-01-31T16:00:00.000Z' },
    ]);
    const newYear = computeSlots({
      ...input,
      from: new Date('2026-12-31T00:00:00+08:00'),
      to: new Date('2027-01-01T00:00:00+08:00'),
    });
    expect(newYear.map((s) => s.endsAt)).toEqual(['2026-12-31T15:30:00.000Z', '2026-12-31T16:00:00.000Z']);
  });

  it('takes a day off and different hours on one date from the overrides', () => {
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 2, start: '14:00', end: '16:00', slotMinutes: 60 }],
      overrides: [
        { date: '2026-06-02', unavailable: true },
        { date: '2026-06-09', start: '09:00', end: '10:00' },
        { date: '2026-06-09', start: '19:00', end: '20:30', slotMinutes: 45 },
      ],
      from: new Date('2026-06-01T00:00:00+08:00'),
      to: new Date('2026-06-17T00:00:00+08:00'),
    });
    const byDay = computeSlots(input).map(
      (s) => `${localDate('Asia/Shanghai', new Date(s.startsAt))} ${wall('Asia/Shanghai', s.startsAt)}`,
    );
    expect(byDay).toEqual([
      '2026-06-09 09:00',
      '2026-06-09 19:00',
      '2026-06-09 19:45',
      '2026-06-16 14:00',
      '2026-06-16 15:00',
    ]);
  });

  it('closes on public holidays and opens on 调休 make-up days with the weekday they replace, unless turned off', () => {
    // National Day 2025 as the official calendar has it: 1–8 Oct off (7 and 8 in lieu), 28 Sep and 11 Oct worked.
    const lookup: HolidayLookup = (date) => {
      if (date >= '2025-10-01' && date <= '2025-10-08') return { kind: 'holiday' };
      if (date === '2025-09-28') return { kind: 'makeup', weekday: 2 };
      if (date === '2025-10-11') return { kind: 'makeup', weekday: 3 };
      return null;
    };
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [
        { weekday: 2, start: '14:00', end: '15:00', slotMinutes: 60 },
        { weekday: 3, start: '10:00', end: '11:00', slotMinutes: 60 },
      ],
      holidaysOff: true,
      holidays: lookup,
      now: new Date('2025-09-01T00:00:00Z'),
      from: new Date('2025-09-27T00:00:00+08:00'),
      to: new Date('2025-10-13T00:00:00+08:00'),
    });
    const days = (i: SlotInput) =>
      computeSlots(i).map(
        (s) => `${localDate('Asia/Shanghai', new Date(s.startsAt))} ${wall('Asia/Shanghai', s.startsAt)}`,
      );
    expect(days(input)).toEqual(['2025-09-28 14:00', '2025-09-30 14:00', '2025-10-11 10:00']);
    expect(days({ ...input, holidaysOff: false })).toEqual([
      '2025-09-30 14:00',
      '2025-10-01 10:00',
      '2025-10-07 14:00',
      '2025-10-08 10:00',
    ]);
  });

  it('pairs each make-up day with the in-lieu weekday off from the official data', () => {
    const days: Record<string, { work: boolean; name: string }> = {
      '2025-09-28': { work: true, name: 'National Day,国庆节,3' },
      '2025-10-01': { work: false, name: 'National Day,国庆节,3' },
      '2025-10-04': { work: false, name: 'National Day,国庆节,3' },
      '2025-10-07': { work: false, name: 'National Day,国庆节,3' },
      '2025-10-08': { work: false, name: 'National Day,国庆节,3' },
      '2025-10-11': { work: true, name: 'National Day,国庆节,3' },
    };
    const lookup = chineseHolidayLookup(
      (date) => ({ date, ...(days[date] ?? { work: true, name: 'Monday' }) }),
      (date) => date === '2025-10-07' || date === '2025-10-08',
    );
    expect(lookup('2025-09-28')).toEqual({ kind: 'makeup', weekday: 2 });
    expect(lookup('2025-10-11')).toEqual({ kind: 'makeup', weekday: 3 });
    expect(lookup('2025-10-04')).toEqual({ kind: 'holiday' });
    expect(lookup('2025-10-13')).toBeNull();
  });

  it('leaves the buffer between slots and around a booking', () => {
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 1, start: '09:00', end: '12:00', slotMinutes: 45, bufferMinutes: 15 }],
      from: new Date('2026-06-01T00:00:00+08:00'),
      to: new Date('2026-06-02T00:00:00+08:00'),
    });
    expect(computeSlots(input).map((s) => wall('Asia/Shanghai', s.startsAt))).toEqual([
      '09:00',
      '10:00',
      '11:00',
    ]);
    const booked = computeSlots({
      ...input,
      bookings: [{ startsAt: '2026-06-01T09:50:00+08:00', endsAt: '2026-06-01T10:20:00+08:00' }],
    });
    // 09:00–09:45 is within 15 minutes of a booking at 09:50; 10:00 overlaps it; 11:00 is clear.
    expect(booked.map((s) => wall('Asia/Shanghai', s.startsAt))).toEqual(['11:00']);
    const onGrid = computeSlots({
      ...input,
      bookings: [{ startsAt: '2026-06-01T10:00:00+08:00', endsAt: '2026-06-01T10:45:00+08:00' }],
    });
    expect(onGrid.map((s) => wall('Asia/Shanghai', s.startsAt))).toEqual(['09:00', '11:00']);
  });

  it('stops offering a day once it holds the maximum number of bookings', () => {
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [{ weekday: 1, start: '09:00', end: '13:00', slotMinutes: 60 }],
      maxPerDay: 2,
      from: new Date('2026-06-01T00:00:00+08:00'),
      to: new Date('2026-06-09T00:00:00+08:00'),
    });
    const one = [{ startsAt: '2026-06-01T09:00:00+08:00', endsAt: '2026-06-01T10:00:00+08:00' }];
    expect(computeSlots({ ...input, bookings: one })).toHaveLength(3 + 4);
    const two = [...one, { startsAt: '2026-06-01T11:00:00+08:00', endsAt: '2026-06-01T12:00:00+08:00' }];
    const left = computeSlots({ ...input, bookings: two });
    expect(left).toHaveLength(4);
    expect(left.every((s) => localDate('Asia/Shanghai', new Date(s.startsAt)) === '2026-06-08')).toBe(true);
  });

  it('offers nothing inside the minimum notice or beyond the horizon, and nothing in the past', () => {
    const input = base({
      timeZone: 'Asia/Shanghai',
      rules: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
        weekday,
        start: '09:00',
        end: '10:00',
        slotMinutes: 60,
      })),
      now: new Date('2026-06-01T08:00:00+08:00'),
      from: new Date('2026-05-01T00:00:00+08:00'),
      to: new Date('2026-12-01T00:00:00+08:00'),
      minNoticeHours: 12,
      horizonWeeks: 2,
    });
    const slots = computeSlots(input);
    // 09:00 on 1 June is an hour away (inside the notice); the last is 14 June, before 15 June 08:00.
    expect(localDate('Asia/Shanghai', new Date(slots[0].startsAt))).toBe('2026-06-02');
    expect(localDate('Asia/Shanghai', new Date(slots.at(-1)!.startsAt))).toBe('2026-06-14');
    expect(slots).toHaveLength(13);
    expect(computeSlots({ ...input, minNoticeHours: 0 })[0].startsAt).toBe('2026-06-01T01:00:00.000Z');
  });

  it('returns nothing for an empty or inverted range', () => {
    const input = base({ rules: [{ weekday: 1, start: '09:00', end: '10:00', slotMinutes: 60 }] });
    expect(computeSlots({ ...input, from: input.to, to: input.from })).toEqual([]);
  });
});
