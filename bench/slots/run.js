#!/usr/bin/env node
/**
 * Times the free-slot computation (libs/shared computeSlots) for a mentor with a year of weekly rules
 * and date overrides and 500 active bookings, with the Chinese holiday lookup on.
 * Needs the built shared library: `npx tsc -p libs/shared/tsconfig.lib.json`, then
 *   node bench/slots/run.js
 * Prints one row per case: the range asked for, slots returned, median and p95 of 50 runs (wall
 * clock), and the median CPU time of a run (steadier than the wall clock on a shared machine).
 * Reference in the same run: the time-zone conversions alone done the former way — every window's
 * start and end of every day converted with three to four zone lookups each, every lookup through
 * Intl's formatToParts — which is what computeSlots spent most of a year on before it asked the zone
 * once per day (dayClock) and read the zone's digits from format().
 * Ends with the goal line: a whole year ≤ 10 ms.
 */
const { performance } = require('node:perf_hooks');
const { getDayDetail, isInLieu } = require('chinese-days');
const {
  computeSlots,
  chineseHolidayLookup,
  addDays,
  localDate,
  wallClockToUtc,
} = require('../../libs/shared/dist');

const DAY = 24 * 3600_000;

/** The former conversion, kept here as the reference: formatToParts for every zone lookup. */
const partsFormatters = new Map();
function formerOffset(zone, utcMs) {
  let f = partsFormatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(zone, f);
  }
  const p = {};
  for (const part of f.formatToParts(new Date(utcMs))) p[part.type] = Number(part.value);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(utcMs / 1000) * 1000;
}
function formerWallClockToUtc(zone, date, minutes) {
  const [y, m, d] = date.split('-').map(Number);
  const local = Date.UTC(y, m - 1, d) + minutes * 60_000;
  const before = formerOffset(zone, local - 14 * 3600_000);
  const after = formerOffset(zone, local + 14 * 3600_000);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((utc) => local - formerOffset(zone, utc) === utc);
  return valid.length > 0 ? Math.min(...valid) : local - before;
}
const RUNS = 50;
const now = new Date('2026-01-05T00:00:00Z');

function mentor(zone) {
  const rules = [];
  for (let weekday = 1; weekday <= 5; weekday++) {
    rules.push({ weekday, start: '09:00', end: '12:00', slotMinutes: 30, bufferMinutes: 10 });
    rules.push({ weekday, start: '14:00', end: '18:00', slotMinutes: 45, bufferMinutes: 15 });
  }
  rules.push({ weekday: 6, start: '10:00', end: '12:00', slotMinutes: 60 });
  // A year of overrides: a day off every ~3 days, different hours on others (≈120 entries).
  const overrides = [];
  const first = localDate(zone, now);
  for (let i = 0; i < 365; i += 3) {
    const date = addDays(first, i);
    overrides.push(
      i % 2 ? { date, unavailable: true } : { date, start: '19:00', end: '21:00', slotMinutes: 30 },
    );
  }
  // 500 active bookings on the grid of the weekday mornings across the year.
  const bookings = [];
  for (let i = 0; bookings.length < 500; i++) {
    const date = addDays(first, Math.floor(i / 2));
    const start = wallClockToUtc(zone, date, 9 * 60 + (i % 2) * 40);
    bookings.push({ startsAt: new Date(start), endsAt: new Date(start + 30 * 60_000) });
  }
  return { rules, overrides, bookings };
}

const holidays = chineseHolidayLookup(getDayDetail, isInLieu);
const rows = [];
const yearly = [];
for (const zone of ['Asia/Shanghai', 'Europe/Berlin']) {
  const m = mentor(zone);
  for (const [label, days] of [
    ['1 week (mentor page)', 7],
    ['62 days (API maximum)', 62],
    ['365 days (whole year)', 365],
    ['1 day (booking check)', 1],
  ]) {
    const input = {
      timeZone: zone,
      ...m,
      holidaysOff: zone === 'Asia/Shanghai',
      holidays,
      now,
      from: new Date(now.getTime() + 7 * DAY),
      to: new Date(now.getTime() + (7 + days) * DAY),
      minNoticeHours: 12,
      maxPerDay: 8,
      horizonWeeks: 52,
    };
    computeSlots(input); // warm-up
    const times = [];
    const cpu = [];
    let count = 0;
    for (let r = 0; r < RUNS; r++) {
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      count = computeSlots(input).length;
      const c = process.cpuUsage(c0);
      times.push(performance.now() - t0);
      cpu.push((c.user + c.system) / 1000);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    rows.push({
      zone,
      range: label,
      rules: m.rules.length,
      overrides: m.overrides.length,
      bookings: m.bookings.length,
      slots: count,
      'median ms': times[Math.floor(RUNS / 2)].toFixed(2),
      'p95 ms': times[Math.floor(RUNS * 0.95)].toFixed(2),
      'cpu ms': cpu[Math.floor(RUNS / 2)].toFixed(2),
    });
    if (days === 365) {
      // The reference: the same year's window bounds converted the former way, one at a time.
      const windows = [...m.rules, ...m.overrides.filter((o) => o.start)];
      const first = localDate(zone, input.from);
      const ref = [];
      for (let r = 0; r < RUNS; r++) {
        const c0 = process.cpuUsage();
        for (let d = 0; d < 365; d++) {
          const date = addDays(first, d);
          const weekday = ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
          for (const w of windows)
            if (w.weekday === weekday || w.date === date) {
              formerWallClockToUtc(zone, date, Number(w.start.slice(0, 2)) * 60);
              formerWallClockToUtc(zone, date, Number(w.end.slice(0, 2)) * 60);
            }
        }
        const c = process.cpuUsage(c0);
        ref.push((c.user + c.system) / 1000);
      }
      ref.sort((a, b) => a - b);
      yearly.push({ zone, cpu: cpu[Math.floor(RUNS / 2)], ref: ref[Math.floor(RUNS / 2)] });
    }
  }
}
console.log('```');
console.log(`computeSlots, ${RUNS} runs each, node ${process.version}`);
console.table(rows);
console.log(`done: ${rows.length} cases, ${rows.length * RUNS} computations`);
console.log('```\n');
for (const y of yearly)
  console.log(
    `Goal — a year of slots (${y.zone}): computeSlots ${y.cpu.toFixed(1)} ms CPU (goal ≤ 10 ms); ` +
      `reference, the former per-window zone conversions alone: ${y.ref.toFixed(1)} ms.\n`,
  );
