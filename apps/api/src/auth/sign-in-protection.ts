import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type RateLimit } from '../config/app-config';
import { SecurityLog } from '../common/security/security-log';
import { ATTEMPT_COUNTERS, orLetThrough, type AttemptCounters } from '../common/rate-limit/attempt-counters';

/** Closings grow no longer than a day… */
const MAX_CLOSED_MS = 24 * 3600_000;
/** …and an account's earlier closings are forgotten a day after the last one. */
const STRIKES_MS = 24 * 3600_000;

/**
 * Keeps password guessing expensive without handing attackers a lockout (docs/security.md, "Outside
 * attack, second round", point 6):
 *
 * - Sign-in: AUTH_ACCOUNT_RATE_LIMIT wrong passwords (N per window, counted per email tried, known or
 *   not) close the account to unrecognised devices for the window; each further closing within a
 *   day doubles it (up to a day). A recognised device, a valid two-step code or a mailed sign-in code
 *   still gets in; everyone else gets 429 before the password is even checked, so a guess during a
 *   closing tells nothing. A recognised device has its own budget of the same size.
 * - Signed-in password checks (changing the password, turning two-step sign-in on or off): the same
 *   budget per account, so a stolen token cannot guess the current password quickly.
 * - Sign-ups: AUTH_SIGNUP_LIMIT per client address.
 *
 * All off with AUTH_RATE_LIMIT=off. Counters live in Redis with REDIS_URL (else in this process).
 */
@Injectable()
export class SignInProtection {
  private readonly logger = new Logger('SignInProtection');

  constructor(
    @Inject(ATTEMPT_COUNTERS) private readonly counters: AttemptCounters,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly securityLog: SecurityLog,
  ) {}

  /** How long (ms) the account stays closed to unrecognised devices; 0 when open. */
  accountClosedFor(email: string): Promise<number> {
    return this.closedFor(`account:${email}`);
  }

  /** A wrong password for this email from a device that is not recognised (or spent its own budget). */
  async accountFailed(email: string, ip: string): Promise<void> {
    const closedMs = await this.fail(`account:${email}`);
    if (closedMs > 0) this.securityLog.record('signin.closed', { email, ip, seconds: closedMs / 1000 });
  }

  /** A recognised device that guessed wrong too often counts as unrecognised for a while. */
  async deviceSpent(deviceId: string): Promise<boolean> {
    return (await this.closedFor(`device:${deviceId}`)) > 0;
  }

  async deviceFailed(deviceId: string): Promise<void> {
    await this.fail(`device:${deviceId}`);
  }

  /** How long (ms) a signed-in account must wait before its current password is checked again. */
  passwordCheckClosedFor(userId: string): Promise<number> {
    return this.closedFor(`password:${userId}`);
  }

  async passwordCheckFailed(userId: string): Promise<void> {
    const closedMs = await this.fail(`password:${userId}`);
    if (closedMs > 0)
      this.securityLog.record('password.check_throttled', { userId, seconds: closedMs / 1000 });
  }

  /** How long (ms) this address must wait before signing up another account; 0 when it may. */
  async signupClosedFor(ip: string): Promise<number> {
    const limit = this.config.signupLimit;
    if (!limit) return 0;
    const key = `signups:${ip}`;
    const { count, msLeft } = await orLetThrough(this.logger, this.counters.get(key), {
      count: 0,
      msLeft: 0,
    });
    return count >= limit.limit ? msLeft : 0;
  }

  async signedUp(ip: string): Promise<void> {
    const limit = this.config.signupLimit;
    if (!limit) return;
    await orLetThrough(this.logger, this.counters.hit(`signups:${ip}`, limit.ttlMs), null);
  }

  private async closedFor(key: string): Promise<number> {
    if (!this.budget) return 0;
    const closed = await orLetThrough(this.logger, this.counters.get(`closed:${key}`), {
      count: 0,
      msLeft: 0,
    });
    return closed.count > 0 ? closed.msLeft : 0;
  }

  /** Counts a failure; when the budget is spent, closes the key and answers for how long (else 0). */
  private async fail(key: string): Promise<number> {
    const budget = this.budget;
    if (!budget) return 0;
    return orLetThrough(
      this.logger,
      (async () => {
        const { count } = await this.counters.hit(`failures:${key}`, budget.ttlMs);
        if (count < budget.limit) return 0;
        const strikes = (await this.counters.get(`strikes:${key}`)).count + 1;
        await this.counters.set(`strikes:${key}`, strikes, STRIKES_MS);
        const closedMs = Math.min(MAX_CLOSED_MS, budget.ttlMs * 2 ** (strikes - 1));
        await this.counters.set(`closed:${key}`, 1, closedMs);
        await this.counters.delete(`failures:${key}`);
        return closedMs;
      })(),
      0,
    );
  }

  private get budget(): RateLimit | null {
    return this.config.authAccountRateLimit;
  }
}
