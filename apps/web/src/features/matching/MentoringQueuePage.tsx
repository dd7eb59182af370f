import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MENTOR_CATEGORIES,
  type MentoringRequestStatus,
  type MentoringRequestView,
  type SupplyDemandView,
} from '@wutong/shared';
import type { TFunction } from 'i18next';
import { errorMessage } from '../../shared/api/errors';
import { formatNumber, shortDateTime } from '../../shared/format';
import { useCarriers } from '../../shared/useCarriers';
import { useLoad } from '../../shared/useLoad';
import { EChart, type ChartOption } from '../dashboard/EChart';
import { mentorsApi } from '../mentors/api';
import { CATEGORY_COLORS } from '../mentors/labels';
import { matchingApi } from './api';
import { REQUEST_STATUS_COLORS } from './FindMentorPage';

const HOUR = 3600_000;

/** Hours offered, booked and asked for per month, for one category or all. */
export function supplyDemandOption(
  t: TFunction,
  report: SupplyDemandView,
  category: string,
  locale: string,
): ChartOption {
  const rows = report.rows.filter((r) => category === 'all' || r.category === category);
  const months = [...new Set(report.rows.map((r) => r.month))].sort();
  const sum = (month: string, key: 'offeredHours' | 'bookedHours' | 'askedHours') =>
    Math.round(rows.filter((r) => r.month === month).reduce((s, r) => s + r[key], 0) * 10) / 10;
  const series = (['offeredHours', 'bookedHours', 'askedHours'] as const).map((key, i) => ({
    type: 'bar' as const,
    name: t(`matching.supply.${key}`),
    data: months.map((m) => sum(m, key)),
    itemStyle: { color: ['#9fd3b5', '#1f7a4d', '#fa8c16'][i] },
  }));
  return {
    animationDuration: 400,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (v: unknown) => (typeof v === 'number' ? formatNumber(v, locale) : '—'),
    },
    legend: { top: 0 },
    grid: { top: 40, left: 8, right: 8, bottom: 4, containLabel: true },
    xAxis: { type: 'category', data: months },
    yAxis: { type: 'value', name: t('matching.supply.hours'), minInterval: 1 },
    series,
  };
}

function hoursText(t: TFunction, value: number | null, locale: string) {
  return value === null ? '—' : t('matching.hours', { value: formatNumber(value, locale) });
}

function QueueCard({
  r,
  zone,
  now,
  mentors,
  onAssigned,
}: {
  r: MentoringRequestView;
  zone: string;
  /** When the page loaded: how long each need has waited. */
  now: number;
  mentors: { value: string; label: string }[];
  onAssigned: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [mentorId, setMentorId] = useState<string | null>(r.assignedMentor?.id ?? null);
  const [busy, setBusy] = useState(false);
  const waited = Math.max(0, Math.round((now - Date.parse(r.queuedAt ?? r.createdAt)) / HOUR));
  const assign = async () => {
    if (!mentorId) return;
    setBusy(true);
    try {
      const done = await matchingApi.assign(r.id, mentorId);
      void message.success(t('matching.queue.assigned', { name: done.assignedMentor?.displayName }));
      onAssigned();
    } catch (error) {
      void message.error(errorMessage(t, error));
    } finally {
      setBusy(false);
    }
  };
  const company = r.founder.companyName ? ` · ${r.founder.companyName}` : '';
  return (
    <Card size="small" data-testid="queue-row">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} wrap>
          <Typography.Text strong>
            {r.founder.displayName}
            {company}
          </Typography.Text>
          <Tag color={REQUEST_STATUS_COLORS[r.status]}>{t(`matching.status.${r.status}`)}</Tag>
        </Flex>
        <Flex gap={4} wrap>
          {r.category && <Tag color={CATEGORY_COLORS[r.category]}>{t(`mentorCategory.${r.category}`)}</Tag>}
          {r.industry && <Tag>{t(`industry.${r.industry}`)}</Tag>}
          {r.stage && <Tag>{t(`stage.${r.stage}`)}</Tag>}
        </Flex>
        <Typography.Paragraph
          style={{ margin: 0, whiteSpace: 'pre-wrap' }}
          ellipsis={{ rows: 4, expandable: true }}
        >
          {r.need}
        </Typography.Paragraph>
        <Typography.Text type="secondary">
          {t('matching.queue.waiting', {
            since: shortDateTime(r.queuedAt ?? r.createdAt, zone, i18n.language),
            count: waited,
            n: formatNumber(waited, i18n.language),
          })}
        </Typography.Text>
        {r.suggestions.length > 0 && (
          <Typography.Text type="secondary">
            {t('matching.queue.suggested', {
              names: r.suggestions.map((s) => s.displayName).join(i18n.language === 'zh-CN' ? '、' : ', '),
            })}
          </Typography.Text>
        )}
        {r.assignedMentor && (
          <Typography.Text>
            {t('matching.assignedTo', { name: r.assignedMentor.displayName })}
          </Typography.Text>
        )}
        {(r.status === 'open' || r.status === 'assigned' || r.status === 'suggested') && (
          <Flex gap={8} wrap>
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              value={mentorId}
              onChange={setMentorId}
              options={mentors}
              placeholder={t('matching.queue.chooseMentor')}
              style={{ flex: '1 1 220px', minWidth: 0 }}
              aria-label={t('matching.queue.chooseMentor')}
              data-testid="assign-mentor"
            />
            <Button
              type="primary"
              disabled={!mentorId}
              loading={busy}
              onClick={() => void assign()}
              data-testid="assign"
            >
              {t('matching.queue.assign')}
            </Button>
          </Flex>
        )}
      </Flex>
    </Card>
  );
}

/**
 * /manage/mentoring-requests: the carrier's queue of mentoring needs (assign a mentor), how long a
 * need waits for its first session, and mentoring supply and demand per month.
 */
export function MentoringQueuePage() {
  const { t, i18n } = useTranslation();
  const { carriers, loading: carriersLoading } = useCarriers();
  const [picked, setPicked] = useState<string | null>(null);
  const [status, setStatus] = useState<MentoringRequestStatus>('open');
  const [category, setCategory] = useState('all');
  const [now] = useState(() => Date.now());
  const carrierId = picked ?? carriers[0]?.id ?? null;
  const queue = useLoad(carrierId ? `mentoring-queue-${carrierId}-${status}` : null, () =>
    matchingApi.list(carrierId!, status),
  );
  const report = useLoad(carrierId ? `supply-demand-${carrierId}` : null, () =>
    matchingApi.supplyDemand(carrierId!),
  );
  const mentorList = useLoad('mentors-for-assignment', () => mentorsApi.list({}));
  const mentors = useMemo(
    () =>
      (mentorList.data ?? []).map((m) => ({
        value: m.id,
        label: `${m.displayName} · ${t(`mentorCategory.${m.category}`)}`,
      })),
    [mentorList.data, t],
  );
  const option = useMemo(
    () => (report.data ? supplyDemandOption(t, report.data, category, i18n.language) : null),
    [report.data, category, t, i18n.language],
  );
  const ttfs = report.data?.timeToFirstSession;
  const zone = carriers.find((c) => c.id === carrierId)?.timeZone ?? 'Asia/Shanghai';
  const reload = () => {
    queue.reload();
    report.reload();
  };

  return (
    <Flex vertical gap={16} style={{ maxWidth: 960 }}>
      <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
        {t('matching.queue.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('matching.queue.subtitle')}</Typography.Text>
      {carriers.length > 1 && (
        <Select
          value={carrierId}
          onChange={setPicked}
          options={carriers.map((c) => ({ value: c.id, label: c.name }))}
          style={{ maxWidth: 320 }}
          aria-label={t('records.carrier')}
        />
      )}
      <Space wrap>
        <Segmented
          value={status}
          onChange={(v) => setStatus(v as MentoringRequestStatus)}
          options={(['open', 'assigned', 'matched'] as const).map((s) => ({
            value: s,
            label: t(`matching.queue.tab.${s}`),
          }))}
        />
      </Space>
      {queue.error ? (
        <Alert type="error" showIcon title={errorMessage(t, queue.error)} />
      ) : carriersLoading || (queue.loading && !queue.data) ? (
        <Spin />
      ) : !queue.data?.length ? (
        <Empty description={t(`matching.queue.none.${status}`)} />
      ) : (
        queue.data.map((r) => (
          <QueueCard key={r.id} r={r} zone={zone} now={now} mentors={mentors} onAssigned={reload} />
        ))
      )}
      {report.error ? <Alert type="error" showIcon title={errorMessage(t, report.error)} /> : null}
      {ttfs && (
        <Card size="small" data-testid="time-to-first-session">
          <Flex gap={24} wrap>
            <Statistic
              title={t('matching.ttfs.requests')}
              value={formatNumber(ttfs.requests, i18n.language)}
            />
            <Statistic title={t('matching.ttfs.matched')} value={formatNumber(ttfs.matched, i18n.language)} />
            <Statistic title={t('matching.ttfs.open')} value={formatNumber(ttfs.open, i18n.language)} />
            <Statistic
              title={t('matching.ttfs.toBooking')}
              value={hoursText(t, ttfs.medianHoursToBooking, i18n.language)}
            />
            <Statistic
              title={t('matching.ttfs.toSession')}
              value={hoursText(t, ttfs.medianHoursToSession, i18n.language)}
              data-testid="ttfs-session"
            />
          </Flex>
        </Card>
      )}
      {report.data && option && (
        <Card
          size="small"
          title={t('matching.supply.title')}
          extra={
            <Select
              value={category}
              onChange={setCategory}
              style={{ minWidth: 140 }}
              aria-label={t('matching.category')}
              options={[
                { value: 'all', label: t('matching.supply.allCategories') },
                ...MENTOR_CATEGORIES.map((c) => ({ value: c, label: t(`mentorCategory.${c}`) })),
                { value: 'unspecified', label: t('matching.supply.unspecified') },
              ]}
            />
          }
        >
          {report.data.rows.length === 0 ? (
            <Empty description={t('matching.supply.none')} />
          ) : (
            <EChart
              option={option}
              height={280}
              label={t('matching.supply.title')}
              testId="supply-demand-chart"
            />
          )}
        </Card>
      )}
    </Flex>
  );
}
