import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DOORS_OPEN_HOURS,
  doorsOpenAt,
  normalizeShortCode,
  type CheckInMethod,
  type CheckInResponse,
  type SelfCheckInCode,
} from '@wutong/shared';
import { AuditService, auditStatement } from '../audit/audit.service';
import { doorCarriers, isAdmin, organizesEvent, worksDoor, type Principal } from '../common/auth/principal';
import { CompaniesService } from '../companies/companies.service';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { rows } from '../common/database/rows';
import { lockedMonthSql } from '../periods/period-locks.sql';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import {
  AttendanceQueries,
  CHECK_IN_ROW_SQL,
  toCheckInResponse,
  type CheckInRow,
} from './attendance.queries';
import type { CheckInDto } from './dto/check-in.dto';
import { codeExpiresAt, isCurrentCode, selfCheckInCode } from './self-check-in.codes';

/** The session a check-in is for, with its event and carrier. */
export interface SessionContext {
  session_id: string;
  event_id: string;
  organization_id: string;
  event_status: string;
  event_title: string;
  starts_at: Date;
  ends_at: Date;
  /** The database's clock when read: self check-in codes are issued and checked on this one clock. */
  now: Date;
  /** Carriers co-hosting the event. */
  co_host_ids: string[];
}

type Who =
  | { ticketCode: string }
  | { shortCode: string }
  | { registrationId: string }
  | { walkIn: { name: string; phone: string | null; key: string; companyId: string | null } };

/** What the check-in statement answers: the checks' inputs, and the check-in (new or first) if any. */
interface RecordRow extends Partial<CheckInRow> {
  organization_id: string;
  /** The actor works this session's door (or checks themself in). */
  allowed: boolean;
  event_id: string;
  event_status: string;
  registration_event_id: string | null;
  registration_status: string | null;
  created: boolean;
  /** From DOORS_OPEN_HOURS before the session's start on: earlier, nothing is inserted. */
  doors_open: boolean;
  session_starts_at: Date;
  /** The session's month on its carrier's wall clock when that month is locked: nothing is inserted. */
  locked_month: string | null;
}

/** Doors open a day before a session starts (DOORS_OPEN_HOURS); after it, organizers may backfill. */
const DOORS_OPEN = `interval '${DOORS_OPEN_HOURS} hours'`;

/**
 * The session, with whether the actor works its door: $3 any carrier, $4 the carriers whose doors the
 * actor works (organized or as door staff), hosting the event or co-hosting it.
 */
const SESSION_CTE_SQL = `
    SELECT s.id, s.event_id, e.organization_id, e.status, s.starts_at,
           now() >= s.starts_at - ${DOORS_OPEN} AS doors_open,
           ${lockedMonthSql('s.starts_at', 'o.time_zone')} AS locked_month,
           ($3 OR e.organization_id = ANY($4::uuid[])
               OR EXISTS (SELECT 1 FROM event_co_hosts h WHERE h.event_id = e.id AND h.co_host_id = ANY($4::uuid[])))
             AS allowed
      FROM event_sessions s JOIN events e ON e.id = s.event_id JOIN organizations o ON o.id = e.organization_id
     WHERE s.id = $1`;

/*
 * $1 session, $2 ticket code or registration id, $3 any carrier (admin, self check-in), $4 the carriers
 * whose doors the actor works, $5 the actor, $6 the method. ON CONFLICT DO NOTHING keeps one check-in per person per
 * session; the audit entry is written only with a new check-in.
 */
const recordSql = (match: string) => `
  WITH s AS (${SESSION_CTE_SQL}
  ), r AS (
    SELECT r.id, r.event_id, r.status, r.user_id, u.display_name, u.company_id, u.phone, c.name AS company_name
      FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN companies c ON c.id = u.company_id
     WHERE ${match}
  ), ins AS (
    INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, company_id, method, checked_in_by)
    SELECT s.organization_id, s.event_id, s.id, r.id, r.user_id, r.company_id, $6, $5
      FROM s JOIN r ON r.event_id = s.event_id AND r.status = 'confirmed'
     WHERE s.allowed AND s.status <> 'cancelled' AND s.doors_open
       AND s.locked_month IS NULL
    ON CONFLICT DO NOTHING
    RETURNING id, method, checked_in_at, checked_in_by
  ), audit AS (
    ${auditStatement(`SELECT $5, 'check_in.create', 'check_in', ins.id::text, s.organization_id,
           jsonb_build_object('sessionId', s.id, 'method', $6::text, 'registrationId', r.id)
      FROM ins, s, r`)}
  )
  SELECT s.organization_id, s.event_id, s.status AS event_status, s.id AS session_id, s.allowed,
         s.doors_open, s.starts_at AS session_starts_at, s.locked_month,
         r.id AS registration_id, r.event_id AS registration_event_id, r.status AS registration_status,
         r.user_id, r.display_name AS name, r.company_name, r.phone,
         coalesce(ins.id, f.id) AS id, coalesce(ins.method, f.method) AS method,
         coalesce(ins.checked_in_at, f.checked_in_at) AS checked_in_at,
         CASE WHEN ins.id IS NULL THEN f.checked_in_by ELSE ins.checked_in_by END AS checked_in_by,
         ins.id IS NOT NULL AS created
    FROM s LEFT JOIN r ON true LEFT JOIN ins ON true
    LEFT JOIN check_ins f ON ins.id IS NULL AND f.session_id = s.id AND f.registration_id = r.id`;

const RECORD_BY_TICKET_SQL = recordSql('r.ticket_code = $2');
const RECORD_BY_ID_SQL = recordSql('r.id = $2::uuid');
const RECORD_BY_SHORT_CODE_SQL = recordSql(
  'r.short_code = $2 AND r.event_id = (SELECT event_id FROM event_sessions WHERE id = $1)',
);

/** The same for a walk-in: $2 its key, $6 its name, $7 its phone, $8 its company. */
const RECORD_WALK_IN_SQL = `
  WITH s AS (${SESSION_CTE_SQL}
  ), ins AS (
    INSERT INTO check_ins (organization_id, event_id, session_id, walk_in_name, walk_in_phone, walk_in_key, company_id, method, checked_in_by)
    SELECT s.organization_id, s.event_id, s.id, $6, $7, $2, $8::uuid, 'walk_in', $5
      FROM s WHERE s.allowed AND s.status <> 'cancelled' AND s.doors_open
       AND s.locked_month IS NULL
    ON CONFLICT DO NOTHING
    RETURNING id, method, checked_in_at, checked_in_by, walk_in_name, walk_in_phone, company_id
  ), audit AS (
    ${auditStatement(`SELECT $5, 'check_in.walk_in', 'check_in', ins.id::text, s.organization_id,
           jsonb_build_object('sessionId', s.id, 'method', 'walk_in', 'registrationId', NULL, 'walkIn', $6::text)
      FROM ins, s`)}
  )
  SELECT s.organization_id, s.event_id, s.status AS event_status, s.id AS session_id, s.allowed,
         s.doors_open, s.starts_at AS session_starts_at, s.locked_month,
         NULL::uuid AS registration_id, NULL::uuid AS registration_event_id, NULL AS registration_status,
         NULL::uuid AS user_id, coalesce(ins.walk_in_name, f.walk_in_name) AS name,
         (SELECT c.name FROM companies c WHERE c.id = coalesce(ins.company_id, f.company_id)) AS company_name,
         coalesce(ins.walk_in_phone, f.walk_in_phone) AS phone,
         coalesce(ins.id, f.id) AS id, coalesce(ins.method, f.method) AS method,
         coalesce(ins.checked_in_at, f.checked_in_at) AS checked_in_at,
         CASE WHEN ins.id IS NULL THEN f.checked_in_by ELSE ins.checked_in_by END AS checked_in_by,
         ins.id IS NOT NULL AS created
    FROM s LEFT JOIN ins ON true
    LEFT JOIN check_ins f ON ins.id IS NULL AND f.session_id = s.id AND f.walk_in_key = $2`;

const lockedMonth = (month: string) => new DomainException('PERIOD_LOCKED', { month }, { month });

/** Self check-in opens this long before a session starts and closes when it ends. */
const SELF_CHECK_IN_OPENS_MS = 30 * 60_000;

/** The same walk-in is the same phone number, or without one the same name (at the carrier). */
export function walkInKey(name: string, phone: string | null | undefined): string {
  let digits = (phone ?? '').replace(/\D/g, '');
  if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
  return digits.length >= 5 ? `phone:${digits}` : `name:${name.trim().toLowerCase().replace(/\s+/g, ' ')}`;
}

/**
 * Checking people in at the door: by ticket, by a registration found by search, as a walk-in, or by
 * the founder scanning the session's rotating code. One check-in per person per session is a unique
 * index; a repeat answers with the first check-in.
 */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: AttendanceQueries,
    private readonly audit: AuditService,
    private readonly companies: CompaniesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkIn(actor: Principal, sessionId: string, dto: CheckInDto): Promise<CheckInResponse> {
    const given = [dto.ticketCode, dto.registrationId, dto.walkIn].filter((v) => v !== undefined).length;
    if (given !== 1) {
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('ticketCode', 'oneOf', 'send exactly one of ticketCode, registrationId, walkIn'),
      ]);
    }
    if (dto.walkIn) {
      const phone = dto.walkIn.phone?.trim() || null;
      const company = dto.walkIn.company?.trim() || null;
      const who = {
        walkIn: {
          name: dto.walkIn.name.trim(),
          phone,
          key: walkInKey(dto.walkIn.name, phone),
          companyId: company ? await this.companies.companyNamed(company) : null,
        },
      };
      return this.record(actor, sessionId, who, 'walk_in');
    }
    if (dto.ticketCode) {
      // The QR's long secret, or the 8-character code read out from the ticket (any case, spaces, dash).
      const shortCode = normalizeShortCode(dto.ticketCode);
      return this.record(
        actor,
        sessionId,
        shortCode ? { shortCode } : { ticketCode: dto.ticketCode.trim() },
        'ticket',
      );
    }
    return this.record(actor, sessionId, { registrationId: dto.registrationId! }, 'search');
  }

  /** Undoes a mistaken check-in (its organizers), leaving an audit entry of what was removed. */
  async undo(actor: Principal, checkInId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.queries.checkIn(m, checkInId);
      if (!row) throw notFound();
      const session = await this.sessionContext(m, row.session_id);
      if (!session) throw notFound();
      // Organizers (host or co-host) undo any check-in of the event; door staff only their own.
      const mayUndo =
        organizesEvent(actor, session.organization_id, session.co_host_ids) ||
        (row.checked_in_by === actor.userId &&
          worksDoor(actor, session.organization_id, session.co_host_ids));
      if (!mayUndo) throw notFound();
      // The lock test and the delete in one statement: it takes its table lock before its snapshot,
      // so a month locked meanwhile is seen (PeriodLocksService).
      const [deleted] = await rows<{ locked_month: string | null; deleted: boolean }>(
        m,
        `WITH x AS (
           SELECT ci.id, ${lockedMonthSql('s.starts_at', 'o.time_zone')} AS locked_month
             FROM check_ins ci JOIN event_sessions s ON s.id = ci.session_id
             JOIN organizations o ON o.id = s.organization_id
            WHERE ci.id = $1
         ), d AS (
           DELETE FROM check_ins ci USING x WHERE ci.id = x.id AND x.locked_month IS NULL RETURNING ci.id
         )
         SELECT x.locked_month, EXISTS (SELECT 1 FROM d) AS deleted FROM x`,
        [checkInId],
      );
      if (!deleted) throw notFound();
      if (deleted.locked_month) throw lockedMonth(deleted.locked_month);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'check_in.undo',
        targetType: 'check_in',
        targetId: checkInId,
        organizationId: session.organization_id,
        details: {
          sessionId: row.session_id,
          registrationId: row.registration_id,
          name: row.name,
          checkedInAt: row.checked_in_at,
        },
      });
    });
  }

  /** The rotating code a venue screen shows for founders to check themselves in. */
  async selfCheckInCode(actor: Principal, sessionId: string): Promise<SelfCheckInCode> {
    const session = await this.managedSession(actor, sessionId);
    // The database's clock, not this process's: another API process checks the code (docs/testing.md, clocks).
    const now = session.now.getTime();
    const code = selfCheckInCode(this.config.jwtSecret, sessionId, now);
    return {
      code,
      url: `${this.config.publicUrl}/check-in/${sessionId}?code=${code}`,
      expiresAt: codeExpiresAt(now).toISOString(),
      opensAt: new Date(session.starts_at.getTime() - SELF_CHECK_IN_OPENS_MS).toISOString(),
      closesAt: session.ends_at.toISOString(),
    };
  }

  /** A founder with a confirmed registration checks in with the code on the screen, during the session's window. */
  async selfCheckIn(actor: Principal, sessionId: string, code: string): Promise<CheckInResponse> {
    const session = await this.sessionContext(this.dataSource.manager, sessionId);
    // A draft's sessions are unknown outside its carrier (and take no registrations): 404, as for none.
    if (!session || session.event_status === 'draft') throw notFound();
    const now = session.now.getTime();
    if (session.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
    if (!isCurrentCode(this.config.jwtSecret, sessionId, code, now))
      throw new DomainException('CHECK_IN_CODE_EXPIRED');
    if (now < session.starts_at.getTime() - SELF_CHECK_IN_OPENS_MS || now > session.ends_at.getTime()) {
      throw new DomainException('CHECK_IN_CLOSED', {
        opensAt: new Date(session.starts_at.getTime() - SELF_CHECK_IN_OPENS_MS).toISOString(),
        closesAt: session.ends_at.toISOString(),
      });
    }
    const [registration]: { id: string; status: string }[] = await this.dataSource.query(
      `SELECT id, status FROM registrations WHERE event_id = $1 AND user_id = $2`,
      [session.event_id, actor.userId],
    );
    if (!registration) throw new DomainException('NOT_REGISTERED');
    if (registration.status !== 'confirmed')
      throw new DomainException('NOT_CONFIRMED', { status: registration.status });
    return this.record(actor, sessionId, { registrationId: registration.id }, 'self');
  }

  /**
   * Finds the session and the registration, inserts the check-in and its audit entry, or finds the
   * first check-in: one statement, so one round trip and its own transaction (the door's hot path).
   * The insert happens only when every check passes; the checks' answers come back for the errors.
   */
  private async record(
    actor: Principal,
    sessionId: string,
    who: Who,
    method: CheckInMethod,
  ): Promise<CheckInResponse> {
    const walkIn = 'walkIn' in who ? who.walkIn : null;
    // Founders checking themselves in were authorised by the code; organizers and door staff by
    // their carrier hosting or co-hosting the event.
    const anyCarrier = method === 'self' || isAdmin(actor);
    // A named statement: prepared once per connection, so the door's scans skip planning the CTE.
    const [name, text] = walkIn
      ? ['check-in-walk-in', RECORD_WALK_IN_SQL]
      : 'ticketCode' in who
        ? ['check-in-ticket', RECORD_BY_TICKET_SQL]
        : 'shortCode' in who
          ? ['check-in-short-code', RECORD_BY_SHORT_CODE_SQL]
          : ['check-in-registration', RECORD_BY_ID_SQL];
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const {
      rows: [row],
    } = await pool.query<RecordRow>({
      name,
      text,
      values: walkIn
        ? [
            sessionId,
            walkIn.key,
            anyCarrier,
            doorCarriers(actor),
            actor.userId,
            walkIn.name,
            walkIn.phone,
            walkIn.companyId,
          ]
        : [
            sessionId,
            'ticketCode' in who
              ? who.ticketCode
              : 'shortCode' in who
                ? who.shortCode
                : 'registrationId' in who
                  ? who.registrationId
                  : null,
            anyCarrier,
            doorCarriers(actor),
            actor.userId,
            method,
          ],
    });
    if (!row || !row.allowed) throw notFound();
    if (row.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
    if (!walkIn) {
      if (!row.registration_id || row.registration_event_id !== row.event_id)
        throw new DomainException('TICKET_NOT_FOUND');
      if (row.registration_status !== 'confirmed')
        throw new DomainException('NOT_CONFIRMED', { name: row.name, status: row.registration_status });
    }
    if (row.id) return toCheckInResponse(row as CheckInRow, !row.created);
    if (row.locked_month) throw lockedMonth(row.locked_month);
    if (!row.doors_open)
      throw new DomainException('TOO_EARLY', {
        opensAt: new Date(doorsOpenAt(row.session_starts_at.toISOString())).toISOString(),
      });
    // Another door inserted the same person after this statement's snapshot: read its row.
    const [first]: CheckInRow[] = await this.dataSource.query(
      walkIn
        ? `${CHECK_IN_ROW_SQL} WHERE ci.session_id = $1 AND ci.walk_in_key = $2`
        : `${CHECK_IN_ROW_SQL} WHERE ci.session_id = $1 AND ci.registration_id = $2`,
      [sessionId, walkIn ? walkIn.key : row.registration_id],
    );
    return toCheckInResponse(first, true);
  }

  /**
   * The session for those who work its door: its carrier's and co-hosts' organizers and door staff
   * (others: 404), and not of a cancelled event (409).
   */
  async managedSession(actor: Principal, sessionId: string): Promise<SessionContext> {
    const session = await this.sessionContext(this.dataSource.manager, sessionId);
    if (!session || !worksDoor(actor, session.organization_id, session.co_host_ids)) throw notFound();
    if (session.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
    return session;
  }

  private async sessionContext(m: EntityManager, sessionId: string): Promise<SessionContext | null> {
    const [row]: SessionContext[] = await m.query(
      `SELECT s.id AS session_id, s.event_id, e.organization_id, e.status AS event_status, e.title AS event_title, s.starts_at, s.ends_at,
              now() AS now, ARRAY(SELECT h.co_host_id FROM event_co_hosts h WHERE h.event_id = e.id) AS co_host_ids
         FROM event_sessions s JOIN events e ON e.id = s.event_id WHERE s.id = $1`,
      [sessionId],
    );
    return row ?? null;
  }
}
