import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeWholeFile } from '../../common/files/write-whole';
import type { Locale } from '@wutong/shared';
import type { AppConfig } from '../../config/app-config';
import { AliyunSmsProvider } from './aliyun-sms.provider';
import { TencentSmsProvider } from './tencent-sms.provider';
import { NOTICE_PARAMS, type NoticeKind } from './sms-texts';

/** What a text is for; a provider with templates (Aliyun, Tencent) maps each kind to its template id. */
export type SmsKind = 'login_code' | 'verify_code' | 'survey_invitation' | 'event_message' | NoticeKind;

/**
 * The parameters of each kind, in the order of its approved template (Tencent fills `{1}`, `{2}`…
 * by position; Aliyun's `${name}` by name). A new kind needs its template approved by the provider
 * first, then its id in SMS_TEMPLATES.
 */
export const TEMPLATE_PARAMS: Record<SmsKind, readonly string[]> = {
  login_code: ['code', 'validMinutes'],
  verify_code: ['code', 'validMinutes'],
  // The template's text ends with the fixed link `PUBLIC_URL/survey/${token}`: only the token varies.
  survey_invitation: ['eventTitle', 'token'],
  // An organizer's own words: a template of one variable (operators cap a variable's length).
  event_message: ['text'],
  ...NOTICE_PARAMS,
};

/** One text as the outbox hands it over: the full text, and its parameters for template-based providers. */
export interface SmsMessage {
  /** Outbox row id: the same on a retry, for providers that de-duplicate. */
  id: string;
  /** E.164, e.g. +8613800138000. */
  to: string;
  kind: SmsKind;
  /** The reader's language: template providers use `<kind>:en` for English when configured. */
  locale: Locale;
  text: string;
  params: Record<string, string>;
}

/**
 * A text the provider will never take as it is (a number it calls invalid, a template or sign name it
 * has not approved): failed at once, not retried. Anything else thrown (rate limits, timeouts, 5xx)
 * is retried by the outbox with backoff.
 */
export class PermanentSmsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/**
 * Sends texts. Implementations: `file` (each text one JSON file in SMS_DIR), `aliyun` (Aliyun SMS,
 * dysmsapi) and `tencent` (Tencent Cloud SMS), chosen by SMS_PROVIDER. `send` resolves with the
 * provider's id of the text (kept as the delivery's reference) or throws.
 */
export interface SmsProvider {
  send(message: SmsMessage): Promise<string | null>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** Writes each text as `{to, kind, text, params}` to `<dir>/<created>-<id>.json`: for development and tests. */
export class FileSmsProvider implements SmsProvider {
  constructor(private readonly dir: string) {}

  async send(message: SmsMessage): Promise<string | null> {
    await mkdir(this.dir, { recursive: true });
    const { to, kind, text, params } = message;
    const name = `${Date.now()}-${message.id}.json`;
    await writeWholeFile(join(this.dir, name), JSON.stringify({ to, kind, text, params }, null, 2));
    return name;
  }
}

/**
 * The template id of a kind in the reader's language (`<kind>:en` for English, else `<kind>`), or a
 * permanent failure naming what to configure.
 */
export function templateFor(
  templates: Record<string, string>,
  kind: SmsKind,
  locale: Locale = 'zh-CN',
): string {
  const id = (locale === 'en' ? templates[`${kind}:en`] : undefined) ?? templates[kind];
  if (!id) throw new PermanentSmsError('NO_TEMPLATE', `SMS_TEMPLATES has no template for ${kind}`);
  return id;
}

export function smsProviderFor(config: AppConfig): SmsProvider {
  const sms = config.sms;
  switch (sms.provider) {
    case 'file':
      return new FileSmsProvider(sms.dir);
    case 'aliyun':
      return new AliyunSmsProvider(sms);
    case 'tencent':
      return new TencentSmsProvider(sms);
  }
}
