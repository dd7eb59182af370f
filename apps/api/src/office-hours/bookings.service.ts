import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  NO_SHOW_EARLIEST_MINUTES,
  type BookingSuspensionView,
  type BookingView,
  type Locale,
  type SuspendedFounderView,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import type { IcsEntry } from '../notifications/ics';
import { BookingMails, bookingIcsEntry } from './booking-mails';
import { BOOKING_SELECT, bookingView, type BookingRow } from './booking-row';
import { OfficeHoursService } from './office-hours.service';
import { rows } from '../common/database/rows';

interface StateRow {
  mentor_id: string;
  founder_id: string;
  status: string;
  starts_at: Date;
  ends_at: Date;
  started: boolean;
  has_feedback: boolean;
  contested: boolean;
  contest_decision: string | null;
}

/** A booking's life after it is made: lists, cancellation, completion, no-shows, feedback, calendars. */
@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mails: BookingMails,
    private readonly officeHours: OfficeHoursService,
    private readonly audit: AuditService,
  ) {}

  /** The caller's bookings as founder and as mentor, soonest upcoming first, then the past. */
  async mine(caller: Principal): Promise<BookingView[]> {
    const rows: BookingRow[] = await this.dataSource.query(
      `${BOOKING_SELECT}
        WHERE b.founder_id = $1 OR b.mentor_id = $1
        ORDER BY (b.ends_at < now()), CASE WHEN b.ends_at >= now() THEN b.starts_at END ASC, b.starts_at DESC
        LIMIT 500`,
      [caller.userId],
    );
    return rows.map((r) => bookingView(r, caller.userId));
  }

  /** Its founder and mentor, and the organizers of its carrier (admins: any) who read its record. */
  async get(caller: Principal, id: string): Promise<BookingView> {
    const [row]: BookingRow[] = await this.dataSource.query(
      `${BOOKING_SELECT} WHERE b.id = $1
          AND (b.founder_id = $2 OR b.mentor_id = $2 OR $3::boolean OR b.organization_id = ANY($4::uuid[]))`,
      [id, caller.userId, isAdmin(caller), caller.organizationIds],
    );
    if (!row) throw notFound();
    return bookingView(row, caller.userId);
  }

  /**
   * Either side cancels a confirmed booking or an open request (the founder withdrawing it) before it
   * starts; the slot is free again at once.
   */
  async cancel(caller: Principal, id: string, reason?: string | null): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows(
        m,
        `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2, cancel_reason = $3,
                sequence = sequence + 1, updated_at = now()
          WHERE id = $1 AND (founder_id = $2 OR mentor_id = $2) AND status IN ('requested','confirmed')
            AND starts_at > now()
          RETURNING id`,
        [id, caller.userId, reason?.trim() || null],
      );
      if (done.length === 0) {
        await this.state(m, caller, id);
        throw new DomainException('BOOKING_NOT_ACTIVE');
      }
      await this.mails.cancelled(m, id, caller.userId);
    });
    return this.get(caller, id);
  }

  /**
   * The mentor answers an open request: accepted, it is a confirmed booking (both are told, the
   * calendar invite goes out now); declined, the slot is free again and the founder is told why.
   * A request past its `request_expires_at` cannot be answered any more (the expiry pass tells both).
   */
  async answer(
    caller: Principal,
    id: string,
    answer: 'accept' | 'decline',
    reason?: string | null,
  ): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows(
        m,
        `UPDATE bookings SET status = $3, decided_at = now(), decline_reason = $4, updated_at = now(),
                request_expires_at = CASE WHEN $3 = 'confirmed' THEN NULL ELSE request_expires_at END
          WHERE id = $1 AND mentor_id = $2 AND status = 'requested' AND request_expires_at > now()
          RETURNING id`,
        [id, caller.userId, answer === 'accept' ? 'confirmed' : 'declined', reason?.trim() || null],
      );
      if (done.length === 0) {
        const s = await this.state(m, caller, id);
        if (s.mentor_id !== caller.userId) throw forbidden();
        throw new DomainException('REQUEST_NOT_OPEN');
      }
      await this.audit.record(m, {
        actorId: caller.userId,
        action: answer === 'accept' ? 'booking.accept' : 'booking.decline',
        targetType: 'booking',
        targetId: id,
        details: reason?.trim() ? { reason: reason.trim() } : {},
      });
      if (answer === 'accept') await this.mails.confirmed(m, id);
      else await this.mails.declined(m, id);
    });
    return this.get(caller, id);
  }

  /**
   * Requests nobody answered in time lapse: the slot is free again and both sides are told. Claimed
   * by one conditional UPDATE in the transaction that writes the mails, so each is told once however
   * many processes run the pass.
   */
  async expireRequests(now: Date = new Date()): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      const lapsed = await rows<{ id: string }>(
        m,
        `UPDATE bookings SET status = 'expired', updated_at = now()
          WHERE status = 'requested' AND request_expires_at <= $1
          RETURNING id`,
        [now.toISOString()],
      );
      for (const { id } of lapsed) await this.mails.expired(m, id);
      return lapsed.length;
    });
  }

  /**
   * The mentor marks a started session completed (the founder is asked for feedback) or a no-show.
   * A no-show only once the session has ended, or from NO_SHOW_EARLIEST_MINUTES after its start with
   * a note (409 TOO_EARLY otherwise): minutes into a session is no proof of absence. The founder is
   * told and may contest the mark.
   */
  async mark(
    caller: Principal,
    id: string,
    outcome: 'completed' | 'no_show',
    note?: string | null,
  ): Promise<BookingView> {
    const noShowNote = outcome === 'no_show' ? note?.trim() || null : null;
    await this.dataSource.transaction(async (m) => {
      const done = await rows<{ founder_id: string; organization_id: string | null }>(
        m,
        `UPDATE bookings SET status = $3, marked_at = now(), updated_at = now(),
                no_show_note = CASE WHEN $3 = 'no_show' THEN $4 ELSE no_show_note END
          WHERE id = $1 AND mentor_id = $2 AND status = 'confirmed' AND starts_at <= now()
            AND ($3 = 'completed' OR (
                  contest_decision IS DISTINCT FROM 'overturned'
                  AND (ends_at <= now() OR ($4::text IS NOT NULL AND starts_at + make_interval(mins => $5) <= now()))))
          RETURNING founder_id, organization_id`,
        [id, caller.userId, outcome, noShowNote, NO_SHOW_EARLIEST_MINUTES],
      );
      if (done.length === 0) {
        const s = await this.state(m, caller, id);
        if (s.mentor_id !== caller.userId) throw forbidden();
        if (s.status !== 'confirmed') throw new DomainException('BOOKING_NOT_ACTIVE');
        if (!s.started) throw new DomainException('SESSION_NOT_STARTED');
        if (s.contest_decision === 'overturned') throw new DomainException('NO_SHOW_OVERTURNED');
        throw new DomainException('TOO_EARLY', {
          noteNeededUntil: s.ends_at.toISOString(),
          earliestWithNote: new Date(s.starts_at.getTime() + NO_SHOW_EARLIEST_MINUTES * 60_000).toISOString(),
        });
      }
      await this.audit.record(m, {
        actorId: caller.userId,
        action: outcome === 'completed' ? 'booking.complete' : 'booking.no_show',
        targetType: 'booking',
        targetId: id,
        organizationId: done[0].organization_id,
        details: { founderId: done[0].founder_id, ...(noShowNote && { note: noShowNote }) },
      });
      if (outcome === 'completed') await this.mails.feedbackRequest(m, id);
      else await this.mails.noShow(m, id);
    });
    return this.get(caller, id);
  }

  /** The founder rates a completed session once. */
  async feedback(
    caller: Principal,
    id: string,
    rating: number,
    comment?: string | null,
  ): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows(
        m,
        `UPDATE bookings SET rating = $3, feedback_comment = $4, feedback_at = now(), updated_at = now()
          WHERE id = $1 AND founder_id = $2 AND status = 'completed' AND feedback_at IS NULL
          RETURNING id`,
        [id, caller.userId, rating, comment?.trim() || null],
      );
      if (done.length > 0) return;
      const s = await this.state(m, caller, id);
      if (s.founder_id !== caller.userId) throw forbidden();
      if (s.status !== 'completed') throw new DomainException('BOOKING_NOT_COMPLETED');
      throw new DomainException('FEEDBACK_EXISTS');
    });
    return this.get(caller, id);
  }

  /**
   * Founders suspended now: for an organizer, those with a no-show (not excused) at a carrier they
   * organize, which is what lifting from there excuses; for an admin, all. Soonest end last.
   */
  async suspended(caller: Principal): Promise<SuspendedFounderView[]> {
    const list = await this.dataSource.query<
      {
        founder_id: string;
        display_name: string;
        company_name: string | null;
        until: Date;
        no_shows: number;
        last_at: Date;
      }[]
    >(
      `SELECT b.founder_id, u.display_name, c.name AS company_name, max(b.marked_at) + interval '30 days' AS until,
              (SELECT count(*)::int FROM bookings a WHERE a.founder_id = b.founder_id AND a.status = 'no_show'
                  AND NOT a.no_show_excused) AS no_shows,
              max(b.starts_at) AS last_at
         FROM bookings b
         JOIN users u ON u.id = b.founder_id
         LEFT JOIN companies c ON c.id = u.company_id
        WHERE b.status = 'no_show' AND NOT b.no_show_excused
          AND EXISTS (SELECT 1 FROM bookings o
                       WHERE o.founder_id = b.founder_id AND o.id <> b.id AND o.status = 'no_show'
                         AND NOT o.no_show_excused
                         AND o.starts_at BETWEEN b.starts_at - interval '90 days' AND b.starts_at)
          AND ($1::boolean OR EXISTS (SELECT 1 FROM bookings h
                 WHERE h.founder_id = b.founder_id AND h.status = 'no_show' AND NOT h.no_show_excused
                   AND h.organization_id = ANY($2::uuid[])))
        GROUP BY b.founder_id, u.display_name, c.name
       HAVING max(b.marked_at) + interval '30 days' > now()
        ORDER BY until DESC
        LIMIT 500`,
      [isAdmin(caller), caller.organizationIds],
    );
    return list.map((r) => ({
      founderId: r.founder_id,
      displayName: r.display_name,
      companyName: r.company_name,
      suspendedUntil: r.until.toISOString(),
      noShows: r.no_shows,
      lastNoShowAt: r.last_at.toISOString(),
    }));
  }

  async suspension(founderId: string): Promise<BookingSuspensionView> {
    await this.assertUser(founderId);
    const until = await this.officeHours.suspendedUntil(this.dataSource.manager, founderId);
    return { founderId, suspendedUntil: until?.toISOString() ?? null };
  }

  /**
   * Lifts a no-show suspension by excusing the founder's no-shows: an admin's, all of them; an
   * organizer's, those at the carriers they organize (the carrier where the sessions were is the one
   * to judge them), so no-shows elsewhere may still suspend. 403 when the founder has no no-show at
   * the organizer's carriers.
   */
  async liftSuspension(caller: Principal, founderId: string): Promise<BookingSuspensionView> {
    await this.assertUser(founderId);
    const everywhere = isAdmin(caller);
    const until = await this.dataSource.transaction(async (m) => {
      if (!everywhere) {
        const [own]: unknown[] = await m.query(
          `SELECT 1 FROM bookings WHERE founder_id = $1 AND status = 'no_show' AND organization_id = ANY($2::uuid[])
            LIMIT 1`,
          [founderId, caller.organizationIds],
        );
        if (!own) throw forbidden();
      }
      const excused = await rows(
        m,
        `UPDATE bookings SET no_show_excused = true, updated_at = now()
          WHERE founder_id = $1 AND status = 'no_show' AND NOT no_show_excused
            AND ($2::boolean OR organization_id = ANY($3::uuid[]))
          RETURNING id`,
        [founderId, everywhere, caller.organizationIds],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'booking.suspension.lift',
        targetType: 'user',
        targetId: founderId,
        details: { excused: excused.length, ...(!everywhere && { organizationIds: caller.organizationIds }) },
      });
      return this.officeHours.suspendedUntil(m, founderId);
    });
    return { founderId, suspendedUntil: until?.toISOString() ?? null };
  }

  /** The user's bookings (either side) for the personal calendar feed. */
  async calendarEntriesFor(userId: string): Promise<IcsEntry[]> {
    const rows: (BookingRow & { reader_locale: Locale })[] = await this.dataSource.query(
      `${BOOKING_SELECT.replace('c.name AS company_name', 'c.name AS company_name, r.locale AS reader_locale')}
         JOIN users r ON r.id = $1
        WHERE (b.founder_id = $1 OR b.mentor_id = $1) AND b.status IN ('confirmed','completed')
          AND b.ends_at > now() - interval '180 days'
        ORDER BY b.starts_at`,
      [userId],
    );
    return rows.map((r) =>
      bookingIcsEntry(r, r.reader_locale, r.mentor_id === userId ? r.founder_name : r.mentor_name),
    );
  }

  /** 404 unless the caller is a side of the booking; otherwise its state for choosing the error. */
  async state(m: EntityManager, caller: Principal, id: string): Promise<StateRow> {
    const [row]: StateRow[] = await m.query(
      `SELECT mentor_id, founder_id, status, starts_at, ends_at, starts_at <= now() AS started,
              feedback_at IS NOT NULL AS has_feedback, contested_at IS NOT NULL AS contested, contest_decision
         FROM bookings WHERE id = $1 AND (founder_id = $2 OR mentor_id = $2)`,
      [id, caller.userId],
    );
    if (!row) throw notFound();
    return row;
  }

  private async assertUser(id: string): Promise<void> {
    const rows: unknown[] = await this.dataSource.query(`SELECT 1 FROM users WHERE id = $1`, [id]);
    if (rows.length === 0) throw notFound();
  }
}
