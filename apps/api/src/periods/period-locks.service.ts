import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { PeriodLockView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { rows } from '../common/database/rows';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { lockedMonthSql } from './period-locks.sql';

interface LockRow {
  month: string;
  reason: string | null;
  locked_by: string | null;
  display_name: string | null;
  locked_at: Date;
}

const toView = (r: LockRow): PeriodLockView => ({
  month: r.month,
  reason: r.reason,
  lockedBy: r.locked_by ? { id: r.locked_by, displayName: r.display_name ?? '' } : null,
  lockedAt: r.locked_at.toISOString(),
});

const SELECT_LOCKS = `SELECT pl.month, pl.reason, pl.locked_by, u.display_name, pl.locked_at
                        FROM period_locks pl LEFT JOIN users u ON u.id = pl.locked_by`;

/**
 * Locked (reported) months. Race-free with the changes they refuse: locking takes SHARE locks on
 * check_ins and event_sessions, which wait for every transaction writing them and hold off new
 * writers until the lock row is committed; a writer's statement takes its ROW EXCLUSIVE table lock
 * before its snapshot, so it either committed before the lock or sees the lock row and refuses.
 */
@Injectable()
export class PeriodLocksService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<PeriodLockView[]> {
    const locks: LockRow[] = await this.dataSource.query(`${SELECT_LOCKS} ORDER BY pl.month DESC`);
    return locks.map(toView);
  }

  /** Locks the month (locking a locked month answers the lock as it is). */
  async lock(actor: Principal, month: string, reason?: string): Promise<PeriodLockView> {
    return this.dataSource.transaction(async (m) => {
      await m.query(`LOCK TABLE check_ins, event_sessions IN SHARE MODE`);
      const inserted = await rows(
        m,
        `INSERT INTO period_locks (month, reason, locked_by) VALUES ($1, $2, $3)
         ON CONFLICT (month) DO NOTHING RETURNING month`,
        [month, reason?.trim() || null, actor.userId],
      );
      if (inserted.length)
        await this.audit.record(m, {
          actorId: actor.userId,
          action: 'period.lock',
          targetType: 'period',
          targetId: month,
          details: { reason: reason?.trim() || null },
        });
      const [lock]: LockRow[] = await m.query(`${SELECT_LOCKS} WHERE pl.month = $1`, [month]);
      return toView(lock);
    });
  }

  /** Unlocks the month, with the reason in the audit log; 404 when it is not locked. */
  async unlock(actor: Principal, month: string, reason: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const removed = await rows<{ reason: string | null; locked_at: Date }>(
        m,
        `DELETE FROM period_locks WHERE month = $1 RETURNING reason, locked_at`,
        [month],
      );
      if (removed.length === 0) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'period.unlock',
        targetType: 'period',
        targetId: month,
        details: {
          reason: reason.trim(),
          lockedFor: removed[0].reason,
          lockedAt: removed[0].locked_at.toISOString(),
        },
      });
    });
  }

  /**
   * Refuses (409 PERIOD_LOCKED) when any of `instants` falls in a locked month on the carrier's wall
   * clock. Call it in the transaction that changes sessions, before changing them: it takes the write
   * locks first (check_ins before event_sessions, the order locking takes them in), then reads the locks.
   */
  async assertOpen(m: EntityManager, organizationId: string, instants: Date[]): Promise<void> {
    if (instants.length === 0) return;
    await m.query(`LOCK TABLE check_ins, event_sessions IN ROW EXCLUSIVE MODE`);
    const [locked]: { month: string }[] = await m.query(
      `SELECT ${lockedMonthSql('t', 'o.time_zone')} AS month
         FROM unnest($1::timestamptz[]) AS x(t), organizations o
        WHERE o.id = $2 AND ${lockedMonthSql('t', 'o.time_zone')} IS NOT NULL
        ORDER BY 1 LIMIT 1`,
      [instants, organizationId],
    );
    if (locked) throw new DomainException('PERIOD_LOCKED', { month: locked.month }, { month: locked.month });
  }
}
