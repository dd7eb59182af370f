/**
 * Every export's file name, one pattern in both languages, in the web app and in the API's
 * Content-Disposition: what it is, whose or which, and the day or year it belongs to —
 * "签到记录-创业沙龙-2026-12-08.csv", "attendance-Pitch night-2026-12-08.csv".
 * Characters file systems refuse become spaces; each part is cut to 60 characters.
 */
export function exportFileName(parts: (string | number | null | undefined)[], extension: string): string {
  const name = parts
    .filter((p): p is string | number => p !== null && p !== undefined && String(p).trim() !== '')
    .map((p) =>
      String(p)
        .replace(/[\\/:*?"<>|]+|\p{Cc}+/gu, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 60),
    )
    .join('-');
  return `${name || 'wutong'}.${extension}`;
}

/** The day `at` falls on in `zone`, as YYYY-MM-DD (the date part of export names). */
export function exportDay(at: string | Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(at));
}
