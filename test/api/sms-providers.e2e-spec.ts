import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError, loadConfig } from '../../apps/api/src/config/app-config';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Issue 17, point 2: texts leave through the real SDKs of Aliyun SMS and Tencent Cloud SMS, here
 * against a server on 127.0.0.1 that answers as each provider does and records what the SDK sent.
 * Each provider's answers are played per number: sent, rate-limited (retried, then sent) and an
 * invalid number (failed at once, never retried).
 */
interface Seen {
  headers: IncomingMessage['headers'];
  body: string;
}

type Answer = (phone: string) => { status?: number; json: unknown };

async function fakeProvider(answer: Answer, phoneOf: (seen: Seen) => string) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      const { status = 200, json } = answer(phoneOf(entry));
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, seen, close: () => new Promise((r) => server.close(r)) };
}

const mobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
const TEMPLATES = JSON.stringify({ login_code: 'SMS_LOGIN_1', verify_code: 'SMS_VERIFY_2' });

/** Aliyun's RPC form body, in the order sent; `Signature` checked as Aliyun does (HMAC-SHA1, secret + '&'). */
function aliyunForm(body: string): { params: Record<string, string>; signatureValid: boolean } {
  const pairs = body.split('&').map((p) => p.split('=') as [string, string]);
  const params = Object.fromEntries(pairs.map(([k, v]) => [k, decodeURIComponent(v)]));
  const canonical = pairs
    .filter(([k]) => k !== 'Signature')
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
  const encode = (s: string) =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const expected = createHmac('sha1', 'aliyun-secret&')
    .update(`POST&${encode('/')}&${encode(canonical)}`)
    .digest('base64');
  return { params, signatureValid: params.Signature === expected };
}

describe('SMS through the providers’ SDKs (Aliyun, Tencent) against local servers', () => {
  const plays = new Map<string, string[]>();
  /** The next answer planned for a number (the last one repeats). */
  const next = (phone: string) => {
    const plan = plays.get(phone) ?? ['ok'];
    return plan.length > 1 ? plan.shift()! : plan[0];
  };

  async function texts(t: TestApp, phone: string) {
    const { rows } = await t.db
      .query(
        `SELECT id, status, attempts, last_error, provider_ref FROM sms_outbox WHERE recipient = $1 ORDER BY created_at`,
        [`+86${phone}`],
      )
      .then((rows: unknown) => ({
        rows: rows as {
          id: string;
          status: string;
          attempts: number;
          last_error: string | null;
          provider_ref: string | null;
        }[],
      }));
    return rows;
  }

  /** Drains until the text to `phone` is no longer pending right now (retries are a few ms apart here). */
  async function drainUntilSettled(t: TestApp, phone: string, passes = 10) {
    for (let i = 0; i < passes; i++) {
      await t.drainOutbox();
      const [row] = await texts(t, phone);
      if (row.status !== 'pending') return row;
      await new Promise((r) => setTimeout(r, 60));
    }
    return (await texts(t, phone))[0];
  }

  describe('Aliyun SMS (dysmsapi 2017-05-25)', () => {
    let t: TestApp;
    let aliyun: Awaited<ReturnType<typeof fakeProvider>>;

    beforeAll(async () => {
      aliyun = await fakeProvider(
        (phone) => {
          switch (next(phone)) {
            case 'limit':
              return {
                json: {
                  Code: 'isv.BUSINESS_LIMIT_CONTROL',
                  Message: '触发号码天级流控Permits:10',
                  RequestId: 'r1',
                },
              };
            case 'invalid':
              return { json: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号', RequestId: 'r2' } };
            default:
              return { json: { Code: 'OK', Message: 'OK', BizId: `biz-${phone}`, RequestId: 'r3' } };
          }
        },
        (seen) => aliyunForm(seen.body).params.PhoneNumbers,
      );
      t = await startTestApp({
        SMS_PROVIDER: 'aliyun',
        SMS_ENDPOINT: aliyun.url,
        SMS_KEY_ID: 'aliyun-key',
        SMS_KEY_SECRET: 'aliyun-secret',
        SMS_TEMPLATES: TEMPLATES,
        SMS_SIGN_NAME: '梧桐基地',
        OUTBOX_RETRY_BASE_MS: '10',
      });
    });
    afterAll(async () => {
      await t?.close();
      await aliyun?.close();
    });

    it('sends a sign-in code with the template, its parameters and a valid signature; the code then signs in', async () => {
      const phone = mobile();
      await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
      const row = await drainUntilSettled(t, phone);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, provider_ref: `biz-${phone}` });

      const sent = aliyun.seen.map((s) => aliyunForm(s.body)).filter((f) => f.params.PhoneNumbers === phone);
      expect(sent).toHaveLength(1);
      const { params, signatureValid } = sent[0];
      expect(signatureValid).toBe(true);
      expect(params).toMatchObject({
        Action: 'SendSms',
        Version: '2017-05-25',
        AccessKeyId: 'aliyun-key',
        SignName: '梧桐基地',
        TemplateCode: 'SMS_LOGIN_1',
        OutId: row.id,
      });
      const templateParam = JSON.parse(params.TemplateParam) as Record<string, string>;
      expect(templateParam).toEqual({ code: expect.stringMatching(/^\d{6}$/), validMinutes: '5' });

      const login = await t.http
        .post('/api/auth/sms-login')
        .send({ phone, code: templateParam.code, displayName: '阿里云短信用户' })
        .expect(200);
      expect(login.body.created).toBe(true);
    });

    it('retries a rate-limited text until the provider takes it', async () => {
      const phone = mobile();
      plays.set(phone, ['limit', 'limit', 'ok']);
      await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
      await t.drainOutbox();
      const [first] = await texts(t, phone);
      expect(first).toMatchObject({ status: 'pending', attempts: 1 });
      expect(first.last_error).toContain('触发号码天级流控');
      const row = await drainUntilSettled(t, phone);
      expect(row).toMatchObject({
        status: 'sent',
        attempts: 3,
        last_error: null,
        provider_ref: `biz-${phone}`,
      });
    });

    it('fails a text to a number the provider calls invalid at once, and never sends it again', async () => {
      const phone = mobile();
      plays.set(phone, ['invalid']);
      await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
      const row = await drainUntilSettled(t, phone);
      expect(row).toMatchObject({ status: 'failed', attempts: 1 });
      expect(row.last_error).toContain('isv.MOBILE_NUMBER_ILLEGAL');
      await t.drainOutbox();
      expect(aliyun.seen.filter((s) => aliyunForm(s.body).params.PhoneNumbers === phone)).toHaveLength(1);
    });
  });

  describe('Tencent Cloud SMS (2021-01-11)', () => {
    let t: TestApp;
    let tencent: Awaited<ReturnType<typeof fakeProvider>>;
    const body = (seen: Seen) =>
      JSON.parse(seen.body) as Record<string, unknown> & { PhoneNumberSet: string[] };

    beforeAll(async () => {
      tencent = await fakeProvider(
        (e164) => {
          const status = (Code: string, Message: string) => ({
            json: {
              Response: {
                SendStatusSet: [
                  {
                    SerialNo: Code === 'Ok' ? `serial-${e164}` : '',
                    PhoneNumber: e164,
                    Fee: 1,
                    SessionContext: '',
                    Code,
                    Message,
                    IsoCode: 'CN',
                  },
                ],
                RequestId: 'req-1',
              },
            },
          });
          switch (next(e164.slice(3))) {
            case 'limit':
              return status(
                'LimitExceeded.PhoneNumberThirtySecondLimit',
                'the number exceeds the 30-second limit',
              );
            case 'invalid':
              return status('InvalidParameterValue.IncorrectPhoneNumber', 'incorrect phone number');
            case 'internal':
              return {
                json: {
                  Response: {
                    Error: { Code: 'InternalError.Timeout', Message: 'timeout' },
                    RequestId: 'req-2',
                  },
                },
              };
            default:
              return status('Ok', 'send success');
          }
        },
        (seen) => body(seen).PhoneNumberSet[0],
      );
      t = await startTestApp({
        SMS_PROVIDER: 'tencent',
        SMS_ENDPOINT: tencent.url,
        SMS_KEY_ID: 'AKIDtencent',
        SMS_KEY_SECRET: 'tencent-secret',
        SMS_APP_ID: '1400000001',
        SMS_TEMPLATES: TEMPLATES,
        OUTBOX_RETRY_BASE_MS: '10',
      });
    });
    afterAll(async () => {
      await t?.close();
      await tencent?.close();
    });

    it('sends a sign-in code with the action, the app id, the template and its parameters in order, signed', async () => {
      const phone = mobile();
      await t.http.post('/api/auth/sms-code').send({ phone, purpose: 'login' }).expect(202);
      const row = await drainUntilSettled(t, phone);
      expect(row).toMatchObject({ status: 'sent', attempts: 1, provider_ref: `serial-+86${phone}` });

      const sent = tencent.seen.filter((s) => body(s).PhoneNumberSet[0] === `+86${phone}`);
      expect(sent).toHaveLength(1);
      expect(sent[0].headers['x-tc-action']).toBe('SendSms');
      expect(sent[0].headers['x-tc-version']).toBe('2021-01-11');
      // The scope's service is the endpoint's first label: `sms` on sms.tencentcloudapi.com, `127` here.
      expect(sent[0].headers.authorization).toMatch(
        /^TC3-HMAC-SHA256 Credential=AKIDtencent\/\d{4}-\d{2}-\d{2}\/[^/]+\/tc3_request, SignedHeaders=[^,]+, Signature=[0-9a-f]{64}$/,
      );
      expect(body(sent[0])).toMatchObject({
        SmsSdkAppId: '1400000001',
        SignName: '梧桐',
        TemplateId: 'SMS_LOGIN_1',
        TemplateParamSet: [expect.stringMatching(/^\d{6}$/), '5'],
        SessionContext: row.id,
      });
    });

    it('retries a per-number limit and an internal error, and fails an incorrect number at once', async () => {
      const limited = mobile();
      const invalid = mobile();
      plays.set(limited, ['limit', 'internal', 'ok']);
      plays.set(invalid, ['invalid']);
      await t.http.post('/api/auth/sms-code').send({ phone: limited, purpose: 'login' }).expect(202);
      await t.http.post('/api/auth/sms-code').send({ phone: invalid, purpose: 'login' }).expect(202);
      await t.drainOutbox();
      expect((await texts(t, limited))[0]).toMatchObject({ status: 'pending', attempts: 1 });
      expect(await drainUntilSettled(t, limited)).toMatchObject({
        status: 'sent',
        attempts: 3,
        provider_ref: `serial-+86${limited}`,
      });
      const failed = await drainUntilSettled(t, invalid);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.last_error).toContain('InvalidParameterValue.IncorrectPhoneNumber');
    });
  });

  it('refuses to start a sending provider without its keys, app id or templates', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', SMS_PROVIDER: 'tencent' })).toThrow(
      new ConfigError(
        'Invalid configuration: SMS_PROVIDER=tencent needs SMS_KEY_ID, SMS_KEY_SECRET, SMS_TEMPLATES, SMS_APP_ID',
      ),
    );
    expect(() =>
      loadConfig({
        DATABASE_URL: 'postgres://x/y',
        SMS_PROVIDER: 'aliyun',
        SMS_KEY_ID: 'k',
        SMS_KEY_SECRET: 's',
        SMS_TEMPLATES: '[1]',
      }),
    ).toThrow(/SMS_TEMPLATES must be a JSON object/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://x/y', SMS_PROVIDER: 'twilio' })).toThrow(
      /SMS_PROVIDER/,
    );
  });
});
