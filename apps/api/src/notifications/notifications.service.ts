import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import type { MailAttachment } from './mail-attachment';
import { render, type MailTemplates, type TemplateName } from './templates';
import type { RenderedMail } from './templates/layout';

export interface Recipient {
  /** null: an account made by phone without an email; it gets no mail. */
  email: string | null;
  locale: Locale;
}

/**
 * The only mails an address of an unverified account receives: its code, a reset link (which
 * confirms the address when used), and a carrier's mentor invitation (staff write it, at most 20 a
 * day each, as they may to any address without an account). None carries text the person who signed
 * up chose; accepting an invitation still needs the address verified.
 */
const BEFORE_VERIFICATION = new Set<TemplateName>(['verifyEmail', 'passwordReset', 'mentorInvitation']);

/**
 * Renders a template in the recipient's language and writes it to the outbox with the caller's
 * EntityManager, so the mail exists if and only if the business change commits. An address not yet
 * confirmed with its code gets nothing but BEFORE_VERIFICATION mails: anyone can sign up with (or add
 * to a phone account) any address, so until its owner confirms it, other mail would go to a stranger
 * with someone's text. A phone confirmed by text verifies the account, not its email.
 */
/**
 * The outbox INSERT for a statement of another feature (registrations' one-statement hot path):
 * `select` yields (template, recipient, subject, text_body, html_body, attachments, organization_id).
 * Only this folder writes outbox_messages; others compose this text rather than their own INSERT.
 */
export function enqueueStatement(select: string): string {
  return `INSERT INTO outbox_messages (template, recipient, subject, text_body, html_body, attachments, organization_id)
  ${select}`;
}

@Injectable()
export class NotificationsService {
  async enqueue<K extends TemplateName>(
    manager: EntityManager,
    template: K,
    to: Recipient,
    params: MailTemplates[K],
    options: { organizationId?: string | null; attachments?: MailAttachment[] } = {},
  ): Promise<void> {
    if (to.email === null || (await this.unverified(manager, template, [to.email])).size > 0) return;
    const mail = render(template, to.locale, params);
    await manager.query(enqueueStatement(`VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`), [
      template,
      to.email,
      mail.subject,
      mail.text,
      mail.html,
      JSON.stringify(options.attachments ?? []),
      options.organizationId ?? null,
    ]);
  }

  /** Many mails of one template in one INSERT (an event cancelled for 500 registrants is one statement). */
  async enqueueMany<K extends TemplateName>(
    manager: EntityManager,
    template: K,
    mails: { to: Recipient; params: MailTemplates[K]; attachments?: MailAttachment[] }[],
    options: { organizationId?: string | null } = {},
  ): Promise<void> {
    const mailable = mails.filter((m): m is typeof m & { to: { email: string } } => m.to.email !== null);
    const unverified = await this.unverified(
      manager,
      template,
      mailable.map((m) => m.to.email),
    );
    const sent = mailable.filter((m) => !unverified.has(m.to.email.toLowerCase()));
    if (sent.length === 0) return;
    const rendered = sent.map((m) => ({
      ...render(template, m.to.locale, m.params),
      to: m.to.email,
      attachments: m.attachments ?? [],
    }));
    await manager.query(
      enqueueStatement(
        `SELECT $1, r, s, t, h, a::jsonb, $7 FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS x(r, s, t, h, a)`,
      ),
      [
        template,
        rendered.map((r) => r.to),
        rendered.map((r) => r.subject),
        rendered.map((r) => r.text),
        rendered.map((r) => r.html),
        rendered.map((r) => JSON.stringify(r.attachments)),
        options.organizationId ?? null,
      ],
    );
  }

  /**
   * The mails of one message to many people, already rendered (an organizer's text to a segment of an
   * event): each row carries the message's id in batch_id, unique per address, so a retried or
   * doubled send queues nothing twice. They fall due `perSecond` at a time, so one large message
   * drains at a bounded rate and leaves room for other mail. Unverified addresses get nothing.
   * Resolves with the number queued now.
   */
  async enqueueBatch(
    manager: EntityManager,
    batchId: string,
    mails: { to: string; mail: RenderedMail }[],
    options: { organizationId: string; perSecond: number },
  ): Promise<number> {
    const unverified = await this.unverified(
      manager,
      'eventMessage',
      mails.map((m) => m.to),
    );
    const sent = mails.filter((m) => !unverified.has(m.to.toLowerCase()));
    if (sent.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO outbox_messages (template, recipient, subject, text_body, html_body, organization_id, batch_id, next_attempt_at)
       SELECT 'eventMessage', r, s, t, h, $5, $6, now() + make_interval(secs => (n - 1) / $7::double precision)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) WITH ORDINALITY AS x(r, s, t, h, n)
       ON CONFLICT (batch_id, recipient) WHERE batch_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [
        sent.map((m) => m.to),
        sent.map((m) => m.mail.subject),
        sent.map((m) => m.mail.text),
        sent.map((m) => m.mail.html),
        options.organizationId,
        batchId,
        options.perSecond,
      ],
    );
    return rows.length;
  }

  /** Which of these addresses belong to unverified accounts (none to check for BEFORE_VERIFICATION mails). */
  private async unverified(
    manager: EntityManager,
    template: TemplateName | 'eventMessage',
    emails: string[],
  ): Promise<Set<string>> {
    if (BEFORE_VERIFICATION.has(template as TemplateName) || emails.length === 0) return new Set();
    const found: { email: string }[] = await manager.query(
      `SELECT email FROM users WHERE email = ANY($1::text[]) AND email_verified_at IS NULL`,
      [emails.map((e) => e.toLowerCase())],
    );
    return new Set(found.map((r) => r.email));
  }
}
