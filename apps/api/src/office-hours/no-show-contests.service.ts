import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BookingView, NoShowContestDecision, NoShowContestView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, type Principal } from '../common/auth/principal';
import { rows } from '../common/database/rows';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { BookingMails } from './booking-mails';
import { BookingsService } from './bookings.service';

interface ContestRow {
  id: string;
  organization_id: string | null;
  starts_at: Date;
  ends_at: Date;
  topic: string;
  time_zone: string;
  mentor_id: string;
  mentor_name: string;
  founder_id: string;
  founder_name: string;
  company_name: string | null;
  marked_at: Date | null;
  no_show_note: string | null;
  contest_reason: string;
  contested_at: Date;
  contest_decision: NoShowContestDecision | null;
  contest_decided_at: Date | null;
  contest_decision_note: string | null;
}

const CONTEST_SELECT = `
  SELECT b.id, b.organization_id, b.starts_at, b.ends_at, b.topic, b.time_zone,
         b.mentor_id, m.display_name AS mentor_name, b.founder_id, f.display_name AS founder_name,
         c.name AS company_name, b.marked_at, b.no_show_note, b.contest_reason, b.contested_at,
         b.contest_decision, b.contest_decided_at, b.contest_decision_note
    FROM bookings b
    JOIN users m ON m.id = b.mentor_id
    JOIN users f ON f.id = b.founder_id
    LEFT JOIN companies c ON c.id = f.company_id`;

function contestView(r: ContestRow): NoShowContestView {
  return {
    bookingId: r.id,
    organizationId: r.organization_id,
    startsAt: r.starts_at.toISOString(),
    endsAt: r.ends_at.toISOString(),
    topic: r.topic,
    timeZone: r.time_zone,
    mentor: { id: r.mentor_id, displayName: r.mentor_name },
    founder: { id: r.founder_id, displayName: r.founder_name, companyName: r.company_name },
    // An overturned mark is gone from the booking; the contest keeps when it was contested.
    markedAt: (r.marked_at ?? r.contested_at).toISOString(),
    noShowNote: r.no_show_note,
    reason: r.contest_reason,
    contestedAt: r.contested_at.toISOString(),
    decision: r.contest_decision,
    decidedAt: r.contest_decided_at?.toISOString() ?? null,
    decisionNote: r.contest_decision_note,
  };
}

/**
 * Contests of no-show marks (issue 15, point 11): the founder contests once; an organizer of the
 * booking's carrier, or an admin, upholds the mark or overturns it. Overturning puts the booking
 * back to unmarked (`confirmed`, in the past), so the no-show stops counting toward a suspension,
 * and the mentor cannot mark it a no-show again. Every step is audited; the founder is told the
 * decision by mail.
 */
@Injectable()
export class NoShowContestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly mails: BookingMails,
    private readonly audit: AuditService,
  ) {}

  /** The founder contests a no-show mark: 404 for outsiders, 403 for the mentor, once only. */
  async contest(caller: Principal, id: string, reason: string): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const done = await rows<{ organization_id: string | null }>(
        m,
        `UPDATE bookings SET contest_reason = $3, contested_at = now(), updated_at = now()
          WHERE id = $1 AND founder_id = $2 AND status = 'no_show' AND contested_at IS NULL
          RETURNING organization_id`,
        [id, caller.userId, reason.trim()],
      );
      if (done.length === 0) {
        const s = await this.bookings.state(m, caller, id);
        if (s.founder_id !== caller.userId) throw forbidden();
        if (s.contested) throw new DomainException('CONTEST_EXISTS');
        throw new DomainException('NOT_A_NO_SHOW');
      }
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'booking.no_show.contest',
        targetType: 'booking',
        targetId: id,
        organizationId: done[0].organization_id,
        details: { reason: reason.trim() },
      });
    });
    return this.bookings.get(caller, id);
  }

  /** Open (or decided) contests of the carriers the caller organizes; admins see every carrier's. */
  async list(caller: Principal, status: 'open' | 'decided'): Promise<NoShowContestView[]> {
    const found: ContestRow[] = await this.dataSource.query(
      `${CONTEST_SELECT}
        WHERE b.contested_at IS NOT NULL AND (b.contest_decision IS NULL) = $1
          AND ($2::boolean OR b.organization_id = ANY($3::uuid[]))
        ORDER BY ${status === 'open' ? 'b.contested_at ASC' : 'b.contest_decided_at DESC'}
        LIMIT 500`,
      [status === 'open', isAdmin(caller), caller.organizationIds],
    );
    return found.map(contestView);
  }

  /**
   * Upholds or overturns an open contest. Only organizers of the booking's carrier and admins see
   * the booking at all (others 404); a contest already decided, or never made, is 409
   * CONTEST_NOT_OPEN.
   */
  async decide(
    caller: Principal,
    id: string,
    decision: 'uphold' | 'overturn',
    note?: string | null,
  ): Promise<NoShowContestView> {
    const outcome: NoShowContestDecision = decision === 'overturn' ? 'overturned' : 'upheld';
    const decisionNote = note?.trim() || null;
    await this.dataSource.transaction(async (m) => {
      const [booking]: {
        organization_id: string | null;
        founder_id: string;
        mentor_id: string;
        open: boolean;
      }[] = await m.query(
        `SELECT organization_id, founder_id, mentor_id, contested_at IS NOT NULL AND contest_decision IS NULL AS open
           FROM bookings WHERE id = $1 FOR UPDATE`,
        [id],
      );
      const decides =
        booking &&
        (isAdmin(caller) ||
          (booking.organization_id !== null && caller.organizationIds.includes(booking.organization_id)));
      if (!decides) throw notFound();
      // Nobody judges their own booking.
      if (caller.userId === booking.founder_id || caller.userId === booking.mentor_id) throw forbidden();
      if (!booking.open) throw new DomainException('CONTEST_NOT_OPEN');
      await m.query(
        `UPDATE bookings
            SET contest_decision = $2, contest_decided_by = $3, contest_decided_at = now(),
                contest_decision_note = $4, updated_at = now(),
                status = CASE WHEN $2 = 'overturned' THEN 'confirmed' ELSE status END,
                marked_at = CASE WHEN $2 = 'overturned' THEN NULL ELSE marked_at END
          WHERE id = $1`,
        [id, outcome, caller.userId, decisionNote],
      );
      await this.audit.record(m, {
        actorId: caller.userId,
        action: outcome === 'overturned' ? 'booking.no_show.overturn' : 'booking.no_show.uphold',
        targetType: 'booking',
        targetId: id,
        organizationId: booking.organization_id,
        details: { ...(decisionNote && { note: decisionNote }) },
      });
      await this.mails.contestDecided(m, id);
    });
    const [row]: ContestRow[] = await this.dataSource.query(`${CONTEST_SELECT} WHERE b.id = $1`, [id]);
    return contestView(row);
  }
}
