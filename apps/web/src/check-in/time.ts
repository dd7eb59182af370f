/** Dates and times at the door: the carrier's zone, the reader's language. */

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

/** Full date and time with the year, for windows and certificates. */
export function dateTime(at: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(new Date(at));
}

/** The browser's zone (for pages that do not know the carrier's). */
export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** "5月10日周日" / "Sun, May 10". */
export function shortDate(at: string, timeZone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, {
    month: locale === 'en' ? 'short' : 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone,
  }).format(new Date(at));
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
