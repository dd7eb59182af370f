import type { MetricProgress, PaceStatus } from '@wutong/shared';

/** Status colours: ahead green, on track blue, at risk amber, behind orange-red, no target grey. */
export const STATUS_COLORS: Record<PaceStatus, string> = {
  ahead: '#1f7a4d',
  on_track: '#1677ff',
  at_risk: '#ad6800',
  behind: '#d4380d',
  no_target: '#8c8c8c',
};

/** antd Tag colours of the same statuses. */
export const STATUS_TAGS: Record<PaceStatus, string> = {
  ahead: 'success',
  on_track: 'processing',
  at_risk: 'warning',
  behind: 'volcano',
  no_target: 'default',
};

/** The month (1–12) `iso` falls in, in `zone`. */
export function monthIn(iso: string, zone: string): number {
  return Number(new Intl.DateTimeFormat('en-US', { month: 'numeric', timeZone: zone }).format(new Date(iso)));
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Share of `year` elapsed at the end of each month (January … December), by days. */
export function monthEndShares(year: number): number[] {
  const days = [31, isLeap(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  const total = isLeap(year) ? 366 : 365;
  let sum = 0;
  return days.map((d) => {
    sum += d;
    return sum / total;
  });
}

/**
 * How many months of the year have begun: 12 for a past year, 0 for a future one, else the
 * current month in the dashboard's zone. The cumulative line stops there.
 */
export function monthsBegun(share: number, asOf: string, zone: string): number {
  if (share >= 1) return 12;
  if (share <= 0) return 0;
  return monthIn(asOf, zone);
}

/** Running totals of the months that have begun (null afterwards, so the line stops). */
export function cumulative(metric: MetricProgress, months: number): (number | null)[] {
  let sum = 0;
  return metric.byMonth.map((n, i) => {
    sum += n;
    return i < months ? sum : null;
  });
}

/** Where the target pace stands at the end of each month: target × share of the year. */
export function paceLine(target: number | null, year: number): number[] | null {
  if (target === null) return null;
  return monthEndShares(year).map((share) => Math.round(target * share * 10) / 10);
}
