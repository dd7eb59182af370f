import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EVENT_METRICS,
  EVENT_TYPES,
  METRICS,
  pace,
  shareOfYearElapsed,
  type CarrierBreakdown,
  type DashboardView,
  type Metric,
  type MetricProgress,
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
    year: number | undefined,
    organizationId?: string,
    now = new Date(),
  ): Promise<DashboardView> {
    return this.forScope(await this.scopes.resolve(actor, organizationId, year), now);
  }

  async forScope(scope: ResolvedScope, now = new Date()): Promise<DashboardView> {
    const share = shareOfYearElapsed(scope.year, scope.timeZone, now);
    const [targets, names, actuals] = await Promise.all([
      this.targets.of(scope.year, scope.organizationId),
      this.dataSource.query(`SELECT id, name FROM organizations`) as Promise<{ id: string; name: string }[]>,
      this.metrics.fromRollup(scope),
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
      organizationId: scope.organizationId,
      timeZone: scope.timeZone,
      asOf: now.toISOString(),
      shareOfYearElapsed: Math.round(share * 10_000) / 10_000,
      metrics,
    };
  }
}
