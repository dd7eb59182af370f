import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { notFound } from '../common/errors/domain.exception';
import { buildIcs, type IcsEntry, type IcsMethod } from '../notifications/ics';
import type { EventSession } from './event.record';
import type { Event } from './event.record';
import { EventsQueries } from './events.queries';

/** Public feeds kept rendered, per event (the most recently rendered ones). */
const FEED_CACHE_SIZE = 500;

/** Calendar entries of events: one VEVENT per session, stable UIDs, SEQUENCE from the event. */
@Injectable()
export class EventCalendarService {
  /**
   * The public feed of each event as last rendered, under the exact inputs it was rendered from:
   * reading them is three small queries, rendering 60 sessions' time zones is the costly part.
   * Any change to the event, its sessions, venue or carrier's zone changes the inputs, so the next
   * request renders afresh.
   */
  private readonly feeds = new Map<string, { inputs: string; ics: string }>();

  constructor(
    private readonly queries: EventsQueries,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  entries(
    event: Pick<Event, 'id' | 'title' | 'description' | 'sequence' | 'onlineUrl'>,
    sessions: Pick<EventSession, 'id' | 'startsAt' | 'endsAt' | 'title'>[],
    location: string | null,
  ): IcsEntry[] {
    return sessions.map((s) => ({
      uid: `session-${s.id}@wutong`,
      sequence: event.sequence,
      start: s.startsAt,
      end: s.endsAt,
      summary: s.title ? `${event.title} · ${s.title}` : event.title,
      description: event.description.slice(0, 2000),
      location: location ?? event.onlineUrl,
      url: `${this.config.publicUrl}/events/${event.id}`,
    }));
  }

  /** The invite or cancellation mailed to registrants, in the carrier's zone. */
  async invite(m: EntityManager, method: IcsMethod, event: Event, sessions: EventSession[]): Promise<string> {
    const [place]: { time_zone: string; venue: string | null }[] = await m.query(
      `SELECT o.time_zone, concat_ws(' · ', v.name, v.address) AS venue
         FROM events e JOIN organizations o ON o.id = e.organization_id
         LEFT JOIN venues v ON v.id = e.venue_id AND v.organization_id = e.organization_id
        WHERE e.id = $1 AND e.organization_id = $2`,
      [event.id, event.organizationId],
    );
    return buildIcs(method, place.time_zone, this.entries(event, sessions, place.venue || null));
  }

  async publicIcs(id: string): Promise<string> {
    const row = await this.queries.row(id);
    if (!row || row.status === 'draft') throw notFound();
    const sessions = (await this.queries.sessionsOf([id])).get(id)!;
    const { description, sequence } = await this.queries.details(id);
    const location = row.venue_name ? [row.venue_name, row.venue_address].filter(Boolean).join(' · ') : null;
    const inputs = JSON.stringify([row, sessions, description, sequence, location]);
    const cached = this.feeds.get(id);
    if (cached?.inputs === inputs) return cached.ics;
    const ics = buildIcs(
      row.status === 'cancelled' ? 'CANCEL' : 'PUBLISH',
      row.time_zone,
      this.entries(
        // A public feed: the meeting link is for confirmed registrants (their mail and personal feed).
        { id, title: row.title, description, sequence, onlineUrl: null },
        sessions.map((s) => ({
          id: s.id,
          title: s.title,
          startsAt: new Date(s.startsAt),
          endsAt: new Date(s.endsAt),
        })),
        location,
      ),
    );
    if (this.feeds.size >= FEED_CACHE_SIZE) this.feeds.delete(this.feeds.keys().next().value!);
    this.feeds.delete(id);
    this.feeds.set(id, { inputs, ics });
    return ics;
  }
}
