import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { GRANTABLE_ROLES, type Locale, type Role, type UserSummary, type UserView } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { effectiveRoles, isAdmin, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { revokeSessions } from '../auth/sessions';
import { updateColumns } from '../common/database/records';
import { rows } from '../common/database/rows';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { OrganizationsService } from '../organizations/organizations.service';
import { CompaniesService } from '../companies/companies.service';
import type { UpdateProfileDto } from './dto/profile.dto';
import { USER_COLUMNS, type UserRecord } from './user.record';
import { assertTimeZone } from '../common/validation/time-zone';

export interface NewUser {
  email: string;
  passwordHash: string;
  displayName: string;
  locale: Locale;
  roles?: UserRecord['roles'];
  /** Accounts whose address an operator or a fixture vouches for (the first admin, demo data). */
  verified?: boolean;
}

/** Accounts, their roles and the founder's company. */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly companies: CompaniesService,
    private readonly audit: AuditService,
  ) {}

  /** Inserts an account; a taken email is 409 EMAIL_TAKEN. */
  async create(manager: EntityManager, input: NewUser): Promise<UserRecord> {
    try {
      const [user] = await rows<UserRecord>(
        manager,
        `INSERT INTO users (email, password_hash, display_name, locale, time_zone, roles, verified_at, email_verified_at)
         VALUES ($1, $2, $3, $4, 'Asia/Shanghai', $5, CASE WHEN $6 THEN now() END, CASE WHEN $6 THEN now() END)
         RETURNING ${USER_COLUMNS}`,
        [
          input.email.toLowerCase(),
          input.passwordHash,
          input.displayName.trim(),
          input.locale,
          input.roles ?? [],
          input.verified === true,
        ],
      );
      return user;
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('EMAIL_TAKEN');
      throw error;
    }
  }

  /**
   * A founder made by phone sign-in: no email and no password until added; the texted code proved
   * the number, so the account is verified. A number verified meanwhile by another account: PHONE_TAKEN.
   */
  async createByPhone(
    manager: EntityManager,
    input: { phone: string; displayName: string; locale: Locale },
  ): Promise<UserRecord> {
    try {
      const [user] = await rows<UserRecord>(
        manager,
        `INSERT INTO users (email, password_hash, display_name, locale, time_zone, verified_phone, verified_at)
         VALUES (NULL, NULL, $1, $2, 'Asia/Shanghai', $3, now())
         RETURNING ${USER_COLUMNS}`,
        [input.displayName.trim(), input.locale, input.phone],
      );
      return user;
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('PHONE_TAKEN');
      throw error;
    }
  }

  /** The account that verified this number (E.164), if any. */
  findByVerifiedPhone(phone: string): Promise<UserRecord | null> {
    return this.findOne('verified_phone', phone);
  }

  /** Records the number the account confirmed by text; verified by another account: 409 PHONE_TAKEN. */
  async setVerifiedPhone(manager: EntityManager, userId: string, phone: string): Promise<void> {
    try {
      await manager.query(
        `UPDATE users SET verified_phone = $2, verified_at = coalesce(verified_at, now()), updated_at = now()
          WHERE id = $1`,
        [userId, phone],
      );
    } catch (error) {
      if (pgError(error)?.code === PG.uniqueViolation) throw new DomainException('PHONE_TAKEN');
      throw error;
    }
  }

  /** The account with its password hash, for log-in and password checks. */
  async findWithPassword(
    where: { email: string } | { id: string },
  ): Promise<(UserRecord & { passwordHash: string | null }) | null> {
    const [column, value] = 'email' in where ? ['email', where.email.toLowerCase()] : ['id', where.id];
    const [user] = await rows<UserRecord & { passwordHash: string | null }>(
      this.dataSource.manager,
      `SELECT ${USER_COLUMNS}, password_hash AS "passwordHash" FROM users WHERE ${column} = $1`,
      [value],
    );
    return user ?? null;
  }

  findByEmailAddress(email: string): Promise<UserRecord | null> {
    return this.findOne('email', email.trim().toLowerCase());
  }

  async setPasswordHash(manager: EntityManager, userId: string, passwordHash: string): Promise<void> {
    await manager.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [
      userId,
      passwordHash,
    ]);
  }

  private async findOne(
    column: 'id' | 'email' | 'verified_phone',
    value: string,
  ): Promise<UserRecord | null> {
    const [user] = await rows<UserRecord>(
      this.dataSource.manager,
      `SELECT ${USER_COLUMNS} FROM users WHERE ${column} = $1`,
      [value],
    );
    return user ?? null;
  }

  async view(userId: string): Promise<UserView> {
    const user = await this.findOne('id', userId);
    if (!user) throw notFound();
    const [organizations, doorStaffOf] = await Promise.all([
      this.organizations.membershipsOf(userId),
      this.organizations.doorStaffPostsOf(userId),
    ]);
    const roles = effectiveRoles(user.roles, organizations.length > 0, doorStaffOf.length > 0);
    const company = user.companyId
      ? await this.companies.view(user.companyId, {
          userId,
          admin: roles.includes('admin'),
          organizationIds: organizations.map((o) => o.id),
        })
      : null;
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      locale: user.locale,
      timeZone: user.timeZone,
      phone: user.phone,
      verifiedPhone: user.verifiedPhone,
      roles,
      organizations,
      doorStaffOf,
      company,
      verified: user.verifiedAt !== null,
      emailVerified: user.emailVerifiedAt !== null,
      hasPassword: user.hasPassword,
      createdAt: user.createdAt.toISOString(),
    };
  }

  async updateProfile(userId: string, dto: UpdateProfileDto): Promise<UserView> {
    assertTimeZone(dto.timeZone);
    await this.dataSource.transaction(async (m) => {
      const changes: Partial<UserRecord> = {};
      if (dto.displayName !== undefined) changes.displayName = dto.displayName.trim();
      if (dto.locale !== undefined) changes.locale = dto.locale;
      if (dto.timeZone !== undefined) changes.timeZone = dto.timeZone;
      if (dto.phone !== undefined) changes.phone = dto.phone === null ? null : dto.phone.trim();
      if (dto.company !== undefined)
        changes.companyId = await this.companies.changeMembership(m, userId, dto.company);
      await updateColumns(m, 'users', ['id', userId], changes);
    });
    return this.view(userId);
  }

  /**
   * An account by email: organizers learn who it is (name, company) to work with them; roles and
   * two-step state are admins' business (who grants roles and resets lost phones).
   */
  async findByEmail(caller: Principal, email: string): Promise<UserSummary[]> {
    const user = await this.findOne('email', email.toLowerCase());
    if (!user) return [];
    const summary: UserSummary = {
      id: user.id,
      email: email.toLowerCase(),
      displayName: user.displayName,
      companyName: await this.companies.nameOf(user.companyId),
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
      throw new DomainException('ROLE_NOT_GRANTABLE');
    await this.dataSource.transaction(async (m) => {
      if (role === 'admin') {
        // Serialize admin removals so two admins removing each other cannot leave none.
        await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.admins'))`);
        const [{ admins }] = await m.query(
          // A deactivated admin cannot act: they do not count as the one left.
          `SELECT count(*)::int AS admins FROM users WHERE 'admin' = ANY(roles) AND id <> $1 AND deactivated_at IS NULL`,
          [userId],
        );
        if (admins === 0) throw new DomainException('LAST_ADMIN');
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

  /**
   * Creates or updates the admin named by WUTONG_ADMIN_EMAIL at start; its password is set only on
   * creation. The operator vouches for the address: the account counts as verified.
   */
  async ensureAdmin(email: string, passwordHash: () => Promise<string>): Promise<'created' | 'existing'> {
    const existing = await this.findOne('email', email.toLowerCase());
    if (existing) {
      await this.dataSource.query(
        `UPDATE users SET roles = CASE WHEN 'admin' = ANY(roles) THEN roles ELSE array_append(roles, 'admin') END,
                          verified_at = coalesce(verified_at, now()), email_verified_at = coalesce(email_verified_at, now())
          WHERE id = $1`,
        [existing.id],
      );
      return 'existing';
    }
    await this.dataSource.transaction(async (m) => {
      await this.create(m, {
        email,
        passwordHash: await passwordHash(),
        displayName: '平台管理员',
        locale: 'zh-CN',
        roles: ['admin'],
        verified: true,
      });
    });
    return 'created';
  }
}
