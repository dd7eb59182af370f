import { addDays, localDate, wallClockToUtc } from '@wutong/shared';

/** "14:00" of an instant in a zone. */
export function clock(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso));
}

/** "6月9日 周二" / "Tue, Jun 9" of a "YYYY-MM-DD" date. */
export function dayLabel(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    timeZone: 'UTC',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(`${date}T00:00:00Z`));
}

/** "2026年6月9日周二 14:00–15:00" in the zone. */
export function rangeLabel(start: string, end: string, zone: string, locale: string): string {
  const date = new Intl.DateTimeFormat(locale, {
    timeZone: zone,
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(new Date(start));
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

/** A short name for a zone: "Europe/Berlin" → "Berlin". */
export function zoneName(zone: string): string {
  return zone.split('/').pop()!.replace(/_/g, ' ');
}

/** "12月8日 周二 14:00" / "Tue, Dec 8 14:00": a slot's start in the reader's zone. */
export function slotLabel(iso: string, zone: string, locale: string): string {
  return `${dayLabel(localDate(zone, new Date(iso)), locale)} ${clock(iso, zone)}`;
}

/** The Monday of the week, in the zone, that holds an instant. */
export function mondayOfInstant(iso: string, zone: string): string {
  return mondayOf(localDate(zone, new Date(iso)));
}
