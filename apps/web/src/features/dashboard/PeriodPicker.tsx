import { DatePicker, Flex, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { PeriodKind, ReportPeriod } from '@wutong/shared';
import { PERIOD_PARAMS } from './period';

interface Props {
  period: ReportPeriod;
  /** The URL parameters to set (the others of PERIOD_PARAMS are cleared). */
  onChange: (params: Record<string, string | null>) => void;
}

const KINDS: PeriodKind[] = ['year', 'quarter', 'month', 'range'];
const day = (d: Dayjs) => d.format('YYYY-MM-DD');
const quarterOf = (d: Dayjs) => `${d.year()}Q${Math.floor(d.month() / 3) + 1}`;

/**
 * The dashboard's period: a year, a quarter, a month or any range of days (antd's pickers, in the
 * page's language). The range picker's last day is inclusive; the API's `to` is the day after it.
 */
export function PeriodPicker({ period, onChange }: Props) {
  const { t } = useTranslation();
  const set = (values: Record<string, string>) =>
    onChange(Object.fromEntries(PERIOD_PARAMS.map((key) => [key, values[key] ?? null])));
  const start = dayjs(period.from);
  const last = dayjs(period.to).subtract(1, 'day');

  const switchTo = (kind: PeriodKind) => {
    // A new kind starts where the current period starts.
    if (kind === 'year') set({ year: String(start.year()) });
    else if (kind === 'quarter') set({ quarter: quarterOf(start) });
    else if (kind === 'month') set({ month: start.format('YYYY-MM') });
    else set({ from: period.from, to: period.to });
  };

  const common = { allowClear: false, className: 'wt-dashboard-period' };
  return (
    <Flex gap={8} wrap data-testid="period-picker" data-period={period.label}>
      <Select
        value={period.kind}
        onChange={switchTo}
        options={KINDS.map((kind) => ({ value: kind, label: t(`dashboard.period.${kind}`) }))}
        aria-label={t('dashboard.period.kind')}
        data-testid="period-kind"
        className="wt-dashboard-period-kind"
        popupMatchSelectWidth={false}
      />
      {period.kind === 'year' && (
        <DatePicker
          {...common}
          picker="year"
          value={start}
          onChange={(d) => d && set({ year: String(d.year()) })}
          aria-label={t('dashboard.period.year')}
          data-testid="period-year"
        />
      )}
      {period.kind === 'quarter' && (
        <DatePicker
          {...common}
          picker="quarter"
          value={start}
          onChange={(d) => d && set({ quarter: quarterOf(d) })}
          aria-label={t('dashboard.period.quarter')}
          data-testid="period-quarter"
        />
      )}
      {period.kind === 'month' && (
        <DatePicker
          {...common}
          picker="month"
          value={start}
          onChange={(d) => d && set({ month: d.format('YYYY-MM') })}
          aria-label={t('dashboard.period.month')}
          data-testid="period-month"
        />
      )}
      {period.kind === 'range' && (
        <DatePicker.RangePicker
          {...common}
          value={[start, last]}
          onChange={(range) =>
            range?.[0] && range[1] && set({ from: day(range[0]), to: day(range[1].add(1, 'day')) })
          }
          // The API takes at most 366 days.
          disabledDate={(d, info) => (info.from ? Math.abs(d.diff(info.from, 'day')) >= 366 : false)}
          aria-label={t('dashboard.period.range')}
          data-testid="period-range"
        />
      )}
    </Flex>
  );
}
