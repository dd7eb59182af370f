import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { CalendarTokenView } from '@wutong/shared';
import { notFound } from '../common/errors/domain.exception';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { buildIcs, type IcsEntry } from '../notifications/ics';
import { BookingsService } from '../office-hours/bookings.service';
import { RegistrationsQueries } from '../registrations/registrations.queries';

const sha256 = (token: string) => createHash('sha256').update(token).digest('hex');

/** Something that puts entries in a user's personal calendar feed. */
export interface CalendarEntrySource {
  calendarEntriesFor(userId: string): Promise<IcsEntry[]>;
}

/**
 * The personal calendar feed (GET /me/calendar.ics?token=…): one revocable secret per user, and the
 * entries gathered from every source — office-hour bookings (either side) and event registrations.
 */
/** Forgets every calendar feed address of an account (its password changed: the old address may have been copied). */
export async function forgetCalendarFeeds(m: EntityManager, userId: string): Promise<void> {
  await m.query(`DELETE FROM calendar_tokens WHERE user_id = $1`, [userId]);
}

@Injectable()
export class CalendarService {
  private readonly sources: CalendarEntrySource[];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    bookings: BookingsService,
    registrations: RegistrationsQueries,
  ) {
    this.sources = [bookings, registrations];
  }

  /** A new secret feed address; the previous one stops working at once. */
  async newToken(userId: string): Promise<CalendarTokenView> {
    const token = randomBytes(32).toString('base64url');
    await this.dataSource.query(
      `INSERT INTO calendar_tokens (user_id, token_hash) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET token_hash = EXCLUDED.token_hash, created_at = now()`,
      [userId, sha256(token)],
    );
    return { url: `${this.config.publicUrl}/api/me/calendar.ics?token=${token}` };
  }

  /** The feed of the token's owner (PUBLISH, times in the user's zone); 404 for an unknown token. */
  async feed(token: string | undefined): Promise<string> {
    if (!token || token.length > 200) throw notFound();
    const [owner]: { user_id: string; time_zone: string; locale: string }[] = await this.dataSource.query(
      `SELECT t.user_id, u.time_zone, u.locale FROM calendar_tokens t JOIN users u ON u.id = t.user_id
        WHERE t.token_hash = $1`,
      [sha256(token)],
    );
    if (!owner) throw notFound();
    const entries = (await Promise.all(this.sources.map((s) => s.calendarEntriesFor(owner.user_id))))
      .flat()
      .sort((a, b) => a.start.getTime() - b.start.getTime());
    return buildIcs('PUBLISH', owner.time_zone, entries, owner.locale === 'en' ? 'Wutong' : '梧桐');
  }
}
