import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DEFAULT_TIME_ZONE, resolvePeriod, type PeriodQuery, type ReportPeriod } from '@wutong/shared';
import { isAdmin, organizes, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { CarrierDirectory, type CarrierList } from './carrier-directory';

export interface ResolvedScope {
  /** The year of the period's first day. */
  year: number;
  period: ReportPeriod;
  /** Set for periods other than a calendar year: the local days `[from, to)` counted. */
  from?: string;
  to?: string;
  organizationId: string | null;
  /** The carriers counted: the chosen one and its descendants; null for every carrier. */
  carriers: string[] | null;
  timeZone: string;
  organizationName: string | null;
}

const yearFormats = new Map<string, Intl.DateTimeFormat>();
/** Building a formatter costs more than a whole rollup fold: one per zone. */
function yearFormat(zone: string): Intl.DateTimeFormat {
  let f = yearFormats.get(zone);
  if (!f) yearFormats.set(zone, (f = new Intl.DateTimeFormat('en', { timeZone: zone, year: 'numeric' })));
  return f;
}

/**
 * Who may see which numbers: a carrier's to its organizers and admins (another carrier's: 404), the
 * base-wide ones to admins (403 for organizers). The zone is the carrier's, base-wide the base's.
 * A carrier's numbers are its own and its descendants' (base → park → incubator); a carrier above
 * every other (the base itself) counts what the base-wide view counts.
 */
@Injectable()
export class ScopeService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async resolve(
    actor: Principal,
    organizationId: string | undefined | null,
    when?: number | PeriodQuery,
  ): Promise<ResolvedScope> {
    let zone = DEFAULT_TIME_ZONE;
    let name: string | null = null;
    let carriers: string[] | null = null;
    if (organizationId) {
      const [org]: { time_zone: string; name: string }[] = await this.dataSource.query(
        `SELECT time_zone, name FROM organizations WHERE id = $1`,
        [organizationId],
      );
      if (!org || !organizes(actor, organizationId)) throw notFound();
      zone = org.time_zone;
      name = org.name;
      carriers = await this.carrierTree(organizationId);
    } else {
      if (!isAdmin(actor)) throw forbidden();
      const [base]: { time_zone: string }[] = await this.dataSource.query(
        `SELECT time_zone FROM organizations WHERE kind = 'base' ORDER BY created_at LIMIT 1`,
      );
      zone = base?.time_zone ?? DEFAULT_TIME_ZONE;
    }
    return this.period(when, organizationId ?? null, carriers, zone, name);
  }

  /**
   * The same as `resolve`, from the dashboard's cached carrier list (no query); null when the carrier
   * is not in the list, which may be older than the carrier: the caller reloads the list and asks again.
   */
  resolveFrom(
    list: CarrierList,
    actor: Principal,
    organizationId: string | undefined | null,
    when?: number | PeriodQuery,
  ): ResolvedScope | null {
    if (!organizationId) {
      if (!isAdmin(actor)) throw forbidden();
      return this.period(when, null, null, list.base?.timeZone ?? DEFAULT_TIME_ZONE, null);
    }
    const org = list.byId.get(organizationId);
    if (!org) return null;
    if (!organizes(actor, organizationId)) throw notFound();
    const carriers = CarrierDirectory.tree(list, organizationId);
    return this.period(when, organizationId, carriers, org.timeZone, org.name);
  }

  private period(
    when: number | PeriodQuery | undefined,
    organizationId: string | null,
    carriers: string[] | null,
    zone: string,
    name: string | null,
  ): ResolvedScope {
    const thisYear = Number(yearFormat(zone).format(new Date()));
    const asked: PeriodQuery = typeof when === 'number' ? { year: when } : (when ?? {});
    const { period, problem } = resolvePeriod(asked, thisYear);
    if (!period)
      throw new DomainException('INVALID_PERIOD', [
        { field: problem.field, messages: [problem.rule], rules: [problem.rule] },
      ]);
    return {
      year: Number(period.from.slice(0, 4)),
      period,
      ...(period.kind !== 'year' && { from: period.from, to: period.to }),
      organizationId,
      carriers,
      timeZone: zone,
      organizationName: name,
    };
  }

  /** The carrier and every carrier below it; null when that is every carrier there is. */
  private async carrierTree(organizationId: string): Promise<string[] | null> {
    const [row]: { ids: string[]; everyone: boolean }[] = await this.dataSource.query(
      `WITH RECURSIVE tree (id) AS (
         SELECT id FROM organizations WHERE id = $1
         UNION SELECT o.id FROM organizations o JOIN tree ON o.parent_id = tree.id)
       SELECT array_agg(id::text) AS ids, count(*) = (SELECT count(*) FROM organizations) AS everyone FROM tree`,
      [organizationId],
    );
    return row.everyone ? null : row.ids;
  }
}
