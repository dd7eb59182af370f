/**
 * Free office-hour slots, computed (never stored) from a mentor's weekly rules and date overrides in
 * the mentor's own time zone. Pure: no clock, no database, no packages — the caller passes `now`,
 * the active bookings and, for Chinese public holidays, a lookup (the API and the web pass one built
 * on the `chinese-days` data package with `chineseHolidayLookup`).
 */
import type { DateOverride, WeeklyRule } from './contracts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** What the official calendar says of a date: a public holiday, or a 调休 make-up working day. */
export type HolidayInfo =
  | { kind: 'holiday' }
  /** Works like the given ISO weekday (the day off it was swapped with). */
  | { kind: 'makeup'; weekday: number };
export type HolidayLookup = (date: string) => HolidayInfo | null;

export interface BusyInterval {
  startsAt: Date | string;
  endsAt: Date | string;
}

export interface SlotInput {
  timeZone: string;
  rules: readonly WeeklyRule[];
  overrides?: readonly DateOverride[];
  /** Days off on public holidays and office hours on make-up days (needs `holidays`). */
  holidaysOff?: boolean;
  holidays?: HolidayLookup;
  /** The mentor's active bookings (confirmed, completed, no-show). */
  bookings?: readonly BusyInterval[];
  now: Date;
  from: Date;
  to: Date;
  minNoticeHours?: number;
  maxPerDay?: number | null;
  horizonWeeks?: number;
}

export interface Slot {
  startsAt: string;
  endsAt: string;
}

// ---------------------------------------------------------------- time-zone helpers

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
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
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at that instant, in milliseconds (Berlin in summer: +2 h). */
export function zoneOffsetMs(zone: string, utcMs: number): number {
  // The en-US text ("1/5/2026, 08:00:00") holds month, day, year, hour, minute and second in that
  // order; reading its digits is four times cheaper than formatToParts' array of objects.
  const text = formatter(zone).format(utcMs);
  const n = [0, 0, 0, 0, 0, 0];
  let k = 0;
  let inNumber = false;
  for (let i = 0; i < text.length && k < 6; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit >= 0 && digit <= 9) {
      n[k] = n[k] * 10 + digit;
      inNumber = true;
    } else if (inNumber) {
      k++;
      inNumber = false;
    }
  }
  const asUtc = Date.UTC(n[2], n[0] - 1, n[1], n[3], n[4], n[5]);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/** "YYYY-MM-DD" of the instant in the zone. */
export function localDate(zone: string, instant: Date | number): string {
  const ms = typeof instant === 'number' ? instant : instant.getTime();
  return new Date(ms + zoneOffsetMs(zone, ms)).toISOString().slice(0, 10);
}

/**
 * The instant when the zone's wall clock shows `date` + `minutes` past midnight. A time that occurs
 * twice (autumn) maps to the first occurrence; a time skipped (spring) maps forward by the gap, as
 * calendars do (02:30 on the day Berlin springs forward is 03:30 CEST).
 */
export function wallClockToUtc(zone: string, date: string, minutes: number): number {
  const [y, m, d] = date.split('-').map(Number);
  const local = Date.UTC(y, m - 1, d) + minutes * MINUTE;
  const before = zoneOffsetMs(zone, local - 14 * HOUR);
  const after = zoneOffsetMs(zone, local + 14 * HOUR);
  const valid = [...new Set([before, after])]
    .map((offset) => local - offset)
    .filter((utc) => local - zoneOffsetMs(zone, utc) === utc);
  if (valid.length > 0) return Math.min(...valid);
  return local - before;
}

/**
 * `wallClockToUtc` for one local date, with the zone asked about once per day rather than once per
 * time: when the offset is the same at instants 24 hours apart from 14 hours before the date's
 * midnight to 14 hours after the day's end (around every instant the day's wall clock can mean), the
 * clocks do not change that day and each of its times is the wall clock minus that offset; on a day
 * they do change, each time goes through `wallClockToUtc`. `offsets` memoizes the offsets at those
 * instants, so consecutive days share all but one.
 */
export function dayClock(
  zone: string,
  date: string,
  offsets: Map<number, number> = new Map(),
): (minutes: number) => number {
  const [y, m, d] = date.split('-').map(Number);
  const midnight = Date.UTC(y, m - 1, d);
  const offsetAt = (utc: number) => {
    let o = offsets.get(utc);
    if (o === undefined) offsets.set(utc, (o = zoneOffsetMs(zone, utc)));
    return o;
  };
  const before = offsetAt(midnight - 14 * HOUR);
  if ([10, 34, 58].every((h) => offsetAt(midnight + h * HOUR) === before))
    return (minutes) => midnight + minutes * MINUTE - before;
  return (minutes) => wallClockToUtc(zone, date, minutes);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a "YYYY-MM-DD" date. */
export function isoWeekday(date: string): number {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 ? 7 : day;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

/** Minutes past midnight of "HH:MM" ("24:00" is 1440); NaN when malformed. */
export function parseClock(value: string): number {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(value);
  if (!match) return NaN;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : NaN;
}

// ---------------------------------------------------------------- holidays

/** The part of chinese-days' `getDayDetail` this needs: `name` is "National Day,国庆节,3" on holiday-related dates. */
export type DayDetail = (date: string) => { work: boolean; name: string; date: string };

/**
 * A HolidayLookup on the `chinese-days` data: days off of a public holiday are holidays; a weekend day
 * that is a working day (调休) is a make-up day that works like the weekday of the day off it was
 * swapped with (the n-th make-up day of a holiday pairs with its n-th in-lieu weekday; Monday when
 * the data does not say).
 */
export function chineseHolidayLookup(detail: DayDetail, isInLieu?: (date: string) => boolean): HolidayLookup {
  const cache = new Map<string, HolidayInfo | null>();
  const holidayName = (date: string): string | null => {
    const d = detail(date);
    return d.name.includes(',') ? d.name : null;
  };
  return (date) => {
    if (cache.has(date)) return cache.get(date)!;
    let info: HolidayInfo | null = null;
    const d = detail(date);
    const weekday = isoWeekday(date);
    if (d.name.includes(',')) {
      if (!d.work) info = { kind: 'holiday' };
      else if (weekday >= 6) {
        const makeups: string[] = [];
        const inLieu: string[] = [];
        for (let i = -30; i <= 30; i++) {
          const other = addDays(date, i);
          if (holidayName(other) !== d.name) continue;
          const od = detail(other);
          const ow = isoWeekday(other);
          if (od.work && ow >= 6) makeups.push(other);
          if (!od.work && ow <= 5 && (!isInLieu || isInLieu(other))) inLieu.push(other);
        }
        // In-lieu days are the weekdays off beyond the statutory ones: the last ones of the period.
        const swapped = inLieu.slice(Math.max(0, inLieu.length - makeups.length));
        const index = makeups.indexOf(date);
        const pair = swapped[index];
        info = { kind: 'makeup', weekday: pair ? isoWeekday(pair) : 1 };
      }
    }
    cache.set(date, info);
    return info;
  };
}

// ---------------------------------------------------------------- slots

/** A rule's or an override's hours parsed once per computation: minutes past local midnight. */
interface LocalWindow {
  start: number;
  end: number;
  slotMinutes: number;
  bufferMinutes: number;
}

function localWindow(start: string, end: string, slot: number, buffer: number): LocalWindow | null {
  const s = parseClock(start);
  const e = parseClock(end);
  if (!(e > s) || !(slot > 0)) return null;
  return { start: s, end: e, slotMinutes: slot, bufferMinutes: Math.max(0, buffer) };
}

/** A date's override: no office hours, or these hours instead of the weekly rules. */
type DayOverride = { unavailable: true } | { unavailable: false; windows: LocalWindow[] };

function dayOverrides(input: SlotInput): Map<string, DayOverride> {
  const byDate = new Map<string, DateOverride[]>();
  for (const o of input.overrides ?? []) {
    const list = byDate.get(o.date) ?? [];
    list.push(o);
    byDate.set(o.date, list);
  }
  const result = new Map<string, DayOverride>();
  for (const [date, overrides] of byDate) {
    if (overrides.some((o) => o.unavailable)) {
      result.set(date, { unavailable: true });
      continue;
    }
    const base = input.rules.find((r) => r.weekday === isoWeekday(date));
    const windows: LocalWindow[] = [];
    for (const o of overrides) {
      const w =
        o.start && o.end
          ? localWindow(
              o.start,
              o.end,
              o.slotMinutes ?? base?.slotMinutes ?? 60,
              o.bufferMinutes ?? base?.bufferMinutes ?? 0,
            )
          : null;
      if (w) windows.push(w);
    }
    result.set(date, { unavailable: false, windows });
  }
  return result;
}

function windowsOf(
  input: SlotInput,
  date: string,
  overrides: Map<string, DayOverride>,
  rulesByWeekday: Map<number, LocalWindow[]>,
): readonly LocalWindow[] {
  const override = overrides.get(date);
  if (override) return override.unavailable ? [] : override.windows;
  let weekday = isoWeekday(date);
  if (input.holidaysOff && input.holidays) {
    const info = input.holidays(date);
    if (info?.kind === 'holiday') return [];
    if (info?.kind === 'makeup') weekday = info.weekday;
  }
  return rulesByWeekday.get(weekday) ?? [];
}

/**
 * Free slots lying wholly inside [from, to), ordered by start. A slot is offered when it starts at
 * least `minNoticeHours` after `now`, before the horizon (`horizonWeeks` from now), on a day with
 * fewer active bookings than `maxPerDay`, and does not overlap an active booking widened by the
 * window's buffer. Inside a window slots follow each other every slot length + buffer, stepping in
 * real time, so a window keeps its wall-clock length on days when the clocks change.
 */
export function computeSlots(input: SlotInput): Slot[] {
  const zone = input.timeZone;
  const now = input.now.getTime();
  const earliest = Math.max(input.from.getTime(), now + (input.minNoticeHours ?? 12) * HOUR);
  const horizon = now + (input.horizonWeeks ?? 8) * 7 * DAY;
  const latest = Math.min(input.to.getTime(), horizon);
  if (!(latest > earliest)) return [];

  const rulesByWeekday = new Map<number, LocalWindow[]>();
  for (const rule of input.rules) {
    const w = localWindow(rule.start, rule.end, rule.slotMinutes, rule.bufferMinutes ?? 0);
    if (!w) continue;
    const list = rulesByWeekday.get(rule.weekday) ?? [];
    list.push(w);
    rulesByWeekday.set(rule.weekday, list);
  }
  const overrides = dayOverrides(input);
  const busy = (input.bookings ?? [])
    .map((b) => ({ start: new Date(b.startsAt).getTime(), end: new Date(b.endsAt).getTime() }))
    .sort((a, b) => a.start - b.start);
  /** Index of the first busy interval starting at or after `at`. */
  const firstFrom = (at: number): number => {
    let lo = 0;
    let hi = busy.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (busy[mid].start < at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  // Longest busy interval, so a binary search can start early enough to find every overlap.
  const longest = busy.reduce((max, b) => Math.max(max, b.end - b.start), 0);
  const overlapsBusy = (start: number, end: number, buffer: number): boolean => {
    for (let i = firstFrom(start - buffer - longest); i < busy.length && busy[i].start < end + buffer; i++) {
      if (busy[i].end + buffer > start) return true;
    }
    return false;
  };

  const slots: Slot[] = [];
  const offsets = new Map<number, number>();
  const lastDate = addDays(localDate(zone, latest), 1);
  for (let date = addDays(localDate(zone, earliest), -1); date <= lastDate; date = addDays(date, 1)) {
    // The zone is asked here, once per day: every time of the day goes through this clock.
    const local = windowsOf(input, date, overrides, rulesByWeekday);
    if (local.length === 0) continue;
    const clock = dayClock(zone, date, offsets);
    // Bookings starting on this local day, counted between its midnights.
    if (input.maxPerDay != null && firstFrom(clock(1440)) - firstFrom(clock(0)) >= input.maxPerDay) continue;
    const daySlots: { start: number; end: number }[] = [];
    for (const w of local) {
      const length = w.slotMinutes * MINUTE;
      const step = length + w.bufferMinutes * MINUTE;
      const windowEnd = clock(w.end);
      for (let start = clock(w.start); start + length <= windowEnd; start += step) {
        const end = start + length;
        if (start < earliest || end > latest) continue;
        if (overlapsBusy(start, end, w.bufferMinutes * MINUTE)) continue;
        if (daySlots.some((s) => s.start < end && s.end > start)) continue;
        daySlots.push({ start, end });
      }
    }
    daySlots.sort((a, b) => a.start - b.start);
    for (const s of daySlots)
      slots.push({ startsAt: new Date(s.start).toISOString(), endsAt: new Date(s.end).toISOString() });
  }
  return slots;
}
