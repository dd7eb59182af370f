import { resolvePeriod, type PeriodQuery, type ReportPeriod } from '@wutong/shared';

/** The URL parameters that may name the dashboard's period. */
export const PERIOD_PARAMS = ['year', 'quarter', 'month', 'from', 'to'] as const;

/**
 * The period the page's URL names (`year`, `quarter`, `month` or `from`+`to`, as the API takes
 * them), or this year when it names none or a bad one.
 */
export function periodFromParams(
  params: URLSearchParams,
  thisYear: number,
): { query: PeriodQuery; period: ReportPeriod } {
  const get = (key: string) => params.get(key) ?? undefined;
  const candidates: PeriodQuery[] = [
    { quarter: get('quarter') },
    { month: get('month') },
    { from: get('from'), to: get('to') },
    { year: params.get('year') ? Number(params.get('year')) : undefined },
  ];
  for (const query of candidates) {
    if (Object.values(query).every((v) => v === undefined)) continue;
    const { period } = resolvePeriod(query, thisYear);
    if (period) return { query, period };
  }
  const { period } = resolvePeriod({}, thisYear);
  return { query: { year: thisYear }, period: period! };
}
