import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type {
  EventImageView,
  CoHostView,
  EventSessionView,
  EventStatus,
  EventSummary,
  Page,
  QuestionView,
  SpeakerView,
} from '@wutong/shared';
import { eventImageUrl, eventThumbnailUrl } from '../event-images/image-urls';
import type { EventListQueryDto } from './dto/event.dto';
import { EVENT_FROM_SQL, EVENT_ROW_SQL, toEventSummary, type EventRow } from './event-views';

export interface ListScope {
  statuses: EventStatus[];
  /** Only these carriers (organizers' list); undefined for every carrier. */
  organizationIds?: string[];
  /** Default lower bound on the end time when the query has no `from` (the public list shows what is ahead). */
  defaultFrom?: Date;
  /** Organizers' list: meeting links included (the public list never carries them). */
  withLinks?: boolean;
  /** The door's list: events these carriers host or co-host. */
  hostedOrCoHostedBy?: string[];
}

/**
 * The listing's SQL and parameters: one page with the total in a window count. A pure function so
 * that bench/reference runs the very same SQL as the API (and the two are compared, not remembered).
 */
export function listQuery(
  query: EventListQueryDto,
  scope: ListScope,
): { sql: string; params: unknown[]; where: string[] } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 20;
  const where: string[] = ['e.status = ANY($1)'];
  const params: unknown[] = [scope.statuses];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    where.push(sql.replaceAll('?', `$${params.length}`));
  };
  const from = query.from ? new Date(query.from) : scope.defaultFrom;
  if (from) add('e.ends_at >= ?', from);
  if (query.to) add('e.starts_at < ?', new Date(query.to));
  if (query.type) add('e.type = ?', query.type);
  if (query.organizationId) add('e.organization_id = ?', query.organizationId);
  if (scope.organizationIds) add('e.organization_id = ANY(?)', scope.organizationIds);
  if (scope.hostedOrCoHostedBy)
    add(
      '(e.organization_id = ANY(?) OR EXISTS (SELECT 1 FROM event_co_hosts h WHERE h.event_id = e.id AND h.co_host_id = ANY(?)))',
      scope.hostedOrCoHostedBy,
    );
  if (query.q?.trim()) {
    params.push(`%${escapeLike(query.q.trim())}%`);
    const n = `$${params.length}`;
    where.push(`(e.title ILIKE ${n} OR e.description ILIKE ${n} OR o.name ILIKE ${n})`);
  }
  params.push(pageSize, (page - 1) * pageSize);
  // `+ interval '0 s'` keeps PostgreSQL 15 from walking events_starts_idx for the order: the window
  // count reads every matching row anyway, and that walk starts ten years back (bench/events: 24 ms
  // against 3 ms for a scan and a top-N sort at 3,500 events).
  const sql = `${EVENT_ROW_SQL}, count(*) OVER () AS total ${EVENT_FROM_SQL}
        WHERE ${where.join(' AND ')}
        ORDER BY e.starts_at + interval '0 s', e.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`;
  return { sql, params, where };
}

/** Read-only queries over events, their sessions and speakers. */
@Injectable()
export class EventsQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(query: EventListQueryDto, scope: ListScope): Promise<Page<EventSummary>> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 20;
    const { sql, params, where } = listQuery(query, scope);
    const rows: EventRow[] = await this.dataSource.query(sql, params);
    const total = rows.length > 0 ? Number(rows[0].total) : await this.count(where, params.slice(0, -2));
    return { items: rows.map((r) => toEventSummary(r, scope.withLinks)), total, page, pageSize };
  }

  private async count(where: string[], params: unknown[]): Promise<number> {
    const [{ count }] = await this.dataSource.query(
      `SELECT count(*)::int AS count ${EVENT_FROM_SQL} WHERE ${where.join(' AND ')}`,
      params,
    );
    return count;
  }

  async row(id: string): Promise<EventRow | null> {
    const [row]: EventRow[] = await this.dataSource.query(
      `${EVENT_ROW_SQL} ${EVENT_FROM_SQL} WHERE e.id = $1`,
      [id],
    );
    return row ?? null;
  }

  /** Events by id; the meeting link only of those in `withLinkFor` (e.g. the caller's confirmed ones). */
  async summaries(
    ids: string[],
    withLinkFor: ReadonlySet<string> = new Set(),
    organizationIds?: string[],
  ): Promise<Map<string, EventSummary>> {
    if (ids.length === 0) return new Map();
    const rows: EventRow[] = await this.dataSource.query(
      `${EVENT_ROW_SQL} ${EVENT_FROM_SQL} WHERE e.id = ANY($1)${onCarriers(organizationIds, 'e.')}`,
      organizationIds ? [ids, organizationIds] : [ids],
    );
    return new Map(rows.map((r) => [r.id, toEventSummary(r, withLinkFor.has(r.id))]));
  }

  /** `organizationIds`: the events' carriers, when known (on Citus the read then stays on their shards). */
  async sessionsOf(eventIds: string[], organizationIds?: string[]): Promise<Map<string, EventSessionView[]>> {
    const result = new Map<string, EventSessionView[]>(eventIds.map((id) => [id, []]));
    if (eventIds.length === 0) return result;
    const rows: { id: string; event_id: string; starts_at: Date; ends_at: Date; title: string | null }[] =
      await this.dataSource.query(
        `SELECT id, event_id, starts_at, ends_at, title FROM event_sessions WHERE event_id = ANY($1)${onCarriers(organizationIds)} ORDER BY starts_at, id`,
        organizationIds ? [eventIds, organizationIds] : [eventIds],
      );
    for (const r of rows) {
      result.get(r.event_id)!.push({
        id: r.id,
        startsAt: r.starts_at.toISOString(),
        endsAt: r.ends_at.toISOString(),
        title: r.title,
      });
    }
    return result;
  }

  /** The long fields the listing leaves out. */
  async details(
    id: string,
    organizationId?: string,
  ): Promise<{
    description: string;
    sequence: number;
    questions: QuestionView[];
    completionShare: number;
    reminderOffsetsMinutes: number[];
  }> {
    const [row] = await this.dataSource.query(
      `SELECT description, sequence, questions, completion_share::float AS "completionShare",
              reminder_offsets_minutes AS "reminderOffsetsMinutes"
         FROM events WHERE id = $1${onCarrier(organizationId)}`,
      organizationId ? [id, organizationId] : [id],
    );
    return row;
  }

  /** Carriers co-hosting the event, in the order they were added. */
  async coHosts(eventId: string, organizationId?: string): Promise<CoHostView[]> {
    const found: { co_host_id: string; name: string; created_at: Date }[] = await this.dataSource.query(
      `SELECT h.co_host_id, o.name, h.created_at FROM event_co_hosts h JOIN organizations o ON o.id = h.co_host_id
        WHERE h.event_id = $1${onCarrier(organizationId, 'h.')} ORDER BY h.created_at, o.name`,
      organizationId ? [eventId, organizationId] : [eventId],
    );
    return found.map((r) => ({
      organizationId: r.co_host_id,
      name: r.name,
      since: r.created_at.toISOString(),
    }));
  }

  /** The event's cover and photos (photos oldest first), as the event view shows them. */
  async images(
    eventId: string,
    organizationId: string,
  ): Promise<{ cover: EventImageView | null; photos: EventImageView[] }> {
    const found: { id: string; kind: string; width: number; height: number }[] = await this.dataSource.query(
      `SELECT id, kind, width, height FROM event_images WHERE event_id = $1 AND organization_id = $2
        ORDER BY kind, created_at, id`,
      [eventId, organizationId],
    );
    const view = (r: (typeof found)[number]): EventImageView => ({
      id: r.id,
      url: eventImageUrl(eventId, r.id),
      thumbnailUrl: eventThumbnailUrl(eventId, r.id),
      width: r.width,
      height: r.height,
    });
    const cover = found.find((r) => r.kind === 'cover');
    return { cover: cover ? view(cover) : null, photos: found.filter((r) => r.kind === 'photo').map(view) };
  }

  speakers(eventId: string, organizationId?: string): Promise<SpeakerView[]> {
    return this.dataSource.query(
      `SELECT u.id, u.display_name AS "displayName" FROM event_speakers s JOIN users u ON u.id = s.user_id
        WHERE s.event_id = $1${onCarrier(organizationId, 's.')} ORDER BY s.position`,
      organizationId ? [eventId, organizationId] : [eventId],
    );
  }
}

/**
 * The seat-taking UPDATE for a statement of another feature (registrations' one-statement hot path):
 * takes one seat of the published event `$event` when one is free and `also` holds, returning its id.
 * Seats move only through the events folder: this text, EventsService.takeSeat, releaseSeat, takeSeats.
 */
export function takeSeatStatement(event: string, also = 'true', organization?: string): string {
  return `UPDATE events SET seats_taken = seats_taken + 1
   WHERE id = ${event}${organization ? ` AND organization_id = ${organization}` : ''} AND status = 'published' AND seats_taken < capacity
     AND (${also})
  RETURNING id`;
}

/**
 * `AND organization_id = $2` when the caller knows the event's carrier: on Citus the statement then
 * stays on one shard (docs/operations.md, "Path to Citus"). Without it the read still works, on every shard.
 */
export function onCarrier(organizationId: string | undefined, alias = ''): string {
  return organizationId ? ` AND ${alias}organization_id = $2` : '';
}
const onCarriers = (organizationIds?: string[], alias = '') =>
  organizationIds ? ` AND ${alias}organization_id = ANY($2)` : '';

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
