import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  Answers,
  MyRegistrationView,
  RegistrantView,
  RegistrationStatus,
  RegistrationView,
} from '@wutong/shared';
import { EventCalendarService } from '../events/event-calendar.service';
import { EventsQueries } from '../events/events.queries';
import type { IcsEntry } from '../notifications/ics';

interface RegistrationRow {
  id: string;
  event_id: string;
  status: RegistrationStatus;
  ticket_code: string | null;
  answers: Answers;
  created_at: Date;
  position: number | null;
}

/** Position on the waitlist: rank by arrival among those still waiting (1 = next). */
const POSITION_SQL = `CASE WHEN r.status = 'waitlisted' THEN (
    SELECT count(*)::int FROM registrations w
     WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) END AS position`;
const COLUMNS = `r.id, r.event_id, r.status, r.ticket_code, r.answers, r.created_at, ${POSITION_SQL}`;

const toView = (r: RegistrationRow): RegistrationView => ({
  id: r.id,
  eventId: r.event_id,
  status: r.status,
  // Only a confirmed registration shows its ticket (a cancelled one keeps it for the door's answer).
  ticketCode: r.status === 'confirmed' ? r.ticket_code : null,
  waitlistPosition: r.position,
  answers: r.answers,
  createdAt: r.created_at.toISOString(),
});

/** Read-only queries over registrations. */
@Injectable()
export class RegistrationsQueries {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly events: EventsQueries,
    private readonly calendar: EventCalendarService,
  ) {}

  /** The personal calendar feed's share: every session of the user's confirmed registrations (last 90 days on). */
  async calendarEntriesFor(userId: string): Promise<IcsEntry[]> {
    const rows: {
      id: string;
      starts_at: Date;
      ends_at: Date;
      session_title: string | null;
      event_id: string;
      title: string;
      description: string;
      sequence: number;
      online_url: string | null;
      venue: string | null;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.starts_at, s.ends_at, s.title AS session_title, e.id AS event_id, e.title, e.description, e.sequence,
                e.online_url, NULLIF(concat_ws(' · ', v.name, v.address), '') AS venue
           FROM registrations r JOIN events e ON e.id = r.event_id JOIN event_sessions s ON s.event_id = e.id
           LEFT JOIN venues v ON v.id = e.venue_id
          WHERE r.user_id = $1 AND r.status = 'confirmed' AND e.status IN ('published', 'completed')
            AND s.ends_at > now() - interval '90 days'
          ORDER BY s.starts_at`,
      [userId],
    );
    return rows.flatMap((r) =>
      this.calendar.entries(
        {
          id: r.event_id,
          title: r.title,
          description: r.description,
          sequence: r.sequence,
          onlineUrl: r.online_url,
        },
        [{ id: r.id, startsAt: r.starts_at, endsAt: r.ends_at, title: r.session_title }],
        r.venue,
      ),
    );
  }

  async view(id: string): Promise<RegistrationView | null> {
    const [row]: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM registrations r WHERE r.id = $1`,
      [id],
    );
    return row ? toView(row) : null;
  }

  async findOwn(eventId: string, userId: string): Promise<RegistrationView | null> {
    const [row]: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM registrations r WHERE r.event_id = $1 AND r.user_id = $2`,
      [eventId, userId],
    );
    return row ? toView(row) : null;
  }

  async exists(m: EntityManager, eventId: string, userId: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `SELECT 1 FROM registrations WHERE event_id = $1 AND user_id = $2`,
      [eventId, userId],
    );
    return rows.length > 0;
  }

  async waitlistCount(m: EntityManager, eventId: string): Promise<number> {
    const [{ count }] = await m.query(
      `SELECT count(*)::int AS count FROM registrations WHERE event_id = $1 AND status = 'waitlisted'`,
      [eventId],
    );
    return count;
  }

  async infoForEventPage(
    eventId: string,
    userId: string | null,
  ): Promise<{ waitlistCount: number; mine: RegistrationView | null }> {
    const [waitlistCount, mine] = await Promise.all([
      this.waitlistCount(this.dataSource.manager, eventId),
      userId ? this.findOwn(eventId, userId) : null,
    ]);
    return { waitlistCount, mine };
  }

  /** The user's registrations with their events, soonest event first, past ones last. */
  async mine(userId: string): Promise<MyRegistrationView[]> {
    const rows: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM registrations r JOIN events e ON e.id = r.event_id
        WHERE r.user_id = $1
        ORDER BY (e.ends_at < now()), CASE WHEN e.ends_at < now() THEN -extract(epoch FROM e.starts_at) ELSE extract(epoch FROM e.starts_at) END`,
      [userId],
    );
    const ids = [...new Set(rows.map((r) => r.event_id))];
    const [summaries, sessions] = await Promise.all([
      this.events.summaries(ids),
      this.events.sessionsOf(ids),
    ]);
    return rows.map((r) => ({
      ...toView(r),
      event: { ...summaries.get(r.event_id)!, sessions: sessions.get(r.event_id)! },
    }));
  }

  /** The registrant list of an event for its organizers, in arrival order. */
  async registrants(eventId: string, status?: RegistrationStatus): Promise<RegistrantView[]> {
    const rows: (RegistrationRow & {
      user_id: string;
      display_name: string;
      email: string;
      phone: string | null;
      company_name: string | null;
    })[] = await this.dataSource.query(
      `SELECT ${COLUMNS}, u.id AS user_id, u.display_name, u.email, u.phone, c.name AS company_name
           FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN companies c ON c.id = u.company_id
          WHERE r.event_id = $1 AND ($2::text IS NULL OR r.status = $2)
          ORDER BY r.created_at, r.id`,
      [eventId, status ?? null],
    );
    return rows.map((r) => ({
      ...toView(r),
      user: {
        id: r.user_id,
        displayName: r.display_name,
        email: r.email,
        phone: r.phone,
        companyName: r.company_name,
      },
    }));
  }
}
