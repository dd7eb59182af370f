import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import type { SmsKind } from './sms-provider';

/** Minutes a texted code works, shown in the text. */
export interface SmsParams {
  login_code: { code: string; validMinutes: number };
  verify_code: { code: string; validMinutes: number };
}

/**
 * Writes a text to the SMS outbox with the caller's EntityManager, so it is sent if and only if the
 * business change commits (the outbox worker delivers it once). Texts carry no links.
 */
@Injectable()
export class SmsService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async enqueue<K extends SmsKind>(
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
}
