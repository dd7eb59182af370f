import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type {
  AttendeeAttendance,
  AttendeeSearchResult,
  AttendeeView,
  CheckInMethod,
  CheckInResponse,
  EventAttendance,
  MyAttendanceView,
  SessionAttendance,
  SessionLiveCount,
} from '@wutong/shared';
import { escapeLike } from '../events/events.queries';

/** A check-in with who it is, as the door and the lists show it. */
export interface CheckInRow {
  id: string;
  event_id: string;
  session_id: string;
  method: CheckInMethod;
  checked_in_at: Date;
  checked_in_by: string | null;
  registration_id: string | null;
  user_id: string | null;
  name: string;
  company_name: string | null;
  phone: string | null;
}

export const CHECK_IN_ROW_SQL = `
  SELECT ci.id, ci.event_id, ci.session_id, ci.method, ci.checked_in_at, ci.checked_in_by, ci.registration_id,
         r.user_id, coalesce(u.display_name, ci.walk_in_name) AS name, c.name AS company_name,
         coalesce(u.phone, ci.walk_in_phone) AS phone
    FROM check_ins ci
    LEFT JOIN registrations r ON r.id = ci.registration_id
    LEFT JOIN users u ON u.id = r.user_id
    LEFT JOIN companies c ON c.id = coalesce(u.company_id, ci.company_id)`;

export function toCheckInResponse(row: CheckInRow, alreadyCheckedIn: boolean): CheckInResponse {
  const attendee: AttendeeView = {
    kind: row.registration_id ? 'registered' : 'walk_in',
    registrationId: row.registration_id,
    userId: row.user_id,
    name: row.name,
    companyName: row.company_name,
    phone: row.phone,
  };
  return {
    alreadyCheckedIn,
    checkIn: {
      id: row.id,
      eventId: row.event_id,
      sessionId: row.session_id,
      method: row.method,
      checkedInAt: row.checked_in_at.toISOString(),
      checkedInBy: row.checked_in_by,
    },
    attendee,
  };
}

/** Read-only attendance queries: the door's live count, the attendance view, search, history. */
@Injectable()
export class AttendanceQueries {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async checkIn(m: EntityManager, id: string): Promise<CheckInRow | null> {
    const [row]: CheckInRow[] = await m.query(`${CHECK_IN_ROW_SQL} WHERE ci.id = $1`, [id]);
    return row ?? null;
  }

  async liveCount(eventId: string, sessionId: string): Promise<SessionLiveCount> {
    const [[counts], recent]: [{ registered: number; checked_in: number; walk_ins: number }[], CheckInRow[]] =
      await Promise.all([
        this.dataSource.query(
          `SELECT (SELECT count(*)::int FROM registrations WHERE event_id = $1 AND status = 'confirmed') AS registered,
                count(ci.id)::int AS checked_in, count(ci.id) FILTER (WHERE ci.registration_id IS NULL)::int AS walk_ins
           FROM check_ins ci WHERE ci.session_id = $2`,
          [eventId, sessionId],
        ),
        this.dataSource.query(
          `${CHECK_IN_ROW_SQL} WHERE ci.session_id = $1 ORDER BY ci.checked_in_at DESC LIMIT 10`,
          [sessionId],
        ),
      ]);
    return {
      sessionId,
      registered: counts.registered,
      checkedIn: counts.checked_in,
      walkIns: counts.walk_ins,
      recent: recent.map((r) => toCheckInResponse(r, false)),
    };
  }

  async eventAttendance(
    eventId: string,
    completionShare: number,
    now = new Date(),
  ): Promise<EventAttendance> {
    const sessions: {
      id: string;
      title: string | null;
      starts_at: Date;
      ends_at: Date;
      registered: number;
      checked_in: number;
      walk_ins: number;
      registered_present: number;
    }[] = await this.dataSource.query(
      `SELECT s.id, s.title, s.starts_at, s.ends_at,
                (SELECT count(*)::int FROM registrations r WHERE r.event_id = s.event_id AND r.status = 'confirmed') AS registered,
                count(ci.id)::int AS checked_in,
                count(ci.id) FILTER (WHERE ci.registration_id IS NULL)::int AS walk_ins,
                count(ci.id) FILTER (WHERE r2.status = 'confirmed')::int AS registered_present
           FROM event_sessions s
           LEFT JOIN check_ins ci ON ci.session_id = s.id
           LEFT JOIN registrations r2 ON r2.id = ci.registration_id
          WHERE s.event_id = $1
          GROUP BY s.id, s.organization_id ORDER BY s.starts_at, s.id`,
      [eventId],
    );
    const people: {
      registration_id: string | null;
      walk_in_key: string | null;
      name: string;
      company_name: string | null;
      phone: string | null;
      session_ids: string[];
    }[] = await this.dataSource.query(
      `SELECT r.id AS registration_id, NULL AS walk_in_key, u.display_name AS name, c.name AS company_name, u.phone,
                coalesce(array_agg(ci.session_id) FILTER (WHERE ci.id IS NOT NULL), '{}') AS session_ids
           FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN companies c ON c.id = u.company_id
           LEFT JOIN check_ins ci ON ci.registration_id = r.id
          WHERE r.event_id = $1 AND (r.status = 'confirmed' OR ci.id IS NOT NULL)
          GROUP BY r.id, r.organization_id, u.display_name, c.name, u.phone
         UNION ALL
         SELECT NULL, ci.walk_in_key, min(ci.walk_in_name), min(c.name), min(ci.walk_in_phone), array_agg(ci.session_id)
           FROM check_ins ci LEFT JOIN companies c ON c.id = ci.company_id
          WHERE ci.event_id = $1 AND ci.registration_id IS NULL
          GROUP BY ci.walk_in_key
          ORDER BY 3`,
      [eventId],
    );
    const sessionsToComplete = Math.max(1, Math.ceil(completionShare * sessions.length - 1e-9));
    const attendees: AttendeeAttendance[] = people.map((p) => ({
      kind: p.registration_id ? 'registered' : 'walk_in',
      registrationId: p.registration_id,
      name: p.name,
      companyName: p.company_name,
      phone: p.phone,
      sessionIds: p.session_ids,
      attended: p.session_ids.length,
      completed: p.session_ids.length >= sessionsToComplete,
    }));
    const perSession: SessionAttendance[] = sessions.map((s) => ({
      sessionId: s.id,
      title: s.title,
      startsAt: s.starts_at.toISOString(),
      endsAt: s.ends_at.toISOString(),
      registered: s.registered,
      checkedIn: s.checked_in,
      walkIns: s.walk_ins,
      noShows: s.ends_at < now ? s.registered - s.registered_present : null,
    }));
    return { eventId, completionShare, sessionsToComplete, sessions: perSession, attendees };
  }

  /** Registrants of the event by name, phone or company, for people without their phone. */
  async search(eventId: string, q: string, sessionId?: string): Promise<AttendeeSearchResult[]> {
    const like = `%${escapeLike(q.trim())}%`;
    const digits = q.replace(/\D/g, '');
    const rows: {
      id: string;
      name: string;
      company_name: string | null;
      phone: string | null;
      status: string;
      checked_in: boolean;
    }[] = await this.dataSource.query(
      `SELECT r.id, u.display_name AS name, c.name AS company_name, u.phone, r.status,
                EXISTS (SELECT 1 FROM check_ins ci WHERE ci.registration_id = r.id AND ci.session_id = $4) AS checked_in
           FROM registrations r JOIN users u ON u.id = r.user_id LEFT JOIN companies c ON c.id = u.company_id
          WHERE r.event_id = $1 AND r.status <> 'rejected'
            AND (u.display_name ILIKE $2 OR c.name ILIKE $2 OR u.email ILIKE $2
                 OR ($3 <> '' AND regexp_replace(coalesce(u.phone, ''), '\\D', '', 'g') LIKE '%' || $3 || '%'))
          ORDER BY (r.status = 'confirmed') DESC, u.display_name
          LIMIT 20`,
      [eventId, like, digits.length >= 4 ? digits : '', sessionId ?? null],
    );
    return rows.map((r) => ({
      registrationId: r.id,
      name: r.name,
      companyName: r.company_name,
      phone: r.phone,
      status: r.status,
      checkedIn: r.checked_in,
    }));
  }

  /** A founder's own check-ins, newest first (cancelled events left out). */
  mine(userId: string): Promise<MyAttendanceView[]> {
    return this.dataSource.query(
      `SELECT e.id AS "eventId", e.title AS "eventTitle", e.type AS "eventType", o.name AS "organizationName",
              s.id AS "sessionId", s.title AS "sessionTitle", to_json(s.starts_at) #>> '{}' AS "startsAt",
              to_json(ci.checked_in_at) #>> '{}' AS "checkedInAt"
         FROM check_ins ci JOIN registrations r ON r.id = ci.registration_id
         JOIN event_sessions s ON s.id = ci.session_id JOIN events e ON e.id = ci.event_id
         JOIN organizations o ON o.id = e.organization_id
        WHERE r.user_id = $1 AND e.status <> 'cancelled'
        ORDER BY s.starts_at DESC`,
      [userId],
    );
  }
}
