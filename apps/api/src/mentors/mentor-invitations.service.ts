import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { AuditService } from '../audit/audit.service';
import type { Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { NotificationsService } from '../notifications/notifications.service';
import { addRole } from '../users/account-columns';
import { MentorsService } from './mentors.service';
import { rows } from '../common/database/rows';

const VALID_DAYS = 14;

/**
 * Invitations one inviter may send in 24 hours. Each is a mail to an address of the inviter's
 * choosing, so a stolen or careless organizer account must not become a mail cannon; onboarding a
 * whole mentor team is spread over a few days, or done by several organizers.
 */
export const INVITATIONS_PER_DAY = 20;

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
      // One inviter's invitations are counted one at a time, so parallel requests cannot pass the limit.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('mentor-invitations:' || $1, 0))`, [
        actor.userId,
      ]);
      const [recent]: { sent: number; oldest: Date | null }[] = await m.query(
        `SELECT count(*)::int AS sent, min(created_at) AS oldest FROM mentor_invitations
          WHERE invited_by = $1 AND created_at > now() - interval '24 hours'`,
        [actor.userId],
      );
      if (recent.sent >= INVITATIONS_PER_DAY) {
        const retryAfter = Math.max(
          1,
          Math.ceil((recent.oldest!.getTime() + 24 * 3600_000 - Date.now()) / 1000),
        );
        throw new DomainException('RATE_LIMITED', { limit: INVITATIONS_PER_DAY }, { retryAfter });
      }
      const organizationId = actor.organizationIds[0] ?? null;
      const [inviter]: { display_name: string; carrier: string | null }[] = await m.query(
        `SELECT u.display_name, (SELECT name FROM organizations WHERE id = $2) AS carrier
           FROM users u WHERE u.id = $1`,
        [actor.userId, organizationId],
      );
      const [invitee]: { locale: Locale }[] = await m.query(`SELECT locale FROM users WHERE email = $1`, [
        email,
      ]);
      const [row]: { id: string; expires_at: Date }[] = await m.query(
        `INSERT INTO mentor_invitations (email, token_hash, invited_by, organization_id, expires_at)
         VALUES ($1, $2, $3, $4, now() + make_interval(days => $5)) RETURNING id, expires_at`,
        [email, sha256(token), actor.userId, organizationId, VALID_DAYS],
      );
      await this.notifications.enqueue(
        m,
        'mentorInvitation',
        { email, locale: invitee?.locale ?? 'zh-CN' },
        {
          inviterName: inviter?.display_name ?? '梧桐',
          carrierName: inviter?.carrier ?? null,
          inviteeEmail: email,
          acceptUrl: `${this.config.publicUrl}/mentor-invite?token=${token}`,
          validDays: VALID_DAYS,
        },
        { organizationId },
      );
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'mentor.invite',
        targetType: 'mentor_invitation',
        targetId: row.id,
        organizationId,
        details: { email },
      });
      return { email, expiresAt: row.expires_at.toISOString() };
    });
  }

  /**
   * Grants the mentor role to the signed-in caller when the invitation was sent to the caller's
   * address; the token works once and until it expires. A valid link used by another account is
   * refused without using it up (403 INVITATION_EMAIL_MISMATCH), so its owner can still accept.
   */
  async accept(caller: Principal, token: string): Promise<{ roles: string[] }> {
    return this.dataSource.transaction(async (m) => {
      const [invitation]: { id: string; email: string }[] = await m.query(
        `SELECT id, email FROM mentor_invitations
          WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > now() FOR UPDATE`,
        [sha256(token)],
      );
      if (!invitation) throw new DomainException('INVALID_INVITATION');
      if (!(await this.isInvitedAddress(m, caller.userId, invitation.email)))
        throw new DomainException('INVITATION_EMAIL_MISMATCH');
      const claimed = await rows<{ id: string }>(
        m,
        `UPDATE mentor_invitations SET accepted_at = now(), accepted_by = $2
          WHERE id = $1 AND accepted_at IS NULL RETURNING id`,
        [invitation.id, caller.userId],
      );
      if (claimed.length === 0) throw new DomainException('INVALID_INVITATION');
      const roles = await addRole(m, caller.userId, 'mentor');
      await this.mentors.ensureProfile(m, caller.userId);
      await this.audit.record(m, {
        actorId: caller.userId,
        action: 'user.role.grant',
        targetType: 'user',
        targetId: caller.userId,
        details: { role: 'mentor', invitation: claimed[0].id },
      });
      return { roles: ['founder', ...roles] };
    });
  }

  /**
   * Whether the account holds the address the invitation was sent to, verified: otherwise someone
   * could sign up with the invited address, never confirm it, and accept a forwarded link. An
   * unverified holder is asked to verify first (403 EMAIL_NOT_VERIFIED).
   */
  private async isInvitedAddress(m: EntityManager, userId: string, invitedEmail: string): Promise<boolean> {
    const [row]: { email: string | null; email_verified_at: Date | null }[] = await m.query(
      `SELECT email, email_verified_at FROM users WHERE id = $1`,
      [userId],
    );
    const holds = !!row?.email && row.email.toLowerCase() === invitedEmail.toLowerCase();
    if (holds && !row.email_verified_at) throw new DomainException('EMAIL_NOT_VERIFIED');
    return holds;
  }
}
