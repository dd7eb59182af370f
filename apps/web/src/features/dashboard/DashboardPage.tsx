import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Grid,
  Popover,
  Row,
  Select,
  Skeleton,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { AimOutlined, DownloadOutlined, QuestionCircleOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { METRICS } from '@wutong/shared';
import type { DashboardView, Metric, MetricProgress, PaceStatus } from '@wutong/shared';
import { errorMessage } from '../../shared/api/errors';
import { useAuth } from '../../shared/session/auth-context';
import { useLoad } from '../../shared/useLoad';
import { currentLocale } from '../../shared/i18n/index';
import { formatDateTime, zoneName } from '../../shared/format';
import { useOrganizations } from '../../shared/useOrganizations';
import { dashboardApi } from './api';
import { exportFileName } from '../../shared/api/download';
import type { Scope } from './api';
import { carrierOption, monthlyOption, typeOption } from './charts';
import type { ChartStyle } from './charts';
import { EChart } from './EChart';
import { STATUS_TAGS, monthsBegun } from './progress';
import { MetricCard } from './MetricCard';
import { TargetsEditor } from './TargetsEditor';
import { periodFromParams } from './period';
import { PeriodPicker } from './PeriodPicker';
import { SatisfactionCard } from './SatisfactionCard';
import './dashboard.css';

const DEFAULT_CHART_METRIC: Metric = 'participant_visits';

function isMetric(value: string | null): value is Metric {
  return (METRICS as readonly string[]).includes(value ?? '');
}

/**
 * 数据看板: progress toward the year's targets, or the numbers of any quarter, month or range of
 * days, for the whole base (admins) or one carrier; the reports and the ledger of the same period.
 */
export function DashboardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = currentLocale();
  const screens = Grid.useBreakpoint();
  const { user } = useAuth();
  const { organizations } = useOrganizations();
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const [downloading, setDownloading] = useState<string | null>(null);

  const admin = user?.roles.includes('admin') ?? false;
  const thisYear = new Date().getFullYear();
  const { query: periodQuery, period } = periodFromParams(params, thisYear);
  // Targets are annual: the year the period starts in.
  const year = Number(period.from.slice(0, 4));

  // Admins see every carrier and the whole base; organizers the carriers they run.
  const carriers = useMemo(
    () =>
      admin
        ? organizations.map((o) => ({ id: o.id, name: o.name }))
        : (user?.organizations ?? []).map((o) => ({ id: o.id, name: o.name })),
    [admin, organizations, user],
  );
  const orgParam = params.get('org');
  const organizationId: string | null = admin
    ? orgParam || null
    : (user?.organizations.find((o) => o.id === orgParam)?.id ?? user?.organizations[0]?.id ?? null);
  const scope: Scope = { year, organizationId, period: periodQuery };
  const scopeName =
    organizationId === null
      ? t('dashboard.wholeBase')
      : (carriers.find((c) => c.id === organizationId)?.name ?? t('dashboard.carrier'));
  const canLoad = admin || organizationId !== null;
  const loaded = useLoad<DashboardView>(canLoad ? `${period.label}/${organizationId ?? 'base'}` : null, () =>
    dashboardApi.get(scope),
  );
  const view = loaded.data;
  const chartMetricParam = params.get('metric');
  const chartMetric: Metric = isMetric(chartMetricParam) ? chartMetricParam : DEFAULT_CHART_METRIC;

  const set = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    setParams(next, { replace: true });
  };

  const download = async (format: 'xlsx' | 'csv') => {
    setDownloading(format);
    try {
      await dashboardApi.report(
        scope,
        format,
        exportFileName([t('dashboard.report.fileName'), scopeName, period.label], format),
      );
    } catch (error) {
      message.error(errorMessage(t, error));
    } finally {
      setDownloading(null);
    }
  };

  const downloadLedger = async (format: 'xlsx' | 'docx') => {
    setDownloading(`ledger-${format}`);
    try {
      await dashboardApi.ledger(
        scope,
        format,
        exportFileName([t('dashboard.ledger.fileName'), scopeName, period.label], format),
      );
    } catch (error) {
      message.error(errorMessage(t, error));
    } finally {
      setDownloading(null);
    }
  };
  const desktop = screens.md === true;
  const style: ChartStyle = { locale, large: screens.xxl === true };
  const labelWidth = desktop ? (style.large ? 200 : 150) : 84;

  if (!canLoad)
    return (
      <div className="wt-dashboard">
        <Typography.Title level={1} className="wt-page-title">
          {t('nav.dashboard')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('dashboard.noCarrier')} />
      </div>
    );

  return (
    <div
      className="wt-dashboard"
      data-testid="dashboard"
      data-scope={view ? `${view.period.label}/${view.organizationId ?? 'base'}` : undefined}
      data-loading={loaded.loading}
    >
      <Flex justify="space-between" align="end" wrap gap={12} className="wt-dashboard-head">
        <div>
          <Typography.Title level={1} className="wt-page-title" style={{ margin: 0 }}>
            {period.kind === 'year'
              ? t('dashboard.title', { year, scope: scopeName })
              : t('dashboard.periodTitle', { period: period.label, scope: scopeName })}
          </Typography.Title>
          {view && (
            <Typography.Text type="secondary" data-testid="dashboard-as-of">
              {t('dashboard.asOf', {
                time: formatDateTime(view.asOf, view.timeZone, locale),
                zone: zoneName(view.timeZone, locale),
              })}
            </Typography.Text>
          )}
          <StatusHelp />
        </div>
        <Flex wrap gap={8} className="wt-dashboard-controls">
          <PeriodPicker period={period} onChange={set} />
          {(admin || carriers.length > 1) && (
            <Select
              value={organizationId ?? ''}
              onChange={(value) => set({ org: value || null })}
              options={[
                ...(admin ? [{ value: '', label: t('dashboard.wholeBase') }] : []),
                ...carriers.map((c) => ({ value: c.id, label: c.name })),
              ]}
              showSearch={{ optionFilterProp: 'label' }}
              aria-label={t('dashboard.carrier')}
              data-testid="carrier-select"
              className="wt-dashboard-carrier"
              popupMatchSelectWidth={false}
            />
          )}
          <Button icon={<AimOutlined />} onClick={() => setEditing(true)} data-testid="edit-targets">
            {t('dashboard.targets.open')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'xlsx'}
            onClick={() => void download('xlsx')}
            data-testid="report-xlsx"
          >
            {t('dashboard.report.xlsx')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'csv'}
            onClick={() => void download('csv')}
            data-testid="report-csv"
          >
            {t('dashboard.report.csv')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'ledger-xlsx'}
            onClick={() => void downloadLedger('xlsx')}
            data-testid="ledger-xlsx"
          >
            {t('dashboard.ledger.xlsx')}
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={downloading === 'ledger-docx'}
            onClick={() => void downloadLedger('docx')}
            data-testid="ledger-docx"
          >
            {t('dashboard.ledger.docx')}
          </Button>
        </Flex>
      </Flex>

      {loaded.error !== undefined && (
        <Alert
          type="error"
          showIcon
          title={errorMessage(t, loaded.error)}
          action={
            <Button size="small" onClick={loaded.reload}>
              {t('common.retry')}
            </Button>
          }
          style={{ marginBottom: 16 }}
        />
      )}

      {!view ? (
        loaded.error === undefined && <Skeleton active paragraph={{ rows: 8 }} />
      ) : (
        <Spin spinning={loaded.loading}>
          <Row gutter={[16, 16]} className="wt-metric-grid">
            {view.metrics.map((metric) => (
              <Col xs={12} xl={8} key={metric.metric}>
                <MetricCard metric={metric} locale={locale} onSetTarget={() => setEditing(true)} />
              </Col>
            ))}
          </Row>
          <Charts
            view={view}
            metric={chartMetric}
            onMetric={(m) => set({ metric: m === DEFAULT_CHART_METRIC ? null : m })}
            style={style}
            desktop={desktop}
            labelWidth={labelWidth}
          />
          {view.satisfaction && <SatisfactionCard satisfaction={view.satisfaction} />}
        </Spin>
      )}

      <TargetsEditor
        open={editing}
        scope={scope}
        scopeName={scopeName}
        onClose={() => setEditing(false)}
        onSaved={loaded.reload}
      />
    </div>
  );
}

const JUDGED: PaceStatus[] = ['ahead', 'on_track', 'at_risk', 'behind'];

/** How a card's status is judged: the forecast against the target, one line per status. */
function StatusHelp() {
  const { t } = useTranslation();
  const content = (
    <div className="wt-status-help" data-testid="status-help">
      <Typography.Paragraph style={{ marginBottom: 8 }}>
        {t('dashboard.statusHelp.intro')}
      </Typography.Paragraph>
      {JUDGED.map((status) => (
        <Flex key={status} gap={8} align="baseline" style={{ marginBottom: 4 }}>
          <Tag color={STATUS_TAGS[status]}>{t(`dashboard.status.${status}`)}</Tag>
          <span>{t(`dashboard.statusHint.${status}`)}</span>
        </Flex>
      ))}
    </div>
  );
  return (
    <Popover content={content} title={t('dashboard.statusHelp.title')} trigger="click">
      <Button type="link" size="small" icon={<QuestionCircleOutlined />} data-testid="status-help-open">
        {t('dashboard.statusHelp.title')}
      </Button>
    </Popover>
  );
}

interface ChartsProps {
  view: DashboardView;
  metric: Metric;
  onMetric: (metric: Metric) => void;
  style: ChartStyle;
  desktop: boolean;
  labelWidth: number;
}

/** The monthly chart, the breakdown by event type and the ranking of carriers, for one chosen metric. */
function Charts({ view, metric, onMetric, style, desktop, labelWidth }: ChartsProps) {
  const { t } = useTranslation();
  const find = (m: Metric) => view.metrics.find((x) => x.metric === m);
  const chosen: MetricProgress | undefined = find(metric) ?? view.metrics[0];
  // Types exist for event metrics only; other metrics show the events held by type.
  const typed = chosen?.byType ? chosen : find('events_held');
  const months = monthsBegun(view.shareOfYearElapsed, view.asOf, view.timeZone);
  const typeRows = (typed?.byType ?? [])
    .filter((r) => r.actual > 0 || r.target !== null)
    .sort((a, b) => b.actual - a.actual);
  const carrierRows = view.organizationId === null ? (chosen?.byCarrier ?? []).slice(0, 20) : [];
  const name = (m: Metric) => t(`dashboard.metric.${m}`);

  const { locale, large } = style;
  const options = useMemo(() => {
    const chartStyle = { locale, large };
    return {
      monthly: chosen ? monthlyOption(t, chosen, view.year, months, chartStyle) : null,
      type: typeOption(t, typeRows, chartStyle, labelWidth),
      carrier: carrierOption(t, carrierRows, chartStyle, labelWidth),
    };
    // The rows derive from `view` and the chosen metric: recompute only when those change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [t, view, chosen, months, locale, large, labelWidth]);
  if (!chosen || !options.monthly) return null;

  const height = style.large ? 380 : desktop ? 320 : 260;
  const rowHeight = style.large ? 40 : 32;
  const barsHeight = (rows: number, legend: boolean) => Math.max(120, rows * rowHeight + (legend ? 56 : 24));
  const typeLegend = typeRows.some((r) => r.target !== null);

  return (
    <>
      <Card
        className="wt-dashboard-card"
        data-testid="monthly-chart-card"
        title={t('dashboard.chart.monthly')}
        extra={
          <Select
            value={chosen.metric}
            onChange={onMetric}
            options={METRICS.map((m) => ({ value: m, label: name(m) }))}
            aria-label={t('dashboard.chart.metric')}
            data-testid="chart-metric"
            className="wt-dashboard-metric"
            popupMatchSelectWidth={false}
          />
        }
      >
        <EChart
          option={options.monthly}
          height={height}
          label={t('dashboard.chart.monthlyLabel', { metric: name(chosen.metric) })}
          testId="monthly-chart"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={carrierRows.length > 0 ? 12 : 24}>
          <Card
            className="wt-dashboard-card"
            title={t('dashboard.chart.byType', { metric: name(typed?.metric ?? 'events_held') })}
          >
            {typeRows.length === 0 ? (
              <Empty description={t('dashboard.chart.empty')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ) : (
              <EChart
                option={options.type}
                height={barsHeight(typeRows.length, typeLegend)}
                label={t('dashboard.chart.byType', { metric: name(typed?.metric ?? 'events_held') })}
                testId="type-chart"
              />
            )}
          </Card>
        </Col>
        {carrierRows.length > 0 && (
          <Col xs={24} lg={12}>
            <Card
              className="wt-dashboard-card"
              title={t('dashboard.chart.byCarrier', { metric: name(chosen.metric) })}
            >
              <EChart
                option={options.carrier}
                height={barsHeight(carrierRows.length, false)}
                label={t('dashboard.chart.byCarrier', { metric: name(chosen.metric) })}
                testId="carrier-chart"
              />
            </Card>
          </Col>
        )}
      </Row>
    </>
  );
}
