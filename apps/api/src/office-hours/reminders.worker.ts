import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { BookingMails } from './booking-mails';

const EVERY_MS = 60_000;

/**
 * Reminder mails 24 hours and 1 hour before a session. Runs in every API process: each reminder is
 * claimed by one conditional UPDATE (… WHERE reminded_24h_at IS NULL … RETURNING) in the transaction
 * that writes its mails to the outbox, so it goes out once however many processes look. A 24-hour
 * reminder is skipped for bookings made less than a day ahead, and when the 1-hour one is already due.
 * OUTBOX_POLL_MS=0 turns the timer off (tests call sendDue).
 */
@Injectable()
export class RemindersWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mails: BookingMails,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.outboxPollMs <= 0) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.sendDue()
        .catch((error: unknown) => {
          this.logger.error({ err: error }, 'reminder pass failed');
          return 0;
        })
        .finally(() => (this.running = null));
    }, EVERY_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
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
