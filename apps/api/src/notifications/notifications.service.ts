import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { OutboxMessage, type MailAttachment } from './outbox-message.entity';
import { render, type MailTemplates, type TemplateName } from './templates';

export interface Recipient {
  email: string;
  locale: Locale;
}

/**
 * Renders a template in the recipient's language and writes it to the outbox with the caller's
 * EntityManager, so the mail exists if and only if the business change commits.
 */
@Injectable()
export class NotificationsService {
  async enqueue<K extends TemplateName>(
    manager: EntityManager,
    template: K,
    to: Recipient,
    params: MailTemplates[K],
    options: { organizationId?: string | null; attachments?: MailAttachment[] } = {},
  ): Promise<void> {
    const mail = render(template, to.locale, params);
    await manager.insert(OutboxMessage, {
      template,
      recipient: to.email,
      subject: mail.subject,
      textBody: mail.text,
      htmlBody: mail.html,
      attachments: options.attachments ?? [],
      organizationId: options.organizationId ?? null,
      status: 'pending',
      attempts: 0,
      nextAttemptAt: () => 'now()',
    });
  }
}
