import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicPass } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventSession } from '../events/event-session.entity';
import { Event } from '../events/event.entity';
import { RegistrationMails } from './registration-mails';
import { rows } from '../common/database/rows';

/**
 * The day-before reminder of each session, and closing events whose last session has ended. Runs in
 * every process: a session is claimed by one UPDATE … RETURNING in the same transaction as its mails,
 * so each reminder goes out once however many processes run this.
 */
@Injectable()
export class SessionRemindersWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly timer = new PeriodicPass('SessionReminders', () => this.run());

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mails: RegistrationMails,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer.start(this.config);
  }

  onApplicationShutdown(): Promise<void> {
    return this.timer.stop();
  }

  /** Queues reminders for sessions starting within 24 hours; returns how many sessions were claimed. */
  async run(): Promise<number> {
    await this.dataSource.query(
      `UPDATE events SET status = 'completed', updated_at = now() WHERE status = 'published' AND ends_at < now()`,
    );
    return this.dataSource.transaction(async (m) => {
      const claimed = await rows<{ id: string; event_id: string }>(
        m,
        `UPDATE event_sessions s SET reminded_at = now()
           FROM events e
          WHERE e.id = s.event_id AND e.status = 'published' AND s.reminded_at IS NULL
            AND s.starts_at > now() AND s.starts_at <= now() + interval '24 hours'
        RETURNING s.id, s.event_id`,
      );
      for (const c of claimed) {
        const event = (await m.findOneBy(Event, { id: c.event_id }))!;
        const session = (await m.findOneBy(EventSession, { id: c.id }))!;
        const people: { user_id: string }[] = await m.query(
          `SELECT user_id FROM registrations WHERE event_id = $1 AND status = 'confirmed'`,
          [c.event_id],
        );
        await this.mails.send(
          m,
          'sessionReminder',
          event,
          people.map((p) => ({ userId: p.user_id })),
          { sessions: [session] },
        );
      }
      return claimed.length;
    });
  }
}
