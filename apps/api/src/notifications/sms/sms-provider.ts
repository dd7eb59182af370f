import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AppConfig } from '../../config/app-config';

/** What a text is for; a provider with templates (Aliyun, Tencent) maps each kind to its template id. */
export type SmsKind = 'login_code' | 'verify_code' | 'event_message';

/** One text as the outbox hands it over: the full text, and its parameters for template-based providers. */
export interface SmsMessage {
  /** Outbox row id: the same on a retry, for providers that de-duplicate. */
  id: string;
  /** E.164, e.g. +8613800138000. */
  to: string;
  kind: SmsKind;
  text: string;
  params: Record<string, string>;
}

/**
 * Sends texts. Implementations: `file` (each text one JSON file in SMS_DIR). An SDK provider
 * implements `send`, throwing on failure (the outbox retries with backoff), and is chosen by SMS_PROVIDER.
 */
export interface SmsProvider {
  send(message: SmsMessage): Promise<void>;
}

export const SMS_PROVIDER = Symbol('SMS_PROVIDER');

/** Writes each text as `{to, kind, text, params}` to `<dir>/<created>-<id>.json`: for development and tests. */
export class FileSmsProvider implements SmsProvider {
  constructor(private readonly dir: string) {}

  async send(message: SmsMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const { to, kind, text, params } = message;
    await writeFile(
      join(this.dir, `${Date.now()}-${message.id}.json`),
      JSON.stringify({ to, kind, text, params }, null, 2),
    );
  }
}

export function smsProviderFor(config: AppConfig): SmsProvider {
  switch (config.sms.provider) {
    case 'file':
      return new FileSmsProvider(config.sms.dir);
  }
}
