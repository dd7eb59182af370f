import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { isDatabaseUnavailable } from '../health/database-errors';
import { isServerOutage, MailerService } from './mailer.service';
import type { MailAttachment } from './mail-attachment';
import { PublicAddress } from './public-address';
import { OutboxRenderers } from './outbox-renderers';
import type { Locale } from '@wutong/shared';
import { PermanentSmsError, SMS_PROVIDER, type SmsKind, type SmsProvider } from './sms/sms-provider';
import { isNoticeKind, renderNotice, textParams } from './sms/sms-texts';

const BATCH = 20;
const MAX_ATTEMPTS = 12;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

interface DueRow {
  id: string;
  template: string;
  recipient: string;
  /** null for a small row (template + params): rendered here, then kept with the delivery. */
  subject: string | null;
  text_body: string | null;
  html_body: string | null;
  attachments: MailAttachment[];
  params: Record<string, unknown> | null;
  attempts: number;
}

interface DueText {
  id: string;
  recipient: string;
  kind: SmsKind;
  /** null for a notice: rendered here from kind, locale and params. */
  text_body: string | null;
  locale: Locale;
  /** A notice's parameters (textParams), or another kind's. */
  params: Record<string, string>;
  attempts: number;
}

/** Delay before attempt n+1 (n ≥ 1 failures): base × 2^(n-1), capped at an hour. */
export function backoffMs(failures: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, failures - 1), MAX_BACKOFF_MS);
}

/**
 * Delivers the outbox. Runs in every API process: each batch is claimed with FOR UPDATE SKIP LOCKED
 * inside a transaction that stays open while the batch is sent, so two processes never take the
 * same row; a row is marked sent in that transaction, or rescheduled with backoff on failure.
 * When the SMTP server is down or hanging, a pass tries one mail and stops (see isServerOutage),
 * so an outage costs one timeout per pass and never delays the requests that queue mail.
 * Delivery is at least once: a crash between the server's 250 and the COMMIT sends that mail
 * again, with the same Message-ID.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Outbox');
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private stopped = false;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly publicAddress: PublicAddress,
    @Inject(SMS_PROVIDER) private readonly sms: SmsProvider,
    private readonly renderers: OutboxRenderers,
  ) {}

  /** Fills in a small row's subject, bodies and attachments from its renderer; false: nothing to send. */
  private async render(manager: EntityManager, row: DueRow): Promise<boolean> {
    if (row.subject !== null) return true;
    const renderer = this.renderers.get(row.template);
    const mail = renderer ? await renderer(manager, row.params ?? {}) : null;
    if (!mail) return false;
    row.subject = mail.subject;
    row.text_body = mail.text;
    row.html_body = mail.html;
    row.attachments = mail.attachments;
    return true;
  }

  onApplicationBootstrap(): void {
    if (this.config.outboxPollMs <= 0) return;
    this.schedule();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick().finally(() => this.schedule());
    }, this.config.outboxPollMs);
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    try {
      await this.drain();
    } catch (error) {
      // A PostgreSQL restart is expected now and then: one warning per pass, retried next poll.
      if (isDatabaseUnavailable(error))
        this.logger.warn({ err: String(error) }, 'outbox pass: database unavailable');
      else this.logger.error({ err: error }, 'outbox pass failed');
    }
  }

  /** Sends everything that is due now (mail, then texts); resolves with the number of mails and texts sent. */
  async drain(): Promise<number> {
    if (this.running) return this.running;
    this.running = (async () => {
      let sent = 0;
      for (;;) {
        const { claimed, delivered } = await this.processBatch();
        sent += delivered;
        if (claimed < BATCH || this.stopped) break;
      }
      for (;;) {
        const { claimed, delivered } = await this.processTextBatch();
        sent += delivered;
        if (claimed < BATCH || this.stopped) return sent;
      }
    })().finally(() => (this.running = null));
    return this.running;
  }

  private async processBatch(): Promise<{ claimed: number; delivered: number }> {
    return this.dataSource.transaction(async (manager) => {
      const rows: DueRow[] = await manager.query(
        `SELECT id, template, recipient, subject, text_body, html_body, attachments, params, attempts
           FROM outbox_messages
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      let delivered = 0;
      let outage = false;
      for (const row of rows) {
        if (!(await this.render(manager, row))) {
          await manager.query(
            `UPDATE outbox_messages SET status = 'failed', last_error = 'NOTHING_TO_RENDER', attempts = attempts + 1 WHERE id = $1`,
            [row.id],
          );
          continue;
        }
        const held = this.publicAddress.holdBack(row.text_body!, row.html_body!);
        if (held) {
          // Links to localhost would lead nowhere for this reader: not sent, and kept as failed with the reason.
          await manager.query(
            `UPDATE outbox_messages SET status = 'failed', last_error = $2, attempts = attempts + 1 WHERE id = $1`,
            [row.id, held],
          );
          this.logger.warn({ id: row.id, reason: held }, 'mail held back: set PUBLIC_URL');
          continue;
        }
        try {
          await this.mailer.send({
            id: row.id,
            to: row.recipient,
            subject: row.subject!,
            text: row.text_body!,
            html: row.html_body!,
            attachments: row.attachments,
          });
          // A rendered small row keeps what it sent, like every other mail.
          await manager.query(
            `UPDATE outbox_messages SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
                    subject = $2, text_body = $3, html_body = $4, attachments = $5::jsonb
              WHERE id = $1`,
            [row.id, row.subject, row.text_body, row.html_body, JSON.stringify(row.attachments)],
          );
          delivered++;
        } catch (error) {
          const failures = row.attempts + 1;
          const giveUp = failures >= MAX_ATTEMPTS;
          const message = error instanceof Error ? error.message : String(error);
          await manager.query(
            `UPDATE outbox_messages
                SET attempts = $2, last_error = $3, status = $4,
                    next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
              WHERE id = $1`,
            [
              row.id,
              failures,
              message.slice(0, 1000),
              giveUp ? 'failed' : 'pending',
              backoffMs(failures, this.config.outboxRetryBaseMs),
            ],
          );
          this.logger.warn({ id: row.id, attempts: failures, giveUp, err: message }, 'mail delivery failed');
          // The server is down, hanging or refusing: the rest of the batch would fail the same way
          // (each after a full timeout, holding this transaction). Leave it untouched for a later pass.
          if (isServerOutage(error)) {
            outage = true;
            break;
          }
        }
      }
      return { claimed: outage ? 0 : rows.length, delivered };
    });
  }

  /** The texts' outbox (sms_outbox): claimed, sent and retried like mail. */
  private async processTextBatch(): Promise<{ claimed: number; delivered: number }> {
    return this.dataSource.transaction(async (manager) => {
      const due: DueText[] = await manager.query(
        `SELECT id, recipient, kind, text_body, locale, params, attempts
           FROM sms_outbox
          WHERE status = 'pending' AND next_attempt_at <= now()
          ORDER BY next_attempt_at
          LIMIT $1
          FOR UPDATE SKIP LOCKED`,
        [BATCH],
      );
      let delivered = 0;
      for (const row of due) {
        try {
          const params = isNoticeKind(row.kind) ? textParams(row.locale, row.params) : row.params;
          const text =
            row.text_body ??
            (isNoticeKind(row.kind)
              ? renderNotice(row.kind, row.locale, params, this.config.sms.signName)
              : '');
          const reference = await this.sms.send({
            id: row.id,
            to: row.recipient,
            kind: row.kind,
            locale: row.locale,
            text,
            params,
          });
          // The text as it went is kept with its delivery.
          await manager.query(
            `UPDATE sms_outbox SET status = 'sent', sent_at = now(), attempts = attempts + 1, last_error = NULL,
                    provider_ref = $2, text_body = $3
              WHERE id = $1`,
            [row.id, reference, text],
          );
          delivered++;
        } catch (error) {
          const failures = row.attempts + 1;
          // An invalid number or an unapproved template fails at once: no retry would change the answer.
          const giveUp = failures >= MAX_ATTEMPTS || error instanceof PermanentSmsError;
          const message = error instanceof Error ? error.message : String(error);
          await manager.query(
            `UPDATE sms_outbox
                SET attempts = $2, last_error = $3, status = $4,
                    next_attempt_at = now() + make_interval(secs => $5::double precision / 1000)
              WHERE id = $1`,
            [
              row.id,
              failures,
              message.slice(0, 1000),
              giveUp ? 'failed' : 'pending',
              backoffMs(failures, this.config.outboxRetryBaseMs),
            ],
          );
          // The text's body holds a code: only its id goes to the log.
          this.logger.warn({ id: row.id, attempts: failures, giveUp, err: message }, 'text delivery failed');
        }
      }
      return { claimed: due.length, delivered };
    });
  }
}
