import type { TFunction } from 'i18next';
import type { CarrierBreakdown, MetricProgress, TypeBreakdown } from '@wutong/shared';
import type { ChartOption } from './EChart';
import { formatCount, monthNames } from '../../shared/format';
import { cumulative, paceLine } from './progress';

const GREEN = '#1f7a4d';
const LIGHT_GREEN = '#9fd3b5';
const PACE = '#fa8c16';
const TARGET_GREY = '#d9d9d9';

export interface ChartStyle {
  locale: string;
  /** Projector: larger labels. */
  large: boolean;
}

/** The app's own type (antd's theme), so that the charts read like the rest of the page. */
const FONT =
  "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif";

function text(style: ChartStyle) {
  return { fontSize: style.large ? 16 : 12, fontFamily: FONT };
}

function valueFormatter(style: ChartStyle) {
  return (value: unknown) => (typeof value === 'number' ? formatCount(value, style.locale) : '—');
}

/** Bars per month, the running total and the target pace (where there is a target). */
export function monthlyOption(
  t: TFunction,
  metric: MetricProgress,
  year: number,
  months: number,
  style: ChartStyle,
): ChartOption {
  const pace = paceLine(metric.target, year);
  const label = text(style);
  const axisLabel = { ...label, formatter: (v: number) => formatCount(v, style.locale) };
  return {
    animationDuration: 400,
    textStyle: label,
    tooltip: { trigger: 'axis', valueFormatter: valueFormatter(style), textStyle: label },
    legend: { top: 0, textStyle: label, itemGap: style.large ? 24 : 12 },
    grid: { top: style.large ? 64 : 48, left: 8, right: 8, bottom: 4 },
    xAxis: { type: 'category', data: monthNames(style.locale), axisLabel: label },
    yAxis: [
      { type: 'value', name: t('dashboard.chart.perMonth'), nameTextStyle: label, axisLabel, minInterval: 1 },
      {
        type: 'value',
        name: t('dashboard.chart.cumulative'),
        nameTextStyle: label,
        axisLabel,
        minInterval: 1,
        splitLine: { show: false },
      },
    ],
    series: [
      {
        type: 'bar',
        name: t('dashboard.chart.perMonth'),
        data: metric.byMonth,
        itemStyle: { color: LIGHT_GREEN, borderRadius: [3, 3, 0, 0] },
        barMaxWidth: 48,
      },
      {
        type: 'line',
        name: t('dashboard.chart.cumulative'),
        yAxisIndex: 1,
        data: cumulative(metric, months),
        itemStyle: { color: GREEN },
        lineStyle: { width: style.large ? 4 : 3 },
        symbolSize: style.large ? 8 : 6,
      },
      ...(pace
        ? [
            {
              type: 'line' as const,
              name: t('dashboard.chart.pace'),
              yAxisIndex: 1,
              data: pace,
              itemStyle: { color: PACE },
              lineStyle: { type: 'dashed' as const, width: style.large ? 3 : 2 },
              symbol: 'none',
            },
          ]
        : []),
    ],
  };
}

/** Horizontal bars with the longest at the top; long names are cut on phones. */
function horizontalBars(
  categories: string[],
  series: ChartOption['series'],
  style: ChartStyle,
  labelWidth: number,
  legend: boolean,
): ChartOption {
  const label = text(style);
  return {
    animationDuration: 400,
    textStyle: label,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: valueFormatter(style),
      textStyle: label,
    },
    legend: legend ? { top: 0, textStyle: label } : { show: false },
    grid: { top: legend ? (style.large ? 40 : 32) : 8, left: 8, right: 24, bottom: 4 },
    xAxis: {
      type: 'value',
      minInterval: 1,
      axisLabel: { ...label, formatter: (v: number) => formatCount(v, style.locale) },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: categories,
      axisLabel: { ...label, width: labelWidth, overflow: 'truncate' },
    },
    series,
  };
}

/** Actual per event type, and the type's target where one is set. */
export function typeOption(
  t: TFunction,
  rows: TypeBreakdown[],
  style: ChartStyle,
  labelWidth: number,
): ChartOption {
  const withTargets = rows.some((r) => r.target !== null);
  const valueLabel = {
    show: true,
    position: 'right' as const,
    ...text(style),
    formatter: (p: { value: unknown }) =>
      typeof p.value === 'number' ? formatCount(p.value, style.locale) : '',
  };
  return horizontalBars(
    rows.map((r) => t(`eventType.${r.type}`)),
    [
      {
        type: 'bar',
        name: t('dashboard.chart.actual'),
        data: rows.map((r) => r.actual),
        itemStyle: { color: GREEN, borderRadius: [0, 3, 3, 0] },
        label: valueLabel,
        barMaxWidth: 28,
      },
      ...(withTargets
        ? [
            {
              type: 'bar' as const,
              name: t('dashboard.chart.target'),
              data: rows.map((r) => r.target),
              itemStyle: { color: TARGET_GREY, borderRadius: [0, 3, 3, 0] },
              barMaxWidth: 28,
            },
          ]
        : []),
    ],
    style,
    labelWidth,
    withTargets,
  );
}

/** The carriers, highest first. */
export function carrierOption(
  t: TFunction,
  rows: CarrierBreakdown[],
  style: ChartStyle,
  labelWidth: number,
): ChartOption {
  return horizontalBars(
    rows.map((r) => r.name),
    [
      {
        type: 'bar',
        name: t('dashboard.chart.actual'),
        data: rows.map((r) => r.actual),
        itemStyle: { color: GREEN, borderRadius: [0, 3, 3, 0] },
        label: {
          show: true,
          position: 'right',
          ...text(style),
          formatter: (p: { value: unknown }) =>
            typeof p.value === 'number' ? formatCount(p.value, style.locale) : '',
        },
        barMaxWidth: 28,
      },
    ],
    style,
    labelWidth,
    false,
  );
}
