import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { rows } from '../common/database/rows';
/** What a mailed one-time code is for. */
export type OneTimeCodePurpose = 'verify_email' | 'sign_in';

/** Wrong tries before a code dies. */
export const CODE_TRIES = 5;
/** A new code at most this often per account and purpose… */
export const CODE_RESEND_MS = 60_000;
/** …and at most this many a day. */
export const CODES_PER_DAY = 10;

export type Issued = { code: string } | { retryAfterSeconds: number };

/**
 * Mailed 6-digit codes (confirming the email, signing in from a new device). Only an HMAC keyed with
 * the deployment's secret is stored; a code is good for CODE_TRIES tries and once; a new code ends
 * the previous one. Issuing is limited per account (a mailbox cannot be flooded).
 */
@Injectable()
export class OneTimeCodes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A new code, or how long to wait when one was issued less than a minute ago or too many today. */
  async issue(
    m: EntityManager,
    userId: string,
    purpose: OneTimeCodePurpose,
    validMinutes: number,
  ): Promise<Issued> {
    // One issuer per account at a time, so two quick requests cannot both pass the checks.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.codes'), hashtext($1))`, [userId]);
    const [recent]: { today: number; wait_ms: number | null }[] = await m.query(
      `SELECT count(*)::int AS today,
              (extract(epoch FROM max(created_at) + make_interval(secs => $3::int / 1000.0) - now()) * 1000)::int AS wait_ms
         FROM one_time_codes
        WHERE user_id = $1 AND purpose = $2 AND created_at > now() - interval '1 day'`,
      [userId, purpose, CODE_RESEND_MS],
    );
    if (recent.wait_ms !== null && recent.wait_ms > 0)
      return { retryAfterSeconds: Math.ceil(recent.wait_ms / 1000) };
    if (recent.today >= CODES_PER_DAY) {
      const [{ wait }]: { wait: number }[] = await m.query(
        `SELECT ceil(extract(epoch FROM min(created_at) + interval '1 day' - now()))::int AS wait
           FROM (SELECT created_at FROM one_time_codes WHERE user_id = $1 AND purpose = $2
                  ORDER BY created_at DESC LIMIT $3) latest`,
        [userId, purpose, CODES_PER_DAY],
      );
      return { retryAfterSeconds: Math.max(1, wait) };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await m.query(
      `UPDATE one_time_codes SET expires_at = now()
        WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [userId, purpose],
    );
    await m.query(
      `INSERT INTO one_time_codes (user_id, purpose, code_hash, expires_at)
       VALUES ($1, $2, $3, now() + make_interval(mins => $4))`,
      [userId, purpose, this.hash(userId, purpose, code), validMinutes],
    );
    return { code };
  }

  /**
   * Counts a try of the account's live code; its id when the code matches (not yet used up: see
   * `consume`). Wrong, expired, used, superseded or out of tries: null.
   */
  async check(userId: string, purpose: OneTimeCodePurpose, code: string): Promise<string | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const [live] = await rows<{ id: string; code_hash: string }>(
      this.dataSource.manager,
      `UPDATE one_time_codes SET attempts = attempts + 1
        WHERE user_id = $1 AND id = (
              SELECT id FROM one_time_codes
               WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now() AND attempts < $3
               ORDER BY created_at DESC LIMIT 1)
        RETURNING id, code_hash`,
      [userId, purpose, CODE_TRIES],
    );
    if (!live) return null;
    const given = Buffer.from(this.hash(userId, purpose, code));
    const stored = Buffer.from(live.code_hash);
    return given.length === stored.length && timingSafeEqual(given, stored) ? live.id : null;
  }

  /**
   * Uses the code up; false when another request used it first, or superseded it meanwhile (a new
   * code for a changed address ends the old one: the old code never confirms the new address).
   */
  async consume(m: EntityManager, userId: string, id: string): Promise<boolean> {
    const used = await rows(
      m,
      `UPDATE one_time_codes SET used_at = now()
        WHERE id = $1 AND user_id = $2 AND used_at IS NULL AND expires_at > now() RETURNING id`,
      [id, userId],
    );
    return used.length === 1;
  }

  private hash(userId: string, purpose: OneTimeCodePurpose, code: string): string {
    return createHmac('sha256', this.config.jwtSecret).update(`${purpose}:${userId}:${code}`).digest('hex');
  }
}
