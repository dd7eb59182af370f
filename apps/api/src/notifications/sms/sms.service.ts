import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { Locale } from '@wutong/shared';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { NoticeKind } from './sms-texts';

/** Minutes a texted code works, shown in the text. */
export interface SmsParams {
  login_code: { code: string; validMinutes: number };
  verify_code: { code: string; validMinutes: number };
  /**
   * The one link a satisfaction survey texts: it opens that survey only (docs/security.md). The
   * template carries the fixed prefix `PUBLIC_URL/survey/`; only the token is a parameter (Tencent
   * refuses URLs in parameters).
   */
  survey_invitation: { eventTitle: string; token: string };
}

/**
 * Writes a text to the SMS outbox with the caller's EntityManager, so it is sent if and only if the
 * business change commits (the outbox worker delivers it once). Texts carry no links but the
 * survey invitation's, which opens one survey and nothing else.
 */
@Injectable()
export class SmsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** The sign name every text starts with, in 【】 as operators require. */
  get signature(): string {
    return `【${this.config.sms.signName}】`;
  }

  /**
   * Texts of one message to many mobiles, already rendered with the signature (an organizer's text to
   * a segment of an event): unique per message and number through batch_id, due `perSecond` at a
   * time. Resolves with the number queued now.
   */
  async enqueueBatch(
    manager: EntityManager,
    batchId: string,
    texts: { to: string; text: string }[],
    perSecond: number,
  ): Promise<number> {
    if (texts.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO sms_outbox (recipient, kind, text_body, params, batch_id, next_attempt_at)
       SELECT r, 'event_message', t, jsonb_build_object('text', regexp_replace(t, '^【[^】]*】', '')), $3, now() + make_interval(secs => (n - 1) / $4::double precision)
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS x(r, t, n)
       ON CONFLICT (batch_id, recipient) WHERE batch_id IS NOT NULL DO NOTHING
       RETURNING id`,
      [texts.map((t) => t.to), texts.map((t) => t.text), batchId, perSecond],
    );
    return rows.length;
  }

  async enqueue<K extends 'login_code' | 'verify_code'>(
    manager: EntityManager,
    to: string,
    kind: K,
    params: SmsParams[K],
  ): Promise<void> {
    const text = `【${this.config.sms.signName}】您的验证码是${params.code}，${params.validMinutes}分钟内有效。`;
    await manager.query(
      `INSERT INTO sms_outbox (recipient, kind, text_body, params) VALUES ($1, $2, $3, $4::jsonb)`,
      [to, kind, text, JSON.stringify({ code: params.code, validMinutes: String(params.validMinutes) })],
    );
  }

  /**
   * Notices (registrations, reminders, event changes, bookings) as small rows: kind, number, language
   * and parameters. The outbox worker renders each text when it sends it (sms-texts.ts), so a hot
   * statement writes no text. The caller has chosen who gets a text (channelsFor).
   */
  async enqueueNotices(
    manager: EntityManager,
    kind: NoticeKind,
    texts: { to: string; locale: Locale; params: Record<string, string> }[],
  ): Promise<void> {
    if (texts.length === 0) return;
    await manager.query(
      `INSERT INTO sms_outbox (recipient, kind, locale, params)
       SELECT r, $1, l, p::jsonb FROM unnest($2::text[], $3::text[], $4::text[]) AS x(r, l, p)`,
      [kind, texts.map((t) => t.to), texts.map((t) => t.locale), texts.map((t) => JSON.stringify(t.params))],
    );
  }

  /** A satisfaction survey's invitation; the title is cut to 30 characters (texts are short). */
  async enqueueSurveyInvitation(
    manager: EntityManager,
    to: string,
    params: SmsParams['survey_invitation'],
  ): Promise<void> {
    const title = params.eventTitle.replace(/\s+/g, ' ').trim();
    const short = title.length > 30 ? `${title.slice(0, 30)}…` : title;
    const text = `【${this.config.sms.signName}】感谢参加「${short}」，请花一分钟填写满意度问卷：${this.config.publicUrl}/survey/${params.token}`;
    await manager.query(
      `INSERT INTO sms_outbox (recipient, kind, text_body, params) VALUES ($1, 'survey_invitation', $2, $3::jsonb)`,
      [to, text, JSON.stringify({ eventTitle: short, token: params.token })],
    );
  }
}
