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
  type DashboardView,
  type Metric,
  type MetricProgress,
  type PeriodQuery,
} from '@wutong/shared';
import type { Principal } from '../common/auth/principal';
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
  ) {}

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
    const [targets, names, actuals] = await Promise.all([
      yearly ? this.targets.of(scope.year, scope.organizationId) : Promise.resolve([]),
      this.dataSource.query(`SELECT id, name FROM organizations`) as Promise<{ id: string; name: string }[]>,
      yearly ? this.metrics.fromRollup(scope) : this.metrics.fromScratch(scope),
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
    };
  }
}
