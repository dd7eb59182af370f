import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { rows } from '../common/database/rows';

/** Devices remembered per account; signing in on more forgets the least recently used. */
const MAX_DEVICES = 20;
const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

/**
 * Recognised devices (forgotten with a password change or reset: sessions.ts): a browser that signed in to an account receives a long random secret (only its
 * SHA-256 is kept) and sends it with later sign-ins. While the account is closed to unknown devices
 * after many wrong passwords, a recognised device still signs in with the right password.
 */
@Injectable()
export class KnownDevices {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The device's id when the secret is one of this account's, else null. */
  async recognise(userId: string, token: string | undefined): Promise<string | null> {
    if (!token || token.length > 200) return null;
    const [device] = await rows<{ id: string }>(
      this.dataSource.manager,
      `UPDATE known_devices SET last_used_at = now() WHERE token_hash = $1 AND user_id = $2 RETURNING id`,
      [sha256(token), userId],
    );
    return device?.id ?? null;
  }

  /** A new secret for this browser; the account's oldest devices beyond MAX_DEVICES are forgotten. */
  async issue(m: EntityManager, userId: string, userAgent?: string): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await m.query(`INSERT INTO known_devices (user_id, token_hash, user_agent) VALUES ($1, $2, $3)`, [
      userId,
      sha256(token),
      userAgent?.slice(0, 300) ?? null,
    ]);
    await m.query(
      `DELETE FROM known_devices WHERE user_id = $1 AND id NOT IN (
         SELECT id FROM known_devices WHERE user_id = $1 ORDER BY last_used_at DESC, created_at DESC LIMIT $2)`,
      [userId, MAX_DEVICES],
    );
    return token;
  }
}
