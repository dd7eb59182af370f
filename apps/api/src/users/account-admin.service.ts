import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { AccountView, Page } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { revokeSecrets } from '../auth/sessions';
import { effectiveRoles, type Principal } from '../common/auth/principal';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import type { AccountListQueryDto } from './dto/account-list.query';

const PAGE_SIZE = 50;

interface AccountRow {
  id: string;
  email: string;
  display_name: string;
  phone: string | null;
  company_name: string | null;
  roles: Parameters<typeof effectiveRoles>[0];
  organizes: boolean;
  created_at: Date;
  deactivated_at: Date | null;
  total: number;
}

/*
 * $1 a search text as an ILIKE pattern (or null), $2 its digits as a pattern (phones typed with
 * spaces or +86), $3 a role, $4 a status, $5 the offset. Organizers are those granted the role or
 * members of a carrier (effectiveRoles).
 */
const LIST_SQL = `
  SELECT u.id, u.email, u.display_name, u.phone, c.name AS company_name, u.roles,
         EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id) AS organizes,
         u.created_at, u.deactivated_at, count(*) OVER ()::int AS total
    FROM users u LEFT JOIN companies c ON c.id = u.company_id
   WHERE ($1::text IS NULL OR u.display_name ILIKE $1 OR u.email ILIKE $1 OR c.name ILIKE $1 OR u.phone ILIKE $1
          OR ($2::text IS NOT NULL AND regexp_replace(coalesce(u.phone, ''), '\\D', '', 'g') LIKE $2))
     AND ($3::text IS NULL OR $3 = 'founder' OR $3 = ANY(u.roles)
          OR ($3 = 'organizer' AND EXISTS (SELECT 1 FROM organization_members m WHERE m.user_id = u.id)))
     AND ($4::text IS NULL OR ($4 = 'active') = (u.deactivated_at IS NULL))
   ORDER BY u.created_at DESC, u.id
   LIMIT ${PAGE_SIZE} OFFSET $5`;

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

const toView = (r: AccountRow): AccountView => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  phone: r.phone,
  companyName: r.company_name,
  roles: effectiveRoles(r.roles, r.organizes),
  createdAt: r.created_at.toISOString(),
  deactivatedAt: r.deactivated_at?.toISOString() ?? null,
});

/** Admins find accounts, and deactivate or reactivate them (every open session ends at once). */
@Injectable()
export class AccountAdminService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(query: AccountListQueryDto): Promise<Page<AccountView>> {
    const page = query.page ?? 1;
    const q = query.q?.trim() || null;
    // A mainland number typed with +86 matches the stored one without it.
    let digits = q?.replace(/\D/g, '') ?? '';
    if (digits.length === 13 && digits.startsWith('86')) digits = digits.slice(2);
    const rows: AccountRow[] = await this.dataSource.query(LIST_SQL, [
      q && `%${escapeLike(q)}%`,
      digits.length >= 3 ? `%${digits}%` : null,
      query.role ?? null,
      query.status ?? null,
      (page - 1) * PAGE_SIZE,
    ]);
    return {
      items: rows.map(toView),
      total: rows[0]?.total ?? 0,
      page,
      pageSize: PAGE_SIZE,
    };
  }

  /** Deactivates an account: no sign-in, every session and recognised device ends now; audited. */
  async deactivate(actor: Principal, userId: string): Promise<AccountView> {
    if (userId === actor.userId) throw new DomainException('CANNOT_DEACTIVATE_SELF');
    await this.dataSource.transaction(async (m) => {
      // One admin change at a time (as role removals): two admins deactivating each other at once
      // would otherwise leave none. The second finds itself deactivated and is refused.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.admins'))`);
      const [active]: { id: string }[] = await m.query(
        `SELECT id FROM users WHERE id = $1 AND deactivated_at IS NULL`,
        [actor.userId],
      );
      if (!active) throw forbidden();
      const [row]: { id: string }[] = await m.query(
        `UPDATE users SET deactivated_at = coalesce(deactivated_at, now()), deactivated_by = coalesce(deactivated_by, $2),
                updated_at = now()
          WHERE id = $1 RETURNING id`,
        [userId, actor.userId],
      );
      if (!row) throw notFound();
      await revokeSecrets(m, userId);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'user.deactivate',
        targetType: 'user',
        targetId: userId,
      });
    });
    return this.one(userId);
  }

  /** Reactivates an account: it may sign in again (its old sessions stay ended); audited. */
  async reactivate(actor: Principal, userId: string): Promise<AccountView> {
    await this.dataSource.transaction(async (m) => {
      const [row]: { id: string }[] = await m.query(
        `UPDATE users SET deactivated_at = NULL, deactivated_by = NULL, updated_at = now() WHERE id = $1 RETURNING id`,
        [userId],
      );
      if (!row) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'user.reactivate',
        targetType: 'user',
        targetId: userId,
      });
    });
    return this.one(userId);
  }

  private async one(userId: string): Promise<AccountView> {
    const [row]: AccountRow[] = await this.dataSource.query(
      LIST_SQL.replace('WHERE ($1::text IS NULL', 'WHERE u.id = $6 AND ($1::text IS NULL'),
      [null, null, null, null, 0, userId],
    );
    if (!row) throw notFound();
    return toView(row);
  }
}
