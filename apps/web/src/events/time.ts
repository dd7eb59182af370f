import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import type { UserView } from '@wutong/shared';

dayjs.extend(utc);
dayjs.extend(timezone);

const WALL_CLOCK = 'YYYY-MM-DDTHH:mm';

/** The zone the reader sees times in: their profile's, else the browser's. */
export function viewerTimeZone(user: UserView | null): string {
  return user?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function parts(locale: string, withYear: boolean): Intl.DateTimeFormatOptions {
  return {
    year: withYear ? 'numeric' : undefined,
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
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

export function formatDateTime(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { ...parts(locale, true), timeZone }).format(new Date(iso));
}

export function formatDate(iso: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone }).format(new Date(iso));
}

/** "Asia/Shanghai (GMT+8)". */
export function zoneLabel(timeZone: string, locale: string, at: string): string {
  const offset = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'shortOffset' })
    .formatToParts(new Date(at))
    .find((p) => p.type === 'timeZoneName')?.value;
  return offset ? `${timeZone} (${offset})` : timeZone;
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

/** The instant `iso` as a local Dayjs of the same wall clock in `timeZone` (for calendar cells). */
export function dayInZone(iso: string, timeZone: string): string {
  return dayjs(iso).tz(timeZone).format('YYYY-MM-DD');
}
