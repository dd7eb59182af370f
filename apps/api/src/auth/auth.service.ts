import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, type AuthResponse, type Locale, type Role } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { effectiveRoles, type Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import type { ChangePasswordDto, LoginDto, PasswordResetConfirmDto, SignupDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { fieldError } from '../common/errors/validation';
import { rows } from '../common/database/rows';
import { revokeSessions } from '../common/auth/sessions';
import { SecurityLog } from '../common/security/security-log';
import { MfaService } from './mfa.service';

const RESET_VALID_MINUTES = 60;
/**
 * A reset request answers after this long whether or not the email is known, so the answer's timing
 * does not tell (the known case writes a token and a mail, ~5 ms).
 */
const RESET_ANSWER_MS = 120;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

interface TokenClaims {
  sub: string;
  sid: string;
}

interface PrincipalRow {
  user_id: string;
  mfa: boolean;
  roles: Exclude<Role, 'founder'>[];
  locale: Locale;
  organization_ids: string[];
}

/** Sign-up, log-in, sessions, password change and reset. */
@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    private readonly passwords: PasswordService,
    private readonly notifications: NotificationsService,
    private readonly mfa: MfaService,
    private readonly securityLog: SecurityLog,
  ) {}

  async signup(dto: SignupDto, userAgent?: string): Promise<AuthResponse> {
    this.passwords.assertStrong(dto.password, dto.email);
    const passwordHash = await this.passwords.hash(dto.password);
    const locale = dto.locale ?? DEFAULT_LOCALE;
    const token = await this.dataSource.transaction(async (m) => {
      const user = await this.users.create(m, {
        email: dto.email,
        passwordHash,
        displayName: dto.displayName,
        locale,
      });
      await this.notifications.enqueue(m, 'welcome', user, {
        displayName: user.displayName,
        appUrl: this.config.publicUrl,
      });
      return this.openSession(m, user.id, userAgent);
    });
    this.securityLog.record('signup', { userId: token.userId, email: dto.email.toLowerCase() });
    return { user: await this.users.view(token.userId), accessToken: token.accessToken };
  }

  /**
   * Unknown email and wrong password get the same answer, after the same query and argon2 work.
   * Accounts with two-step sign-in also need a current code (`otp`), good once.
   */
  async login(dto: LoginDto, ip: string, userAgent?: string): Promise<AuthResponse> {
    const email = dto.email.trim().toLowerCase();
    const user = await this.users.findWithPassword({ email });
    const ok = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) {
      this.securityLog.record('signin.failed', { email, ip, known: Boolean(user) });
      throw new DomainException('INVALID_CREDENTIALS', 401);
    }
    const mfa = await this.mfa.isEnabled(user.id);
    if (mfa) {
      if (!dto.otp) throw new DomainException('MFA_CODE_REQUIRED', 401);
      if (!(await this.mfa.acceptCode(user.id, dto.otp))) {
        this.securityLog.record('signin.mfa_failed', { userId: user.id, ip });
        throw new DomainException('INVALID_MFA_CODE', 401);
      }
    }
    const token = await this.openSession(this.dataSource.manager, user.id, userAgent, mfa);
    this.securityLog.record('signin.succeeded', { userId: user.id, ip, mfa });
    return { user: await this.users.view(user.id), accessToken: token.accessToken };
  }

  async logout(principal: Principal): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [principal.sessionId],
    );
  }

  /** Ends every session of the user and opens a fresh one for the device that changed the password. */
  async changePassword(
    principal: Principal,
    dto: ChangePasswordDto,
    userAgent?: string,
  ): Promise<{ accessToken: string }> {
    const user = await this.users.findWithPassword({ id: principal.userId });
    if (!user || !(await this.passwords.verify(user.passwordHash, dto.currentPassword))) {
      throw new DomainException('WRONG_PASSWORD', 400, [
        fieldError('currentPassword', 'currentPasswordMismatch', 'currentPassword does not match'),
      ]);
    }
    this.passwords.assertStrong(dto.newPassword, user.email, 'newPassword');
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const result = await this.dataSource.transaction(async (m) => {
      await this.users.setPasswordHash(m, user.id, passwordHash);
      await revokeSessions(m, user.id);
      await this.notifications.enqueue(m, 'passwordChanged', user, { displayName: user.displayName });
      const { accessToken } = await this.openSession(m, user.id, userAgent, principal.mfa);
      return { accessToken };
    });
    this.securityLog.record('password.changed', { userId: user.id });
    return result;
  }

  /** Mails a one-time link when the email is known; answers alike, after RESET_ANSWER_MS, either way. */
  async requestPasswordReset(email: string, ip: string): Promise<void> {
    const answerAt = Date.now() + RESET_ANSWER_MS;
    try {
      await this.sendResetLink(email, ip);
    } finally {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
    }
  }

  private async sendResetLink(email: string, ip: string): Promise<void> {
    const user = await this.users.findByEmailAddress(email);
    this.securityLog.record('password.reset_requested', {
      email: email.trim().toLowerCase(),
      ip,
      known: !!user,
    });
    if (!user) return;
    const secret = randomBytes(32).toString('base64url');
    await this.dataSource.transaction(async (m) => {
      await m.query(
        `INSERT INTO password_reset_tokens (user_id, token_hash, expires_at)
         VALUES ($1, $2, now() + make_interval(mins => $3))`,
        [user.id, sha256(secret), RESET_VALID_MINUTES],
      );
      await this.notifications.enqueue(m, 'passwordReset', user, {
        displayName: user.displayName,
        resetUrl: `${this.config.publicUrl}/reset-password?token=${secret}`,
        validMinutes: RESET_VALID_MINUTES,
      });
    });
  }

  /** Sets the new password if the link is valid and unused; every session of the account ends. */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    const invalid = () => new DomainException('INVALID_RESET_TOKEN', 400);
    const [row]: { user_id: string; email: string }[] = await this.dataSource.query(
      `SELECT t.user_id, u.email FROM password_reset_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1 AND t.used_at IS NULL AND t.expires_at > now()`,
      [sha256(dto.token)],
    );
    if (!row) throw invalid();
    this.passwords.assertStrong(dto.password, row.email);
    const passwordHash = await this.passwords.hash(dto.password);
    await this.dataSource.transaction(async (m) => {
      // The conditional update makes the link single-use even when two requests race.
      const used = await rows(
        m,
        `UPDATE password_reset_tokens SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL RETURNING id`,
        [sha256(dto.token)],
      );
      if (used.length === 0) throw invalid();
      await m.query(
        `UPDATE password_reset_tokens SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`,
        [row.user_id],
      );
      await this.users.setPasswordHash(m, row.user_id, passwordHash);
      await revokeSessions(m, row.user_id);
    });
    this.securityLog.record('password.reset', { userId: row.user_id });
  }

  /**
   * Resolves a bearer token to who is asking: checks the signature (HS256 only) and expiry, then, in
   * one query, that its session is still open and what the user's roles and carriers are now.
   */
  async authenticate(token: string): Promise<Principal | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!UUID.test(String(claims.sub)) || !UUID.test(String(claims.sid))) return null;
    const [row]: PrincipalRow[] = await this.dataSource.query(
      `SELECT u.id AS user_id, u.roles, u.locale, s.mfa,
              ARRAY(SELECT m.organization_id FROM organization_members m WHERE m.user_id = u.id) AS organization_ids
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [claims.sid, claims.sub],
    );
    if (!row) return null;
    let roles = effectiveRoles(row.roles, row.organization_ids.length > 0);
    // AUTH_ADMIN_MFA=required: an admin session without a second factor has no admin rights.
    const adminAwaitingMfa = this.config.adminMfa === 'required' && roles.includes('admin') && !row.mfa;
    if (adminAwaitingMfa) roles = roles.filter((r) => r !== 'admin');
    return {
      userId: row.user_id,
      sessionId: claims.sid,
      roles,
      organizationIds: row.organization_ids,
      locale: row.locale,
      mfa: row.mfa,
      adminAwaitingMfa,
    };
  }

  private async openSession(
    m: EntityManager,
    userId: string,
    userAgent?: string,
    mfa = false,
  ): Promise<{ userId: string; accessToken: string }> {
    const [session]: { id: string; expires_at: Date }[] = await m.query(
      `INSERT INTO auth_sessions (user_id, expires_at, user_agent, mfa) VALUES ($1, now() + $2::interval, $3, $4)
       RETURNING id, expires_at`,
      [userId, this.ttlInterval(), userAgent?.slice(0, 300) ?? null, mfa],
    );
    const accessToken = await this.jwt.signAsync({ sub: userId, sid: session.id } satisfies TokenClaims, {
      algorithm: 'HS256',
      expiresIn: Math.floor((session.expires_at.getTime() - Date.now()) / 1000),
    });
    return { userId, accessToken };
  }

  private ttlInterval(): string {
    const unit = { s: 'seconds', m: 'minutes', h: 'hours', d: 'days' }[this.config.jwtTtl.slice(-1)]!;
    return `${this.config.jwtTtl.slice(0, -1)} ${unit}`;
  }
}
