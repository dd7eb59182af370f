import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/wutong' };

describe('loadConfig', () => {
  it('fills the documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      port: 3000,
      authRateLimit: { limit: 10, ttlMs: 60_000 },
      smtpUrl: null,
      demo: false,
      admin: null,
      publicUrl: 'http://localhost:3000',
      publicUrlConfigured: false,
      jwtTtl: '7d',
    });
    expect(c.jwtSecret.length).toBeGreaterThanOrEqual(32);
  });

  it('reads AUTH_RATE_LIMIT as N/SECONDS or off', () => {
    expect(loadConfig({ ...base, AUTH_RATE_LIMIT: '5/30' }).authRateLimit).toEqual({
      limit: 5,
      ttlMs: 30_000,
    });
    expect(loadConfig({ ...base, AUTH_RATE_LIMIT: 'off' }).authRateLimit).toBeNull();
  });

  it.each([
    [{}, /^Invalid configuration: DATABASE_URL .*not set/],
    [{ ...base, PORT: 'abc' }, /^Invalid configuration: PORT /],
    [{ ...base, PORT: '70000' }, /^Invalid configuration: PORT /],
    [
      { ...base, AUTH_RATE_LIMIT: '10 per minute' },
      /^Invalid configuration: AUTH_RATE_LIMIT must be N\/SECONDS/,
    ],
    [{ ...base, SMTP_URL: 'http://mail' }, /^Invalid configuration: SMTP_URL /],
    [{ ...base, JWT_SECRET: 'short' }, /^Invalid configuration: JWT_SECRET must be at least 32 characters$/],
    [
      { ...base, WUTONG_ADMIN_EMAIL: 'admin@base.cn' },
      /WUTONG_ADMIN_EMAIL and WUTONG_ADMIN_PASSWORD must be set together/,
    ],
    [
      { ...base, DATABASE_URL: 'mysql://x' },
      /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ URL/,
    ],
    [
      { ...base, PORT: '70000' },
      /^Invalid configuration: PORT must not be greater than 65535 \(got "70000"\)$/,
    ],
    [
      { ...base, TRUST_PROXY: 'nonsense' },
      /^Invalid configuration: TRUST_PROXY must be true, false, or a comma-separated list/,
    ],
    [{ ...base, TRUST_PROXY: '1' }, /a hop count cannot tell a proxy from a client/],
  ])('stops with one line naming the variable for %j', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('reads TRUST_PROXY as a flag or addresses', () => {
    expect(loadConfig({ ...base, TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ ...base, TRUST_PROXY: 'loopback' }).trustProxy).toBe('loopback');
    expect(loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8, 127.0.0.1' }).trustProxy).toBe(
      '10.0.0.0/8, 127.0.0.1',
    );
    expect(loadConfig(base).trustProxy).toBe(false);
  });

  it('never prints a secret it refuses', () => {
    expect(() => loadConfig({ ...base, JWT_SECRET: 'my-short-secret' })).not.toThrow(/my-short-secret/);
  });

  // Issue 15, point 14: the deployment defaults of a production instance.
  it('requires two-step sign-in of admins by default under NODE_ENV=production, unless set otherwise', () => {
    expect(loadConfig(base).adminMfa).toBe('optional');
    expect(loadConfig({ ...base, NODE_ENV: 'production' }).adminMfa).toBe('required');
    expect(loadConfig({ ...base, NODE_ENV: 'production', AUTH_ADMIN_MFA: 'optional' }).adminMfa).toBe(
      'optional',
    );
    expect(loadConfig({ ...base, AUTH_ADMIN_MFA: 'required' }).adminMfa).toBe('required');
  });

  it('listens on this machine only when the demo base is loaded, unless HOST says otherwise', () => {
    expect(loadConfig(base).host).toBe('0.0.0.0');
    expect(loadConfig({ ...base, WUTONG_DEMO: '1' }).host).toBe('127.0.0.1');
    expect(loadConfig({ ...base, WUTONG_DEMO: '1', HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
    expect(loadConfig({ ...base, HOST: '10.1.2.3' }).host).toBe('10.1.2.3');
  });

  it('counts sign-ups per address (AUTH_SIGNUP_LIMIT, 30 a day) unless AUTH_RATE_LIMIT=off', () => {
    expect(loadConfig(base).signupLimit).toEqual({ limit: 30, ttlMs: 86_400_000 });
    expect(loadConfig({ ...base, AUTH_SIGNUP_LIMIT: '5/3600' }).signupLimit).toEqual({
      limit: 5,
      ttlMs: 3_600_000,
    });
    expect(loadConfig({ ...base, AUTH_RATE_LIMIT: 'off' }).signupLimit).toBeNull();
    expect(() => loadConfig({ ...base, AUTH_SIGNUP_LIMIT: 'many' })).toThrow(/AUTH_SIGNUP_LIMIT/);
  });

  it('keeps uploaded files in .data/files by default and refuses STORAGE=s3 without its bucket and keys', () => {
    expect(loadConfig(base).storage).toEqual({ kind: 'local', dir: resolve('.data/files'), s3: null });
    expect(() => loadConfig({ ...base, STORAGE: 's3' })).toThrow(
      'Invalid configuration: STORAGE=s3 needs S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY',
    );
    expect(() =>
      loadConfig({ ...base, STORAGE: 's3', S3_BUCKET: 'b', S3_REGION: 'cn-hangzhou', S3_ACCESS_KEY_ID: 'k' }),
    ).toThrow(/needs S3_SECRET_ACCESS_KEY$/);
    expect(() => loadConfig({ ...base, STORAGE: 'ftp' })).toThrow(/STORAGE must be local/);
    const s3 = loadConfig({
      ...base,
      STORAGE: 's3',
      S3_ENDPOINT: 'http://127.0.0.1:9000',
      S3_BUCKET: 'wutong',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'key',
      S3_SECRET_ACCESS_KEY: 'secret',
      S3_FORCE_PATH_STYLE: 'true',
    }).storage;
    expect(s3.s3).toMatchObject({
      endpoint: 'http://127.0.0.1:9000',
      bucket: 'wutong',
      forcePathStyle: true,
      prefix: '',
    });
  });
});
