import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EVENT_METRICS,
  EVENT_TYPES,
  METRICS,
  pace,
  shareOfPeriodElapsed,
  type CarrierBreakdown,
  type DashboardSatisfaction,
  type DashboardView,
  type Metric,
  type MetricProgress,
  type PeriodQuery,
} from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
import { SatisfactionQueries } from '../surveys/satisfaction.queries';
import { MetricsQueries } from './metrics.queries';
import { ScopeService, type ResolvedScope } from './scope.service';
import { TargetsService } from './targets.service';

/** Targets against actuals: every metric's progress, months, types and carriers. */
@Injectable()
export class DashboardService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: ScopeService,
    private readonly metrics: MetricsQueries,
    private readonly targets: TargetsService,
    private readonly satisfactionOf: SatisfactionQueries,
  ) {}

  /**
   * Satisfaction of the scope's events that ended in the period (its local days, in the scope's zone), over every
   * response: all together, by event type and by carrier (the event's own carrier).
   */
  async satisfaction(scope: ResolvedScope): Promise<DashboardSatisfaction> {
    const events: { id: string; type: string; organization_id: string; name: string }[] =
      await this.dataSource.query(
        `SELECT e.id, e.type, e.organization_id, o.name FROM events e JOIN organizations o ON o.id = e.organization_id
          WHERE e.status IN ('published', 'completed')
            AND (e.ends_at AT TIME ZONE $1)::date >= $2::date AND (e.ends_at AT TIME ZONE $1)::date < $3::date
            AND ($4::uuid[] IS NULL OR e.organization_id = ANY($4::uuid[]))`,
        [scope.timeZone, scope.period.from, scope.period.to, scope.carriers],
      );
    const [total, byType, byCarrier] = await Promise.all([
      this.satisfactionOf.grouped(events.map((e) => ({ eventId: e.id, key: 'all' }))),
      this.satisfactionOf.grouped(events.map((e) => ({ eventId: e.id, key: e.type }))),
      this.satisfactionOf.grouped(events.map((e) => ({ eventId: e.id, key: e.organization_id }))),
    ]);
    const nameOf = new Map(events.map((e) => [e.organization_id, e.name]));
    const all = total.get('all');
    return {
      total: { responses: all?.responses ?? 0, average: all?.average ?? null, nps: all?.nps ?? null },
      byType: EVENT_TYPES.filter((t) => byType.has(t)).map((t) => ({ key: t, ...byType.get(t)! })),
      byCarrier: [...byCarrier.entries()]
        .map(([key, f]) => ({ key, name: nameOf.get(key) ?? '', ...f }))
        .sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name)),
    };
  }

  async dashboard(
    actor: Principal,
    when: number | PeriodQuery | undefined,
    organizationId?: string,
    now = new Date(),
  ): Promise<DashboardView> {
    return this.forScope(await this.scopes.resolve(actor, organizationId, when), now);
  }

  async forScope(scope: ResolvedScope, now = new Date()): Promise<DashboardView> {
    const { period } = scope;
    const share = shareOfPeriodElapsed(period.from, period.to, scope.timeZone, now);
    // A calendar year reads the rollup and has targets; a quarter, month or any from/to is counted
    // from scratch by the same rules (the rollup is by month of the year) and has none: the targets
    // are annual, and a share of them would be a guess.
    const yearly = period.kind === 'year';
    const [targets, names, actuals, satisfaction] = await Promise.all([
      yearly ? this.targets.of(scope.year, scope.organizationId) : Promise.resolve([]),
      this.dataSource.query(`SELECT id, name FROM organizations`) as Promise<{ id: string; name: string }[]>,
      yearly ? this.metrics.fromRollup(scope) : this.metrics.fromScratch(scope),
      this.satisfaction(scope),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const targetOf = (metric: Metric, type: string | null = null) =>
      targets.find((t) => t.metric === metric && t.event_type === type)?.value ?? null;

    const metrics: MetricProgress[] = METRICS.map((metric) => {
      const c = actuals[metric];
      const target = targetOf(metric);
      const carriers: CarrierBreakdown[] = [...c.byCarrier.entries()]
        .map(([organizationId, actual]) => ({
          organizationId,
          name: nameOf.get(organizationId) ?? '',
          actual,
        }))
        .sort((a, b) => b.actual - a.actual || a.name.localeCompare(b.name));
      return {
        metric,
        target,
        actual: c.actual,
        ...pace(c.actual, target, share),
        byMonth: c.byMonth,
        ...(EVENT_METRICS.includes(metric) && {
          byType: EVENT_TYPES.map((type) => ({
            type,
            actual: c.byType.get(type) ?? 0,
            target: targetOf(metric, type),
          })),
        }),
        byCarrier: carriers,
      };
    });
    return {
      year: scope.year,
      period,
      organizationId: scope.organizationId,
      timeZone: scope.timeZone,
      asOf: now.toISOString(),
      shareOfYearElapsed: Math.round(share * 10_000) / 10_000,
      metrics,
      satisfaction,
    };
  }
}
