import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicWorker } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { EventsService } from '../events/events.service';
import { RegistrationMails } from './registration-mails';

/**
 * The reminders of each session at the event's offsets (default a day and two hours before), and
 * closing events whose last session has ended. Runs in every process: each (session, offset) is
 * claimed by one INSERT into session_reminders in the same transaction as its mails and texts, so
 * each reminder goes out once per registration and offset however many processes run this.
 */
@Injectable()
export class SessionRemindersWorker extends PeriodicWorker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mails: RegistrationMails,
    private readonly events: EventsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('SessionReminders', config);
  }

  protected pass(): Promise<unknown> {
    return this.run();
  }

  /** Queues the reminders that are due; returns how many sessions were claimed. */
  async run(): Promise<number> {
    await this.events.completeEnded();
    return this.dataSource.transaction(async (m) => {
      const claimed = await this.events.claimSessionsStartingSoon(m);
      for (const c of claimed) {
        const event = (await this.events.findById(m, c.event_id))!;
        const session = (await this.events.findSession(m, c.id))!;
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
