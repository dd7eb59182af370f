import { Injectable } from '@nestjs/common';
import ExcelJS from 'exceljs';
import {
  EVENT_TYPE_NAMES,
  EVENT_TYPES,
  type DashboardView,
  type EventType,
  type Locale,
  type Metric,
  type PaceStatus,
  type PeriodQuery,
} from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
import { toCsv, xlsxRow } from '../common/http/csv';
import { DashboardService } from './dashboard.service';
import { ReplicaReads } from '../common/database/replica-reads';
import { boundsOf } from './metrics.queries';
import { ScopeService, type ResolvedScope } from './scope.service';
import { exportFileName } from '@wutong/shared';

const eventTypeNames = (locale: Locale) =>
  Object.fromEntries(EVENT_TYPES.map((type) => [type, EVENT_TYPE_NAMES[type][locale]])) as Record<
    EventType,
    string
  >;

/** The report's words; event types come from the one table in @wutong/shared. */
export const REPORT_WORDS = {
  'zh-CN': {
    metrics: {
      events_held: '举办活动场次',
      sessions_held: '活动场次（按场）',
      participant_visits: '参与人次',
      unique_participants: '参与人数',
      companies_served: '服务企业数',
      mentoring_sessions: '辅导次数',
    },
    status: { ahead: '超前', on_track: '正常', at_risk: '有风险', behind: '落后', no_target: '未设目标' },
    types: eventTypeNames('zh-CN'),
    summary: '汇总',
    summaryHead: ['指标', '年度目标', '实际完成', '完成率', '按进度应完成', '全年预计', '状态'],
    byMonth: '月度',
    monthHead: (m: number) => `${m}月`,
    metric: '指标',
    total: '合计',
    events: '举办活动',
    eventsHead: [
      '活动名称',
      '类型',
      '载体',
      '开始日期',
      '结束日期',
      '场次',
      '报名人数',
      '到场人数',
      '参与人次',
    ],
    mentoring: '导师辅导',
    mentoringHead: ['日期', '导师', '创业者', '企业', '主题'],
    satisfaction: '活动满意度',
    satisfactionHead: ['分组', '名称', '问卷回复', '平均满意度（1–5）', 'NPS'],
    satisfactionGroups: { total: '合计', type: '活动类型', carrier: '载体' },
    title: (period: string, scope: string) =>
      /^\d{4}$/.test(period) ? `${scope} ${period} 年度双创活动报告` : `${scope} ${period} 双创活动报告`,
    base: '全基地',
  },
  en: {
    metrics: {
      events_held: 'Events held',
      sessions_held: 'Sessions held',
      participant_visits: 'Participant visits',
      unique_participants: 'Unique participants',
      companies_served: 'Companies served',
      mentoring_sessions: 'Mentoring sessions',
    },
    status: {
      ahead: 'Ahead',
      on_track: 'On track',
      at_risk: 'At risk',
      behind: 'Behind',
      no_target: 'No target',
    },
    types: eventTypeNames('en'),
    summary: 'Summary',
    summaryHead: ['Metric', 'Target', 'Actual', 'Completion', 'Expected to date', 'Forecast', 'Status'],
    byMonth: 'By month',
    monthHead: (m: number) =>
      new Intl.DateTimeFormat('en', { month: 'short' }).format(new Date(Date.UTC(2026, m - 1, 15))),
    metric: 'Metric',
    total: 'Total',
    events: 'Events held',
    eventsHead: [
      'Event',
      'Type',
      'Carrier',
      'First day',
      'Last day',
      'Sessions',
      'Registered',
      'Attended',
      'Visits',
    ],
    mentoring: 'Mentoring',
    mentoringHead: ['Date', 'Mentor', 'Founder', 'Company', 'Topic'],
    satisfaction: 'Satisfaction',
    satisfactionHead: ['Group', 'Name', 'Responses', 'Average (1–5)', 'NPS'],
    satisfactionGroups: { total: 'Total', type: 'Event type', carrier: 'Carrier' },
    title: (period: string, scope: string) => `${scope} — startup activity report ${period}`,
    base: 'Whole base',
  },
} satisfies Record<Locale, unknown>;

interface HeldEvent {
  title: string;
  type: EventType;
  carrier: string;
  first_day: string;
  last_day: string;
  sessions: number;
  registered: number;
  attended: number;
  visits: number;
}

interface MentoringRow {
  day: string;
  mentor: string;
  founder: string;
  company: string | null;
  topic: string;
}

/** The annual report: the dashboard's numbers as a workbook (or CSV), with the events and mentoring behind them. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly reads: ReplicaReads,
    private readonly scopes: ScopeService,
    private readonly dashboard: DashboardService,
  ) {}

  async xlsx(
    actor: Principal,
    locale: Locale,
    when?: number | PeriodQuery,
    organizationId?: string,
  ): Promise<{ file: Buffer; name: string }> {
    const scope = await this.scopes.resolve(actor, organizationId, when);
    const w = REPORT_WORDS[locale];
    const [view, events, mentoring] = await Promise.all([
      this.dashboard.forScope(scope),
      this.heldEvents(scope),
      this.mentoring(scope),
    ]);
    const book = new ExcelJS.Workbook();
    book.creator = 'Wutong';
    const summary = book.addWorksheet(w.summary);
    summary.addRow(xlsxRow([w.title(scope.period.label, scope.organizationName ?? w.base)])).font = {
      bold: true,
      size: 14,
    };
    summary.addRow([]);
    summary.addRow(w.summaryHead).font = { bold: true };
    for (const row of this.summaryRows(view, locale)) summary.addRow(xlsxRow(row));
    summary.getColumn(4).numFmt = '0.0%';
    summary.columns.forEach((c, i) => (c.width = i === 0 ? 22 : 14));

    const months = book.addWorksheet(w.byMonth);
    months.addRow([w.metric, ...Array.from({ length: 12 }, (_, i) => w.monthHead(i + 1)), w.total]).font = {
      bold: true,
    };
    for (const m of view.metrics) months.addRow([w.metrics[m.metric], ...m.byMonth, m.actual]);
    months.getColumn(1).width = 22;

    const held = book.addWorksheet(w.events);
    held.addRow(w.eventsHead).font = { bold: true };
    for (const e of events)
      // Titles, carrier and people's names are user text: formula-escaped (xlsxRow).
      held.addRow(
        xlsxRow([
          e.title,
          w.types[e.type],
          e.carrier,
          e.first_day,
          e.last_day,
          e.sessions,
          e.registered,
          e.attended,
          e.visits,
        ]),
      );
    held.getColumn(1).width = 40;
    held.getColumn(3).width = 20;

    const mentor = book.addWorksheet(w.mentoring);
    mentor.addRow(w.mentoringHead).font = { bold: true };
    for (const m of mentoring) mentor.addRow(xlsxRow([m.day, m.mentor, m.founder, m.company, m.topic]));

    // Last, so the earlier sheets keep their places.
    const liked = book.addWorksheet(w.satisfaction);
    liked.addRow(w.satisfactionHead).font = { bold: true };
    for (const row of this.satisfactionRows(view, locale)) liked.addRow(xlsxRow(row));
    liked.columns.forEach((c, i) => (c.width = i === 1 ? 24 : 14));
    mentor.getColumn(5).width = 40;

    const file = Buffer.from(await book.xlsx.writeBuffer());
    return { file, name: this.fileName(scope, locale, 'xlsx') };
  }

  /** The summary and the months as one CSV (UTF-8 BOM, formula-escaped). */
  async csv(
    actor: Principal,
    locale: Locale,
    when?: number | PeriodQuery,
    organizationId?: string,
  ): Promise<{ file: string; name: string }> {
    const scope = await this.scopes.resolve(actor, organizationId, when);
    const w = REPORT_WORDS[locale];
    const view = await this.dashboard.forScope(scope);
    const file = toCsv([
      w.summaryHead,
      ...this.summaryRows(view, locale).map((r) =>
        r.map((v, i) => (i === 3 && typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : v)),
      ),
      [],
      [w.metric, ...Array.from({ length: 12 }, (_, i) => w.monthHead(i + 1)), w.total],
      ...view.metrics.map((m) => [w.metrics[m.metric], ...m.byMonth, m.actual]),
      [],
      w.satisfactionHead,
      ...this.satisfactionRows(view, locale),
    ]);
    return { file, name: this.fileName(scope, locale, 'csv') };
  }

  /** 年度报告-衡阳孵化器-2025.xlsx: the report, its scope and year (the pattern of every export). */
  private fileName(scope: ResolvedScope, locale: Locale, extension: string): string {
    const w = REPORT_WORDS[locale];
    return exportFileName(
      [
        locale === 'zh-CN' ? '年度报告' : 'annual report',
        scope.organizationName ?? w.base,
        scope.period.label,
      ],
      extension,
    );
  }

  /** Satisfaction of the year: all events, each event type, each carrier (responses, average, NPS). */
  private satisfactionRows(view: DashboardView, locale: Locale): (string | number | null)[][] {
    const w = REPORT_WORDS[locale];
    const s = view.satisfaction;
    return [
      [w.satisfactionGroups.total, '', s.total.responses, s.total.average, s.total.nps],
      ...s.byType.map((r) => [
        w.satisfactionGroups.type,
        w.types[r.key as EventType],
        r.responses,
        r.average,
        r.nps,
      ]),
      ...s.byCarrier.map((r) => [w.satisfactionGroups.carrier, r.name ?? '', r.responses, r.average, r.nps]),
    ];
  }

  private summaryRows(view: DashboardView, locale: Locale): (string | number | null)[][] {
    const w = REPORT_WORDS[locale];
    return view.metrics.map((m) => [
      w.metrics[m.metric as Metric],
      m.target,
      m.actual,
      m.percent,
      m.expectedToDate,
      m.forecast,
      w.status[m.status as PaceStatus],
    ]);
  }

  private heldEvents(scope: ResolvedScope): Promise<HeldEvent[]> {
    return this.reads.query<HeldEvent>(
      `SELECT e.title, e.type, o.name AS carrier,
              to_char(e.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS first_day,
              to_char(e.ends_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS last_day,
              (SELECT count(*)::int FROM event_sessions s WHERE s.event_id = e.id) AS sessions,
              (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS registered,
              (SELECT count(DISTINCT coalesce(ci.registration_id::text, ci.walk_in_key))::int FROM check_ins ci WHERE ci.event_id = e.id) AS attended,
              (SELECT count(*)::int FROM check_ins ci WHERE ci.event_id = e.id) AS visits
         FROM events e JOIN organizations o ON o.id = e.organization_id
        WHERE e.status <> 'cancelled'
          AND e.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
          AND e.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
          AND e.starts_at AT TIME ZONE o.time_zone >= $1::timestamp
          AND e.starts_at AT TIME ZONE o.time_zone < $3::timestamp
          AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2))
          AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = e.id)
        ORDER BY e.starts_at`,
      [boundsOf(scope)[0], scope.carriers, boundsOf(scope)[1]],
    );
  }

  private mentoring(scope: ResolvedScope): Promise<MentoringRow[]> {
    return this.reads.query<MentoringRow>(
      `SELECT to_char(b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai'), 'YYYY-MM-DD') AS day,
              m.display_name AS mentor, f.display_name AS founder, c.name AS company, b.topic
         FROM bookings b JOIN users m ON m.id = b.mentor_id JOIN users f ON f.id = b.founder_id
         LEFT JOIN companies c ON c.id = f.company_id LEFT JOIN organizations o ON o.id = b.organization_id
        WHERE b.status = 'completed'
          AND b.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
          AND b.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
          AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') >= $1::timestamp
          AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') < $3::timestamp
          AND ($2::uuid[] IS NULL OR b.organization_id = ANY($2))
        ORDER BY b.starts_at`,
      [boundsOf(scope)[0], scope.carriers, boundsOf(scope)[1]],
    );
  }
}
