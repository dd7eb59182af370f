import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import {
  GRANTABLE_ROLES,
  isValidCreditCode,
  normalizeCreditCode,
  type CompanyView,
  type Locale,
  type Role,
  type UserSummary,
  type UserView,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { effectiveRoles, isAdmin, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { revokeSessions } from '../common/auth/sessions';
import { rows } from '../common/database/rows';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { OrganizationsService } from '../organizations/organizations.service';
import { Company } from './company.entity';
import type { CompanyDto, UpdateProfileDto } from './dto/profile.dto';
import { User } from './user.entity';
import { fieldError } from '../common/errors/validation';
import { assertTimeZone } from '../common/validation/time-zone';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  locale: Locale;
  roles?: User['roles'];
}

function companyView(c: Company): CompanyView {
  return {
    id: c.id,
    name: c.name,
    creditCode: c.creditCode,
    stage: c.stage,
    industry: c.industry,
    incubatorId: c.incubatorId,
  };
}

/** Accounts, their roles and the founder's company. */
@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly audit: AuditService,
  ) {}

  /** Inserts an account; a taken email is 409 EMAIL_TAKEN. */
  async create(manager: EntityManager, input: NewUser): Promise<User> {
    try {
      const result = await manager.insert(User, {
        email: input.email.toLowerCase(),
        passwordHash: input.passwordHash,
        displayName: input.displayName.trim(),
        locale: input.locale,
        timeZone: 'Asia/Shanghai',
        roles: input.roles ?? [],
      });
      return manager.findOneByOrFail(User, { id: result.identifiers[0].id as string });
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('EMAIL_TAKEN', 409);
      throw error;
    }
  }

  /** The account with its password hash, for log-in and password checks. */
  findWithPassword(where: { email: string } | { id: string }): Promise<User | null> {
    const key = 'email' in where ? { email: where.email.toLowerCase() } : { id: where.id };
    return this.users.createQueryBuilder('u').addSelect('u.passwordHash').where(key).getOne();
  }

  findByEmailAddress(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: email.trim().toLowerCase() });
  }

  async setPasswordHash(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.update(User, { id: userId }, { passwordHash });
  }

  async view(userId: string): Promise<UserView> {
    const user = await this.users.findOneBy({ id: userId });
    if (!user) throw notFound();
    const [organizations, company] = await Promise.all([
      this.organizations.membershipsOf(userId),
      user.companyId ? this.dataSource.getRepository(Company).findOneBy({ id: user.companyId }) : null,
    ]);
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      timeZone: user.timeZone,
      phone: user.phone,
      roles: effectiveRoles(user.roles, organizations.length > 0),
      organizations,
      company: company ? companyView(company) : null,
      createdAt: user.createdAt.toISOString(),
    };
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<UserView> {
    assertTimeZone(dto.timeZone);
    await this.dataSource.transaction(async (m) => {
      const changes: Partial<User> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName.trim();
      if (dto.locale !== undefined) changes.locale = dto.locale;
      if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
      if (dto.phone !== undefined) changes.phone = dto.phone === null ? null : dto.phone.trim();
      if (dto.company !== undefined)
        changes.companyId = dto.company === null ? null : await this.upsertCompany(m, userId, dto.company);
      if (Object.keys(changes).length > 0) await m.update(User, { id: userId }, changes);
    });
    return this.view(userId);
  }

  /**
   * One company is one record: found by its credit code where given, else by its name among companies
   * without a code; created when new. Its name and details (stage, industry, incubator) change only
   * by a founder who already belongs to it, or who is the only one: naming someone else's company
   * joins it without rewriting it.
   */
  private async upsertCompany(m: EntityManager, userId: string, dto: CompanyDto): Promise<string> {
    const creditCode = dto.creditCode ? normalizeCreditCode(dto.creditCode) : null;
    if (creditCode && !isValidCreditCode(creditCode)) {
      throw new DomainException('INVALID_CREDIT_CODE', 400, [
        fieldError('company.creditCode', 'creditCodeCheck', 'check character does not match (GB 32100)'),
      ]);
    }
    if (dto.incubatorId && !(await this.organizations.exists(dto.incubatorId))) {
      throw new DomainException('VALIDATION_FAILED', 400, [
        fieldError('company.incubatorId', 'unknownCarrier', 'company.incubatorId names no carrier'),
      ]);
    }
    const name = dto.name.trim();
    const rows: { id: string }[] = await m.query(
      creditCode
        ? `INSERT INTO companies (name, credit_code) VALUES ($1, $2)
           ON CONFLICT (credit_code) WHERE credit_code IS NOT NULL DO UPDATE SET updated_at = companies.updated_at
           RETURNING id`
        : `INSERT INTO companies (name) VALUES ($1)
           ON CONFLICT (lower(name)) WHERE credit_code IS NULL DO UPDATE SET updated_at = companies.updated_at
           RETURNING id`,
      creditCode ? [name, creditCode] : [name],
    );
    const id = rows[0].id;
    const [{ others }]: { others: boolean }[] = await m.query(
      `SELECT EXISTS (SELECT 1 FROM users WHERE company_id = $1 AND id <> $2)
              AND NOT EXISTS (SELECT 1 FROM users WHERE company_id = $1 AND id = $2) AS others`,
      [id, userId],
    );
    if (others) return id;
    const details: Partial<Company> = { name };
    if (dto.stage !== undefined) details.stage = dto.stage;
    if (dto.industry !== undefined) details.industry = dto.industry;
    if (dto.incubatorId !== undefined) details.incubatorId = dto.incubatorId;
    if (Object.keys(details).length > 0) await m.update(Company, { id }, details);
    return id;
  }

  /**
   * Exact email look-up for admins and organizers (adding an organizer, inviting a mentor). Only
   * admins learn whether two-step sign-in is on: they are the ones who reset it.
   */
  /**
   * An account by email: organizers learn who it is (name, company) to work with them; roles and
   * two-step state are admins' business (who grants roles and resets lost phones).
   */
  async findByEmail(caller: Principal, email: string): Promise<UserSummary[]> {
    const user = await this.users.findOneBy({ email: email.toLowerCase() });
    if (!user) return [];
    const company = user.companyId
      ? await this.dataSource.getRepository(Company).findOneBy({ id: user.companyId })
      : null;
    const summary: UserSummary = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      companyName: company?.name ?? null,
    };
    if (isAdmin(caller)) {
      summary.roles = effectiveRoles(user.roles, false);
      summary.mfaEnabled = user.totpEnabledAt !== null;
    }
    return [summary];
  }

  async grantRole(actor: Principal, userId: string, role: Exclude<Role, 'founder'>): Promise<UserView> {
    await this.dataSource.transaction(async (m) => {
      const updated = await rows(
        m,
        `UPDATE users SET roles = CASE WHEN $2 = ANY(roles) THEN roles ELSE array_append(roles, $2) END, updated_at = now()
          WHERE id = $1 RETURNING id`,
        [userId, role],
      );
      if (updated.length === 0) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'user.role.grant',
        targetType: 'user',
        targetId: userId,
        details: { role },
      });
    });
    return this.view(userId);
  }

  async removeRole(actor: Principal, userId: string, role: string): Promise<UserView> {
    if (!(GRANTABLE_ROLES as readonly string[]).includes(role))
      throw new DomainException('ROLE_NOT_GRANTABLE', 400);
    await this.dataSource.transaction(async (m) => {
      if (role === 'admin') {
        // Serialize admin removals so two admins removing each other cannot leave none.
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.admins'))`);
        const [{ admins }] = await m.query(
          `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles) AND id <> $1`,
          [userId],
        );
        if (admins === 0) throw new DomainException('LAST_ADMIN', 409);
      }
      const updated = await rows(
        m,
        `UPDATE users SET roles = array_remove(roles, $2), updated_at = now() WHERE id = $1 RETURNING id`,
        [userId, role],
      );
      if (updated.length === 0) throw notFound();
      if (role === 'organizer') await this.organizations.removeAllMemberships(m, userId);
      // Rights taken away end the account's sessions: the next request signs in again.
      await revokeSessions(m, userId);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'user.role.remove',
        targetType: 'user',
        targetId: userId,
        details: { role },
      });
    });
    return this.view(userId);
  }

  /** Creates or updates the admin named by WUTONG_ADMIN_EMAIL at start; its password is set only on creation. */
  async ensureAdmin(email: string, passwordHash: () => Promise<string>): Promise<'created' | 'existing'> {
    const existing = await this.users.findOneBy({ email: email.toLowerCase() });
    if (existing) {
      if (!existing.roles.includes('admin')) {
        await this.users.query(`UPDATE users SET roles = array_append(roles, 'admin') WHERE id = $1`, [
          existing.id,
        ]);
      }
      return 'existing';
    }
    await this.dataSource.transaction(async (m) => {
      await this.create(m, {
        email,
        passwordHash: await passwordHash(),
        displayName: '平台管理员',
        locale: 'zh-CN',
        roles: ['admin'],
      });
    });
    return 'created';
  }
}
