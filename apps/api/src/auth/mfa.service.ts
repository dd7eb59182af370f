import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';
import type { DataSource } from 'typeorm';
import type { MfaSetupView } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Principal } from '../common/auth/principal';
import { DomainException, notFound } from '../common/errors/domain.exception';
import { revokeSessions } from './sessions';
import { AuditService } from '../audit/audit.service';
import { SecurityLog } from '../common/security/security-log';
import { acceptTotpStep, clearTotp, enableTotp, proposeTotpSecret } from '../users/account-columns';
import { PasswordService } from './password.service';
import { SignInProtection } from './sign-in-protection';

const PERIOD = 30;
const ISSUER = 'Wutong 梧桐';

function totp(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

/** The time step a code belongs to (one step either side accepted for clock drift), or null. */
function matchingStep(secret: string, code: string): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totp(secret, '').validate({ token: code, window: 1 });
  return delta === null ? null : Math.floor(Date.now() / 1000 / PERIOD) + delta;
}

interface TotpRow {
  email: string;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
}

/**
 * Two-step sign-in with an authenticator app (RFC 6238 TOTP, 6 digits, 30 s). Any account may turn
 * it on; AUTH_ADMIN_MFA=required makes admin rights depend on it. A code is accepted once.
 */
@Injectable()
export class MfaService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly passwords: PasswordService,
    private readonly securityLog: SecurityLog,
    private readonly audit: AuditService,
    private readonly protection: SignInProtection,
  ) {}

  async isEnabled(userId: string): Promise<boolean> {
    return (await this.state(userId))?.totp_enabled_at != null;
  }

  /** A new secret for the authenticator app; not in force until `enable` confirms a code from it. */
  async startSetup(principal: Principal): Promise<MfaSetupView> {
    const user = await this.state(principal.userId);
    if (user?.totp_enabled_at) throw new DomainException('MFA_ALREADY_ENABLED');
    const secret = new OTPAuth.Secret({ size: 20 }).base32;
    await proposeTotpSecret(this.dataSource.manager, principal.userId, secret);
    const otpauthUrl = totp(secret, user!.email).toString();
    // SVG, not PNG: drawing a PNG takes ~150 ms of the event loop under load, an SVG ~20 ms.
    const svg = await QRCode.toString(otpauthUrl, { type: 'svg', margin: 1, width: 220 });
    return {
      secret,
      otpauthUrl,
      qrCodeDataUrl: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`,
    };
  }

  /**
   * Turns two-step sign-in on with the current password and a code from the app; this session counts
   * as verified. The password keeps a stolen token alone from locking the owner out with a phone of
   * its own.
   */
  async enable(principal: Principal, password: string, code: string): Promise<void> {
    const user = await this.state(principal.userId);
    if (user?.totp_enabled_at) throw new DomainException('MFA_ALREADY_ENABLED');
    await this.checkPassword(principal.userId, password);
    const step = user?.totp_secret ? matchingStep(user.totp_secret, code) : null;
    if (step === null) throw new DomainException('WRONG_MFA_CODE');
    await this.dataSource.transaction(async (m) => {
      if (!(await enableTotp(m, principal.userId, user!.totp_secret!, step)))
        throw new DomainException('WRONG_MFA_CODE');
      await m.query(`UPDATE auth_sessions SET mfa = true WHERE id = $1`, [principal.sessionId]);
    });
    this.securityLog.record('mfa.enabled', { userId: principal.userId });
  }

  /** Turns it off after the password and a current code; admins cannot while it is required. */
  async disable(principal: Principal, password: string, code: string): Promise<void> {
    if (this.config.adminMfa === 'required' && principal.roles.includes('admin'))
      throw new DomainException('MFA_SETUP_REQUIRED');
    const user = await this.state(principal.userId);
    if (!user?.totp_enabled_at) throw new DomainException('MFA_NOT_ENABLED');
    await this.checkPassword(principal.userId, password);
    if (!(await this.acceptCode(principal.userId, code))) throw new DomainException('WRONG_MFA_CODE');
    await clearTotp(this.dataSource.manager, principal.userId);
    this.securityLog.record('mfa.disabled', { userId: principal.userId });
  }

  /**
   * An admin turns a user's two-step sign-in off (a lost phone) and ends the user's sessions; the
   * user signs in with the password and may set it up again.
   */
  async resetByAdmin(actor: Principal, userId: string): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      if (!(await clearTotp(m, userId))) throw notFound();
      await revokeSessions(m, userId);
      await this.audit.record(m, {
        actorId: actor.userId,
        action: 'user.mfa.reset',
        targetType: 'user',
        targetId: userId,
      });
    });
  }

  /** True once per valid code: the step must be later than the last accepted one (no replay). */
  async acceptCode(userId: string, code: string): Promise<boolean> {
    const user = await this.state(userId);
    if (!user?.totp_enabled_at || !user.totp_secret) return false;
    const step = matchingStep(user.totp_secret, code);
    if (step === null) return false;
    return acceptTotpStep(this.dataSource.manager, userId, step);
  }

  /**
   * The current password, checked within the account's budget of wrong tries (shared with password
   * changes): 429 RATE_LIMITED once spent, 400 WRONG_PASSWORD for a wrong one.
   */
  private async checkPassword(userId: string, password: string): Promise<void> {
    const wait = await this.protection.passwordCheckClosedFor(userId);
    if (wait > 0)
      throw new DomainException('RATE_LIMITED', undefined, { retryAfter: Math.ceil(wait / 1000) });
    const [row]: { password_hash: string }[] = await this.dataSource.query(
      `SELECT password_hash FROM users WHERE id = $1`,
      [userId],
    );
    if (!(await this.passwords.verify(row?.password_hash ?? null, password))) {
      await this.protection.passwordCheckFailed(userId);
      throw new DomainException('WRONG_PASSWORD');
    }
  }

  private async state(userId: string): Promise<TotpRow | undefined> {
    const [row]: TotpRow[] = await this.dataSource.query(
      `SELECT email, totp_secret, totp_enabled_at FROM users WHERE id = $1`,
      [userId],
    );
    return row;
  }
}
