import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CheckInMethod, CheckInResponse, SelfCheckInCode } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { AttendanceQueries, toCheckInResponse } from './attendance.queries';
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
}

type Who = { registrationId: string } | { walkIn: { name: string; phone: string | null; key: string } };

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
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async checkIn(actor: Principal, sessionId: string, dto: CheckInDto): Promise<CheckInResponse> {
    const given = [dto.ticketCode, dto.registrationId, dto.walkIn].filter((v) => v !== undefined).length;
    if (given !== 1) {
      throw new DomainException('VALIDATION_FAILED', 400, [
        fieldError('ticketCode', 'oneOf', 'send exactly one of ticketCode, registrationId, walkIn'),
      ]);
    }
    const session = await this.managedSession(actor, sessionId);
    if (dto.walkIn) {
      const phone = dto.walkIn.phone?.trim() || null;
      const who = { walkIn: { name: dto.walkIn.name.trim(), phone, key: walkInKey(dto.walkIn.name, phone) } };
      return this.record(actor.userId, session, who, 'walk_in');
    }
    const registration = await this.registrationFor(
      session,
      dto.ticketCode ? { ticketCode: dto.ticketCode.trim() } : { id: dto.registrationId! },
    );
    return this.record(
      actor.userId,
      session,
      { registrationId: registration },
      dto.ticketCode ? 'ticket' : 'search',
    );
  }

  /** Undoes a mistaken check-in (its organizers), leaving an audit entry of what was removed. */
  async undo(actor: Principal, checkInId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.queries.checkIn(m, checkInId);
      if (!row) throw notFound();
      const session = await this.sessionContext(m, row.session_id);
      if (!session || !organizes(actor, session.organization_id)) throw notFound();
      await m.query(`DELETE FROM check_ins WHERE id = $1`, [checkInId]);
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
  async selfCheckInCode(actor: Principal, sessionId: string, now = Date.now()): Promise<SelfCheckInCode> {
    const session = await this.managedSession(actor, sessionId);
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
  async selfCheckIn(
    actor: Principal,
    sessionId: string,
    code: string,
    now = Date.now(),
  ): Promise<CheckInResponse> {
    const session = await this.sessionContext(this.dataSource.manager, sessionId);
    if (!session) throw notFound();
    if (session.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED', 409);
    if (!isCurrentCode(this.config.jwtSecret, sessionId, code, now))
      throw new DomainException('CHECK_IN_CODE_EXPIRED', 409);
    if (now < session.starts_at.getTime() - SELF_CHECK_IN_OPENS_MS || now > session.ends_at.getTime()) {
      throw new DomainException('CHECK_IN_CLOSED', 409, {
        opensAt: new Date(session.starts_at.getTime() - SELF_CHECK_IN_OPENS_MS).toISOString(),
        closesAt: session.ends_at.toISOString(),
      });
    }
    const [registration]: { id: string; status: string }[] = await this.dataSource.query(
      `SELECT id, status FROM registrations WHERE event_id = $1 AND user_id = $2`,
      [session.event_id, actor.userId],
    );
    if (!registration) throw new DomainException('NOT_REGISTERED', 409);
    if (registration.status !== 'confirmed')
      throw new DomainException('NOT_CONFIRMED', 409, { status: registration.status });
    return this.record(actor.userId, session, { registrationId: registration.id }, 'self');
  }

  /** Inserts the check-in (or finds the first one) and audits it, in one transaction. */
  private async record(
    actorId: string,
    session: SessionContext,
    who: Who,
    method: CheckInMethod,
  ): Promise<CheckInResponse> {
    return this.dataSource.transaction(async (m) => {
      const registrationId = 'registrationId' in who ? who.registrationId : null;
      const walkIn = 'walkIn' in who ? who.walkIn : null;
      const inserted: { id: string }[] = await m.query(
        `INSERT INTO check_ins (organization_id, event_id, session_id, registration_id, user_id, company_id,
                                walk_in_name, walk_in_phone, walk_in_key, method, checked_in_by)
         SELECT $1, $2, $3, $4, r.user_id, u.company_id, $5, $6, $7, $8, $9
           FROM (SELECT 1) one
           LEFT JOIN registrations r ON r.id = $4::uuid
           LEFT JOIN users u ON u.id = r.user_id
         ON CONFLICT DO NOTHING RETURNING id`,
        [
          session.organization_id,
          session.event_id,
          session.session_id,
          registrationId,
          walkIn?.name ?? null,
          walkIn?.phone ?? null,
          walkIn?.key ?? null,
          method,
          actorId,
        ],
      );
      if (inserted.length === 0) {
        const [first]: { id: string }[] = await m.query(
          registrationId
            ? `SELECT id FROM check_ins WHERE session_id = $1 AND registration_id = $2`
            : `SELECT id FROM check_ins WHERE session_id = $1 AND walk_in_key = $2`,
          [session.session_id, registrationId ?? walkIn!.key],
        );
        return toCheckInResponse((await this.queries.checkIn(m, first.id))!, true);
      }
      await this.audit.record(m, {
        actorId,
        action: method === 'walk_in' ? 'check_in.walk_in' : 'check_in.create',
        targetType: 'check_in',
        targetId: inserted[0].id,
        organizationId: session.organization_id,
        details: { sessionId: session.session_id, method, registrationId, walkIn: walkIn?.name },
      });
      return toCheckInResponse((await this.queries.checkIn(m, inserted[0].id))!, false);
    });
  }

  /** A confirmed registration of the session's event, by ticket or id; 404 TICKET_NOT_FOUND, 409 NOT_CONFIRMED. */
  private async registrationFor(
    session: SessionContext,
    by: { ticketCode: string } | { id: string },
  ): Promise<string> {
    const [reg]: { id: string; event_id: string; status: string; name: string }[] =
      await this.dataSource.query(
        `SELECT r.id, r.event_id, r.status, u.display_name AS name FROM registrations r JOIN users u ON u.id = r.user_id
        WHERE ${'ticketCode' in by ? 'r.ticket_code = $1' : 'r.id = $1'}`,
        ['ticketCode' in by ? by.ticketCode : by.id],
      );
    if (!reg || reg.event_id !== session.event_id) throw new DomainException('TICKET_NOT_FOUND', 404);
    if (reg.status !== 'confirmed')
      throw new DomainException('NOT_CONFIRMED', 409, { name: reg.name, status: reg.status });
    return reg.id;
  }

  /** The session for its carrier's organizers (others: 404), and not of a cancelled event (409). */
  async managedSession(actor: Principal, sessionId: string): Promise<SessionContext> {
    const session = await this.sessionContext(this.dataSource.manager, sessionId);
    if (!session || !organizes(actor, session.organization_id)) throw notFound();
    if (session.event_status === 'cancelled') throw new DomainException('EVENT_CANCELLED', 409);
    return session;
  }

  private async sessionContext(m: EntityManager, sessionId: string): Promise<SessionContext | null> {
    const [row]: SessionContext[] = await m.query(
      `SELECT s.id AS session_id, s.event_id, e.organization_id, e.status AS event_status, e.title AS event_title, s.starts_at, s.ends_at
         FROM event_sessions s JOIN events e ON e.id = s.event_id WHERE s.id = $1`,
      [sessionId],
    );
    return row ?? null;
  }
}
