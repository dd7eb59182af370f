import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { EventSummary, EventView, SeriesRhythm, SeriesView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { rows } from '../common/database/rows';
import type { Event } from './event.record';
import { EventsQueries } from './events.queries';
import { EventsService } from './events.service';

/** How far apart the events of a series are, on the carrier's wall clock. */
const STEP: Record<SeriesRhythm, string> = { week: '7 days', '2weeks': '14 days', month: '1 month' };

/** The instants of one copy: its sessions' starts and ends, its registration window. */
interface CopyTimes {
  sessions: { startsAt: Date; endsAt: Date; title: string | null }[];
  opensAt: Date | null;
  closesAt: Date | null;
}

/**
 * Copies of an event as new drafts: one at a chosen start (duplicate), or a series on a rhythm. A
 * copy has the event's sessions (shifted), questions, capacity, place, speakers, type and text; no
 * registrations, check-ins or seats. Publishing or cancelling the drafts of a series at once.
 */
@Injectable()
export class EventCopiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsService,
    private readonly queries: EventsQueries,
    private readonly audit: AuditService,
  ) {}

  /** A new draft whose first session starts at `startsAt`: every session moves by the same amount. */
  async duplicate(actor: Principal, id: string, startsAt: string): Promise<EventView> {
    const start = new Date(startsAt);
    const year = start.getUTCFullYear();
    if (year < 2000 || year > 2100)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('startsAt', 'yearRange', 'startsAt must lie in the years 2000–2100'),
      ]);
    const copyId = await this.dataSource.transaction(async (m) => {
      const source = await this.events.lockForManagement(m, actor, id);
      const sessions = await this.events.sessionsOf(m, id);
      const delta = start.getTime() - sessions[0].startsAt.getTime();
      const move = (d: Date) => new Date(d.getTime() + delta);
      return this.insertCopy(m, actor, source, null, {
        sessions: sessions.map((s) => ({
          startsAt: move(s.startsAt),
          endsAt: move(s.endsAt),
          title: s.title,
        })),
        opensAt: source.registrationOpensAt && move(source.registrationOpensAt),
        closesAt: source.registrationClosesAt && move(source.registrationClosesAt),
      });
    });
    return this.events.view(copyId, actor);
  }

  /**
   * `count` drafts after the event, the k-th moved k steps on the carrier's wall clock: weeks keep
   * the hour across summer time, months keep the day of the month (the 31st becomes the month's last
   * day, as PostgreSQL adds months). Every session moves by the first session's move, so gaps stay.
   * The event and its copies share one series id (the event's own, if it has one already).
   */
  async series(actor: Principal, id: string, every: SeriesRhythm, count: number): Promise<SeriesView> {
    const seriesId = await this.dataSource.transaction(async (m) => {
      const source = await this.events.lockForManagement(m, actor, id);
      const sessions = await this.events.sessionsOf(m, id);
      const [{ series_id: seriesId }]: { series_id: string }[] = await rows(
        m,
        `UPDATE events SET series_id = coalesce(series_id, gen_random_uuid()), updated_at = now()
          WHERE id = $1 RETURNING series_id`,
        [id],
      );
      const instants = [
        ...sessions.flatMap((s) => [s.startsAt, s.endsAt]),
        source.registrationOpensAt,
        source.registrationClosesAt,
      ];
      // shifted[k - 1][i]: instant i moved k steps, by the wall-clock move of the first session's start.
      const moved: { k: number; i: number; at: Date | null }[] = await m.query(
        `SELECT k, i::int, ((t AT TIME ZONE z.tz) + (((f.t0 AT TIME ZONE z.tz) + $4::interval * k) - (f.t0 AT TIME ZONE z.tz)))
                  AT TIME ZONE z.tz AS at
           FROM unnest($1::timestamptz[]) WITH ORDINALITY AS x(t, i),
                generate_series(1, $5::int) AS k,
                (SELECT $2::timestamptz AS t0) f,
                (SELECT time_zone AS tz FROM organizations WHERE id = $3) z
          ORDER BY k, i`,
        [instants, sessions[0].startsAt, source.organizationId, STEP[every], count],
      );
      for (let k = 1; k <= count; k++) {
        const at = moved.filter((r) => r.k === k).map((r) => r.at);
        await this.insertCopy(m, actor, source, seriesId, {
          sessions: sessions.map((s, i) => ({
            startsAt: at[2 * i]!,
            endsAt: at[2 * i + 1]!,
            title: s.title,
          })),
          opensAt: at[at.length - 2],
          closesAt: at[at.length - 1],
        });
      }
      return seriesId;
    });
    return this.seriesView(actor, seriesId);
  }

  /** The events of a series for its carrier's organizers (others: 404, a series is not public). */
  async seriesView(actor: Principal, seriesId: string): Promise<SeriesView> {
    const ids: { id: string; organization_id: string }[] = await this.dataSource.query(
      `SELECT id, organization_id FROM events WHERE series_id = $1`,
      [seriesId],
    );
    if (ids.length === 0 || !organizes(actor, ids[0].organization_id)) throw notFound();
    const summaries = await this.queries.summaries(
      ids.map((r) => r.id),
      new Set(ids.map((r) => r.id)),
    );
    const items: EventSummary[] = [...summaries.values()].sort(
      (a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id),
    );
    return { seriesId, items };
  }

  /** Publishes every draft of the series (its other events stay as they are). */
  publishSeries(actor: Principal, seriesId: string): Promise<SeriesView> {
    return this.changeDrafts(actor, seriesId, 'publish');
  }

  /** Cancels every draft of the series; published events are cancelled one by one (they mail registrants). */
  cancelSeries(actor: Principal, seriesId: string): Promise<SeriesView> {
    return this.changeDrafts(actor, seriesId, 'cancel');
  }

  private async changeDrafts(
    actor: Principal,
    seriesId: string,
    action: 'publish' | 'cancel',
  ): Promise<SeriesView> {
    await this.dataSource.transaction(async (m) => {
      const events: { id: string; organization_id: string; status: string }[] = await m.query(
        `SELECT id, organization_id, status FROM events WHERE series_id = $1 ORDER BY id FOR UPDATE`,
        [seriesId],
      );
      if (events.length === 0 || !organizes(actor, events[0].organization_id)) throw notFound();
      const drafts = events.filter((e) => e.status === 'draft').map((e) => e.id);
      if (drafts.length === 0) return;
      await m.query(
        action === 'publish'
          ? `UPDATE events SET status = 'published', published_at = now(), updated_at = now() WHERE id = ANY($1::uuid[])`
          : `UPDATE events SET status = 'cancelled', cancelled_at = now(), sequence = sequence + 1, updated_at = now()
              WHERE id = ANY($1::uuid[])`,
        [drafts],
      );
      for (const eventId of drafts)
        await this.audit.record(m, {
          actorId: actor.userId,
          action: `event.${action}`,
          targetType: 'event',
          targetId: eventId,
          organizationId: events[0].organization_id,
          details: { seriesId },
        });
    });
    return this.seriesView(actor, seriesId);
  }

  /** Inserts the copy of `source` with `times`: a draft, no seats taken, the same questions and speakers. */
  private async insertCopy(
    m: EntityManager,
    actor: Principal,
    source: Event,
    seriesId: string | null,
    times: CopyTimes,
  ): Promise<string> {
    const starts = times.sessions.map((s) => s.startsAt.getTime());
    const ends = times.sessions.map((s) => s.endsAt.getTime());
    const [{ id }]: { id: string }[] = await rows(
      m,
      `INSERT INTO events (organization_id, type, title, description, venue_id, online_url, capacity, seats_taken,
                           approval_required, waitlist_enabled, registration_opens_at, registration_closes_at,
                           status, starts_at, ends_at, questions, sequence, completion_share, created_by, series_id)
       SELECT organization_id, type, title, description, venue_id, online_url, capacity, 0,
              approval_required, waitlist_enabled, $2, $3, 'draft', $4, $5, questions, 0, completion_share, $6, $7
         FROM events WHERE id = $1
       RETURNING id`,
      [
        source.id,
        times.opensAt,
        times.closesAt,
        new Date(Math.min(...starts)),
        new Date(Math.max(...ends)),
        actor.userId,
        seriesId,
      ],
    );
    await m.query(
      `INSERT INTO event_sessions (event_id, organization_id, starts_at, ends_at, title)
       SELECT $1, $2, s, e, t FROM unnest($3::timestamptz[], $4::timestamptz[], $5::text[]) AS x(s, e, t)`,
      [
        id,
        source.organizationId,
        times.sessions.map((s) => s.startsAt),
        times.sessions.map((s) => s.endsAt),
        times.sessions.map((s) => s.title),
      ],
    );
    await m.query(
      `INSERT INTO event_speakers (event_id, organization_id, user_id, position)
       SELECT $1, organization_id, user_id, position FROM event_speakers WHERE event_id = $2`,
      [id, source.id],
    );
    await this.audit.record(m, {
      actorId: actor.userId,
      action: 'event.create',
      targetType: 'event',
      targetId: id,
      organizationId: source.organizationId,
      details: { copyOf: source.id, seriesId },
    });
    return id;
  }
}
