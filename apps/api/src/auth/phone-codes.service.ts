import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { rows } from '../common/database/rows';
import { CODE_RESEND_MS, CODE_TRIES, CODES_PER_DAY, type Issued } from './one-time-codes.service';

/** What a texted code is for: signing in by phone, or confirming a signed-in account's number. */
export type PhoneCodePurpose = 'login' | 'verify';

/** How long a texted code works. */
export const PHONE_CODE_MINUTES = 5;

/**
 * Texted 6-digit codes, per number (E.164). Only an HMAC keyed with the deployment's secret is stored;
 * a code is good for CODE_TRIES tries, PHONE_CODE_MINUTES and once; a new code ends the previous one.
 * Issuing is limited per number whatever AUTH_RATE_LIMIT says (a phone cannot be flooded, texts cost):
 * one a minute, CODES_PER_DAY a day, all purposes together.
 */
@Injectable()
export class PhoneCodes {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    m: EntityManager,
    phone: string,
    purpose: PhoneCodePurpose,
    userId: string | null,
  ): Promise<Issued> {
    // One issuer per number at a time, so two quick requests cannot both pass the checks.
    await m.query(`SELECT pg_advisory_xact_lock(hashtext('wutong.phone_codes'), hashtext($1))`, [phone]);
    const [recent]: { today: number; wait_ms: number | null }[] = await m.query(
      `SELECT count(*)::int AS today,
              (extract(epoch FROM max(created_at) + make_interval(secs => $2::int / 1000.0) - now()) * 1000)::int AS wait_ms
         FROM phone_codes
        WHERE phone = $1 AND created_at > now() - interval '1 day'`,
      [phone, CODE_RESEND_MS],
    );
    if (recent.wait_ms !== null && recent.wait_ms > 0)
      return { retryAfterSeconds: Math.ceil(recent.wait_ms / 1000) };
    if (recent.today >= CODES_PER_DAY) {
      const [{ wait }]: { wait: number }[] = await m.query(
        `SELECT ceil(extract(epoch FROM min(created_at) + interval '1 day' - now()))::int AS wait
           FROM (SELECT created_at FROM phone_codes WHERE phone = $1 ORDER BY created_at DESC LIMIT $2) latest`,
        [phone, CODES_PER_DAY],
      );
      return { retryAfterSeconds: Math.max(1, wait) };
    }
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await m.query(
      `UPDATE phone_codes SET expires_at = now()
        WHERE phone = $1 AND purpose = $2 AND used_at IS NULL AND expires_at > now()`,
      [phone, purpose],
    );
    await m.query(
      `INSERT INTO phone_codes (phone, purpose, user_id, code_hash, expires_at)
       VALUES ($1, $2, $3, $4, now() + make_interval(mins => $5))`,
      [phone, purpose, userId, this.hash(phone, purpose, userId, code), PHONE_CODE_MINUTES],
    );
    return { code };
  }

  /** Counts a try of the number's live code; its id when the code matches (see `consume`), else null. */
  async check(
    phone: string,
    purpose: PhoneCodePurpose,
    userId: string | null,
    code: string,
  ): Promise<string | null> {
    if (!/^\d{6}$/.test(code)) return null;
    const [live] = await rows<{ id: string; code_hash: string }>(
      this.dataSource.manager,
      `UPDATE phone_codes SET attempts = attempts + 1
        WHERE id = (
              SELECT id FROM phone_codes
               WHERE phone = $1 AND purpose = $2 AND user_id IS NOT DISTINCT FROM $3::uuid
                 AND used_at IS NULL AND expires_at > now() AND attempts < $4
               ORDER BY created_at DESC LIMIT 1)
        RETURNING id, code_hash`,
      [phone, purpose, userId, CODE_TRIES],
    );
    if (!live) return null;
    const given = Buffer.from(this.hash(phone, purpose, userId, code));
    const stored = Buffer.from(live.code_hash);
    return given.length === stored.length && timingSafeEqual(given, stored) ? live.id : null;
  }

  /** Uses the code up; false when another request used it first. */
  async consume(m: EntityManager, id: string): Promise<boolean> {
    const used = await rows(
      m,
      `UPDATE phone_codes SET used_at = now() WHERE id = $1 AND used_at IS NULL RETURNING id`,
      [id],
    );
    return used.length === 1;
  }

  private hash(phone: string, purpose: PhoneCodePurpose, userId: string | null, code: string): string {
    return createHmac('sha256', this.config.jwtSecret)
      .update(`sms:${purpose}:${phone}:${userId ?? ''}:${code}`)
      .digest('hex');
  }
}
