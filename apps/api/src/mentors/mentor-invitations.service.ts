import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { MentorsService } from './mentors.service';
import { rows } from '../common/database/rows';

const VALID_DAYS = 14;

export const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Admins and organizers invite mentors by mail; the link grants the mentor role once. */
@Injectable()
export class MentorInvitationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly notifications: NotificationsService,
    private readonly mentors: MentorsService,
    private readonly audit: AuditService,
  ) {}

  async invite(actor: Principal, rawEmail: string): Promise<{ email: string; expiresAt: string }> {
    const email = rawEmail.trim().toLowerCase();
    const token = randomBytes(32).toString('base64url');
    return this.dataSource.transaction(async (m) => {
      const [inviter]: { display_name: string }[] = await m.query(
        `SELECT display_name FROM users WHERE id = $1`,
        [actor.userId],
      );
      const [invitee]: { locale: Locale }[] = await m.query(`SELECT locale FROM users WHERE email = $1`, [
        email,
      ]);
      const [row]: { id: string; expires_at: Date }[] = await m.query(
        `INSERT INTO mentor_invitations (email, token_hash, invited_by, organization_id, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id, expires_at`,
        [email, sha256(token), actor.userId, actor.organizationIds[0] ?? null, VALID_DAYS],
      );
      await this.notifications.enqueue(
        m,
        'mentorInvitation',
        { email, locale: invitee?.locale ?? 'zh-CN' },
        {
          inviterName: inviter?.display_name ?? '梧桐',
          acceptUrl: `${this.config.publicUrl}/mentor-invite?token=${token}`,
          validDays: VALID_DAYS,
        },
        { organizationId: actor.organizationIds[0] ?? null },
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'mentor.invite',
        targetType: 'mentor_invitation',
        targetId: row.id,
        organizationId: actor.organizationIds[0] ?? null,
        details: { email },
      });
      return { email, expiresAt: row.expires_at.toISOString() };
    });
  }

  /** Grants the mentor role to the signed-in caller; the token works once and until it expires. */
  async accept(caller: Principal, token: string): Promise<{ roles: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const claimed = await rows<{ id: string }>(
        m,
        `UPDATE mentor_invitations SET accepted_at = now(), accepted_by = $2
          WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() RETURNING id`,
        [sha256(token), caller.userId],
      );
      if (claimed.length === 0) throw new DomainException('INVALID_INVITATION', 400);
      const [user] = await rows<{ roles: string[] }>(
        m,
        `UPDATE users SET roles = CASE WHEN 'mentor' = ANY(roles) THEN roles ELSE array_append(roles, 'mentor') END,
                updated_at = now()
          WHERE id = $1 RETURNING roles`,
        [caller.userId],
      );
      await this.mentors.ensureProfile(m, caller.userId);
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'user.role.grant',
        targetType: 'user',
        targetId: caller.userId,
        details: { role: 'mentor', invitation: claimed[0].id },
      });
      return { roles: ['founder', ...user.roles] };
    });
  }
}
