import Dysmsapi from '@alicloud/dysmsapi-2017-05-25';
import type { SmsSettings } from '../../config/app-config';
import {
  PermanentSmsError,
  TEMPLATE_PARAMS,
  templateFor,
  type SmsMessage,
  type SmsProvider,
} from './sms-provider';

/**
 * Aliyun's answers that no retry will change: an invalid or blacklisted number, a template or sign
 * name not approved, bad parameters, a wrong key. Everything else (isv.BUSINESS_LIMIT_CONTROL — the
 * per-number limits —, isv.DAY_LIMIT_CONTROL, throttling, network errors) is retried.
 */
const PERMANENT = new Set([
  'isv.MOBILE_NUMBER_ILLEGAL',
  'isv.BLACK_KEY_CONTROL_LIMIT',
  'isv.SMS_TEMPLATE_ILLEGAL',
  'isv.SMS_SIGNATURE_ILLEGAL',
  'isv.TEMPLATE_MISSING_PARAMETERS',
  'isv.INVALID_PARAMETERS',
  'isv.INVALID_JSON_PARAM',
  'isv.AMOUNT_NOT_ENOUGH',
  'isp.RAM_PERMISSION_DENY',
  'InvalidAccessKeyId.NotFound',
  'SignatureDoesNotMatch',
]);

/** Aliyun SMS (短信服务, dysmsapi 2017-05-25) through its official SDK. */
export class AliyunSmsProvider implements SmsProvider {
  private readonly client: Dysmsapi;

  constructor(private readonly settings: SmsSettings) {
    this.client = new Dysmsapi({
      endpoint: settings.endpoint ?? 'https://dysmsapi.aliyuncs.com',
      accessKeyId: settings.keyId!,
      accessKeySecret: settings.keySecret!,
      apiVersion: '2017-05-25',
      opts: { timeout: 10_000 },
    });
  }

  async send(message: SmsMessage): Promise<string | null> {
    const params = Object.fromEntries(
      TEMPLATE_PARAMS[message.kind].map((name) => [name, message.params[name] ?? '']),
    );
    let answer: Dysmsapi.SendSmsAnswer;
    try {
      answer = await this.client.sendSms(
        {
          // Mainland numbers without +86, as Aliyun takes them; others with their country code.
          PhoneNumbers: message.to.startsWith('+86') ? message.to.slice(3) : message.to.slice(1),
          SignName: this.settings.signName,
          TemplateCode: templateFor(this.settings.templates, message.kind, message.locale),
          TemplateParam: JSON.stringify(params),
          OutId: message.id,
        },
        { method: 'POST', timeout: 10_000 },
      );
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && PERMANENT.has(code))
        throw new PermanentSmsError(code, (error as { data?: { Message?: string } }).data?.Message ?? '');
      throw error;
    }
    return answer.BizId ?? null;
  }
}
