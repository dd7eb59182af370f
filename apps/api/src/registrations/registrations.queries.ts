import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  Answers,
  EventStatus,
  Locale,
  MyRegistrationView,
  QuestionView,
  RegistrantView,
  RegistrationStatus,
  RegistrationView,
} from '@wutong/shared';
import { EventCalendarService } from '../events/event-calendar.service';
import type { Event } from '../events/event.record';
import { EventsQueries, takeSeatStatement } from '../events/events.queries';
import { enqueueLateStatement, enqueueTextStatement } from '../notifications/outbox-renderers';
import { USER_GETS_MAIL_SQL, USER_GETS_SMS_SQL } from '../notifications/sms/sms-texts';
import type { IcsEntry } from '../notifications/ics';

interface RegistrationRow {
  id: string;
  event_id: string;
  status: RegistrationStatus;
  ticket_code: string | null;
  short_code: string | null;
  answers: Answers;
  created_at: Date;
  position: number | null;
}

/** Position on the waitlist: rank by arrival among those still waiting (1 = next). */
const POSITION_SQL = `CASE WHEN r.status = 'waitlisted' THEN (
    SELECT count(*)::int FROM registrations w
     WHERE w.event_id = r.event_id AND w.organization_id = r.organization_id AND w.status = 'waitlisted' AND w.waitlist_seq <= r.waitlist_seq) END AS position`;
const COLUMNS = `r.id, r.event_id, r.status, r.ticket_code, r.short_code, r.answers, r.created_at, ${POSITION_SQL}`;

const toView = (r: RegistrationRow): RegistrationView => ({
  id: r.id,
  eventId: r.event_id,
  status: r.status,
  // Only a confirmed registration shows its ticket (a cancelled one keeps it for the door's answer).
  ticketCode: r.status === 'confirmed' ? r.ticket_code : null,
  shortCode: r.status === 'confirmed' ? r.short_code : null,
  waitlistPosition: r.position,
  answers: r.answers,
  createdAt: r.created_at.toISOString(),
});

/**
 * The hot path of registering, in ONE autocommitted statement: take a seat with a conditional UPDATE,
 * insert the confirmed registration and queue its notices. The event row stays locked only while this
 * statement runs (no round trip of the application inside the lock), which is what bounds throughput
 * on a hot event. bench/reference and bench/registration's pgbench script run this very constant.
 *
 * $1 event, $2 organization, $3 user, $4 ticket, $5 answers (json), $6 the text's parameters (json),
 * $7 the event's context_version the caller decided on (an event changed since takes no seat: the
 * caller reads it again).
 *
 * The confirmation goes by mail, text or both by the registrant's choice (USER_GETS_*_SQL, read
 * from the users row here). Both are small rows the outbox worker renders when it sends them: the
 * mail (template, address, the registration's id) through RegistrationMails' renderer, the text
 * (kind, number, language, parameters) through sms-texts.ts. Nothing is rendered in this statement
 * or before it.
 *
 * The UPDATE skips users who already have a registration of the event, so asking again takes no seat.
 * Two requests of one user racing past that check both take a seat; the second one's insert then
 * hits the unique key and inserts nothing, and `guard` divides by zero: the error rolls the whole
 * statement back, seat included (the caller reads SQLSTATE 22012 as "already registered").
 * `seated` 0 with no row: no free seat (or closed, or already registered) — the caller decides.
 */
export const REGISTER_WITH_SEAT_SQL = `WITH seat AS (
  ${takeSeatStatement('$1', 'context_version = $7::int AND NOT EXISTS (SELECT 1 FROM registrations x WHERE x.event_id = $1 AND x.organization_id = $2 AND x.user_id = $3)', '$2')}
), ins AS (
  INSERT INTO registrations (event_id, organization_id, user_id, status, ticket_code, answers, confirmed_at)
  SELECT $1, $2, $3, 'confirmed', $4, $5::jsonb, now() FROM seat
  ON CONFLICT (event_id, user_id, organization_id) DO NOTHING
  RETURNING id, event_id, status, ticket_code, short_code, answers, created_at
), mail AS (
  ${enqueueLateStatement(`SELECT 'registrationConfirmed', u.email, jsonb_build_object('registrationId', i.id), $2 FROM ins i JOIN users u ON u.id = $3 WHERE ${USER_GETS_MAIL_SQL}`)}
), sms AS (
  ${enqueueTextStatement(`SELECT u.verified_phone, 'registration_confirmed', u.locale, $6::jsonb FROM ins JOIN users u ON u.id = $3 WHERE ${USER_GETS_SMS_SQL}`)}
)
SELECT s.seated, i.id, i.event_id, i.status, i.ticket_code, i.short_code, i.answers, i.created_at, NULL::int AS position,
       CASE WHEN s.seated > 0 AND i.id IS NULL THEN 1 / (SELECT count(*)::int FROM ins) END AS guard
  FROM (SELECT count(*)::int AS seated FROM seat) s LEFT JOIN ins i ON true`;

/** SQLSTATE of REGISTER_WITH_SEAT_SQL's guard: the user registered in a concurrent request. */
export const REGISTER_RACE_SQLSTATE = '22012';

/** What registering needs to know, read in one query before anything is written. */
export interface RegistrationContext {
  /** What registering and its mails read of the event (not its bookkeeping columns). */
  event: Omit<
    Event,
    'type' | 'completionShare' | 'createdBy' | 'createdAt' | 'updatedAt' | 'publishedAt' | 'cancelledAt'
  >;
  sessions: { id: string; startsAt: Date; endsAt: Date; title: string | null }[];
  /** events.context_version when read: REGISTER_WITH_SEAT_SQL takes a seat only while it holds. */
  version: number;
  timeZone: string;
  venue: string | null;
  user: Registrant | null;
}

/** Who registers, as the confirmation needs them. */
export interface Registrant {
  id: string;
  email: string | null;
  locale: Locale;
  displayName: string;
}

export type RegisterWithSeatRow = Omit<RegistrationRow, 'id'> & { seated: number; id: string | null };

export const toRegistrationView = (r: RegistrationRow): RegistrationView => toView(r);

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

  /** The event with its sessions, carrier's zone and venue, and the registrant: one round trip. */
  async context(eventId: string, userId: string): Promise<RegistrationContext | null> {
    const [row]: {
      id: string;
      organization_id: string;
      title: string;
      description: string;
      venue_id: string | null;
      online_url: string | null;
      capacity: number;
      seats_taken: number;
      approval_required: boolean;
      waitlist_enabled: boolean;
      registration_opens_at: Date | null;
      registration_closes_at: Date | null;
      status: EventStatus;
      starts_at: Date;
      ends_at: Date;
      questions: QuestionView[];
      sequence: number;
      context_version: number;
      time_zone: string;
      venue: string | null;
      sessions: { id: string; starts_at: string; ends_at: string; title: string | null }[] | null;
      user_id: string | null;
      email: string | null;
      locale: Locale | null;
      display_name: string | null;
    }[] = await this.dataSource.query(
      `SELECT e.id, e.organization_id, e.title, e.description, e.venue_id, e.online_url, e.capacity, e.seats_taken,
              e.approval_required, e.waitlist_enabled, e.registration_opens_at, e.registration_closes_at, e.status,
              e.starts_at, e.ends_at, e.questions, e.sequence, e.context_version, o.time_zone,
              NULLIF(concat_ws(' · ', v.name, v.address), '') AS venue,
              (SELECT json_agg(json_build_object('id', s.id, 'starts_at', s.starts_at, 'ends_at', s.ends_at, 'title', s.title)
                               ORDER BY s.starts_at)
                 FROM event_sessions s WHERE s.event_id = e.id AND s.organization_id = e.organization_id) AS sessions,
              u.id AS user_id, u.email, u.locale, u.display_name
         FROM events e JOIN organizations o ON o.id = e.organization_id
         LEFT JOIN venues v ON v.id = e.venue_id AND v.organization_id = e.organization_id
         LEFT JOIN users u ON u.id = $2
        WHERE e.id = $1`,
      [eventId, userId],
    );
    if (!row) return null;
    return {
      event: {
        id: row.id,
        organizationId: row.organization_id,
        title: row.title,
        description: row.description,
        venueId: row.venue_id,
        onlineUrl: row.online_url,
        capacity: row.capacity,
        seatsTaken: row.seats_taken,
        approvalRequired: row.approval_required,
        waitlistEnabled: row.waitlist_enabled,
        registrationOpensAt: row.registration_opens_at,
        registrationClosesAt: row.registration_closes_at,
        status: row.status,
        startsAt: row.starts_at,
        endsAt: row.ends_at,
        questions: row.questions,
        sequence: row.sequence,
      },
      sessions: (row.sessions ?? []).map((s) => ({
        id: s.id,
        startsAt: new Date(s.starts_at),
        endsAt: new Date(s.ends_at),
        title: s.title,
      })),
      version: row.context_version,
      timeZone: row.time_zone,
      venue: row.venue,
      user: row.user_id
        ? { id: row.user_id, email: row.email, locale: row.locale!, displayName: row.display_name! }
        : null,
    };
  }

  /** `organizationId`: the registration's carrier, when known (on Citus the read stays on its shard). */
  async view(id: string, organizationId?: string): Promise<RegistrationView | null> {
    const [row]: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM registrations r WHERE r.id = $1${organizationId ? ' AND r.organization_id = $2' : ''}`,
      organizationId ? [id, organizationId] : [id],
    );
    return row ? toView(row) : null;
  }

  async findOwn(eventId: string, userId: string, organizationId: string): Promise<RegistrationView | null> {
    const [row]: RegistrationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM registrations r WHERE r.event_id = $1 AND r.user_id = $2 AND r.organization_id = $3`,
      [eventId, userId, organizationId],
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

  async waitlistCount(m: EntityManager, eventId: string, organizationId: string): Promise<number> {
    const [{ count }] = await m.query(
      `SELECT count(*)::int AS count FROM registrations WHERE event_id = $1 AND organization_id = $2 AND status = 'waitlisted'`,
      [eventId, organizationId],
    );
    return count;
  }

  async infoForEventPage(
    eventId: string,
    userId: string | null,
    organizationId: string,
  ): Promise<{ waitlistCount: number; mine: RegistrationView | null }> {
    const [waitlistCount, mine] = await Promise.all([
      this.waitlistCount(this.dataSource.manager, eventId, organizationId),
      userId ? this.findOwn(eventId, userId, organizationId) : null,
    ]);
    return { waitlistCount, mine };
  }

  /** The user's registrations with their events, soonest event first, past ones last. */
  async mine(userId: string): Promise<MyRegistrationView[]> {
    const rows: (RegistrationRow & { attended_sessions: number; organization_id: string })[] =
      await this.dataSource.query(
        `SELECT ${COLUMNS}, r.organization_id,
              (SELECT count(*)::int FROM check_ins ci WHERE ci.registration_id = r.id AND ci.organization_id = r.organization_id) AS attended_sessions
         FROM registrations r JOIN events e ON e.id = r.event_id AND e.organization_id = r.organization_id
        WHERE r.user_id = $1
        ORDER BY (e.ends_at < now()), CASE WHEN e.ends_at < now() THEN -extract(epoch FROM e.starts_at) ELSE extract(epoch FROM e.starts_at) END`,
        [userId],
      );
    const ids = [...new Set(rows.map((r) => r.event_id))];
    // The meeting link goes with a confirmed registration only (not a waitlisted or cancelled one).
    const confirmed = new Set(rows.filter((r) => r.status === 'confirmed').map((r) => r.event_id));
    const carriers = [...new Set(rows.map((r) => r.organization_id))];
    const [summaries, sessions] = await Promise.all([
      this.events.summaries(ids, confirmed, carriers),
      this.events.sessionsOf(ids, carriers),
    ]);
    // Object.assign, not `{ ...view, key }`: on Node 20 that spread makes a hidden class per row,
    // which doubles the cost of building and serializing a long list.
    return rows.map((r) =>
      Object.assign(toView(r), {
        attendedSessions: r.attended_sessions,
        event: Object.assign({}, summaries.get(r.event_id)!, { sessions: sessions.get(r.event_id)! }),
      }),
    );
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
    return rows.map((r) =>
      Object.assign(toView(r), {
        user: {
          id: r.user_id,
          displayName: r.display_name,
          email: r.email,
          phone: r.phone,
          companyName: r.company_name,
        },
      }),
    );
  }
}
