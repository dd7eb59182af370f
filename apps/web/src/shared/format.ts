// Dates, times and numbers for the reader: the carrier's (or the reader's) time zone, the reader's
// language. The one formatting module of the web app.
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { addDays, localDate, wallClockToUtc, type UserView } from '@wutong/shared';

dayjs.extend(utc);
dayjs.extend(timezone);

// Days and clocks
/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function dayIn(at: Date | string, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}

export function isToday(at: string, timeZone: string, now = new Date()): boolean {
  return dayIn(at, timeZone) === dayIn(now, timeZone);
}

/** "14:05", with the date in front when it is not today (in the zone). */
export function timeOrDateTime(at: string, timeZone: string, locale: string): string {
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at));
  if (isToday(at, timeZone)) return time;
  const date = new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', timeZone }).format(
    new Date(at),
  );
  return `${date} ${time}`;
}

/** "5月10日周日 14:30–17:00" / "Sun, May 10, 14:30–17:00" for a session, in the zone. */
export function sessionLabel(startsAt: string, endsAt: string, timeZone: string, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, {
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone,
  });
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const a = new Date(startsAt);
  const b = new Date(endsAt);
  const sameDay = dayIn(a, timeZone) === dayIn(b, timeZone);
  return sameDay
    ? `${date.format(a)} ${time.format(a)}–${time.format(b)}`
    : `${date.format(a)} ${time.format(a)} – ${date.format(b)} ${time.format(b)}`;
}

/** The browser's zone (for pages that do not know the carrier's). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * The one way the app writes a date: "2026年5月10日周日" / "Sun, May 10, 2026" — the year left out
 * where the page makes it plain (a week, a slot, the door). Every helper below builds on it.
 */
export function dateParts(locale: string, withYear: boolean): Intl.DateTimeFormatOptions {
  return {
    year: withYear ? 'numeric' : undefined,
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
  };
}

/** "5月10日周日" / "Sun, May 10". */
export function shortDate(at: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...dateParts(locale, false), timeZone }).format(new Date(at));
}

/** "5月10日周日 14:30" / "Sun, May 10 14:30". */
export function shortDateTime(at: string, timeZone: string, locale: string): string {
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at));
  return `${shortDate(at, timeZone, locale)} ${time}`;
}

// Ranges, pickers and zones
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm';

/** The zone the reader sees times in: their profile's, else the browser's. */
export function viewerTimeZone(user: UserView | null): string {
  return user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(locale: string, withYear: boolean): Intl.DateTimeFormatOptions {
  return {
    ...dateParts(locale, withYear),
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  };
}

/** "2026年5月10日周日 19:00–21:00" in the given zone, in the reader's language. */
export function formatRange(start: string, end: string, timeZone: string, locale: string): string {
  const full = parts(locale, true);
  const date = new Intl.DateTimeFormat(locale, {
    year: full.year,
    month: full.month,
    day: full.day,
    weekday: full.weekday,
    timeZone,
  });
  const time = new Intl.DateTimeFormat(locale, {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const a = new Date(start);
  const b = new Date(end);
  // Intl's own formatRange words Chinese ranges as "2026/5/10周日", so the pieces are put together here.
  if (date.format(a) === date.format(b)) return `${date.format(a)} ${time.format(a)}–${time.format(b)}`;
  const both = new Intl.DateTimeFormat(locale, { ...full, timeZone });
  return `${both.format(a)} – ${both.format(b)}`;
}

/** Full date and time with the year: "2026年5月10日周日 19:00". */
export function formatDateTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...parts(locale, true), timeZone }).format(new Date(iso));
}

/** "2026年5月10日周日" / "Sun, May 10, 2026". */
export function formatDate(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...dateParts(locale, true), timeZone }).format(new Date(iso));
}

/** "中国时间（GMT+8）" / "China Standard Time (GMT+8)": the zone in the reader's words, with its offset. */
export function zoneLabel(timeZone: string, locale: string, at: string): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  const name = zoneName(timeZone, locale, new Date(at));
  if (!offset) return name;
  return locale.startsWith('zh') ? `${name}（${offset}）` : `${name} (${offset})`;
}

/** Whether two zones show different clocks at the moment `at`. */
export function zonesDiffer(a: string, b: string, at: string): boolean {
  if (a === b) return false;
  const wall = (tz: string) => dayjs(at).tz(tz).format(WALL_CLOCK);
  return wall(a) !== wall(b);
}

export function formatNumber(value: number, locale: string): string {
  return new Intl.NumberFormat(locale).format(value);
}

/**
 * Date pickers work in the browser's zone; an organizer types the wall clock of the carrier's zone.
 * The picker holds that wall clock as a local Dayjs; these convert it to and from the real instant.
 */
export function instantToWallClock(iso: string, timeZone: string): Dayjs {
  return dayjs(dayjs(iso).tz(timeZone).format(WALL_CLOCK));
}

export function wallClockToInstant(value: Dayjs, timeZone: string): string {
  return dayjs.tz(value.format(WALL_CLOCK), timeZone).toISOString();
}

// Weeks of office hours
/** "14:00" of an instant in a zone. */
export function clock(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "6月9日周二" / "Tue, Jun 9" of a "YYYY-MM-DD" date. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...dateParts(locale, false), timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** "2026年6月9日周二 14:00–15:00" in the zone. */
export function rangeLabel(start: string, end: string, zone: string, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, { ...dateParts(locale, true), timeZone: zone }).format(
    new Date(start),
  );
  return `${date} ${clock(start, zone)}–${clock(end, zone)}`;
}

/** The Monday of the week holding `date` ("YYYY-MM-DD"). */
export function mondayOf(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() || 7;
  return addDays(date, 1 - weekday);
}

export function today(zone: string): string {
  return localDate(zone, new Date());
}

/** [start, end) of the week from `monday` in the zone, as ISO instants. */
export function weekRange(monday: string, zone: string): { from: string; to: string } {
  return {
    from: new Date(wallClockToUtc(zone, monday, 0)).toISOString(),
    to: new Date(wallClockToUtc(zone, addDays(monday, 7), 0)).toISOString(),
  };
}

/** A zone in the reader's words: 中国时间, 纽约时间 / China Standard Time, Eastern Time. */
export function zoneName(zone: string, locale: string, at: Date = new Date()): string {
  // Chinese readers: 中国时间, 纽约时间; English readers: China Standard Time, Eastern Time.
  const style = locale.startsWith('zh') ? 'shortGeneric' : 'longGeneric';
  const name = (timeZoneName: 'shortGeneric' | 'longGeneric' | 'long') =>
    new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName')?.value;
  const generic = name(style);
  // Zones without a generic name (UTC) read as "GMT+0": take the long name (协调世界时).
  return generic && !generic.startsWith('GMT') ? generic : (name('long') ?? zone);
}

/** "12月8日周二 14:00" / "Tue, Dec 8 14:00": a slot's start in the reader's zone. */
export function slotLabel(iso: string, zone: string, locale: string): string {
  return `${dayLabel(localDate(zone, new Date(iso)), locale)} ${clock(iso, zone)}`;
}

/** The Monday of the week, in the zone, that holds an instant. */
export function mondayOfInstant(iso: string, zone: string): string {
  return mondayOf(localDate(zone, new Date(iso)));
}

// Numbers and months of the dashboard
export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value);
}

/** 0.4567 → "46%"; small shares keep a decimal so that early-year progress is not all "0%". */
export function formatPercent(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, {
    style: 'percent',
    maximumFractionDigits: value > 0 && value < 0.1 ? 1 : 0,
  }).format(value);
}

/** "1月" … "12月" / "Jan" … "Dec". */
export function monthNames(locale: string): string[] {
  const format = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
  return Array.from({ length: 12 }, (_, m) => format.format(new Date(Date.UTC(2000, m, 15))));
}
