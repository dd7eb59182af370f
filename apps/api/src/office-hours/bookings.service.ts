import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { BookingSuspensionView, BookingView, Locale } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
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
  started: boolean;
  has_feedback: boolean;
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

  async get(caller: Principal, id: string): Promise<BookingView> {
    const [row]: BookingRow[] = await this.dataSource.query(
      `${BOOKING_SELECT} WHERE b.id = $1 AND (b.founder_id = $2 OR b.mentor_id = $2)`,
      [id, caller.userId],
    );
    if (!row) throw notFound();
    return bookingView(row, caller.userId);
  }

  /** Either side cancels a confirmed booking before it starts; the slot is free again at once. */
  async cancel(caller: Principal, id: string, reason?: string | null): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows(
        m,
        `UPDATE bookings SET status = 'cancelled', cancelled_at = now(), cancelled_by = $2, cancel_reason = $3,
                sequence = sequence + 1, updated_at = now()
          WHERE id = $1 AND (founder_id = $2 OR mentor_id = $2) AND status = 'confirmed' AND starts_at > now()
          RETURNING id`,
        [id, caller.userId, reason?.trim() || null],
      );
      if (done.length === 0) {
        await this.state(m, caller, id);
        throw new DomainException('BOOKING_NOT_ACTIVE', 409);
      }
      await this.mails.cancelled(m, id, caller.userId);
    });
    return this.get(caller, id);
  }

  /** The mentor marks a started session completed (the founder is asked for feedback) or a no-show. */
  async mark(caller: Principal, id: string, outcome: 'completed' | 'no_show'): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows<{ founder_id: string }>(
        m,
        `UPDATE bookings SET status = $3, marked_at = now(), updated_at = now()
          WHERE id = $1 AND mentor_id = $2 AND status = 'confirmed' AND starts_at <= now()
          RETURNING founder_id`,
        [id, caller.userId, outcome],
      );
      if (done.length === 0) {
        const s = await this.state(m, caller, id);
        if (s.mentor_id !== caller.userId) throw forbidden();
        if (s.status !== 'confirmed') throw new DomainException('BOOKING_NOT_ACTIVE', 409);
        throw new DomainException('SESSION_NOT_STARTED', 409);
      }
      await this.audit.record(m, {
        actorId: caller.userId,
        action: outcome === 'completed' ? 'booking.complete' : 'booking.no_show',
        targetType: 'booking',
        targetId: id,
        details: { founderId: done[0].founder_id },
      });
      if (outcome === 'completed') await this.mails.feedbackRequest(m, id);
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
      if (s.status !== 'completed') throw new DomainException('BOOKING_NOT_COMPLETED', 409);
      throw new DomainException('FEEDBACK_EXISTS', 409);
    });
    return this.get(caller, id);
  }

  async suspension(founderId: string): Promise<BookingSuspensionView> {
    await this.assertUser(founderId);
    const until = await this.officeHours.suspendedUntil(this.dataSource.manager, founderId);
    return { founderId, suspendedUntil: until?.toISOString() ?? null };
  }

  /** Organizers and admins lift a no-show suspension: the no-shows so far stop counting toward one. */
  async liftSuspension(caller: Principal, founderId: string): Promise<BookingSuspensionView> {
    await this.assertUser(founderId);
    await this.dataSource.transaction(async (m) => {
      const excused = await rows(
        m,
        `UPDATE bookings SET no_show_excused = true, updated_at = now()
          WHERE founder_id = $1 AND status = 'no_show' AND NOT no_show_excused RETURNING id`,
        [founderId],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'booking.suspension.lift',
        targetType: 'user',
        targetId: founderId,
        details: { excused: excused.length },
      });
    });
    return { founderId, suspendedUntil: null };
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
  private async state(m: EntityManager, caller: Principal, id: string): Promise<StateRow> {
    const [row]: StateRow[] = await m.query(
      `SELECT mentor_id, founder_id, status, starts_at <= now() AS started, feedback_at IS NOT NULL AS has_feedback
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
