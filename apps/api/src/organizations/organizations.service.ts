import { revokeSessions } from '../auth/sessions';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  DEFAULT_TIME_ZONE,
  type DoorStaffView,
  type MemberView,
  type OrganizationMembershipView,
  type OrganizationView,
} from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import { isAdmin, organizes, type Principal } from '../common/auth/principal';
import { PG, pgError } from '../common/database/pg-errors';
import { DomainException, forbidden, notFound } from '../common/errors/domain.exception';
import type { CreateOrganizationDto, UpdateOrganizationDto } from './dto/organization.dto';
import { rows } from '../common/database/rows';
import { ORGANIZATION_COLUMNS, type Organization } from './organization.record';
import { fieldError } from '../common/errors/validation';
import { assertTimeZone } from '../common/validation/time-zone';

export function toOrganizationView(o: Organization): OrganizationView {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    parentId: o.parentId,
    timeZone: o.timeZone,
    createdAt: o.createdAt.toISOString(),
  };
}

/** The base and its carriers, and who organizes each. */
@Injectable()
export class OrganizationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(): Promise<OrganizationView[]> {
    const all: Organization[] = await this.dataSource.query(
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations ORDER BY name`,
    );
    return all.map(toOrganizationView);
  }

  async get(id: string): Promise<OrganizationView> {
    return toOrganizationView(await this.findOrFail(id));
  }

  async create(actor: Principal, dto: CreateOrganizationDto): Promise<OrganizationView> {
    this.checkTimeZone(dto.timeZone);
    return this.dataSource.transaction(async (m) => {
      if (dto.parentId) await this.findOrFail(dto.parentId, m, 'parentId');
      const saved = await this.saveMapped(() =>
        rows<Organization>(
          m,
          `INSERT INTO organizations (name, kind, parent_id, time_zone) VALUES ($1, $2, $3, $4)
           RETURNING ${ORGANIZATION_COLUMNS}`,
          [dto.name.trim(), dto.kind ?? 'other', dto.parentId ?? null, dto.timeZone ?? DEFAULT_TIME_ZONE],
        ),
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'organization.create',
        targetType: 'organization',
        targetId: saved.id,
        organizationId: saved.id,
      });
      return toOrganizationView(saved);
    });
  }

  /**
   * Organizers of the carrier edit its name and time zone; its place in the tree (kind, parent) is
   * the admins' to set. Sending the current kind or parent unchanged is no change.
   */
  async update(actor: Principal, id: string, dto: UpdateOrganizationDto): Promise<OrganizationView> {
    this.checkTimeZone(dto.timeZone);
    return this.dataSource.transaction(async (m) => {
      const org = await this.findOrFail(id, m);
      if (!organizes(actor, id)) throw forbidden();
      const moves =
        (dto.kind !== undefined && dto.kind !== org.kind) ||
        (dto.parentId !== undefined && dto.parentId !== org.parentId);
      if (moves && !isAdmin(actor)) throw forbidden();
      if (dto.parentId !== undefined && dto.parentId !== null && dto.parentId !== org.parentId) {
        if (dto.parentId === id) throw this.invalidParent();
        await this.findOrFail(dto.parentId, m, 'parentId');
        if (await this.isAncestor(m, id, dto.parentId))
          throw new DomainException('VALIDATION_FAILED', [
            fieldError('parentId', 'parentCycle', 'parentId must not be a carrier below this one'),
          ]);
      }
      const saved = await this.saveMapped(() =>
        rows<Organization>(
          m,
          `UPDATE organizations SET name = $2, kind = $3, parent_id = $4, time_zone = $5, updated_at = now()
            WHERE id = $1 RETURNING ${ORGANIZATION_COLUMNS}`,
          [
            id,
            dto.name !== undefined ? dto.name.trim() : org.name,
            dto.kind ?? org.kind,
            dto.parentId !== undefined ? dto.parentId : org.parentId,
            dto.timeZone ?? org.timeZone,
          ],
        ),
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'organization.update',
        targetType: 'organization',
        targetId: id,
        organizationId: id,
        details: { ...dto },
      });
      return toOrganizationView(saved);
    });
  }

  /** Whether `ancestor` is `carrier` or above it (walking up from `carrier`). */
  private async isAncestor(m: EntityManager, ancestor: string, carrier: string): Promise<boolean> {
    const rows: unknown[] = await m.query(
      `WITH RECURSIVE up (id, parent_id) AS (
         SELECT id, parent_id FROM organizations WHERE id = $2
         UNION SELECT o.id, o.parent_id FROM organizations o JOIN up ON o.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $1`,
      [ancestor, carrier],
    );
    return rows.length > 0;
  }

  async listMembers(actor: Principal, organizationId: string): Promise<MemberView[]> {
    await this.findOrFail(organizationId);
    if (!organizes(actor, organizationId)) throw forbidden();
    const rows: { user_id: string; display_name: string; email: string; created_at: Date }[] =
      await this.dataSource.query(
        `SELECT m.user_id, u.display_name, u.email, m.created_at
         FROM organization_members m JOIN users u ON u.id = m.user_id
        WHERE m.organization_id = $1 ORDER BY m.created_at`,
        [organizationId],
      );
    return rows.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      since: r.created_at.toISOString(),
    }));
  }

  /** Makes the user an organizer of the carrier (idempotent). */
  async addMember(
    actor: Principal,
    organizationId: string,
    userId: string,
  ): Promise<{ organizationId: string; userId: string }> {
    await this.dataSource.transaction(async (m) => {
      await this.findOrFail(organizationId, m);
      try {
        const result = await m.query(
          `INSERT INTO organization_members (organization_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING user_id`,
          [organizationId, userId],
        );
        if (result.length > 0) {
          await this.audit.record(m, {
            actorId: actor.userId,
            action: 'organization.member.add',
            targetType: 'user',
            targetId: userId,
            organizationId,
          });
        }
      } catch (error) {
        if (pgError(error)?.code === PG.foreignKeyViolation) throw notFound();
        throw error;
      }
    });
    return { organizationId, userId };
  }

  async removeMember(actor: Principal, organizationId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const removed = await rows(
        m,
        `DELETE FROM organization_members WHERE organization_id = $1 AND user_id = $2 RETURNING user_id`,
        [organizationId, userId],
      );
      if (removed.length === 0) throw notFound();
      await revokeSessions(m, userId);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'organization.member.remove',
        targetType: 'user',
        targetId: userId,
        organizationId,
      });
    });
  }

  /** Carriers the user organizes, for their profile and their access token's principal. */
  async membershipsOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationMembershipView[]> {
    return manager.query(
      `SELECT o.id, o.name FROM organization_members m JOIN organizations o ON o.id = m.organization_id
        WHERE m.user_id = $1 ORDER BY o.name`,
      [userId],
    );
  }

  /** Carriers whose doors the user works as door staff, for their profile. */
  async doorStaffPostsOf(
    userId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<OrganizationMembershipView[]> {
    return manager.query(
      `SELECT o.id, o.name FROM door_staff d JOIN organizations o ON o.id = d.organization_id
        WHERE d.user_id = $1 ORDER BY o.name`,
      [userId],
    );
  }

  /** The carrier's door staff, for its organizers (others 403; the carrier itself is public). */
  async listDoorStaff(actor: Principal, organizationId: string): Promise<DoorStaffView[]> {
    await this.findOrFail(organizationId);
    if (!organizes(actor, organizationId)) throw forbidden();
    const found: {
      user_id: string;
      display_name: string;
      email: string | null;
      phone: string | null;
      created_at: Date;
    }[] = await this.dataSource.query(
      `SELECT d.user_id, u.display_name, u.email, coalesce(u.verified_phone, u.phone) AS phone, d.created_at
           FROM door_staff d JOIN users u ON u.id = d.user_id
          WHERE d.organization_id = $1 ORDER BY d.created_at, u.display_name`,
      [organizationId],
    );
    return found.map((r) => ({
      userId: r.user_id,
      displayName: r.display_name,
      email: r.email,
      phone: r.phone,
      since: r.created_at.toISOString(),
    }));
  }

  /**
   * Names someone door staff of the carrier (idempotent): from their next request they work the
   * doors of its events and co-hosted events, and nothing else of it.
   */
  async addDoorStaff(actor: Principal, organizationId: string, userId: string): Promise<DoorStaffView[]> {
    await this.findOrFail(organizationId);
    if (!organizes(actor, organizationId)) throw forbidden();
    await this.dataSource.transaction(async (m) => {
      const [user] = await rows<{ id: string }>(
        m,
        `SELECT id FROM users WHERE id = $1 AND deactivated_at IS NULL`,
        [userId],
      );
      if (!user)
        throw new DomainException('VALIDATION_FAILED', [
          fieldError('userId', 'unknownUser', 'userId names no active account'),
        ]);
      const added = await rows(
        m,
        `INSERT INTO door_staff (organization_id, user_id, added_by) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING RETURNING user_id`,
        [organizationId, userId, actor.userId],
      );
      if (added.length > 0)
        await this.audit.record(m, {
          actorId: actor.userId,
          action: 'organization.door_staff.add',
          targetType: 'user',
          targetId: userId,
          organizationId,
        });
    });
    return this.listDoorStaff(actor, organizationId);
  }

  /** Takes the carrier's doors away from them: their very next request is refused. */
  async removeDoorStaff(actor: Principal, organizationId: string, userId: string): Promise<DoorStaffView[]> {
    await this.findOrFail(organizationId);
    if (!organizes(actor, organizationId)) throw forbidden();
    await this.dataSource.transaction(async (m) => {
      const removed = await rows(
        m,
        `DELETE FROM door_staff WHERE organization_id = $1 AND user_id = $2 RETURNING user_id`,
        [organizationId, userId],
      );
      if (removed.length === 0) throw notFound();
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'organization.door_staff.remove',
        targetType: 'user',
        targetId: userId,
        organizationId,
      });
    });
    return this.listDoorStaff(actor, organizationId);
  }

  /** Called when the organizer role is taken away: the user stops organizing every carrier. */
  async removeAllMemberships(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`DELETE FROM organization_members WHERE user_id = $1`, [userId]);
  }

  async exists(id: string): Promise<boolean> {
    return (await this.find(this.dataSource.manager, id)) !== null;
  }

  private async findOrFail(id: string, manager?: EntityManager, field?: string): Promise<Organization> {
    const org = await this.find(manager ?? this.dataSource.manager, id);
    if (org) return org;
    if (field)
      throw new DomainException('VALIDATION_FAILED', [
        fieldError(field, 'unknownCarrier', `${field} names no carrier`),
      ]);
    throw notFound();
  }

  private async find(m: EntityManager, id: string): Promise<Organization | null> {
    const [org] = await rows<Organization>(
      m,
      `SELECT ${ORGANIZATION_COLUMNS} FROM organizations WHERE id = $1`,
      [id],
    );
    return org ?? null;
  }

  private checkTimeZone(zone: string | undefined): void {
    assertTimeZone(zone);
  }

  private invalidParent(): DomainException {
    return new DomainException('VALIDATION_FAILED', [
      fieldError('parentId', 'selfParent', 'a carrier cannot be its own parent'),
    ]);
  }

  /** Runs the INSERT or UPDATE, answering a taken name or a second base with their codes. */
  private async saveMapped(write: () => Promise<Organization[]>): Promise<Organization> {
    try {
      return (await write())[0];
    } catch (error) {
      const pg = pgError(error);
      if (pg?.code === PG.uniqueViolation && pg.constraint === 'organizations_one_base')
        throw new DomainException('BASE_EXISTS');
      if (pg?.code === PG.uniqueViolation) throw new DomainException('ORGANIZATION_NAME_TAKEN');
      throw error;
    }
  }
}
