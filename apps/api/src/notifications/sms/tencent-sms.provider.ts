import { sms } from 'tencentcloud-sdk-nodejs-sms';
import type { SmsSettings } from '../../config/app-config';
import {
  PermanentSmsError,
  TEMPLATE_PARAMS,
  templateFor,
  type SmsMessage,
  type SmsProvider,
} from './sms-provider';

/**
 * Tencent's answers that no retry will change (per number or for the whole request): an invalid
 * number, a template or signature not approved, bad parameters, a wrong key, no balance. Limits
 * (LimitExceeded.*), internal errors and timeouts are retried.
 */
const PERMANENT_PREFIXES = [
  'InvalidParameterValue.IncorrectPhoneNumber',
  'InvalidParameterValue.TemplateParameterFormatError',
  'InvalidParameterValue.TemplateParameterLengthLimit',
  'InvalidParameterValue.ProhibitedUseUrlInTemplateParameter',
  'FailedOperation.TemplateIncorrectOrUnapproved',
  'FailedOperation.SignatureIncorrectOrUnapproved',
  'FailedOperation.PhoneNumberInBlacklist',
  'FailedOperation.InsufficientBalanceInSmsPackage',
  'FailedOperation.ContainSensitiveWord',
  'UnauthorizedOperation',
  'UnsupportedOperation',
  'AuthFailure',
];
const permanent = (code: string) => PERMANENT_PREFIXES.some((p) => code === p || code.startsWith(`${p}.`));

/** Tencent Cloud SMS (短信 API 2021-01-11) through its official SDK. */
export class TencentSmsProvider implements SmsProvider {
  private readonly client: InstanceType<typeof sms.v20210111.Client>;

  constructor(private readonly settings: SmsSettings) {
    const endpoint = new URL(settings.endpoint ?? 'https://sms.tencentcloudapi.com');
    this.client = new sms.v20210111.Client({
      credential: { secretId: settings.keyId!, secretKey: settings.keySecret! },
      region: settings.region,
      profile: {
        httpProfile: { endpoint: endpoint.host, protocol: `${endpoint.protocol}//`, reqTimeout: 10 },
      },
    });
  }

  async send(message: SmsMessage): Promise<string | null> {
    let answer;
    try {
      answer = await this.client.SendSms({
        PhoneNumberSet: [message.to],
        SmsSdkAppId: this.settings.appId!,
        SignName: this.settings.signName,
        TemplateId: templateFor(this.settings.templates, message.kind, message.locale),
        TemplateParamSet: TEMPLATE_PARAMS[message.kind].map((name) => message.params[name] ?? ''),
        SessionContext: message.id,
      });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && permanent(code))
        throw new PermanentSmsError(code, (error as Error).message);
      throw error;
    }
    // One number per request: its status says whether this text went.
    const status = answer.SendStatusSet?.[0];
    if (!status) throw new Error('Tencent SMS answered without a send status');
    const code = status.Code ?? 'Unknown';
    if (code === 'Ok') return status.SerialNo ?? null;
    if (permanent(code)) throw new PermanentSmsError(code, status.Message ?? '');
    throw new Error(`${code}: ${status.Message ?? ''}`);
  }
}
