import { randomBytes } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, RegistrationStatus, RegistrationView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import type { EventSession } from '../events/event.record';
import { registrationOpen } from '../events/event-views';
import type { Event } from '../events/event.record';
import { EventsService } from '../events/events.service';
import { checkAnswers } from './answers';
import { EventContexts, type EventContext } from './event-contexts';
import type { RegisterDto } from './dto/registration.dto';
import { REGISTRATION_COLUMNS, type Registration } from './registration.record';
import { noticeParams, RegistrationMails } from './registration-mails';
import {
  REGISTER_RACE_SQLSTATE,
  REGISTER_WITH_SEAT_SQL,
  RegistrationsQueries,
  toRegistrationView,
  type Registrant,
  type RegisterWithSeatRow,
} from './registrations.queries';
import { rows } from '../common/database/rows';

/** 128 random bits: the QR ticket cannot be guessed. Drawn 256 at a time (one call to the CSPRNG). */
let ticketBytes = Buffer.alloc(0);
let ticketAt = 0;
const newTicket = () => {
  if (ticketAt >= ticketBytes.length) {
    ticketBytes = randomBytes(16 * 256);
    ticketAt = 0;
  }
  return ticketBytes.toString('base64url', ticketAt, (ticketAt += 16));
};

/** Thrown inside a transaction to roll it back when the registration already existed. */
class AlreadyRegistered extends Error {}

export interface RegisterResult {
  created: boolean;
  registration: RegistrationView;
}

/**
 * Registering, cancelling, approving and rejecting, and the waitlist. Seats are only ever taken by a
 * conditional UPDATE (REGISTER_WITH_SEAT_SQL, EventsService.takeSeat, or the promotion below under
 * the event's row lock),
 * so the counter never passes capacity however many people register at once.
 */
@Injectable()
export class RegistrationsService implements OnModuleInit {
  private readonly contexts = new EventContexts();
  /**
   * The confirmation's notice parameters as JSON, per context read (its event object) and locale:
   * formatting the date costs more than the rest of the request's own work.
   */
  private readonly notices = new WeakMap<object, Map<string, string>>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly queries: RegistrationsQueries,
    private readonly mails: RegistrationMails,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    this.events.useHooks({
      capacityRaised: (m, event) => this.promote(m, event),
      scheduleChanged: (m, event, sessions) =>
        this.mailActive(m, event, sessions, 'eventChanged', ['confirmed'], 'REQUEST'),
      cancelled: (m, event, sessions) =>
        this.mailActive(
          m,
          event,
          sessions,
          'eventCancelled',
          ['confirmed', 'waitlisted', 'pending_approval'],
          'CANCEL',
        ),
      registrationInfo: (eventId, userId, organizationId) =>
        this.queries.infoForEventPage(eventId, userId, organizationId),
    });
  }

  async register(actor: Principal, eventId: string, dto: RegisterDto): Promise<RegisterResult> {
    const cached = this.contexts.get(eventId);
    if (cached && actor.contact) {
      const seated = await this.registerFromCache(actor, cached, dto);
      if (seated) return { created: true, registration: seated };
    }
    return this.registerFresh(actor, eventId, dto);
  }

  /**
   * The common case without reading anything first: the event as this process last read it is open
   * for seats, the answers fit its questions, and the statement confirms (context_version) that it
   * has not changed since. Null for anything else — the caller reads the event again and decides.
   */
  private async registerFromCache(
    actor: Principal,
    cached: EventContext,
    dto: RegisterDto,
  ): Promise<RegistrationView | null> {
    const event = { ...cached.event } as Event;
    if (event.status !== 'published' || event.approvalRequired) return null;
    if (
      !registrationOpen({
        status: event.status,
        registration_opens_at: event.registrationOpensAt,
        registration_closes_at: event.registrationClosesAt,
        starts_at: event.startsAt,
      })
    )
      return null;
    let answers: object;
    try {
      answers = checkAnswers(event.questions, dto.answers);
    } catch {
      return null; // refused (or not) on the event as it is now
    }
    const { email, displayName } = actor.contact!;
    const user: Registrant = { id: actor.userId, locale: actor.locale, email, displayName };
    const seated = await this.registerWithSeat(cached, user, event, answers);
    if (!seated) this.contexts.forget(event.id);
    return seated;
  }

  private async registerFresh(actor: Principal, eventId: string, dto: RegisterDto): Promise<RegisterResult> {
    // One read for the event, its sessions, place and the registrant (the mail is rendered from it).
    const context = await this.queries.context(eventId, actor.userId);
    if (!context) throw notFound();
    this.contexts.remember(context);
    // The context carries what registering and its mails read of the event (not its bookkeeping columns).
    const event = { ...context.event } as Event;
    // A draft exists only for its carrier's organizers: anyone else gets 404, not REGISTRATION_CLOSED
    // (nor a 400 about its questions), so its id does not reveal it.
    if (event.status === 'draft' && !organizes(actor, event.organizationId)) throw notFound();
    const answers = checkAnswers(event.questions, dto.answers);
    if (
      !registrationOpen({
        status: event.status,
        registration_opens_at: event.registrationOpensAt,
        registration_closes_at: event.registrationClosesAt,
        starts_at: event.startsAt,
      })
    ) {
      const existing = await this.queries.findOwn(eventId, actor.userId, event.organizationId);
      if (existing) return { created: false, registration: existing };
      throw new DomainException('REGISTRATION_CLOSED');
    }
    if (!event.approvalRequired && context.user) {
      const seated = await this.registerWithSeat(context, context.user, event, answers);
      if (seated) return { created: true, registration: seated };
    }
    try {
      const id = await this.dataSource.transaction(async (m) => {
        const created = event.approvalRequired
          ? await this.insertPending(m, event, actor.userId, answers)
          : await this.waitlistUnlessRegistered(m, event, actor.userId, answers);
        if (!created) throw new AlreadyRegistered();
        return created;
      });
      return { created: true, registration: (await this.queries.view(id, event.organizationId))! };
    } catch (error) {
      if (!(error instanceof AlreadyRegistered)) throw error;
    }
    const existing = (await this.queries.findOwn(eventId, actor.userId, event.organizationId))!;
    if (existing.status !== 'cancelled') return { created: false, registration: existing };
    // A cancelled registration comes back to life through the same seat and waitlist rules.
    const id = await this.dataSource.transaction((m) => this.reactivate(m, event, existing.id, answers));
    return { created: false, registration: (await this.queries.view(id, event.organizationId))! };
  }

  /**
   * The hot path: one autocommitted statement takes a seat, inserts the confirmed registration and
   * queues its confirmation (small rows the outbox worker renders). Null when no seat was taken: full, closed
   * meanwhile, or already registered — the transaction in `register` sorts those out.
   */
  private async registerWithSeat(
    context: EventContext,
    user: Registrant,
    event: Event,
    answers: object,
  ): Promise<RegistrationView | null> {
    try {
      // A named statement (as the door's check-in does): prepared once per connection, so a rush does
      // not plan the CTE for every registration, and straight on the pool, past TypeORM's query runner.
      const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
      const {
        rows: [row],
      } = await pool.query<RegisterWithSeatRow>({
        name: 'register-with-seat',
        text: REGISTER_WITH_SEAT_SQL,
        values: [
          event.id,
          event.organizationId,
          user.id,
          newTicket(),
          JSON.stringify(answers),
          this.noticeJson(context, user.locale, event),
          context.version,
        ],
      });
      return row.id ? toRegistrationView({ ...row, id: row.id }) : null;
    } catch (error) {
      // A concurrent request of the same user won: nothing was written, the caller answers 200.
      if ((error as { code?: string }).code === REGISTER_RACE_SQLSTATE) return null;
      throw error;
    }
  }

  private noticeJson(context: EventContext, locale: Locale, event: Event): string {
    let byLocale = this.notices.get(context.event);
    if (!byLocale) this.notices.set(context.event, (byLocale = new Map()));
    let json = byLocale.get(locale);
    if (json === undefined) {
      json = JSON.stringify(noticeParams(event, context.sessions, context.timeZone, locale));
      byLocale.set(locale, json);
    }
    return json;
  }

  /**
   * No seat was free a moment ago: the waitlist (or a seat freed meanwhile), unless already
   * registered. The check runs under the event's row lock, so two requests of one founder cannot
   * both pass it.
   */
  private async waitlistUnlessRegistered(
    m: EntityManager,
    event: Event,
    userId: string,
    answers: object,
  ): Promise<string | null> {
    await this.events.lock(m, event.id, event.organizationId);
    if (await this.queries.exists(m, event.id, userId)) return null;
    return this.waitlistOrSeat(m, event, userId, answers, null);
  }

  /** Under the event's row lock: a seat if one freed meanwhile, else the end of the waitlist. */
  private async waitlistOrSeat(
    m: EntityManager,
    event: Event,
    userId: string,
    answers: object,
    existingId: string | null,
  ): Promise<string> {
    const locked = (await this.events.lock(m, event.id, event.organizationId))!;
    if (locked.status !== 'published') throw new DomainException('REGISTRATION_CLOSED');
    const waiting = await this.queries.waitlistCount(m, event.id, event.organizationId);
    const seated = waiting === 0 && (await this.events.takeSeat(m, event.id, event.organizationId));
    if (!seated && !locked.waitlistEnabled) throw new DomainException('EVENT_FULL');
    const status: RegistrationStatus = seated ? 'confirmed' : 'waitlisted';
    const values = [
      event.id,
      event.organizationId,
      userId,
      status,
      seated ? newTicket() : null,
      JSON.stringify(answers),
    ];
    const [saved] = existingId
      ? await rows<{ id: string }>(
          m,
          `UPDATE registrations SET status = $4, ticket_code = $5, answers = $6::jsonb, cancelled_at = NULL, updated_at = now(),
                  confirmed_at = CASE WHEN $4 = 'confirmed' THEN now() END,
                  waitlist_seq = CASE WHEN $4 = 'waitlisted' THEN nextval('registrations_waitlist_seq') END
            WHERE id = $7 AND event_id = $1 AND organization_id = $2 AND user_id = $3 AND status = 'cancelled'
            RETURNING id, waitlist_seq`,
          [...values, existingId],
        )
      : await rows<{ id: string }>(
          m,
          `INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, answers, confirmed_at, waitlist_seq)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, CASE WHEN $4 = 'confirmed' THEN now() END,
                   CASE WHEN $4 = 'waitlisted' THEN nextval('registrations_waitlist_seq') END)
           RETURNING id, waitlist_seq`,
          values,
        );
    if (seated) await this.mails.send(m, 'registrationConfirmed', locked, [{ userId }], { ics: 'REQUEST' });
    else await this.mails.send(m, 'registrationWaitlisted', locked, [{ userId, position: waiting + 1 }]);
    return saved.id;
  }

  private async insertPending(
    m: EntityManager,
    event: Event,
    userId: string,
    answers: object,
  ): Promise<string | null> {
    const [row]: { id: string }[] = await m.query(
      `INSERT INTO registrations (event_id, organization_id, user_id, status, answers)
       VALUES ($1, $2, $3, 'pending_approval', $4::jsonb) ON CONFLICT (event_id, user_id, organization_id) DO NOTHING RETURNING id`,
      [event.id, event.organizationId, userId, JSON.stringify(answers)],
    );
    if (row) await this.mails.send(m, 'registrationPending', event, [{ userId }]);
    return row?.id ?? null;
  }

  /**
   * Brings a cancelled registration back through the same seat and waitlist rules. Under the event's
   * row lock the row is read again: only a registration still cancelled changes (and takes a seat),
   * so a burst of re-registrations by one founder brings it back once (docs/security.md, "Outside
   * attack, second round", point 1).
   */
  private async reactivate(m: EntityManager, event: Event, id: string, answers: object): Promise<string> {
    await this.events.lock(m, event.id, event.organizationId);
    const [reg]: { user_id: string; status: RegistrationStatus }[] = await m.query(
      `SELECT user_id, status FROM registrations WHERE id = $1 FOR UPDATE`,
      [id],
    );
    if (reg.status !== 'cancelled') return id;
    if (!event.approvalRequired) return this.waitlistOrSeat(m, event, reg.user_id, answers, id);
    await m.query(
      `UPDATE registrations SET status = 'pending_approval', answers = $2::jsonb, cancelled_at = NULL, updated_at = now()
        WHERE id = $1 AND status = 'cancelled'`,
      [id, JSON.stringify(answers)],
    );
    await this.mails.send(m, 'registrationPending', event, [{ userId: reg.user_id }]);
    return id;
  }

  /** By its owner or the event's organizers; frees the seat and promotes the head of the waitlist. */
  async cancel(actor: Principal, id: string): Promise<RegistrationView> {
    const organizationId = await this.dataSource.transaction(async (m) => {
      const reg = await this.own(m, id);
      const event = (await this.events.lock(m, reg.eventId, reg.organizationId))!;
      const manager = organizes(actor, event.organizationId);
      if (reg.userId !== actor.userId && !manager) throw notFound();
      const fresh = (await this.find(m, id, reg.organizationId))!;
      if (fresh.status === 'cancelled' || fresh.status === 'rejected') return event.organizationId;
      await m.query(
        `UPDATE registrations SET status = 'cancelled', waitlist_seq = NULL, cancelled_at = now(), updated_at = now()
          WHERE id = $1 AND organization_id = $2`,
        [id, event.organizationId],
      );
      if (fresh.status === 'confirmed') {
        await this.events.releaseSeat(m, event.id, event.organizationId);
        event.seatsTaken -= 1;
        await this.promote(m, event);
      }
      await this.mails.send(
        m,
        'registrationCancelled',
        event,
        [{ userId: reg.userId }],
        fresh.status === 'confirmed' ? { ics: 'CANCEL' } : {},
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'registration.cancel',
        targetType: 'registration',
        targetId: id,
        organizationId: event.organizationId,
        details: { from: fresh.status, byOrganizer: reg.userId !== actor.userId },
      });
      return event.organizationId;
    });
    return (await this.queries.view(id, organizationId))!;
  }

  async approve(actor: Principal, id: string): Promise<RegistrationView> {
    await this.decide(actor, id, async (m, event, reg) => {
      if (!(await this.events.takeSeat(m, event.id, event.organizationId)))
        throw new DomainException('EVENT_FULL');
      await m.query(
        `UPDATE registrations SET status = 'confirmed', ticket_code = $2, confirmed_at = now(), updated_at = now() WHERE id = $1`,
        [reg.id, newTicket()],
      );
      await this.mails.send(m, 'registrationApproved', event, [{ userId: reg.userId }], { ics: 'REQUEST' });
      return 'registration.approve';
    });
    return (await this.queries.view(id))!;
  }

  /** Rejecting frees nothing: a pending application holds no seat. */
  async reject(actor: Principal, id: string): Promise<RegistrationView> {
    await this.decide(actor, id, async (m, event, reg) => {
      await m.query(`UPDATE registrations SET status = 'rejected', updated_at = now() WHERE id = $1`, [
        reg.id,
      ]);
      await this.mails.send(m, 'registrationRejected', event, [{ userId: reg.userId }]);
      return 'registration.reject';
    });
    return (await this.queries.view(id))!;
  }

  private async decide(
    actor: Principal,
    id: string,
    apply: (m: EntityManager, event: Event, reg: Registration) => Promise<string>,
  ): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const reg = await this.own(m, id);
      const event = (await this.events.lock(m, reg.eventId, reg.organizationId))!;
      if (!organizes(actor, event.organizationId)) throw notFound();
      const fresh = (await this.find(m, id, reg.organizationId))!;
      if (fresh.status !== 'pending_approval')
        throw new DomainException('REGISTRATION_NOT_PENDING', { status: fresh.status });
      if (event.status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
      const action = await apply(m, event, fresh);
      await this.audit.record(m, {
        actorId: actor.userId,
        action,
        targetType: 'registration',
        targetId: id,
        organizationId: event.organizationId,
      });
    });
  }

  /**
   * Fills free seats from the head of the waitlist, in arrival order, under the event's row lock
   * (the caller holds it). Each promoted registrant is mailed with the invite.
   */
  private async promote(m: EntityManager, event: Event): Promise<void> {
    const [{ free }]: { free: number }[] = await m.query(
      `SELECT capacity - seats_taken AS free FROM events WHERE id = $1 AND organization_id = $2`,
      [event.id, event.organizationId],
    );
    if (free <= 0) return;
    const heads: { id: string; user_id: string }[] = await m.query(
      `SELECT id, user_id FROM registrations WHERE event_id = $1 AND organization_id = $3 AND status = 'waitlisted'
        ORDER BY waitlist_seq LIMIT $2 FOR UPDATE`,
      [event.id, free, event.organizationId],
    );
    if (heads.length === 0) return;
    await m.query(
      `UPDATE registrations r SET status = 'confirmed', ticket_code = t.code, waitlist_seq = NULL, confirmed_at = now(), updated_at = now()
         FROM unnest($1::uuid[], $2::text[]) AS t(id, code) WHERE r.id = t.id AND r.organization_id = $3`,
      [heads.map((h) => h.id), heads.map(() => newTicket()), event.organizationId],
    );
    await this.events.takeSeats(m, event.id, heads.length, event.organizationId);
    await this.mails.send(
      m,
      'registrationPromoted',
      event,
      heads.map((h) => ({ userId: h.user_id })),
      { ics: 'REQUEST' },
    );
  }

  private async mailActive(
    m: EntityManager,
    event: Event,
    sessions: EventSession[],
    template: 'eventChanged' | 'eventCancelled',
    statuses: RegistrationStatus[],
    ics: 'REQUEST' | 'CANCEL',
  ): Promise<void> {
    const rows: { user_id: string; status: RegistrationStatus }[] = await m.query(
      `SELECT user_id, status FROM registrations WHERE event_id = $1 AND status = ANY($2)`,
      [event.id, statuses],
    );
    const confirmed = rows.filter((r) => r.status === 'confirmed').map((r) => ({ userId: r.user_id }));
    const others = rows.filter((r) => r.status !== 'confirmed').map((r) => ({ userId: r.user_id }));
    await this.mails.send(m, template, event, confirmed, { ics, sessions });
    await this.mails.send(m, template, event, others, { sessions });
  }

  /** `organizationId` once known (the first lookup by id cannot name the carrier). */
  private async find(m: EntityManager, id: string, organizationId?: string): Promise<Registration | null> {
    const [reg] = await rows<Registration>(
      m,
      `SELECT ${REGISTRATION_COLUMNS} FROM registrations WHERE id = $1${organizationId ? ' AND organization_id = $2' : ''}`,
      organizationId ? [id, organizationId] : [id],
    );
    return reg ?? null;
  }

  private async own(m: EntityManager, id: string): Promise<Registration> {
    const reg = await this.find(m, id);
    if (!reg) throw notFound();
    return reg;
  }
}
