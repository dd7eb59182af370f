import { Injectable } from '@nestjs/common';
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
import { notFound } from '../common/errors/domain.exception';
import { satisfactionFigures } from '../surveys/satisfaction.queries';
import { CarrierDirectory, type CarrierList } from './carrier-directory';
import { MetricsQueries, type SatisfactionRow, type TargetValue } from './metrics.queries';
import { ScopeService, type ResolvedScope } from './scope.service';

/** Targets against actuals: every metric's progress, months, types and carriers. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly scopes: ScopeService,
    private readonly metrics: MetricsQueries,
    private readonly carriers: CarrierDirectory,
  ) {}

  /**
   * Satisfaction of the scope's events that ended in the period (its local days, in the scope's zone), over every
   * response: all together, by event type and by carrier (the event's own carrier). The rows come from
   * the dashboard's statement (SATISFACTION_OF_PERIOD); names from the carrier list it was checked against.
   */
  private satisfaction(rows: readonly SatisfactionRow[], list: CarrierList): DashboardSatisfaction {
    const grouped = satisfactionFigures(rows);
    const byType = new Map(
      [...grouped].flatMap(([k, f]) => (k.startsWith('type:') ? [[k.slice(5), f]] : [])),
    );
    const byCarrier = new Map(
      [...grouped].flatMap(([k, f]) => (k.startsWith('carrier:') ? [[k.slice(8), f]] : [])),
    );
    const all = grouped.get('all');
    return {
      total: { responses: all?.responses ?? 0, average: all?.average ?? null, nps: all?.nps ?? null },
      byType: EVENT_TYPES.filter((t) => byType.has(t)).map((t) => ({ key: t, ...byType.get(t)! })),
      byCarrier: [...byCarrier.entries()]
        .map(([key, f]) => ({ key, name: list.byId.get(key)?.name ?? '', ...f }))
        .sort((a, b) => b.responses - a.responses || a.name.localeCompare(b.name)),
    };
  }

  async dashboard(
    actor: Principal,
    when: number | PeriodQuery | undefined,
    organizationId?: string,
    now = new Date(),
  ): Promise<DashboardView> {
    // The scope comes from the cached carrier list; the answer is kept only when the list was still
    // current when the numbers were read (else the list is reloaded and the scope resolved again).
    let list = await this.carriers.list();
    for (let attempt = 0; ; attempt++) {
      const scope = this.scopes.resolveFrom(list, actor, organizationId, when);
      if (!scope && attempt === 0) {
        list = await this.carriers.reload(); // a carrier added since the list was read
        continue;
      }
      if (!scope) throw notFound();
      const { view, fingerprint } = await this.read(scope, list, now);
      if (fingerprint === list.fingerprint) return view;
      const fresh = await this.carriers.reload();
      if (fresh.fingerprint === list.fingerprint || attempt > 0) return view;
      list = fresh;
    }
  }

  /** The dashboard of a scope resolved by the caller (the annual report's). */
  async forScope(scope: ResolvedScope, now = new Date()): Promise<DashboardView> {
    const list = await this.carriers.list();
    const { view, fingerprint } = await this.read(scope, list, now);
    if (fingerprint === list.fingerprint) return view;
    const fresh = await this.carriers.reload();
    if (fresh.fingerprint === list.fingerprint) return view;
    return (await this.read(scope, fresh, now)).view;
  }

  private async read(
    scope: ResolvedScope,
    list: CarrierList,
    now: Date,
  ): Promise<{ view: DashboardView; fingerprint: string }> {
    const { period } = scope;
    const share = shareOfPeriodElapsed(period.from, period.to, scope.timeZone, now);
    // A calendar year reads the rollup and has targets (in the same statement); a quarter, month or
    // any from/to is counted from scratch by the same rules (the rollup is by month of the year) and
    // has none: the targets are annual, and a share of them would be a guess.
    const yearly = period.kind === 'year';
    const counted = yearly
      ? await this.metrics.fromRollupWithTargets(scope)
      : await Promise.all([this.metrics.fromScratch(scope), this.metrics.periodExtras(scope)]).then(
          ([actuals, extras]) => ({ actuals, targets: [] as TargetValue[], ...extras }),
        );
    const { actuals, targets } = counted;
    const satisfaction = this.satisfaction(counted.satisfaction, list);
    const nameOf = (id: string) => list.byId.get(id)?.name ?? '';
    const targetOf = (metric: Metric, type: string | null = null) =>
      targets.find((t) => t.metric === metric && t.event_type === type)?.value ?? null;

    const metrics: MetricProgress[] = METRICS.map((metric) => {
      const c = actuals[metric];
      const target = targetOf(metric);
      const carriers: CarrierBreakdown[] = [...c.byCarrier.entries()]
        .map(([organizationId, actual]) => ({
          organizationId,
          name: nameOf(organizationId),
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
    const view: DashboardView = {
      year: scope.year,
      period,
      organizationId: scope.organizationId,
      timeZone: scope.timeZone,
      asOf: now.toISOString(),
      shareOfYearElapsed: Math.round(share * 10_000) / 10_000,
      metrics,
      satisfaction,
    };
    return { view, fingerprint: counted.carriers };
  }
}
