import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { MailAttachment } from './mail-attachment';

/** A mail rendered by the worker from its row's small payload. */
export interface LateMail {
  subject: string;
  text: string;
  html: string;
  attachments: MailAttachment[];
}

/** Renders one queued mail from its `params`; null when there is nothing to send any more. */
export type LateRenderer = (m: EntityManager, params: Record<string, unknown>) => Promise<LateMail | null>;

/**
 * Mails queued as a small row (template, recipient, params) by a hot statement are rendered by the
 * outbox worker when it sends them: the feature that queues them registers its renderer here (the
 * registration confirmation: registrations/registration-mails.ts).
 */
@Injectable()
export class OutboxRenderers {
  private readonly renderers = new Map<string, LateRenderer>();

  register(template: string, renderer: LateRenderer): void {
    this.renderers.set(template, renderer);
  }

  get(template: string): LateRenderer | undefined {
    return this.renderers.get(template);
  }
}

/**
 * The SMS outbox INSERT for another feature's statement: `select` yields (recipient, kind, locale,
 * params jsonb); the worker writes the text when it sends. Only this folder writes sms_outbox.
 */
export function enqueueTextStatement(select: string): string {
  return `INSERT INTO sms_outbox (recipient, kind, locale, params)
  ${select}`;
}

/**
 * The outbox INSERT of a small row for another feature's statement: `select` yields (template,
 * recipient, params jsonb, organization_id). The worker renders subject and bodies when it sends.
 */
export function enqueueLateStatement(select: string): string {
  return `INSERT INTO outbox_messages (template, recipient, params, organization_id)
  ${select}`;
}
