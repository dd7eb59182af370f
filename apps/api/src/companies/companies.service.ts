import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  isValidCreditCode,
  normalizeCreditCode,
  type CompanyInput,
  type CompanyView,
  type UpdateCompanyRequest,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import { fieldError } from '../common/errors/validation';
import { OrganizationsService } from '../organizations/organizations.service';

/** Who is looking at a company: whether they may edit it depends on ownership and carriers. */
export interface CompanyViewer {
  userId: string;
  admin: boolean;
  organizationIds: string[];
}

interface CompanyRow {
  id: string;
  name: string;
  credit_code: string | null;
  stage: CompanyView['stage'];
  industry: CompanyView['industry'];
  incubator_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
}

const DETAILS = ['name', 'creditCode', 'stage', 'industry', 'incubatorId'] as const;
type Detail = (typeof DETAILS)[number];
const COLUMN: Record<Detail, keyof CompanyRow> = {
  name: 'name',
  creditCode: 'credit_code',
  stage: 'stage',
  industry: 'industry',
  incubatorId: 'incubator_id',
};

export const viewerOf = (p: Principal): CompanyViewer => ({
  userId: p.userId,
  admin: isAdmin(p),
  organizationIds: p.organizationIds,
});

/**
 * Founders' companies. One company is one row, shared by its members; naming it in the profile joins
 * it and never edits it. Its details are kept by its owner — its first verified member, or a member
 * an organizer of its incubator names — and by organizers of its incubator and admins; every change
 * of details or owner is audited in the same transaction.
 */
@Injectable()
export class CompaniesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  async view(companyId: string, viewer: CompanyViewer, m: EntityManager = this.dataSource.manager) {
    const row = await this.row(m, companyId);
    if (!row) throw notFound();
    return this.toView(row, viewer);
  }

  /** A company's name, for look-ups that show who someone is (null when there is none). */
  /**
   * The company a walk-in names at the door: the one of that name (any, case-insensitive; one with a
   * credit code first), else a new record without code or owner, so companies served counts it.
   */
  async companyNamed(name: string): Promise<string> {
    const trimmed = name.trim().replace(/\s+/g, ' ');
    const [row]: { id: string }[] = await this.dataSource.query(
      `WITH found AS (
         SELECT id FROM companies WHERE lower(name) = lower($1) ORDER BY credit_code IS NULL, created_at LIMIT 1
       ), made AS (
         INSERT INTO companies (name) SELECT $1 WHERE NOT EXISTS (SELECT 1 FROM found)
         ON CONFLICT (lower(name)) WHERE credit_code IS NULL DO UPDATE SET updated_at = companies.updated_at
         RETURNING id
       )
       SELECT id FROM found UNION ALL SELECT id FROM made`,
      [trimmed],
    );
    return row.id;
  }

  async nameOf(companyId: string | null): Promise<string | null> {
    if (!companyId) return null;
    return (await this.row(this.dataSource.manager, companyId))?.name ?? null;
  }

  /**
   * PATCH /me `{company}` (null: leaves it). Finds the company by its credit code (or, without one, its name among
   * companies without a code) or creates it with the details given. An existing company is joined
   * as it is, unless the caller already keeps it (its owner), whose changes then apply as through
   * PATCH /companies/:id. Leaving a company one kept passes it on (`left`). Returns the company's id.
   */
  async changeMembership(m: EntityManager, userId: string, dto: CompanyInput | null): Promise<string | null> {
    // Members move between companies one at a time: two founders swapping companies would otherwise
    // lock the two rows in opposite orders. Row locks here are NO KEY UPDATE, so the foreign keys
    // between users and companies (KEY SHARE) never wait on them.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.company-members'))`);
    const [me]: { company_id: string | null; verified: boolean }[] = await m.query(
      `SELECT company_id, verified_at IS NOT NULL AS verified FROM users WHERE id = $1 FOR NO KEY UPDATE`,
      [userId],
    );
    const companyId = dto === null ? null : await this.join(m, { id: userId, verified: me.verified }, dto);
    if (me.company_id && me.company_id !== companyId) await this.left(m, userId, me.company_id);
    return companyId;
  }

  private async join(
    m: EntityManager,
    user: { id: string; verified: boolean },
    dto: CompanyInput,
  ): Promise<string> {
    const creditCode = this.creditCode(dto.creditCode, 'company.creditCode');
    await this.assertCarrier(dto.incubatorId, 'company.incubatorId');
    const name = dto.name.trim();
    const [found]: { id: string; created: boolean; owner_id: string | null }[] = await m.query(
      `INSERT INTO companies (name, credit_code, stage, industry, incubator_id, owner_id)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ${creditCode ? '(credit_code) WHERE credit_code IS NOT NULL' : '(lower(name)) WHERE credit_code IS NULL'}
       DO UPDATE SET updated_at = companies.updated_at
       RETURNING id, (xmax = 0) AS created, owner_id`,
      [
        name,
        creditCode,
        dto.stage ?? null,
        dto.industry ?? null,
        dto.incubatorId ?? null,
        user.verified ? user.id : null,
      ],
    );
    if (found.created) return found.id;
    if (found.owner_id === user.id) {
      const changes: UpdateCompanyRequest = {};
      if (creditCode) changes.name = name;
      for (const key of ['stage', 'industry', 'incubatorId'] as const)
        if (dto[key] !== undefined) (changes as Record<string, unknown>)[key] = dto[key];
      await this.applyChanges(m, user.id, found.id, changes, 'company');
    } else if (found.owner_id === null && user.verified) {
      await this.setOwnerRow(m, user.id, found.id, user.id, 'first verified member');
    }
    return found.id;
  }

  /** A member leaves: if they kept the company, the verified member with the oldest account takes over. */
  private async left(m: EntityManager, userId: string, companyId: string): Promise<void> {
    const [company]: { owner_id: string | null }[] = await m.query(
      `SELECT owner_id FROM companies WHERE id = $1 FOR NO KEY UPDATE`,
      [companyId],
    );
    if (company?.owner_id !== userId) return;
    const [next]: { id: string }[] = await m.query(
      `SELECT id FROM users WHERE company_id = $1 AND id <> $2 AND verified_at IS NOT NULL
        ORDER BY created_at, id LIMIT 1`,
      [companyId, userId],
    );
    await this.setOwnerRow(m, userId, companyId, next?.id ?? null, 'owner left');
  }

  /** The account was just verified: it keeps its company if nobody does yet (its first verified member). */
  async claimIfOwnerless(m: EntityManager, userId: string): Promise<void> {
    const [company]: { id: string }[] = await m.query(
      `SELECT c.id FROM companies c JOIN users u ON u.company_id = c.id
        WHERE u.id = $1 AND c.owner_id IS NULL FOR NO KEY UPDATE OF c`,
      [userId],
    );
    if (company) await this.setOwnerRow(m, userId, company.id, userId, 'first verified member');
  }

  /** PATCH /companies/:id: its owner, organizers of its incubator, admins; a member 403, others 404. */
  async update(actor: Principal, companyId: string, dto: UpdateCompanyRequest): Promise<CompanyView> {
    const creditCode =
      dto.creditCode === undefined ? undefined : this.creditCode(dto.creditCode, 'creditCode');
    await this.assertCarrier(dto.incubatorId, 'incubatorId');
    try {
      await this.dataSource.transaction(async (m) => {
        const row = await this.row(m, companyId, true);
        if (!row || !(await this.maySee(m, actor, row))) throw notFound();
        if (!this.mayEdit(row, viewerOf(actor))) throw forbidden();
        await this.applyChanges(m, actor.userId, companyId, { ...dto, creditCode }, '');
      });
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('COMPANY_EXISTS');
      throw error;
    }
    return this.view(companyId, viewerOf(actor));
  }

  /** PUT /companies/:id/owner: organizers of its incubator and admins name one of its members. */
  async setOwner(actor: Principal, companyId: string, userId: string): Promise<CompanyView> {
    await this.dataSource.transaction(async (m) => {
      const row = await this.row(m, companyId, true);
      if (!row || !this.organizesIncubator(viewerOf(actor), row)) throw notFound();
      const [member]: { id: string }[] = await m.query(
        `SELECT id FROM users WHERE id = $1 AND company_id = $2`,
        [userId, companyId],
      );
      if (!member) throw new DomainException('NOT_COMPANY_MEMBER');
      if (row.owner_id !== userId) await this.setOwnerRow(m, actor.userId, companyId, userId, 'named');
    });
    return this.view(companyId, viewerOf(actor));
  }

  /** Writes the changed details and one audit entry naming each change (before and after). */
  private async applyChanges(
    m: EntityManager,
    actorId: string,
    companyId: string,
    dto: UpdateCompanyRequest,
    fieldPrefix: string,
  ): Promise<void> {
    const row = (await this.row(m, companyId, true))!;
    const next: Partial<Record<Detail, unknown>> = {
      name: dto.name?.trim(),
      creditCode: dto.creditCode,
      stage: dto.stage,
      industry: dto.industry,
      incubatorId: dto.incubatorId,
    };
    const changes: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of DETAILS) {
      const value = next[key];
      if (value !== undefined && value !== row[COLUMN[key]])
        changes[key] = { from: row[COLUMN[key]], to: value };
    }
    if (Object.keys(changes).length === 0) return;
    if ('name' in changes && !(changes.name.to as string))
      throw new DomainException('VALIDATION_FAILED', [
        fieldError(fieldPrefix ? `${fieldPrefix}.name` : 'name', 'isNotEmpty', 'name should not be empty'),
      ]);
    const sets = Object.keys(changes).map((key, i) => `${COLUMN[key as Detail]} = $${i + 2}`);
    await m.query(`UPDATE companies SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [
      companyId,
      ...Object.values(changes).map((c) => c.to),
    ]);
    await this.audit.record(m, {
      actorId,
      action: 'company.update',
      targetType: 'company',
      targetId: companyId,
      organizationId: (changes.incubatorId?.to as string | null | undefined) ?? row.incubator_id,
      details: { changes },
    });
  }

  private async setOwnerRow(
    m: EntityManager,
    actorId: string,
    companyId: string,
    ownerId: string | null,
    reason: string,
  ): Promise<void> {
    const [before]: { owner_id: string | null; incubator_id: string | null }[] = await m.query(
      `SELECT owner_id, incubator_id FROM companies WHERE id = $1`,
      [companyId],
    );
    await m.query(`UPDATE companies SET owner_id = $2, updated_at = now() WHERE id = $1`, [
      companyId,
      ownerId,
    ]);
    await this.audit.record(m, {
      actorId,
      action: 'company.owner',
      targetType: 'company',
      targetId: companyId,
      organizationId: before.incubator_id,
      details: { from: before.owner_id, to: ownerId, reason },
    });
  }

  private async row(m: EntityManager, id: string, lock = false): Promise<CompanyRow | undefined> {
    const [row]: CompanyRow[] = await m.query(
      `SELECT c.id, c.name, c.credit_code, c.stage, c.industry, c.incubator_id, c.owner_id,
              o.display_name AS owner_name
         FROM companies c LEFT JOIN users o ON o.id = c.owner_id
        WHERE c.id = $1 ${lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
      [id],
    );
    return row;
  }

  /** Members see their company; organizers of its incubator and admins see it too. */
  private async maySee(m: EntityManager, actor: Principal, row: CompanyRow): Promise<boolean> {
    if (this.organizesIncubator(viewerOf(actor), row)) return true;
    const [member] = await m.query(`SELECT 1 FROM users WHERE id = $1 AND company_id = $2`, [
      actor.userId,
      row.id,
    ]);
    return Boolean(member);
  }

  private mayEdit(row: CompanyRow, viewer: CompanyViewer): boolean {
    return row.owner_id === viewer.userId || this.organizesIncubator(viewer, row);
  }

  private organizesIncubator(viewer: CompanyViewer, row: CompanyRow): boolean {
    return viewer.admin || (row.incubator_id !== null && viewer.organizationIds.includes(row.incubator_id));
  }

  private toView(row: CompanyRow, viewer: CompanyViewer): CompanyView {
    return {
      id: row.id,
      name: row.name,
      creditCode: row.credit_code,
      stage: row.stage,
      industry: row.industry,
      incubatorId: row.incubator_id,
      ownerId: row.owner_id,
      ownerName: row.owner_name,
      editable: this.mayEdit(row, viewer),
    };
  }

  /** The credit code normalized (null for none); 400 INVALID_CREDIT_CODE when its check character is wrong. */
  private creditCode(raw: string | null | undefined, field: string): string | null {
    const code = raw ? normalizeCreditCode(raw) : null;
    if (code && !isValidCreditCode(code))
      throw new DomainException('INVALID_CREDIT_CODE', [
        fieldError(field, 'creditCodeCheck', 'check character does not match (GB 32100)'),
      ]);
    return code;
  }

  private async assertCarrier(id: string | null | undefined, field: string): Promise<void> {
    if (id && !(await this.organizations.exists(id)))
      throw new DomainException('VALIDATION_FAILED', [
        fieldError(field, 'unknownCarrier', `${field} names no carrier`),
      ]);
  }
}
