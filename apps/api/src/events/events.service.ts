import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventView, QuestionView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, organizesEvent, worksDoor, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { VenuesService } from '../organizations/venues.service';
import { PeriodLocksService } from '../periods/period-locks.service';
import type { CreateEventDto, EventSessionDto, QuestionDto, UpdateEventDto } from './dto/event.dto';
import type { EventHooks } from './event-hooks';
import { EVENT_COLUMNS, SESSION_COLUMNS, type Event, type EventSession } from './event.record';
import { toEventSummary } from './event-views';
import { EventsQueries, onCarrier } from './events.queries';
import { rows } from '../common/database/rows';

const invalid = (field: string, rule: string, message: string) =>
  new DomainException('VALIDATION_FAILED', [fieldError(field, rule, message)]);

/** Creating, editing, publishing and cancelling events; the event page; the seat counter. */
@Injectable()
export class EventsService {
  private hooks: EventHooks | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly queries: EventsQueries,
    private readonly venues: VenuesService,
    private readonly audit: AuditService,
    private readonly periods: PeriodLocksService,
  ) {}

  useHooks(hooks: EventHooks): void {
    this.hooks = hooks;
  }

  async create(actor: Principal, dto: CreateEventDto): Promise<EventView> {
    if (!organizes(actor, dto.organizationId)) throw forbidden();
    const sessions = checkSessions(dto.sessions);
    checkWindow(dto.registrationOpensAt, dto.registrationClosesAt);
    const id = await this.dataSource.transaction(async (m) => {
      if (dto.venueId) await this.checkVenue(m, dto.venueId, dto.organizationId);
      const event = await this.insertEvent(m, {
        organizationId: dto.organizationId,
        type: dto.type,
        title: dto.title.trim(),
        description: dto.description,
        venueId: dto.venueId ?? null,
        onlineUrl: dto.onlineUrl ?? null,
        capacity: dto.capacity,
        seatsTaken: 0,
        approvalRequired: dto.approvalRequired,
        waitlistEnabled: dto.waitlistEnabled,
        registrationOpensAt: dto.registrationOpensAt ? new Date(dto.registrationOpensAt) : null,
        registrationClosesAt: dto.registrationClosesAt ? new Date(dto.registrationClosesAt) : null,
        status: 'draft',
        startsAt: sessions[0].startsAt,
        endsAt: maxEnd(sessions),
        questions: normalizeQuestions(dto.questions ?? [], []),
        sequence: 0,
        completionShare: dto.completionShare ?? 0.75,
        createdBy: actor.userId,
      });
      for (const s of sessions) await this.insertSession(m, event, s);
      if (dto.reminderOffsetsMinutes !== undefined)
        await this.setReminderOffsets(m, event.id, dto.reminderOffsetsMinutes);
      await this.setSpeakers(m, event.id, dto.speakerIds ?? []);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.create',
        targetType: 'event',
        targetId: event.id,
        organizationId: event.organizationId,
      });
      return event.id;
    });
    return this.view(id, actor);
  }

  async update(actor: Principal, id: string, dto: UpdateEventDto): Promise<EventView> {
    await this.dataSource.transaction(async (m) => {
      const event = await this.lockForManagement(m, actor, id);
      if (event.status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
      const before = { venueId: event.venueId, onlineUrl: event.onlineUrl, capacity: event.capacity };
      if (dto.venueId) await this.checkVenue(m, dto.venueId, event.organizationId);
      if (dto.capacity !== undefined && dto.capacity < event.seatsTaken) {
        throw new DomainException('CAPACITY_BELOW_TAKEN', { seatsTaken: event.seatsTaken });
      }
      const opens =
        dto.registrationOpensAt !== undefined
          ? dto.registrationOpensAt
          : event.registrationOpensAt?.toISOString();
      const closes =
        dto.registrationClosesAt !== undefined
          ? dto.registrationClosesAt
          : event.registrationClosesAt?.toISOString();
      checkWindow(opens, closes);
      Object.assign(event, {
        ...(dto.type !== undefined && { type: dto.type }),
        ...(dto.title !== undefined && { title: dto.title.trim() }),
        ...(dto.description !== undefined && { description: dto.description }),
        ...(dto.venueId !== undefined && { venueId: dto.venueId }),
        ...(dto.onlineUrl !== undefined && { onlineUrl: dto.onlineUrl }),
        ...(dto.capacity !== undefined && { capacity: dto.capacity }),
        ...(dto.approvalRequired !== undefined && { approvalRequired: dto.approvalRequired }),
        ...(dto.waitlistEnabled !== undefined && { waitlistEnabled: dto.waitlistEnabled }),
        ...(dto.completionShare !== undefined && { completionShare: dto.completionShare }),
        registrationOpensAt: opens ? new Date(opens) : null,
        registrationClosesAt: closes ? new Date(closes) : null,
        ...(dto.questions !== undefined && { questions: normalizeQuestions(dto.questions, event.questions) }),
      });
      const timesChanged =
        dto.sessions !== undefined && (await this.replaceSessions(m, event, checkSessions(dto.sessions)));
      const placeChanged = event.venueId !== before.venueId || event.onlineUrl !== before.onlineUrl;
      if (timesChanged || placeChanged) event.sequence += 1;
      await this.saveEvent(m, event);
      if (dto.speakerIds !== undefined) await this.setSpeakers(m, event.id, dto.speakerIds);
      if (dto.reminderOffsetsMinutes !== undefined)
        await this.setReminderOffsets(m, event.id, dto.reminderOffsetsMinutes);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.update',
        targetType: 'event',
        targetId: id,
        organizationId: event.organizationId,
        details: { fields: Object.keys(dto) },
      });
      if (event.status !== 'published') return;
      if (event.capacity > before.capacity) await this.hooks?.capacityRaised(m, event);
      if (timesChanged || placeChanged)
        await this.hooks?.scheduleChanged(m, event, await this.sessionsOf(m, event.id));
    });
    return this.view(id, actor);
  }

  async publish(actor: Principal, id: string): Promise<EventView> {
    await this.dataSource.transaction(async (m) => {
      const event = await this.lockForManagement(m, actor, id);
      if (event.status === 'cancelled') throw new DomainException('EVENT_CANCELLED');
      if (event.status !== 'draft') return;
      await m.query(
        `UPDATE events SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`,
        [id],
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.publish',
        targetType: 'event',
        targetId: id,
        organizationId: event.organizationId,
      });
    });
    return this.view(id, actor);
  }

  /** Cancels the event and tells every registrant; answering the same for an already cancelled event. */
  async cancel(actor: Principal, id: string): Promise<EventView> {
    await this.dataSource.transaction(async (m) => {
      const event = await this.lockForManagement(m, actor, id);
      if (event.status === 'cancelled') return;
      const wasPublished = event.status !== 'draft';
      event.status = 'cancelled';
      event.cancelledAt = new Date();
      event.sequence += 1;
      await this.saveEvent(m, event);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'event.cancel',
        targetType: 'event',
        targetId: id,
        organizationId: event.organizationId,
      });
      if (wasPublished) await this.hooks?.cancelled(m, event, await this.sessionsOf(m, id));
    });
    return this.view(id, actor);
  }

  /** The event page. Drafts exist only for their carrier's organizers (others get 404). */
  async view(id: string, viewer?: Principal): Promise<EventView> {
    const row = await this.queries.row(id);
    const canManage = row !== null && organizes(viewer, row.organization_id);
    if (!row || (row.status === 'draft' && !canManage)) throw notFound();
    const [sessions, speakers, extra, details, coHosts, images] = await Promise.all([
      this.queries.sessionsOf([id], [row.organization_id]),
      this.queries.speakers(id, row.organization_id),
      this.hooks?.registrationInfo(id, viewer?.userId ?? null, row.organization_id) ?? {
        waitlistCount: 0,
        mine: null,
      },
      this.queries.details(id, row.organization_id),
      this.queries.coHosts(id, row.organization_id),
      this.queries.images(id, row.organization_id),
    ]);
    const coHostIds = coHosts.map((h) => h.organizationId);
    return {
      ...toEventSummary(row, canManage || extra.mine?.status === 'confirmed'),
      description: details.description,
      sessions: sessions.get(id)!,
      questions: details.questions,
      speakers,
      waitlistCount: extra.waitlistCount,
      completionShare: details.completionShare,
      reminderOffsetsMinutes: details.reminderOffsetsMinutes,
      myRegistration: extra.mine,
      canManage,
      coHosts: organizesEvent(viewer, row.organization_id, coHostIds) ? coHosts : [],
      canCheckIn: worksDoor(viewer, row.organization_id, coHostIds),
      cover: images.cover,
      photos: images.photos,
    };
  }

  /** The event someone registers for (a draft answers REGISTRATION_CLOSED, as docs/api.md says), or 404. */
  async findForRegistration(id: string): Promise<Event> {
    const event = await this.findById(this.dataSource.manager, id);
    if (!event) throw notFound();
    return event;
  }

  async findById(m: EntityManager, id: string): Promise<Event | null> {
    const [event] = await rows<Event>(m, `SELECT ${EVENT_COLUMNS} FROM events WHERE id = $1`, [id]);
    return event ?? null;
  }

  /** Row lock on the event: serializes waitlist and promotion work on one event. */
  async lock(m: EntityManager, id: string, organizationId?: string): Promise<Event | null> {
    const [event] = await rows<Event>(
      m,
      `SELECT ${EVENT_COLUMNS} FROM events WHERE id = $1${organizationId ? ' AND organization_id = $2' : ''} FOR UPDATE`,
      organizationId ? [id, organizationId] : [id],
    );
    return event ?? null;
  }

  /** Takes a seat if one is free: one conditional UPDATE, the only way seats are taken. */
  async takeSeat(m: EntityManager, id: string, organizationId: string): Promise<boolean> {
    const taken = await rows(
      m,
      `UPDATE events SET seats_taken = seats_taken + 1 WHERE id = $1 AND organization_id = $2 AND seats_taken < capacity RETURNING id`,
      [id, organizationId],
    );
    return taken.length === 1;
  }

  async releaseSeat(m: EntityManager, id: string, organizationId: string): Promise<void> {
    await m.query(`UPDATE events SET seats_taken = seats_taken - 1 WHERE id = $1 AND organization_id = $2`, [
      id,
      organizationId,
    ]);
  }

  /** Seats for `n` promoted registrants: the caller holds the event's row lock and counted them free. */
  async takeSeats(m: EntityManager, id: string, n: number, organizationId: string): Promise<void> {
    await m.query(`UPDATE events SET seats_taken = seats_taken + $2 WHERE id = $1 AND organization_id = $3`, [
      id,
      n,
      organizationId,
    ]);
  }

  /** Published events whose last session has ended become completed. */
  async completeEnded(): Promise<void> {
    await this.dataSource.query(
      `UPDATE events SET status = 'completed', updated_at = now() WHERE status = 'published' AND ends_at < now()`,
    );
  }

  /** Claims, once each, the sessions of published events that start within 24 hours (their reminders). */
  /**
   * Sessions with a reminder due: one of the event's offsets has passed and was not sent. Each
   * (session, offset) is claimed once by inserting it into session_reminders (a concurrent pass
   * waits on the uncommitted row, then skips it); when several offsets are due at once (a session
   * made close to its start), one reminder goes, for the nearest, and the others count as sent.
   */
  claimSessionsStartingSoon(
    m: EntityManager,
  ): Promise<{ id: string; event_id: string; offset_minutes: number }[]> {
    return rows<{ id: string; event_id: string; offset_minutes: number }>(
      m,
      `WITH due AS (
         SELECT s.id, s.event_id, s.organization_id, o
           FROM event_sessions s JOIN events e ON e.id = s.event_id, unnest(e.reminder_offsets_minutes) AS o
          WHERE e.status = 'published' AND s.starts_at > now()
            AND s.starts_at <= now() + make_interval(mins => o)
            AND NOT EXISTS (SELECT 1 FROM session_reminders r WHERE r.session_id = s.id AND r.offset_minutes = o)
       ), claimed AS (
         INSERT INTO session_reminders (organization_id, session_id, offset_minutes)
         SELECT organization_id, id, o FROM due
         ON CONFLICT DO NOTHING
         RETURNING session_id, offset_minutes
       )
       SELECT c.session_id AS id, min(d.event_id::text)::uuid AS event_id, min(c.offset_minutes) AS offset_minutes
         FROM claimed c JOIN due d ON d.id = c.session_id AND d.o = c.offset_minutes
        GROUP BY c.session_id`,
    );
  }

  sessionsOf(m: EntityManager, eventId: string, organizationId?: string): Promise<EventSession[]> {
    return rows<EventSession>(
      m,
      `SELECT ${SESSION_COLUMNS} FROM event_sessions WHERE event_id = $1${onCarrier(organizationId)} ORDER BY starts_at`,
      organizationId ? [eventId, organizationId] : [eventId],
    );
  }

  async findSession(m: EntityManager, id: string): Promise<EventSession | null> {
    const [session] = await rows<EventSession>(
      m,
      `SELECT ${SESSION_COLUMNS} FROM event_sessions WHERE id = $1`,
      [id],
    );
    return session ?? null;
  }

  /** The event locked for its organizers: another carrier's draft answers 404, its published event 403. */
  async lockForManagement(m: EntityManager, actor: Principal, id: string): Promise<Event> {
    const event = await this.lock(m, id);
    if (!event) throw notFound();
    if (!organizes(actor, event.organizationId)) throw event.status === 'draft' ? notFound() : forbidden();
    return event;
  }

  private async insertEvent(
    m: EntityManager,
    e: Omit<Event, 'id' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'cancelledAt'>,
  ): Promise<Event> {
    try {
      const [event] = await rows<Event>(
        m,
        `INSERT INTO events (organization_id, type, title, description, venue_id, online_url, capacity, seats_taken,
                             approval_required, waitlist_enabled, registration_opens_at, registration_closes_at,
                             status, starts_at, ends_at, questions, sequence, completion_share, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb, $17, $18, $19)
         RETURNING ${EVENT_COLUMNS}`,
        [
          e.organizationId,
          e.type,
          e.title,
          e.description,
          e.venueId,
          e.onlineUrl,
          e.capacity,
          e.seatsTaken,
          e.approvalRequired,
          e.waitlistEnabled,
          e.registrationOpensAt,
          e.registrationClosesAt,
          e.status,
          e.startsAt,
          e.endsAt,
          JSON.stringify(e.questions),
          e.sequence,
          e.completionShare,
          e.createdBy,
        ],
      );
      return event;
    } catch (error) {
      if (pgError(error)?.code === PG.foreignKeyViolation)
        throw invalid('organizationId', 'unknownCarrier', 'organizationId names no carrier');
      throw error;
    }
  }

  /** The reminder times, largest first (validated by the DTO: 0–3, each 15 min – 14 days). */
  private async setReminderOffsets(m: EntityManager, eventId: string, offsets: number[]): Promise<void> {
    // The update DTO's PartialType lets null through; "no reminders" is [].
    if (!Array.isArray(offsets))
      throw invalid(
        'reminderOffsetsMinutes',
        'isArray',
        'reminderOffsetsMinutes must be an array ([] for none)',
      );
    await m.query(`UPDATE events SET reminder_offsets_minutes = $2::int[] WHERE id = $1`, [
      eventId,
      [...offsets].sort((a, b) => b - a),
    ]);
  }

  /** Writes what an organizer may change (seats move only through takeSeat, releaseSeat, takeSeats). */
  private async saveEvent(m: EntityManager, e: Event): Promise<void> {
    await m.query(
      `UPDATE events SET type = $2, title = $3, description = $4, venue_id = $5, online_url = $6, capacity = $7,
              approval_required = $8, waitlist_enabled = $9, registration_opens_at = $10, registration_closes_at = $11,
              status = $12, starts_at = $13, ends_at = $14, questions = $15::jsonb, sequence = $16,
              completion_share = $17, cancelled_at = $18, updated_at = now()
        WHERE id = $1`,
      [
        e.id,
        e.type,
        e.title,
        e.description,
        e.venueId,
        e.onlineUrl,
        e.capacity,
        e.approvalRequired,
        e.waitlistEnabled,
        e.registrationOpensAt,
        e.registrationClosesAt,
        e.status,
        e.startsAt,
        e.endsAt,
        JSON.stringify(e.questions),
        e.sequence,
        e.completionShare,
        e.cancelledAt,
      ],
    );
  }

  private async insertSession(
    m: EntityManager,
    event: Pick<Event, 'id' | 'organizationId'>,
    s: CheckedSession,
  ): Promise<void> {
    await m.query(
      `INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at, title) VALUES ($1, $2, $3, $4, $5)`,
      [event.id, event.organizationId, s.startsAt, s.endsAt, s.title],
    );
  }

  private async checkVenue(m: EntityManager, venueId: string, organizationId: string): Promise<void> {
    if (!(await this.venues.findOfOrganization(m, venueId, organizationId))) {
      throw invalid('venueId', 'unknownVenue', 'venueId names no venue of this carrier');
    }
  }

  private async setSpeakers(m: EntityManager, eventId: string, speakerIds: string[]): Promise<void> {
    const ids = [...new Set(speakerIds)];
    const mentors: { id: string }[] = ids.length
      ? await m.query(`SELECT id FROM users WHERE id = ANY($1) AND 'mentor' = ANY(roles)`, [ids])
      : [];
    if (mentors.length !== ids.length)
      throw invalid('speakerIds', 'unknownMentor', 'speakerIds must name mentors of the pool');
    await m.query(`DELETE FROM event_speakers WHERE event_id = $1`, [eventId]);
    if (ids.length) {
      await m.query(
        `INSERT INTO event_speakers (event_id, organization_id, user_id, position)
         SELECT $1, (SELECT organization_id FROM events WHERE id = $1), u, p FROM unnest($2::uuid[]) WITH ORDINALITY AS t(u, p)`,
        [eventId, ids],
      );
    }
  }

  /** Keeps sessions named by id, adds new ones, drops the rest; true when any time changed. */
  private async replaceSessions(
    m: EntityManager,
    event: Event,
    sessions: CheckedSession[],
  ): Promise<boolean> {
    const existing = await this.sessionsOf(m, event.id);
    const byId = new Map(existing.map((s) => [s.id, s]));
    for (const s of sessions)
      if (s.id && !byId.has(s.id))
        throw invalid('sessions', 'unknownSession', `session ${s.id} is not one of this event's`);
    const kept = new Set(sessions.filter((s) => s.id).map((s) => s.id));
    const removed = existing.filter((s) => !kept.has(s.id));
    let changed = removed.length > 0 || sessions.some((s) => !s.id);
    // Sessions removed, added or moved: their old and new starts must lie in open months.
    const moved = sessions.filter((s) => {
      const old = s.id ? byId.get(s.id) : undefined;
      return (
        !old || old.startsAt.getTime() !== s.startsAt.getTime() || old.endsAt.getTime() !== s.endsAt.getTime()
      );
    });
    await this.periods.assertOpen(m, event.organizationId, [
      ...removed.map((s) => s.startsAt),
      ...moved.flatMap((s) => [s.startsAt, ...(s.id ? [byId.get(s.id)!.startsAt] : [])]),
    ]);
    if (removed.length)
      await m.query(`DELETE FROM event_sessions WHERE id = ANY($1::uuid[])`, [removed.map((s) => s.id)]);
    for (const s of sessions) {
      const old = s.id ? byId.get(s.id) : undefined;
      if (old) {
        if (old.startsAt.getTime() !== s.startsAt.getTime() || old.endsAt.getTime() !== s.endsAt.getTime())
          changed = true;
        await m.query(
          `UPDATE event_sessions SET starts_at = $2, ends_at = $3, title = $4,
                  reminded_at = CASE WHEN $5 THEN NULL ELSE reminded_at END
            WHERE id = $1`,
          [old.id, s.startsAt, s.endsAt, s.title, changed],
        );
        // A session that moved is reminded again at its new times.
        if (old.startsAt.getTime() !== s.startsAt.getTime())
          await m.query(`DELETE FROM session_reminders WHERE session_id = $1`, [old.id]);
      } else {
        await this.insertSession(m, event, s);
      }
    }
    event.startsAt = sessions[0].startsAt;
    event.endsAt = maxEnd(sessions);
    return changed;
  }
}

interface CheckedSession {
  id?: string;
  startsAt: Date;
  endsAt: Date;
  title: string | null;
}

/** Sessions sorted by start, each ending after it starts. */
function checkSessions(input: EventSessionDto[]): CheckedSession[] {
  const sessions = input
    .map((s) => ({
      id: s.id,
      startsAt: new Date(s.startsAt),
      endsAt: new Date(s.endsAt),
      title: s.title?.trim() || null,
    }))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  sessions.forEach((s, i) => {
    if (s.endsAt <= s.startsAt)
      throw invalid(`sessions.${i}.endsAt`, 'endAfterStart', 'endsAt must be after startsAt');
    if (s.endsAt.getTime() - s.startsAt.getTime() > 14 * 24 * 3600_000)
      throw invalid(`sessions.${i}.endsAt`, 'sessionTooLong', 'a session lasts at most 14 days');
  });
  return sessions;
}

function checkWindow(opens?: string | null, closes?: string | null): void {
  if (opens && closes && new Date(closes) <= new Date(opens)) {
    throw invalid(
      'registrationClosesAt',
      'closeAfterOpen',
      'registrationClosesAt must be after registrationOpensAt',
    );
  }
}

const maxEnd = (sessions: CheckedSession[]) => new Date(Math.max(...sessions.map((s) => s.endsAt.getTime())));

/** Gives new questions ids (keeping known ones), and checks that choice questions have choices. */
function normalizeQuestions(input: QuestionDto[], previous: QuestionView[]): QuestionView[] {
  const known = new Set(previous.map((q) => q.id));
  const seen = new Set<string>();
  return input.map((q, i) => {
    const choice = q.kind === 'single_choice' || q.kind === 'multiple_choice';
    const options = [...new Set((q.options ?? []).map((o) => o.trim()).filter(Boolean))];
    if (choice && options.length < 2)
      throw invalid(`questions.${i}.options`, 'twoOptions', 'a choice question needs at least two options');
    const id = q.id && known.has(q.id) && !seen.has(q.id) ? q.id : randomUUID();
    seen.add(id);
    return {
      id,
      label: q.label.trim(),
      kind: q.kind,
      required: q.required ?? false,
      options: choice ? options : [],
    };
  });
}
