import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { Locale, UserView } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { Principal } from '../common/auth/principal';
import { DomainException } from '../common/errors/domain.exception';
import { SecurityLog } from '../common/security/security-log';
import { CompaniesService } from '../companies/companies.service';
import { NotificationsService } from '../notifications/notifications.service';
import { markEmailVerified } from '../users/account-columns';
import { UsersService } from '../users/users.service';
import { OneTimeCodes } from './one-time-codes.service';

/** How long a mailed verification code works. */
export const VERIFY_VALID_MINUTES = 30;

interface Account {
  id: string;
  /** null: an account made by phone that has not given an address yet. */
  email: string | null;
  locale: Locale;
  display_name: string;
  email_verified_at: Date | null;
}

/**
 * Confirming the email address (docs/security.md, "Outside attack, second round", point 5): sign-up
 * mails a 6-digit code and nothing else; entering it verifies the account, which registering for
 * events and booking mentors need. A used reset link confirms the address too.
 */
@Injectable()
export class EmailVerification {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly codes: OneTimeCodes,
    private readonly notifications: NotificationsService,
    private readonly companies: CompaniesService,
    private readonly users: UsersService,
    private readonly securityLog: SecurityLog,
  ) {}

  /** Mails a code, in the sign-up's transaction (the first code of a new account is never throttled). */
  async sendFirstCode(m: EntityManager, user: { id: string; email: string; locale: Locale }): Promise<void> {
    const issued = await this.codes.issue(m, user.id, 'verify_email', VERIFY_VALID_MINUTES);
    if ('code' in issued) await this.mail(m, user, issued.code);
  }

  /** A new code for the signed-in account: 409 once verified; 429 within a minute or past 10 a day. */
  async resend(principal: Principal): Promise<void> {
    await this.dataSource.transaction(async (m) => {
      const user = await this.account(m, principal.userId);
      if (user.email_verified_at) throw new DomainException('ALREADY_VERIFIED');
      const email = user.email;
      if (email === null) throw new DomainException('EMAIL_REQUIRED');
      const issued = await this.codes.issue(m, user.id, 'verify_email', VERIFY_VALID_MINUTES);
      if ('retryAfterSeconds' in issued)
        throw new DomainException('RATE_LIMITED', undefined, { retryAfter: issued.retryAfterSeconds });
      await this.mail(m, { ...user, email }, issued.code);
    });
  }

  /**
   * An account whose address is not confirmed (one made by phone has none) gives its email: the
   * address is kept unconfirmed and a code mailed to it, under the limits of `resend`. It counts as the
   * account's email (for mail and signing in) once confirmed. Another account's address: EMAIL_TAKEN.
   */
  async addAddress(principal: Principal, email: string): Promise<void> {
    const address = email.trim().toLowerCase();
    await this.dataSource.transaction(async (m) => {
      const user = await this.account(m, principal.userId, true);
      if (user.email_verified_at) throw new DomainException('ALREADY_VERIFIED');
      if (user.email !== address) {
        const [taken]: unknown[] = await m.query(`SELECT 1 FROM users WHERE email = $1 AND id <> $2`, [
          address,
          user.id,
        ]);
        if (taken) throw new DomainException('EMAIL_TAKEN');
        await m.query(`UPDATE users SET email = $2, updated_at = now() WHERE id = $1`, [user.id, address]);
      }
      const issued = await this.codes.issue(m, user.id, 'verify_email', VERIFY_VALID_MINUTES);
      if ('retryAfterSeconds' in issued)
        throw new DomainException('RATE_LIMITED', undefined, { retryAfter: issued.retryAfterSeconds });
      await this.mail(m, { ...user, email: address }, issued.code);
    });
    this.securityLog.record('email.added', { userId: principal.userId });
  }

  /**
   * Checks the code (5 tries per code) and verifies the account: it may now register and book, it
   * keeps its company if nobody does yet, and it gets the welcome mail it was not sent at sign-up.
   */
  async confirm(principal: Principal, code: string): Promise<UserView> {
    const user = await this.account(this.dataSource.manager, principal.userId);
    if (user.email_verified_at) throw new DomainException('ALREADY_VERIFIED');
    if (user.email === null) throw new DomainException('EMAIL_REQUIRED');
    const codeId = await this.codes.check(user.id, 'verify_email', code);
    if (!codeId) throw new DomainException('WRONG_CODE');
    await this.dataSource.transaction(async (m) => {
      if (!(await this.codes.consume(m, user.id, codeId))) throw new DomainException('WRONG_CODE');
      await this.markVerified(m, user.id);
      await this.notifications.enqueue(m, 'welcome', user, {
        displayName: user.display_name,
        appUrl: this.config.publicUrl,
      });
    });
    this.securityLog.record('email.verified', { userId: user.id, by: 'code' });
    return this.users.view(user.id);
  }

  /** The address is proven (a code, a used reset link): the account is verified. */
  async markVerified(m: EntityManager, userId: string): Promise<void> {
    if (await markEmailVerified(m, userId)) await this.companies.claimIfOwnerless(m, userId);
  }

  private async mail(
    m: EntityManager,
    user: { id: string; email: string; locale: Locale },
    code: string,
  ): Promise<void> {
    await this.notifications.enqueue(m, 'verifyEmail', user, {
      code,
      verifyUrl: `${this.config.publicUrl}/verify-email?code=${code}`,
      validMinutes: VERIFY_VALID_MINUTES,
    });
  }

  private async account(m: EntityManager, userId: string, forUpdate = false): Promise<Account> {
    const [user]: Account[] = await m.query(
      `SELECT id, email, locale, display_name, email_verified_at FROM users WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`,
      [userId],
    );
    return user;
  }
}
