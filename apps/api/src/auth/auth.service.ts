import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_LOCALE, LOCALES, type AuthResponse, type Locale, type Role } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { effectiveRoles, type Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { NotificationsService } from '../notifications/notifications.service';
import { UsersService } from '../users/users.service';
import type { ChangePasswordDto, LoginDto, PasswordResetConfirmDto, SignupDto } from './dto/auth.dto';
import { PasswordService } from './password.service';
import { fieldError } from '../common/errors/validation';
import { rows } from '../common/database/rows';
import { revokeSecrets } from './sessions';
import { SecurityLog } from '../common/security/security-log';
import { MfaService } from './mfa.service';
import { EmailVerification } from './email-verification.service';
import { KnownDevices } from './known-devices.service';
import { OneTimeCodes } from './one-time-codes.service';
import { SignInProtection } from './sign-in-protection';
import { PrincipalCache } from './principal-cache';

const RESET_VALID_MINUTES = 60;
/**
 * A reset request answers after this long whether or not the email is known, so the answer's timing
 * does not tell (the known case writes a token and a mail, ~5 ms).
 */
const RESET_ANSWER_MS = 120;
/** How long a mailed sign-in code works. */
const SIGN_IN_CODE_MINUTES = 15;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

interface TokenClaims {
  sub: string;
  sid: string;
}

interface PrincipalRow {
  user_id: string;
  email: string | null;
  display_name: string;
  /** Epoch ms: the earlier of the session's and the token's expiry. */
  expires_at: number;
  mfa: boolean;
  verified: boolean;
  roles: Exclude<Role, 'founder'>[];
  locale: Locale;
  organization_ids: string[];
  door_organization_ids: string[];
}

/** The session of a token and what its Principal needs: one statement per caller new to this process. */
const SESSION_PRINCIPAL_SQL = `SELECT u.id AS user_id, u.roles, u.locale, s.mfa, u.verified_at IS NOT NULL AS verified, u.email, u.display_name,
              s.expires_at,
              ARRAY(SELECT m.organization_id FROM organization_members m WHERE m.user_id = u.id) AS organization_ids,
              ARRAY(SELECT d.organization_id FROM door_staff d WHERE d.user_id = u.id) AS door_organization_ids
         FROM auth_sessions s JOIN users u ON u.id = s.user_id
        WHERE s.id = $1 AND s.user_id = $2 AND s.revoked_at IS NULL AND s.expires_at > now()
          AND u.deactivated_at IS NULL`;

/**
 * One array for every cached session without carriers, and one per set of roles: a session is cached
 * per signed-in caller (up to 100,000 per process), and these would otherwise be three arrays each.
 */
const NO_IDS: string[] = Object.freeze([]) as unknown as string[];
const rolesShared = new Map<string, PrincipalRow['roles']>();
function sharedRoles(roles: PrincipalRow['roles']): PrincipalRow['roles'] {
  const key = roles.join();
  const shared = rolesShared.get(key);
  if (shared) return shared;
  // Roles are a handful of names: the combinations are few, but never keep more than a few dozen.
  if (rolesShared.size < 64) rolesShared.set(key, Object.freeze(roles) as PrincipalRow['roles']);
  return roles;
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
    private readonly verification: EmailVerification,
    private readonly devices: KnownDevices,
    private readonly codes: OneTimeCodes,
    private readonly protection: SignInProtection,
    private readonly principals: PrincipalCache<PrincipalRow & { session_id: string }>,
  ) {}

  /**
   * A new, unverified account: the only mail it gets is the code that verifies it (no welcome with
   * the name typed here: the address may be someone else's). AUTH_SIGNUP_LIMIT per client address.
   */
  async signup(dto: SignupDto, ip: string, userAgent?: string): Promise<AuthResponse> {
    const wait = await this.protection.signupClosedFor(ip);
    if (wait > 0) {
      this.securityLog.record('throttled', { route: '/api/auth/signup', ip, by: 'signups' });
      throw new DomainException('RATE_LIMITED', undefined, { retryAfter: Math.ceil(wait / 1000) });
    }
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
      await this.verification.sendFirstCode(m, { id: user.id, email: dto.email.toLowerCase(), locale });
      const session = await this.openSession(m, user.id, userAgent);
      return { ...session, deviceToken: await this.devices.issue(m, user.id, userAgent) };
    });
    await this.protection.signedUp(ip);
    this.securityLog.record('signup', { userId: token.userId, email: dto.email.toLowerCase(), ip });
    return {
      user: await this.users.view(token.userId),
      accessToken: token.accessToken,
      deviceToken: token.deviceToken,
    };
  }

  /**
   * Unknown email and wrong password get the same answer, after the same query and argon2 work.
   * Accounts with two-step sign-in also need a current code (`otp`), good once.
   *
   * After AUTH_ACCOUNT_RATE_LIMIT wrong passwords the account is closed to unrecognised devices
   * (SignInProtection): they get 429 before the password is checked, unless the request also
   * proves more than a password — a code mailed by POST /auth/sign-in-code, or a two-step code
   * together with the right password. A recognised device (`deviceToken`) is not affected.
   */
  async login(dto: LoginDto, ip: string, userAgent?: string): Promise<AuthResponse> {
    const email = dto.email.trim().toLowerCase();
    const user = await this.users.findWithPassword({ email });
    const knownDevice = user ? await this.devices.recognise(user.id, dto.deviceToken) : null;
    const deviceId = knownDevice && !(await this.protection.deviceSpent(knownDevice)) ? knownDevice : null;
    let signInCodeId: string | null = null;
    const closedMs = deviceId ? 0 : await this.protection.accountClosedFor(email);
    if (closedMs > 0) {
      signInCodeId = user && dto.emailCode ? await this.codes.check(user.id, 'sign_in', dto.emailCode) : null;
      if (!signInCodeId) {
        const viaTwoStep = user && dto.otp ? await this.passTwoStepWhileClosed(user, dto, email, ip) : false;
        if (!viaTwoStep) {
          this.securityLog.record('signin.refused', { email, ip, seconds: Math.ceil(closedMs / 1000) });
          throw new DomainException(
            'RATE_LIMITED',
            { signInCode: true },
            { retryAfter: Math.ceil(closedMs / 1000) },
          );
        }
        return this.succeed(user!.id, ip, userAgent, true, null, null);
      }
    }
    const ok = await this.passwords.verify(user?.passwordHash ?? null, dto.password);
    if (!user || !ok) {
      this.securityLog.record('signin.failed', { email, ip, known: Boolean(user) });
      await this.failed(email, ip, deviceId);
      throw new DomainException('INVALID_CREDENTIALS');
    }
    const mfa = await this.mfa.isEnabled(user.id);
    if (mfa) {
      if (!dto.otp) throw new DomainException('MFA_CODE_REQUIRED');
      if (!(await this.mfa.acceptCode(user.id, dto.otp))) {
        this.securityLog.record('signin.mfa_failed', { userId: user.id, ip });
        await this.failed(email, ip, deviceId);
        throw new DomainException('INVALID_MFA_CODE');
      }
    }
    return this.succeed(user.id, ip, userAgent, mfa, deviceId, signInCodeId);
  }

  /**
   * Mails a one-time sign-in code when the account exists, is verified and is closed to unknown
   * devices right now; answers alike, after RESET_ANSWER_MS, whatever happened.
   */
  async requestSignInCode(email: string, ip: string): Promise<void> {
    const answerAt = Date.now() + RESET_ANSWER_MS;
    try {
      const address = email.trim().toLowerCase();
      const user = await this.users.findByEmailAddress(address);
      if (!user?.emailVerifiedAt || (await this.protection.accountClosedFor(address)) === 0) return;
      const sent = await this.dataSource.transaction(async (m) => {
        const issued = await this.codes.issue(m, user.id, 'sign_in', SIGN_IN_CODE_MINUTES);
        if (!('code' in issued)) return false;
        await this.notifications.enqueue(m, 'signInCode', user, {
          code: issued.code,
          validMinutes: SIGN_IN_CODE_MINUTES,
        });
        return true;
      });
      if (sent) this.securityLog.record('signin.code_sent', { userId: user.id, ip });
    } finally {
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
    }
  }

  /**
   * Opens a session for an account that proved who it is another way (a texted code): the same
   * session, device secret and security log as a password sign-in; deactivated accounts are refused.
   */
  signInProven(
    userId: string,
    ip: string,
    userAgent: string | undefined,
    mfa: boolean,
  ): Promise<AuthResponse> {
    return this.succeed(userId, ip, userAgent, mfa, null, null);
  }

  /** While closed: the right password and a valid two-step code still pass; anything else is a failure. */
  private async passTwoStepWhileClosed(
    user: { id: string; passwordHash: string | null },
    dto: LoginDto,
    email: string,
    ip: string,
  ): Promise<boolean> {
    const ok = await this.passwords.verify(user.passwordHash, dto.password);
    const passed =
      ok && (await this.mfa.isEnabled(user.id)) && (await this.mfa.acceptCode(user.id, dto.otp!));
    if (!passed) await this.failed(email, ip, null);
    return passed;
  }

  /** A wrong password or code: counted against the recognised device, else against the account. */
  private async failed(email: string, ip: string, deviceId: string | null): Promise<void> {
    if (deviceId) await this.protection.deviceFailed(deviceId);
    else await this.protection.accountFailed(email, ip);
  }

  /** Opens the session; a browser that was not recognised gets a device secret to keep. */
  private async succeed(
    userId: string,
    ip: string,
    userAgent: string | undefined,
    mfa: boolean,
    deviceId: string | null,
    signInCodeId: string | null,
  ): Promise<AuthResponse> {
    const result = await this.dataSource.transaction(async (m) => {
      if (signInCodeId && !(await this.codes.consume(m, userId, signInCodeId)))
        throw new DomainException('INVALID_CODE');
      const { accessToken } = await this.openSession(m, userId, userAgent, mfa);
      const deviceToken = deviceId ? undefined : await this.devices.issue(m, userId, userAgent);
      return { accessToken, deviceToken };
    });
    this.securityLog.record('signin.succeeded', {
      userId,
      ip,
      mfa,
      device: deviceId ? 'recognised' : 'new',
      mailedCode: Boolean(signInCodeId),
    });
    return {
      user: await this.users.view(userId),
      accessToken: result.accessToken,
      ...(result.deviceToken && { deviceToken: result.deviceToken }),
    };
  }

  async logout(principal: Principal): Promise<void> {
    await this.dataSource.query(
      `UPDATE auth_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`,
      [principal.sessionId],
    );
    // The database notifies every process; this one need not wait for its own listener.
    this.principals.forgetUser(principal.userId);
  }

  /**
   * Ends every session, recognised device and calendar feed address of the user, and opens a fresh
   * session (and device secret) for the device that changed the password. The current password is
   * checked at most AUTH_ACCOUNT_RATE_LIMIT times wrongly per window (429 RATE_LIMITED after).
   */
  async changePassword(
    principal: Principal,
    dto: ChangePasswordDto,
    userAgent?: string,
  ): Promise<{ accessToken: string; deviceToken: string }> {
    await this.assertPasswordCheckAllowed(principal.userId);
    const user = await this.users.findWithPassword({ id: principal.userId });
    // An account made by phone has no password: its first one needs none (the session proves enough).
    const first = user !== null && user.passwordHash === null;
    if (
      !user ||
      (!first &&
        (dto.currentPassword === undefined ||
          !(await this.passwords.verify(user.passwordHash, dto.currentPassword))))
    ) {
      await this.protection.passwordCheckFailed(principal.userId);
      throw new DomainException('WRONG_PASSWORD', [
        fieldError('currentPassword', 'currentPasswordMismatch', 'currentPassword does not match'),
      ]);
    }
    this.passwords.assertStrong(dto.newPassword, user.email ?? undefined, 'newPassword');
    const passwordHash = await this.passwords.hash(dto.newPassword);
    const result = await this.dataSource.transaction(async (m) => {
      await this.users.setPasswordHash(m, user.id, passwordHash);
      await revokeSecrets(m, user.id);
      await this.notifications.enqueue(m, 'passwordChanged', user, { displayName: user.displayName });
      const { accessToken } = await this.openSession(m, user.id, userAgent, principal.mfa);
      return { accessToken, deviceToken: await this.devices.issue(m, user.id, userAgent) };
    });
    this.principals.forgetUser(user.id);
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
        // Until the address is confirmed, its name is whatever the person who signed up typed.
        displayName: user.emailVerifiedAt ? user.displayName : null,
        resetUrl: `${this.config.publicUrl}/reset-password?token=${secret}`,
        validMinutes: RESET_VALID_MINUTES,
      });
    });
  }

  /**
   * Sets the new password if the link is valid and unused; every session, recognised device and
   * calendar feed address of the account ends. The link reached the mailbox: the address is verified.
   */
  async confirmPasswordReset(dto: PasswordResetConfirmDto): Promise<void> {
    const invalid = () => new DomainException('INVALID_RESET_TOKEN');
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
      await revokeSecrets(m, row.user_id);
      await this.verification.markVerified(m, row.user_id);
    });
    this.principals.forgetUser(row.user_id);
    this.securityLog.record('password.reset', { userId: row.user_id });
  }

  /**
   * Resolves a bearer token to who is asking: checks the signature (HS256 only) and expiry, then, in
   * one query, that its session is still open and what the user's roles and carriers are now. The
   * answer is kept per process (PrincipalCache) until the database notifies a change of that user,
   * the token expires, or the listener is lost.
   */
  async authenticate(token: string): Promise<Principal | null> {
    if (this.principals.get(token) && (await this.principals.caughtUp())) {
      // Asked again: a notification received while catching up has dropped a changed entry.
      const cached = this.principals.get(token);
      if (cached) return this.toPrincipal(cached);
    }
    let claims: TokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<TokenClaims & { exp?: number }>(token, { algorithms: ['HS256'] });
    } catch {
      return null;
    }
    if (!UUID.test(String(claims.sub)) || !UUID.test(String(claims.sid))) return null;
    const epoch = this.principals.epoch;
    // A named statement straight on the pool (as registering does): planned once per connection,
    // and past TypeORM's query runner, on every request of a caller this process has not seen yet.
    const pool = (this.dataSource.driver as unknown as { master: Pool }).master;
    const {
      rows: [row],
    } = await pool.query<Omit<PrincipalRow, 'expires_at'> & { expires_at: Date }>({
      name: 'session-principal',
      text: SESSION_PRINCIPAL_SQL,
      values: [claims.sid, claims.sub],
    });
    if (!row) return null;
    // Written out, not `{ ...row, session_id }`: on Node 20 a spread followed by a new key makes a
    // hidden class per object, and the cache holds one entry per signed-in caller (docs/benchmarks.md).
    // Lists, roles and locale are shared between entries (`toPrincipal` copies what it hands out).
    const entry: PrincipalRow & { session_id: string } = {
      user_id: row.user_id,
      session_id: claims.sid,
      email: row.email,
      display_name: row.display_name,
      expires_at: Math.min(row.expires_at.getTime(), (claims.exp ?? Infinity) * 1000),
      mfa: row.mfa,
      verified: row.verified,
      roles: sharedRoles(row.roles),
      locale: LOCALES.find((l) => l === row.locale) ?? row.locale,
      organization_ids: row.organization_ids.length > 0 ? row.organization_ids : NO_IDS,
      door_organization_ids: row.door_organization_ids.length > 0 ? row.door_organization_ids : NO_IDS,
    };
    this.principals.store(token, entry, epoch);
    return this.toPrincipal(entry);
  }

  private toPrincipal(row: PrincipalRow & { session_id: string }): Principal {
    let roles = effectiveRoles(
      row.roles,
      row.organization_ids.length > 0,
      row.door_organization_ids.length > 0,
    );
    // AUTH_ADMIN_MFA=required: an admin session without a second factor has no admin rights.
    const adminAwaitingMfa = this.config.adminMfa === 'required' && roles.includes('admin') && !row.mfa;
    if (adminAwaitingMfa) roles = roles.filter((r) => r !== 'admin');
    return {
      userId: row.user_id,
      sessionId: row.session_id,
      roles,
      organizationIds: [...row.organization_ids],
      doorOrganizationIds: [...row.door_organization_ids],
      locale: row.locale,
      mfa: row.mfa,
      adminAwaitingMfa,
      verified: row.verified,
      contact: { email: row.email, displayName: row.display_name },
    };
  }

  /** 429 RATE_LIMITED while a signed-in account has spent its budget of wrong current passwords. */
  private async assertPasswordCheckAllowed(userId: string): Promise<void> {
    const wait = await this.protection.passwordCheckClosedFor(userId);
    if (wait > 0)
      throw new DomainException('RATE_LIMITED', undefined, { retryAfter: Math.ceil(wait / 1000) });
  }

  private async openSession(
    m: EntityManager,
    userId: string,
    userAgent?: string,
    mfa = false,
  ): Promise<{ userId: string; accessToken: string }> {
    // A deactivated account gets no session, whichever way it proved who it is.
    const [session]: { id: string; expires_at: Date }[] = await m.query(
      `INSERT INTO auth_sessions (user_id, expires_at, user_agent, mfa)
       SELECT id, now() + $2::interval, $3, $4 FROM users WHERE id = $1 AND deactivated_at IS NULL
       RETURNING id, expires_at`,
      [userId, this.ttlInterval(), userAgent?.slice(0, 300) ?? null, mfa],
    );
    if (!session) throw new DomainException('ACCOUNT_DEACTIVATED');
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
