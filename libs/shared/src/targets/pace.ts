import type { PaceStatus } from './contracts';

const formats = new Map<string, Intl.DateTimeFormat>();
/** One formatter per zone: building one costs more than the rest of a dashboard's arithmetic. */
function formatIn(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f)
    formats.set(
      zone,
      (f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      })),
    );
  return f;
}

/** Offset of `zone` from UTC at `at`, in minutes (Intl only). */
function offsetMinutes(zone: string, at: Date): number {
  const parts = formatIn(zone).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const asUtc = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

/** The instant local midnight starts the day `iso` (YYYY-MM-DD) in `zone`. */
export function dayStartIn(iso: string, zone: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  const guess = Date.UTC(y, m - 1, d);
  // Two passes settle the offset even when it changes near that midnight.
  let at = guess - offsetMinutes(zone, new Date(guess)) * 60_000;
  at = guess - offsetMinutes(zone, new Date(at)) * 60_000;
  return new Date(at);
}

/** The instants where `year` starts and ends in `zone` (1 January 00:00 local, both years). */
export function yearBounds(year: number, zone: string): { start: Date; end: Date } {
  return { start: dayStartIn(`${year}-01-01`, zone), end: dayStartIn(`${year + 1}-01-01`, zone) };
}

/** The share (0–1) of the days `[from, to)` in `zone` that has passed at `now`. */
export function shareOfPeriodElapsed(from: string, to: string, zone: string, now: Date): number {
  const start = dayStartIn(from, zone);
  const end = dayStartIn(to, zone);
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
}

/** The share (0–1) of `year` that has passed at `now` in `zone`. */
export function shareOfYearElapsed(year: number, zone: string, now: Date): number {
  const { start, end } = yearBounds(year, zone);
  if (now <= start) return 0;
  if (now >= end) return 1;
  return (now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
}

export interface Pace {
  expectedToDate: number | null;
  forecast: number;
  status: PaceStatus;
  percent: number | null;
}

/** The forecast's share of the target from which a metric is on track, and from which it is at risk. */
export const PACE_THRESHOLDS = { ahead: 1.1, onTrack: 1, atRisk: 0.9 } as const;

/**
 * Progress toward a target. Expected to date = target × share of the year elapsed; forecast =
 * actual ÷ share (the year at the current pace; after the year ends, the actual). The status is the
 * forecast against the target: ahead at ≥ 110 %, on track at ≥ 100 %, at risk within 10 % below it
 * (≥ 90 %), behind under that. Before the year starts nothing is expected and nothing is judged.
 */
export function pace(actual: number, target: number | null, share: number): Pace {
  const forecast = share >= 1 ? actual : share > 0 ? Math.round(actual / share) : actual;
  if (target === null) return { expectedToDate: null, forecast, status: 'no_target', percent: null };
  const expected = Math.round(target * share * 10) / 10;
  const percent = target > 0 ? actual / target : null;
  if (share <= 0 || target <= 0)
    return { expectedToDate: expected, forecast, status: actual > 0 ? 'ahead' : 'on_track', percent };
  const ratio = forecast / target;
  const status: PaceStatus =
    ratio >= PACE_THRESHOLDS.ahead
      ? 'ahead'
      : ratio >= PACE_THRESHOLDS.onTrack
        ? 'on_track'
        : ratio >= PACE_THRESHOLDS.atRisk
          ? 'at_risk'
          : 'behind';
  return { expectedToDate: expected, forecast, status, percent };
}
