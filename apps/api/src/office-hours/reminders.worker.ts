import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { PeriodicWorker } from '../common/jobs/periodic-pass';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingMails } from './booking-mails';
import { BookingsService } from './bookings.service';

/**
 * Reminder mails 24 hours and 1 hour before a session, and the lapse of requests nobody answered
 * (BookingsService.expireRequests) in the same pass. Runs in every API process: each reminder is
 * claimed by one conditional UPDATE (… WHERE reminded_24h_at IS NULL … RETURNING) in the transaction
 * that writes its mails to the outbox, so it goes out once however many processes look. A 24-hour
 * reminder is skipped for bookings made less than a day ahead, and when the 1-hour one is already due.
 * PERIODIC_PASSES=off turns the timer off (tests call sendDue).
 */
@Injectable()
export class RemindersWorker extends PeriodicWorker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mails: BookingMails,
    private readonly bookings: BookingsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    super('Reminders', config);
  }

  protected pass(): Promise<unknown> {
    return this.bookings.expireRequests().then(() => this.sendDue());
  }

  /** Sends every reminder due at `now`; resolves with the number of bookings reminded. */
  async sendDue(now: Date = new Date()): Promise<number> {
    let sent = 0;
    for (const [column, hours, notBefore] of [
      ['reminded_24h_at', 24, 1],
      ['reminded_1h_at', 1, 0],
    ] as const) {
      sent += await this.dataSource.transaction(async (m) => {
        // UPDATE answers [rows, count] through TypeORM.
        const [due]: [{ id: string }[], number] = await m.query(
          `UPDATE bookings SET ${column} = $1, updated_at = now()
            WHERE status = 'confirmed' AND ${column} IS NULL
              AND starts_at > $1::timestamptz + make_interval(hours => $3)
              AND starts_at <= $1::timestamptz + make_interval(hours => $2)
              AND created_at < starts_at - make_interval(hours => $2)
            RETURNING id`,
          [now.toISOString(), hours, notBefore],
        );
        for (const { id } of due) await this.mails.reminder(m, id, hours);
        return due.length;
      });
    }
    return sent;
  }
}
