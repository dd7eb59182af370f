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
import { MetricsQueries, type CountRow } from './metrics.queries';
import { ScopeService, type ResolvedScope } from './scope.service';
import { TargetsService } from './targets.service';

const months = () => Array.from({ length: 12 }, () => 0);

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
    const [targets, names, ...computed] = await Promise.all([
      this.targets.of(scope.year, scope.organizationId),
      this.dataSource.query(`SELECT id, name FROM organizations`) as Promise<{ id: string; name: string }[]>,
      ...METRICS.map((metric) => this.compute(metric, scope)),
    ]);
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const targetOf = (metric: Metric, type: string | null = null) =>
      targets.find((t) => t.metric === metric && t.event_type === type)?.value ?? null;

    const metrics: MetricProgress[] = METRICS.map((metric, i) => {
      const c = computed[i];
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

  private async compute(metric: Metric, scope: ResolvedScope) {
    const byMonth = months();
    const byType = new Map<string, number>();
    const byCarrier = new Map<string, number>();
    if (metric === 'unique_participants' || metric === 'companies_served') {
      const u = await this.metrics.unique(metric, scope);
      for (const m of u.byMonth) byMonth[m.month - 1] += m.n;
      for (const c of u.byCarrier) byCarrier.set(c.organization_id, c.n);
      return { actual: u.total, byMonth, byType, byCarrier };
    }
    const rows: CountRow[] = await this.metrics.counts(metric, scope);
    let actual = 0;
    for (const r of rows) {
      actual += r.n;
      byMonth[r.month - 1] += r.n;
      if (r.type) byType.set(r.type, (byType.get(r.type) ?? 0) + r.n);
      if (r.organization_id) byCarrier.set(r.organization_id, (byCarrier.get(r.organization_id) ?? 0) + r.n);
    }
    return { actual, byMonth, byType, byCarrier };
  }
}
