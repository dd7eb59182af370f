import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { BookingView, CoachingRecordRow, CoachingRecordsView } from '@wutong/shared';
import { organizes, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { BOOKING_SELECT, bookingView, recordView, type BookingRow, type StoredAction } from './booking-row';
import type { CoachingRecordDto } from './dto/booking.dto';

const DAY = 24 * 3600_000;

/**
 * The coaching record (辅导记录) of a session: written by its mentor once the session has started,
 * read by the founder (who ticks their actions) and by the organizers of the booking's carrier, who
 * also list the carrier's sessions and those still without a record.
 */
@Injectable()
export class CoachingRecordsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes or rewrites the record; actions keep their id (and tick) across edits. */
  async write(caller: Principal, id: string, dto: CoachingRecordDto): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const [b]: (Pick<BookingRow, 'mentor_id' | 'founder_id' | 'status' | 'record_actions'> & {
        started: boolean;
      })[] = await m.query(
        `SELECT mentor_id, founder_id, status, record_actions, starts_at <= now() AS started
           FROM bookings WHERE id = $1 AND (mentor_id = $2 OR founder_id = $2) FOR UPDATE`,
        [id, caller.userId],
      );
      if (!b) throw notFound();
      if (b.mentor_id !== caller.userId) throw forbidden();
      if (!['confirmed', 'completed'].includes(b.status)) throw new DomainException('BOOKING_NOT_ACTIVE');
      if (!b.started) throw new DomainException('SESSION_NOT_STARTED');
      const before = new Map(b.record_actions.map((a) => [a.id, a]));
      const taken = new Set<string>();
      const actions: StoredAction[] = (dto.actions ?? []).map((a, i) => {
        if (a.id && !before.has(a.id))
          throw new DomainException('VALIDATION_FAILED', [
            fieldError(
              `actions.${i}.id`,
              'unknown',
              'not an action of this record; leave it out for a new one',
            ),
          ]);
        const actionId = a.id && !taken.has(a.id) ? a.id : randomBytes(6).toString('base64url');
        taken.add(actionId);
        return {
          id: actionId,
          text: a.text.trim(),
          owner: a.owner,
          due: a.due ?? null,
          doneAt: before.get(actionId)?.doneAt ?? null,
        };
      });
      const topics = [...new Set((dto.topics ?? []).map((t) => t.trim()))];
      await m.query(
        `UPDATE bookings SET record_summary = $2, record_topics = $3, record_actions = $4::jsonb, record_follow_up = $5,
                recorded_at = coalesce(recorded_at, now()), record_updated_at = now(), updated_at = now()
          WHERE id = $1`,
        [id, dto.summary.trim(), topics, JSON.stringify(actions), dto.followUp?.trim() || null],
      );
    });
    return this.read(caller, id);
  }

  /** The founder ticks their own actions, the mentor theirs; an action is reopened with done: false. */
  async tick(caller: Principal, id: string, actionId: string, done: boolean): Promise<BookingView> {
    await this.dataSource.transaction(async (m) => {
      const [b]: Pick<BookingRow, 'mentor_id' | 'founder_id' | 'record_actions' | 'recorded_at'>[] =
        await m.query(
          `SELECT mentor_id, founder_id, record_actions, recorded_at FROM bookings
            WHERE id = $1 AND (mentor_id = $2 OR founder_id = $2) FOR UPDATE`,
          [id, caller.userId],
        );
      if (!b) throw notFound();
      const action = b.record_actions.find((a) => a.id === actionId);
      if (!b.recorded_at || !action) throw notFound();
      const mine = action.owner === 'founder' ? b.founder_id : b.mentor_id;
      if (mine !== caller.userId) throw forbidden();
      action.doneAt = done ? (action.doneAt ?? new Date().toISOString()) : null;
      await m.query(`UPDATE bookings SET record_actions = $2::jsonb, updated_at = now() WHERE id = $1`, [
        id,
        JSON.stringify(b.record_actions),
      ]);
    });
    return this.read(caller, id);
  }

  private async read(caller: Principal, id: string): Promise<BookingView> {
    const [row]: BookingRow[] = await this.dataSource.query(`${BOOKING_SELECT} WHERE b.id = $1`, [id]);
    return bookingView(row, caller.userId);
  }

  /** The carrier's completed sessions in [from, to) with their records; `missing` counts those without. */
  async list(
    caller: Principal,
    organizationId: string,
    query: { from?: string; to?: string; missing?: boolean },
  ): Promise<CoachingRecordsView> {
    const [carrier]: unknown[] = await this.dataSource.query(`SELECT 1 FROM organizations WHERE id = $1`, [
      organizationId,
    ]);
    if (!carrier) throw notFound();
    if (!organizes(caller, organizationId)) throw forbidden();
    const to = query.to ? new Date(query.to) : new Date();
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * DAY);
    if (!(to > from))
      throw new DomainException('VALIDATION_FAILED', [
        fieldError('to', 'fromBeforeTo', 'to must be after from'),
      ]);
    const rows: BookingRow[] = await this.dataSource.query(
      `${BOOKING_SELECT}
        WHERE b.organization_id = $1 AND b.status = 'completed' AND b.starts_at >= $2 AND b.starts_at < $3
          AND (NOT $4::boolean OR b.recorded_at IS NULL)
        ORDER BY b.starts_at, b.id
        LIMIT 5000`,
      [organizationId, from.toISOString(), to.toISOString(), query.missing ?? false],
    );
    const items: CoachingRecordRow[] = rows.map((r) => ({
      bookingId: r.id,
      startsAt: r.starts_at.toISOString(),
      endsAt: r.ends_at.toISOString(),
      timeZone: r.time_zone,
      topic: r.topic,
      mentor: { id: r.mentor_id, displayName: r.mentor_name },
      founder: { id: r.founder_id, displayName: r.founder_name, companyName: r.company_name },
      record: recordView(r),
    }));
    return {
      organizationId,
      from: from.toISOString(),
      to: to.toISOString(),
      items,
      missing: items.filter((i) => !i.record).length,
    };
  }
}
