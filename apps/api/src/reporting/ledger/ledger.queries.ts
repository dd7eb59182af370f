import { Injectable } from '@nestjs/common';
import type { EventType } from '@wutong/shared';
import { ReplicaReads } from '../../common/database/replica-reads';
import { boundsOf } from '../metrics.queries';
import type { ResolvedScope } from '../scope.service';

/** One event held in the period, with its numbers (the ledger's entry). */
export interface LedgerEntry {
  id: string;
  organization_id: string;
  carrier: string;
  /** YYYY-MM of the event's start in its carrier's zone: the ledger's month group. */
  month: string;
  /** YYYY-MM-DD of the event's start in its carrier's zone. */
  day: string;
  type: EventType;
  title: string;
  /** Sessions held (with a check-in) that start in the period. */
  sessions: number;
  /** Confirmed registrations. */
  registered: number;
  /** Check-ins (participant visits) in those sessions, walk-ins included. */
  checked_in: number;
  walk_ins: number;
  /** Distinct companies of the check-ins in those sessions. */
  companies: string[];
}

/** Inside the local days `[$1, $3)` of the row's carrier zone (the counting rule's test, metrics.queries.ts). */
const within = (col: string) => `${col} >= $1::timestamp AT TIME ZONE 'UTC' - interval '1 day'
       AND ${col} < $3::timestamp AT TIME ZONE 'UTC' + interval '1 day'
       AND ${col} AT TIME ZONE o.time_zone >= $1::timestamp
       AND ${col} AT TIME ZONE o.time_zone < $3::timestamp`;

/*
 * The ledger counts by the dashboard's rules (docs/product.md): an entry per event held (not
 * cancelled, a check-in recorded) whose first session starts in the period; its sessions, visits and
 * companies are those of its sessions that start in the period, so the entries add up to the
 * dashboard's events held, sessions held, participant visits and (distinct) companies of events.
 */
const ENTRIES_SQL = `
  SELECT e.id, e.organization_id, o.name AS carrier, e.type, e.title,
         to_char(e.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM') AS month,
         to_char(e.starts_at AT TIME ZONE o.time_zone, 'YYYY-MM-DD') AS day,
         (SELECT count(*)::int FROM event_sessions s
           WHERE s.event_id = e.id AND ${within('s.starts_at')}
             AND EXISTS (SELECT 1 FROM check_ins x WHERE x.session_id = s.id)) AS sessions,
         (SELECT count(*)::int FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS registered,
         coalesce(ci.checked_in, 0) AS checked_in, coalesce(ci.walk_ins, 0) AS walk_ins,
         coalesce(ci.companies, '{}') AS companies
    FROM events e
    JOIN organizations o ON o.id = e.organization_id
    LEFT JOIN LATERAL (
      SELECT count(*)::int AS checked_in,
             count(*) FILTER (WHERE c.registration_id IS NULL)::int AS walk_ins,
             array_remove(array_agg(DISTINCT c.company_id::text), NULL) AS companies
        FROM check_ins c JOIN event_sessions s ON s.id = c.session_id
       WHERE c.event_id = e.id AND ${within('s.starts_at')}) ci ON true
   WHERE e.status <> 'cancelled'
     AND ${within('e.starts_at')}
     AND ($2::uuid[] IS NULL OR e.organization_id = ANY($2))
     AND EXISTS (SELECT 1 FROM check_ins x WHERE x.event_id = e.id)
   ORDER BY month, o.name, e.starts_at, e.id`;

@Injectable()
export class LedgerQueries {
  constructor(private readonly reads: ReplicaReads) {}

  entries(scope: ResolvedScope): Promise<LedgerEntry[]> {
    const [from, to] = boundsOf(scope);
    return this.reads.query<LedgerEntry>(ENTRIES_SQL, [from, scope.carriers, to]);
  }
}
