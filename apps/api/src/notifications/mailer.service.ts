import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWholeFile } from '../common/files/write-whole';
import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import type { MailAttachment } from './mail-attachment';

export interface OutgoingMail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** Longest a single delivery may take, whatever the server does (a server dripping one byte at a time). */
const SEND_DEADLINE_MS = 120_000;

/**
 * Errors that say the SMTP server is unreachable, hanging or refusing service (421) rather than
 * rejecting this mail: trying the next mail now would fail the same way.
 */
export function isServerOutage(error: unknown): boolean {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.responseCode === 421) return true;
  return (
    typeof e.code === 'string' &&
    ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED', 'ECONNRESET'].includes(e.code)
  );
}

/**
 * Transport only: hands a rendered mail to the SMTP server of SMTP_URL, or, without one, writes it
 * as an .eml file under MAIL_DIR (default .data/mail/) and logs where.
 */
@Injectable()
export class MailerService implements OnModuleDestroy {
  private readonly logger = new Logger('Mailer');
  private readonly transport: Transporter;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? // A server that accepts the connection and never answers fails after 10 s (greeting), one
        // that stops mid-conversation after 20 s of silence (socket): a hang never blocks the outbox.
        createTransport({
          url: config.smtpUrl,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        } as never)
      : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /**
   * Delivers one mail. Its Message-ID is derived from the outbox row id, so a retry after an
   * ambiguous failure (the server took the mail but the answer was lost) carries the same id and
   * receiving systems can drop the copy.
   */
  async send(mail: OutgoingMail): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(Object.assign(new Error('SMTP delivery deadline exceeded'), { code: 'ETIMEDOUT' })),
        SEND_DEADLINE_MS,
      );
    });
    try {
      await Promise.race([this.deliver(mail), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async deliver(mail: OutgoingMail): Promise<void> {
    const info = (await this.transport.sendMail({
      from: this.config.mailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: `<${mail.id}@wutong>`,
      attachments: mail.attachments.map((a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: a.content,
      })),
    })) as { message?: Buffer };
    if (!this.config.smtpUrl && info.message) {
      await mkdir(this.config.mailDir, { recursive: true });
      const file = join(
        this.config.mailDir,
        `${new Date().toISOString().replace(/[:.]/g, '-')}-${mail.id}.eml`,
      );
      await writeWholeFile(file, info.message);
      this.logger.log(
        { to: mail.to, subject: mail.subject, file },
        'mail written to file (SMTP_URL is not set)',
      );
    }
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}
