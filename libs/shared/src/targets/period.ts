/**
 * The period a dashboard or a report covers: a calendar year, a quarter, a month or any `[from, to)`
 * of days. Days are local days in the carrier's zone (base-wide: the base's); `to` is exclusive.
 */
export type PeriodKind = 'year' | 'quarter' | 'month' | 'range';

export interface ReportPeriod {
  kind: PeriodKind;
  /** First day, YYYY-MM-DD, in the zone. */
  from: string;
  /** The day after the last, YYYY-MM-DD (exclusive). */
  to: string;
  /** 2026, 2026Q3, 2026-11 or 2026-11-03~2026-12-01 (the last day, inclusive). */
  label: string;
}

/** How a request names its period: one of `year`, `quarter`, `month` or both `from` and `to`. */
export interface PeriodQuery {
  year?: number;
  /** 2026Q3 */
  quarter?: string;
  /** 2026-11 */
  month?: string;
  /** YYYY-MM-DD, first day */
  from?: string;
  /** YYYY-MM-DD, exclusive */
  to?: string;
}

/** The longest period a dashboard or report covers: a leap year. */
export const MAX_PERIOD_DAYS = 366;
export const PERIOD_YEARS = { min: 2000, max: 2100 } as const;

export interface PeriodProblem {
  field: 'year' | 'quarter' | 'month' | 'from' | 'to';
  rule: 'oneOf' | 'format' | 'bothFromAndTo' | 'fromBeforeTo' | 'maxSpan' | 'range';
}

const pad = (n: number) => String(n).padStart(2, '0');
const day = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
/** Month `m` (1-based, may overflow) of year `y`'s first day. */
const monthStart = (y: number, m: number) => {
  const at = new Date(Date.UTC(y, m - 1, 1));
  return day(at.getUTCFullYear(), at.getUTCMonth() + 1, 1);
};
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

function validDay(iso: string | undefined): iso is string {
  if (!iso || !/^\d{4}-\d{2}-\d{2}$/.test(iso)) return false;
  const at = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === iso;
}
const inYears = (y: number) => y >= PERIOD_YEARS.min && y <= PERIOD_YEARS.max;

/** The calendar year as a period. */
export function yearPeriod(year: number): ReportPeriod {
  return { kind: 'year', from: day(year, 1, 1), to: day(year + 1, 1, 1), label: String(year) };
}

/**
 * The period a query names, or what is wrong with it. Without any of them: `defaultYear`. At most
 * one way of naming it; `from` before `to`, at most MAX_PERIOD_DAYS apart, years 2000–2100.
 */
export function resolvePeriod(
  q: PeriodQuery,
  defaultYear: number,
): { period: ReportPeriod; problem?: undefined } | { period?: undefined; problem: PeriodProblem } {
  const named = [
    q.year !== undefined,
    q.quarter !== undefined,
    q.month !== undefined,
    q.from !== undefined || q.to !== undefined,
  ].filter(Boolean).length;
  if (named > 1) {
    const field = q.quarter !== undefined ? 'quarter' : q.month !== undefined ? 'month' : 'from';
    return { problem: { field, rule: 'oneOf' } };
  }
  if (q.quarter !== undefined) {
    const m = /^(\d{4})Q([1-4])$/.exec(q.quarter);
    if (!m) return { problem: { field: 'quarter', rule: 'format' } };
    const y = Number(m[1]);
    if (!inYears(y)) return { problem: { field: 'quarter', rule: 'range' } };
    const first = (Number(m[2]) - 1) * 3 + 1;
    return {
      period: { kind: 'quarter', from: monthStart(y, first), to: monthStart(y, first + 3), label: q.quarter },
    };
  }
  if (q.month !== undefined) {
    const m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(q.month);
    if (!m) return { problem: { field: 'month', rule: 'format' } };
    const y = Number(m[1]);
    if (!inYears(y)) return { problem: { field: 'month', rule: 'range' } };
    const mm = Number(m[2]);
    return { period: { kind: 'month', from: monthStart(y, mm), to: monthStart(y, mm + 1), label: q.month } };
  }
  if (q.from !== undefined || q.to !== undefined) {
    if (q.from === undefined || q.to === undefined)
      return { problem: { field: q.from === undefined ? 'from' : 'to', rule: 'bothFromAndTo' } };
    if (!validDay(q.from)) return { problem: { field: 'from', rule: 'format' } };
    if (!validDay(q.to)) return { problem: { field: 'to', rule: 'format' } };
    if (!inYears(Number(q.from.slice(0, 4))) || !inYears(Number(q.to.slice(0, 4))))
      return { problem: { field: 'from', rule: 'range' } };
    const span = dayNumber(q.to) - dayNumber(q.from);
    if (span <= 0) return { problem: { field: 'to', rule: 'fromBeforeTo' } };
    if (span > MAX_PERIOD_DAYS) return { problem: { field: 'to', rule: 'maxSpan' } };
    const last = new Date(Date.parse(`${q.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    return { period: { kind: 'range', from: q.from, to: q.to, label: `${q.from}~${last}` } };
  }
  const year = q.year ?? defaultYear;
  if (!Number.isInteger(year) || !inYears(year)) return { problem: { field: 'year', rule: 'range' } };
  return { period: yearPeriod(year) };
}

/** The query parameters that name `period` (the web app's downloads and links). */
export function periodParams(period: ReportPeriod): Record<string, string> {
  switch (period.kind) {
    case 'year':
      return { year: period.label };
    case 'quarter':
      return { quarter: period.label };
    case 'month':
      return { month: period.label };
    default:
      return { from: period.from, to: period.to };
  }
}
