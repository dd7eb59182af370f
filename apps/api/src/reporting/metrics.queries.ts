import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReplicaReads } from '../common/database/replica-reads';
import { METRICS, type EventType, type Metric } from '@wutong/shared';
import { SATISFACTION_OF_PERIOD, type FigureRow } from '../surveys/satisfaction.queries';
import { CARRIERS_FINGERPRINT } from './carrier-directory';

/** One counted row: a carrier, a month (1–12) of its zone, an event type where it applies, a count. */
export interface CountRow {
  organization_id: string | null;
  month: number;
  type: EventType | null;
  n: number;
}

/** For unique metrics: the distinct total, first-seen months, and per-carrier distinct counts. */
export interface UniqueCounts {
  total: number;
  byMonth: { month: number; n: number }[];
  byCarrier: { organization_id: string; n: number }[];
}

export interface Scope {
  year: number;
  /** A period other than the calendar year: local days `[from, to)` in each carrier's zone (YYYY-MM-DD). */
  from?: string;
  to?: string;
  /** null: every carrier (base-wide). */
  organizationId: string | null;
  /**
   * The carriers counted: the chosen one and its descendants (base → park → incubator); null for
   * every carrier. Absent: the chosen carrier alone (or every carrier without one).
   */
  carriers?: string[] | null;
}

/** The carriers a scope counts, as the `$2` of every query below (null: all). */
export function carriersOf(scope: Scope): string[] | null {
  if (scope.carriers !== undefined) return scope.carriers;
  return scope.organizationId ? [scope.organizationId] : null;
}

/** The local days `[from, to)` a scope counts, as the `$1` and `$3` of every query below. */
export function boundsOf(scope: Scope): [string, string] {
  if (scope.from && scope.to) return [scope.from, scope.to];
  return [`${scope.year}-01-01`, `${scope.year + 1}-01-01`];
}

/** One metric's numbers for a scope: the total, by month (index 0 = January), by type and by carrier. */
export interface MetricActuals {
  actual: number;
  byMonth: number[];
  byType: Map<string, number>;
  byCarrier: Map<string, number>;
}

const UNIQUE_METRICS: readonly Metric[] = ['unique_participants', 'companies_served'];

/*
 * The dashboard reads the rollup of migration 1764610000000-DashboardRollup, kept by triggers in the
 * same transaction as every change: per metric, scope and month, and per metric and event type — a
 * few thousand rows for a year instead of a scan of its check-ins. `dashboard_totals` (migration
 * 1764736500000-DashboardTotals) folds the deltas doors appended since the last read, probes the
 * year's sessions and events for being held, and returns the sums the answer needs as one JSON
 * document (Totals), so the API only copies them into place.
 */
const TOTALS_SQL = `SELECT dashboard_totals($1, $2::uuid[]) AS totals`;

/**
 * The dashboard's one statement for a year: the rollup's totals, the scope's targets (`$3`: the
 * carrier, null base-wide), the carriers' fingerprint (carrier-directory.ts) and the satisfaction of
 * the period's events (`$4`–`$6`, SATISFACTION_OF_PERIOD), one row, so the names, targets and
 * satisfaction cost no round trip of their own.
 */
const ROLLUP_WITH_TARGETS_SQL = `
  SELECT dashboard_totals($1, $2::uuid[]) AS totals,
         (SELECT coalesce(json_agg(json_build_object('metric', t.metric, 'event_type', t.event_type, 'value', t.value)),
                          '[]'::json)
            FROM targets t WHERE t.year = $1 AND t.organization_id IS NOT DISTINCT FROM $3::uuid) AS targets,
         ${CARRIERS_FINGERPRINT} AS carriers, ${SATISFACTION_OF_PERIOD} AS satisfaction`;

/**
 * The same extra row for any other period (counted from scratch, no targets): the carriers'
 * fingerprint and the satisfaction, one statement. `$1` and `$3` are echoed only so the parameters
 * are those of ROLLUP_WITH_TARGETS_SQL.
 */
const PERIOD_EXTRAS_SQL = `
  SELECT $1::int AS year, $3::uuid AS organization_id, ${CARRIERS_FINGERPRINT} AS carriers,
         ${SATISFACTION_OF_PERIOD} AS satisfaction`;

/** The satisfaction rows of SATISFACTION_OF_PERIOD. */
export type SatisfactionRow = FigureRow & { key: string; events: number };

/** A target as the dashboard needs it. */
export interface TargetValue {
  metric: Metric;
  event_type: EventType | null;
  value: number;
}

const emptyActuals = (): MetricActuals => ({
  actual: 0,
  byMonth: Array.from({ length: 12 }, () => 0),
  byType: new Map(),
  byCarrier: new Map(),
});
/** What `dashboard_totals` returns: [metric, month 1–12 | carrier | event type, n] triples. */
interface Totals {
  months: [Metric, number, number][];
  carriers: [Metric, string, number][];
  types: [Metric, string, number][];
}

const add = (map: Map<string, number>, key: string, n: number) => map.set(key, (map.get(key) ?? 0) + n);

/*
 * THE place where the counting rules of docs/product.md live, one query per metric:
 * - everything counts by the start of the session it belongs to, in the carrier's time zone;
 * - a cancelled event counts in no metric;
 * - a session is held when it recorded at least one check-in; an event is held when its first
 *   session started in the year and it recorded at least one check-in (once, however many sessions);
 * - a participant-visit is a check-in (one per person per session; walk-ins included);
 * - a unique participant is an account, or a walk-in by phone (the account's holder when an account
 *   has verified that number), or without a phone by name at the carrier; base-wide counted once;
 * - companies served: distinct companies of the year's attendees and of mentees of completed bookings;
 * - mentoring sessions: bookings marked completed, by their start in the carrier's zone.
 * Every query first narrows by UTC instants a day around the period (indexed), then applies the
 * exact local-days test: `$1` the first local day, `$3` the day after the last (a calendar year by
 * default; a quarter, a month or any from/to for the dashboard's other periods).
 */
const SESSIONS_IN_YEAR = `
    FROM event_sessions s
    JOIN events e ON e.id = s.event_id
    JOIN organizations o ON o.id = e.organization_id
   WHERE e.status <> 'cancelled'
     AND s.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
     AND s.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
     AND s.starts_at AT TIME ZONE o.time_zone >= $1::timestamp
     AND s.starts_at AT TIME ZONE o.time_zone < $3::timestamp
     AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2))`;
/** The parameters of ROLLUP_WITH_TARGETS_SQL and PERIOD_EXTRAS_SQL. */
const extrasParams = (scope: Scope & { timeZone: string }) => {
  const [from, to] = boundsOf(scope);
  return [scope.year, carriersOf(scope), scope.organizationId, from, to, scope.timeZone];
};
/** `$1` first local day, `$2` carriers, `$3` the day after the last (exclusive). */
const periodParams = (scope: Scope) => {
  const [from, to] = boundsOf(scope);
  return [from, carriersOf(scope), to];
};
const SESSION_MONTH = `extract(month FROM s.starts_at AT TIME ZONE o.time_zone)::int`;

/**
 * Who a check-in is, across sessions: the account; else the walk-in's phone — the account that has
 * verified that number, if one has; else the walk-in's name at the carrier.
 */
const PERSON_KEY = `CASE WHEN ci.registration_id IS NOT NULL THEN 'user:' || ci.user_id
                         WHEN ci.walk_in_key LIKE 'phone:%' THEN coalesce(
                           (SELECT 'user:' || u.id FROM users u WHERE u.verified_phone = '+86' || substr(ci.walk_in_key, 7)),
                           ci.walk_in_key)
                         ELSE ci.walk_in_key || '@' || ci.organization_id END`;

@Injectable()
export class MetricsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: ReplicaReads,
  ) {}

  /** Every metric of the scope from the rollup: one indexed read of a few thousand rows at most. */
  async fromRollup(scope: Scope): Promise<Record<Metric, MetricActuals>> {
    const [row] = await this.reads.query<{ totals: Totals }>(TOTALS_SQL, [scope.year, carriersOf(scope)]);
    return this.fold(scope, row.totals);
  }

  /**
   * `fromRollup` with the year's targets of the scope's carrier and the carriers' fingerprint, read
   * in the same statement.
   */
  async fromRollupWithTargets(scope: Scope & { timeZone: string }): Promise<{
    actuals: Record<Metric, MetricActuals>;
    targets: TargetValue[];
    carriers: string;
    satisfaction: SatisfactionRow[];
  }> {
    const [row] = await this.reads.query<{
      totals: Totals;
      targets: TargetValue[];
      carriers: string;
      satisfaction: SatisfactionRow[];
    }>(ROLLUP_WITH_TARGETS_SQL, extrasParams(scope), 'dashboard-year');
    return {
      actuals: await this.fold(scope, row.totals),
      targets: row.targets,
      carriers: row.carriers,
      satisfaction: row.satisfaction,
    };
  }

  /** For periods other than a year: the carriers' fingerprint and the satisfaction, one statement (primary). */
  async periodExtras(
    scope: Scope & { timeZone: string },
  ): Promise<{ carriers: string; satisfaction: SatisfactionRow[] }> {
    const [row]: { carriers: string; satisfaction: SatisfactionRow[] }[] = await this.dataSource.query(
      PERIOD_EXTRAS_SQL,
      extrasParams(scope),
    );
    return { carriers: row.carriers, satisfaction: row.satisfaction };
  }

  private async fold(scope: Scope, totals: Totals): Promise<Record<Metric, MetricActuals>> {
    const out = Object.fromEntries(METRICS.map((m) => [m, emptyActuals()])) as Record<Metric, MetricActuals>;
    for (const [metric, month, n] of totals.months) {
      const a = out[metric];
      if (!a) continue;
      a.actual += n;
      a.byMonth[month - 1] += n;
    }
    for (const [metric, carrier, n] of totals.carriers) out[metric]?.byCarrier.set(carrier, n);
    for (const [metric, type, n] of totals.types) out[metric]?.byType.set(type, n);
    // Several carriers together (a parent and its descendants): their distinct keys are counted from
    // scratch (the rollup counts unique keys once per carrier and once base-wide only).
    const carriers = carriersOf(scope);
    if (carriers !== null && carriers.length !== 1)
      for (const metric of UNIQUE_METRICS) {
        const u = await this.unique(metric as 'unique_participants' | 'companies_served', scope);
        out[metric].actual = u.total;
        for (const m of u.byMonth) out[metric].byMonth[m.month - 1] += m.n;
      }
    return out;
  }

  /** Every metric of the scope counted from scratch over the source tables (the rollup's reference). */
  async fromScratch(scope: Scope): Promise<Record<Metric, MetricActuals>> {
    const all = await Promise.all(
      METRICS.map(async (metric): Promise<[Metric, MetricActuals]> => {
        const a = emptyActuals();
        if (metric === 'unique_participants' || metric === 'companies_served') {
          const u = await this.unique(metric, scope);
          a.actual = u.total;
          for (const m of u.byMonth) a.byMonth[m.month - 1] += m.n;
          for (const c of u.byCarrier) a.byCarrier.set(c.organization_id, c.n);
          return [metric, a];
        }
        for (const r of await this.counts(metric, scope)) {
          a.actual += r.n;
          a.byMonth[r.month - 1] += r.n;
          if (r.type) add(a.byType, r.type, r.n);
          if (r.organization_id) add(a.byCarrier, r.organization_id, r.n);
        }
        return [metric, a];
      }),
    );
    return Object.fromEntries(all) as Record<Metric, MetricActuals>;
  }

  /** Additive metrics by carrier, month and event type, from scratch. */
  counts(
    metric: Exclude<Metric, 'unique_participants' | 'companies_served'>,
    scope: Scope,
  ): Promise<CountRow[]> {
    return this.dataSource.query(ADDITIVE[metric], periodParams(scope));
  }

  /** Distinct total, first-seen months and per-carrier distinct counts, from one pass over the keys (from scratch). */
  async unique(metric: 'unique_participants' | 'companies_served', scope: Scope): Promise<UniqueCounts> {
    const rows: {
      kind: 'total' | 'month' | 'carrier';
      organization_id: string | null;
      month: number | null;
      n: number;
    }[] = await this.dataSource.query(
      uniqueSql(metric === 'unique_participants' ? PARTICIPANT_KEYS : COMPANY_KEYS),
      periodParams(scope),
    );
    return {
      total: rows.find((r) => r.kind === 'total')?.n ?? 0,
      byMonth: rows.filter((r) => r.kind === 'month').map((r) => ({ month: r.month!, n: r.n })),
      byCarrier: rows
        .filter((r) => r.kind === 'carrier' && r.organization_id)
        .map((r) => ({ organization_id: r.organization_id!, n: r.n })),
    };
  }
}

export const ADDITIVE: Record<Exclude<Metric, 'unique_participants' | 'companies_served'>, string> = {
  sessions_held: `
    SELECT e.organization_id, ${SESSION_MONTH} AS month, e.type, count(*)::int AS n
    ${SESSIONS_IN_YEAR}
     AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.session_id = s.id)
   GROUP BY 1, 2, 3`,
  events_held: `
    SELECT e.organization_id, extract(month FROM e.starts_at AT TIME ZONE o.time_zone)::int AS month, e.type, count(*)::int AS n
      FROM events e JOIN organizations o ON o.id = e.organization_id
     WHERE e.status <> 'cancelled'
       AND e.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
     AND e.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
     AND e.starts_at AT TIME ZONE o.time_zone >= $1::timestamp
     AND e.starts_at AT TIME ZONE o.time_zone < $3::timestamp
       AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2))
       AND EXISTS (SELECT 1 FROM check_ins ci WHERE ci.event_id = e.id)
     GROUP BY 1, 2, 3`,
  participant_visits: `
    SELECT e.organization_id, ${SESSION_MONTH} AS month, e.type, count(ci.id)::int AS n
    ${SESSIONS_IN_YEAR.replace('FROM event_sessions s', 'FROM event_sessions s JOIN check_ins ci ON ci.session_id = s.id')}
   GROUP BY 1, 2, 3`,
  mentoring_sessions: `
    SELECT b.organization_id, extract(month FROM b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai'))::int AS month,
           NULL AS type, count(*)::int AS n
      FROM bookings b LEFT JOIN organizations o ON o.id = b.organization_id
     WHERE b.status = 'completed'
       AND b.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
     AND b.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
     AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') >= $1::timestamp
     AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') < $3::timestamp
       AND ($2::uuid[] IS NULL OR b.organization_id = ANY($2))
     GROUP BY 1, 2`,
};

export const PARTICIPANT_KEYS = `
    SELECT e.organization_id, ${SESSION_MONTH} AS month, ${PERSON_KEY} AS key
    ${SESSIONS_IN_YEAR.replace('FROM event_sessions s', 'FROM event_sessions s JOIN check_ins ci ON ci.session_id = s.id')}`;

export const COMPANY_KEYS = `
    SELECT e.organization_id, ${SESSION_MONTH} AS month, ci.company_id::text AS key
    ${SESSIONS_IN_YEAR.replace('FROM event_sessions s', 'FROM event_sessions s JOIN check_ins ci ON ci.session_id = s.id')}
     AND ci.company_id IS NOT NULL
    UNION ALL
    SELECT b.organization_id, extract(month FROM b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai'))::int, u.company_id::text
      FROM bookings b JOIN users u ON u.id = b.founder_id LEFT JOIN organizations o ON o.id = b.organization_id
     WHERE b.status = 'completed' AND u.company_id IS NOT NULL
       AND b.starts_at >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
     AND b.starts_at < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
     AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') >= $1::timestamp
     AND b.starts_at AT TIME ZONE coalesce(o.time_zone, 'Asia/Shanghai') < $3::timestamp
       AND ($2::uuid[] IS NULL OR b.organization_id = ANY($2))`;

export function uniqueSql(keys: string): string {
  return `WITH k AS MATERIALIZED (${keys}),
               firsts AS (SELECT key, min(month) AS month FROM k GROUP BY key)
          SELECT 'total' AS kind, NULL::uuid AS organization_id, NULL::int AS month, count(*)::int AS n FROM firsts
          UNION ALL
          SELECT 'month', NULL, month, count(*)::int FROM firsts GROUP BY month
          UNION ALL
          SELECT 'carrier', organization_id, NULL, count(DISTINCT key)::int FROM k GROUP BY organization_id`;
}
