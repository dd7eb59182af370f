import { Button, Card, Flex, Progress, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MetricProgress } from '@wutong/shared';
import { formatCount, formatPercent } from '../../shared/format';
import { STATUS_COLORS, STATUS_TAGS } from './progress';

interface Props {
  metric: MetricProgress;
  locale: string;
  /** Shown when the metric has no target and the viewer may set one. */
  onSetTarget?: () => void;
}

/** One metric: actual / target, the share done, what the pace asks for by now and the year's forecast. */
export function MetricCard({ metric, locale, onSetTarget }: Props) {
  const { t } = useTranslation();
  const n = (value: number) => formatCount(value, locale);
  const color = STATUS_COLORS[metric.status];
  const hasTarget = metric.target !== null;

  return (
    <Card
      className={`wt-metric-card wt-metric-${metric.status}`}
      style={{ borderTopColor: color }}
      data-testid={`metric-card-${metric.metric}`}
      data-status={metric.status}
    >
      <Flex justify="space-between" align="start" gap={4} wrap className="wt-metric-head">
        <Typography.Text className="wt-metric-name">{t(`dashboard.metric.${metric.metric}`)}</Typography.Text>
        <Tooltip title={t(`dashboard.statusHint.${metric.status}`)}>
          <Tag color={STATUS_TAGS[metric.status]} className="wt-metric-status" data-testid="metric-status">
            {t(`dashboard.status.${metric.status}`)}
          </Tag>
        </Tooltip>
      </Flex>
      <div className="wt-metric-numbers">
        <span className="wt-metric-actual" style={{ color }} data-testid="metric-actual">
          {n(metric.actual)}
        </span>
        {hasTarget && (
          <span className="wt-metric-target">
            {' / '}
            <span data-testid="metric-target">{n(metric.target!)}</span>
          </span>
        )}
      </div>
      {hasTarget ? (
        <>
          <Progress
            percent={Math.min(100, (metric.percent ?? 0) * 100)}
            showInfo={false}
            strokeColor={color}
            aria-label={t('dashboard.card.percent')}
          />
          <Flex justify="space-between" wrap gap={4} className="wt-metric-facts">
            <span data-testid="metric-percent">
              {t('dashboard.card.done', { percent: formatPercent(metric.percent ?? 0, locale) })}
            </span>
            <span>{t('dashboard.card.expected', { value: n(Math.round(metric.expectedToDate ?? 0)) })}</span>
            <span>{t('dashboard.card.forecast', { value: n(metric.forecast) })}</span>
          </Flex>
        </>
      ) : (
        <Flex vertical gap={4} className="wt-metric-facts">
          <Typography.Text type="secondary">
            {t('dashboard.card.noTarget')}
            {onSetTarget && (
              <Button type="link" size="small" onClick={onSetTarget} data-testid="set-target-link">
                {t('dashboard.card.setTarget')}
              </Button>
            )}
          </Typography.Text>
          <span>{t('dashboard.card.forecast', { value: n(metric.forecast) })}</span>
        </Flex>
      )}
    </Card>
  );
}
