import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { EnvSchema } from './env.schema';

export interface RateLimit {
  limit: number;
  ttlMs: number;
}

/** Typed, validated configuration. Built once from the environment; never read process.env elsewhere. */
export interface AppConfig {
  databaseUrl: string;
  databasePoolSize: number;
  /** Read replicas (TypeORM replication); empty: every read on the primary. */
  databaseReplicaUrls: string[];
  port: number;
  host: string;
  /** null when AUTH_RATE_LIMIT=off (load tests on a trusted network). */
  authRateLimit: RateLimit | null;
  /**
   * Wrong passwords per account (the email tried) before it is closed to unrecognised devices, and the
   * first closing's length (doubling with each repeat); also the budget of current-password checks of
   * a signed-in account. Off with AUTH_RATE_LIMIT=off.
   */
  authAccountRateLimit: RateLimit | null;
  /** Sign-ups per client address (AUTH_SIGNUP_LIMIT, a day by default); off with AUTH_RATE_LIMIT=off. */
  signupLimit: RateLimit | null;
  /** Anonymous requests for an event's public calendar file per client address (FEED_RATE_LIMIT). */
  feedRateLimit: RateLimit | null;
  /** `required`: admin rights only in sessions opened with a second factor (TOTP). */
  adminMfa: 'optional' | 'required';
  /** Shared rate-limit counters for several processes; null keeps them in this process. */
  redis: { url: string; keyPrefix: string } | null;
  jwtSecret: string;
  jwtTtl: string;
  smtpUrl: string | null;
  mailFrom: string;
  mailDir: string;
  /** Where texts go (SMS_*): `file` writes each as one JSON file in `dir`; `aliyun` and `tencent` send them. */
  sms: SmsSettings;
  publicUrl: string;
  /** PUBLIC_URL was given; without it links in mail, feeds and invites point at http://localhost:PORT. */
  publicUrlConfigured: boolean;
  admin: { email: string; password: string } | null;
  demo: boolean;
  /** NODE_ENV=production: the demo base gets a random password instead of the public one. */
  production: boolean;
  logLevel: string;
  /** Fastify's trustProxy: false, true, or the proxies' addresses/CIDRs. */
  trustProxy: boolean | string;
  /** 0 turns the outbox worker off in this process (and only it). */
  outboxPollMs: number;
  /** The once-a-minute passes: reminders, closing ended events, the dashboard fold. */
  periodicPasses: boolean;
  /** GET /events and /events/:id come rendered with their content (PUBLIC_PAGES, on by default). */
  publicPages: boolean;
  outboxRetryBaseMs: number;
  webDist: string;
  /** Browser origins allowed by CORS, exactly as browsers send them; empty: same origin only. */
  corsOrigins: string[];
  /** Swagger UI at /api/docs and the document at /api/docs-json. */
  openApiUi: boolean;
  /** Where uploaded files live (STORAGE, STORAGE_DIR, S3_*). */
  storage: StorageSettings;
}

export interface StorageSettings {
  kind: 'local' | 's3';
  /** STORAGE=local: the folder. */
  dir: string;
  s3: {
    endpoint: string | null;
    bucket: string;
    region: string;
    accessKeyId: string;
    secretAccessKey: string;
    forcePathStyle: boolean;
    prefix: string;
  } | null;
}

/** STORAGE=s3 needs its bucket, region and keys: the app refuses to start without them. */
function storageSettings(parsed: EnvSchema): StorageSettings {
  const kind = (parsed.STORAGE ?? 'local') as StorageSettings['kind'];
  const dir = resolve(parsed.STORAGE_DIR ?? '.data/files');
  if (kind === 'local') return { kind, dir, s3: null };
  const missing = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'].filter(
    (name) => !parsed[name as keyof EnvSchema],
  );
  if (missing.length > 0)
    throw new ConfigError(`Invalid configuration: STORAGE=s3 needs ${missing.join(', ')}`);
  return {
    kind,
    dir,
    s3: {
      endpoint: parsed.S3_ENDPOINT ?? null,
      bucket: parsed.S3_BUCKET!,
      region: parsed.S3_REGION!,
      accessKeyId: parsed.S3_ACCESS_KEY_ID!,
      secretAccessKey: parsed.S3_SECRET_ACCESS_KEY!,
      forcePathStyle: parsed.S3_FORCE_PATH_STYLE === 'true',
      prefix: parsed.S3_PREFIX ?? '',
    },
  };
}

export class ConfigError extends Error {}

export interface SmsSettings {
  provider: 'file' | 'aliyun' | 'tencent';
  dir: string;
  signName: string;
  /** null: the provider's official address. */
  endpoint: string | null;
  keyId: string | null;
  keySecret: string | null;
  appId: string | null;
  region: string;
  /** Template id per kind of text (SmsKind). */
  templates: Record<string, string>;
}

/** SMS_*: a sending provider needs its keys (and Tencent its app id) and a template per kind of text. */
function smsSettings(parsed: EnvSchema): SmsSettings {
  const provider = (parsed.SMS_PROVIDER ?? 'file') as SmsSettings['provider'];
  let templates: Record<string, string> = {};
  if (parsed.SMS_TEMPLATES) {
    let given: unknown;
    try {
      given = JSON.parse(parsed.SMS_TEMPLATES);
    } catch {
      given = null;
    }
    if (
      !given ||
      typeof given !== 'object' ||
      Array.isArray(given) ||
      Object.values(given).some((v) => typeof v !== 'string')
    )
      throw new ConfigError(
        'Invalid configuration: SMS_TEMPLATES must be a JSON object of template ids, e.g. {"login_code":"SMS_123"}',
      );
    templates = given as Record<string, string>;
  }
  if (provider !== 'file') {
    const missing = [
      'SMS_KEY_ID',
      'SMS_KEY_SECRET',
      'SMS_TEMPLATES',
      ...(provider === 'tencent' ? ['SMS_APP_ID'] : []),
    ].filter((name) => !parsed[name as keyof EnvSchema]);
    if (missing.length > 0)
      throw new ConfigError(`Invalid configuration: SMS_PROVIDER=${provider} needs ${missing.join(', ')}`);
  }
  return {
    provider,
    dir: resolve(parsed.SMS_DIR ?? '.data/sms'),
    signName: parsed.SMS_SIGN_NAME ?? '梧桐',
    endpoint: parsed.SMS_ENDPOINT ?? null,
    keyId: parsed.SMS_KEY_ID ?? null,
    keySecret: parsed.SMS_KEY_SECRET ?? null,
    appId: parsed.SMS_APP_ID ?? null,
    region: parsed.SMS_REGION ?? 'ap-guangzhou',
    templates,
  };
}

function firstProblem(errors: ValidationError[]): string {
  const e = errors[0];
  // class-validator's own messages start with the property name; say it once.
  const reason = (Object.values(e.constraints ?? {})[0] ?? 'is invalid').replace(
    new RegExp(`^${e.property} `),
    '',
  );
  const shown =
    // Secrets and URLs (which may carry a password) are never echoed.
    /PASSWORD|SECRET|_URL$/.test(e.property) ? '' : ` (got "${String(e.value)}")`;
  return `${e.property} ${reason}${e.value === undefined ? ' (it is not set)' : shown}`;
}

function parseRateLimit(raw: string | undefined): RateLimit | null {
  const value = raw ?? '10/60';
  if (value === 'off') return null;
  const [limit, seconds] = value.split('/').map(Number);
  return { limit, ttlMs: seconds * 1000 };
}

function parseTrustProxy(raw: string | undefined): boolean | string {
  if (raw === undefined || raw === '' || raw === 'false') return false;
  if (raw === 'true') return true;
  return raw;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = plainToInstance(EnvSchema, { ...env }, { enableImplicitConversion: false });
  const errors = validateSync(parsed, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) throw new ConfigError(`Invalid configuration: ${firstProblem(errors)}`);
  if (Boolean(parsed.WUTONG_ADMIN_EMAIL) !== Boolean(parsed.WUTONG_ADMIN_PASSWORD)) {
    throw new ConfigError(
      'Invalid configuration: WUTONG_ADMIN_EMAIL and WUTONG_ADMIN_PASSWORD must be set together',
    );
  }
  const port = parsed.PORT ?? 3000;
  const production = parsed.NODE_ENV === 'production';
  const demo = parsed.WUTONG_DEMO === '1';
  return {
    databaseUrl: parsed.DATABASE_URL,
    databasePoolSize: parsed.DATABASE_POOL_SIZE ?? 10,
    databaseReplicaUrls: (parsed.DATABASE_REPLICA_URLS ?? '')
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
    port,
    // The demo base's accounts are known to everyone who read the README: only this machine by default.
    host: parsed.HOST || (demo ? '127.0.0.1' : '0.0.0.0'),
    authRateLimit: parseRateLimit(parsed.AUTH_RATE_LIMIT),
    authAccountRateLimit:
      parsed.AUTH_RATE_LIMIT === 'off' ? null : parseRateLimit(parsed.AUTH_ACCOUNT_RATE_LIMIT ?? '10/300'),
    signupLimit:
      parsed.AUTH_RATE_LIMIT === 'off' ? null : parseRateLimit(parsed.AUTH_SIGNUP_LIMIT ?? '30/86400'),
    feedRateLimit: parseRateLimit(parsed.FEED_RATE_LIMIT ?? '60/60'),
    adminMfa: (parsed.AUTH_ADMIN_MFA ?? (production ? 'required' : 'optional')) as AppConfig['adminMfa'],
    redis: parsed.REDIS_URL
      ? { url: parsed.REDIS_URL, keyPrefix: parsed.REDIS_KEY_PREFIX ?? 'wutong:' }
      : null,
    // Without a configured secret each start signs with a fresh one: tokens end with the process.
    jwtSecret: parsed.JWT_SECRET ?? randomBytes(48).toString('base64url'),
    jwtTtl: parsed.JWT_TTL ?? '7d',
    smtpUrl: parsed.SMTP_URL ?? null,
    mailFrom: parsed.MAIL_FROM ?? 'Wutong 梧桐 <no-reply@wutong.local>',
    mailDir: resolve(parsed.MAIL_DIR ?? '.data/mail'),
    sms: smsSettings(parsed),
    publicUrl: (parsed.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/$/, ''),
    publicUrlConfigured: Boolean(parsed.PUBLIC_URL),
    admin: parsed.WUTONG_ADMIN_EMAIL
      ? { email: parsed.WUTONG_ADMIN_EMAIL.toLowerCase(), password: parsed.WUTONG_ADMIN_PASSWORD! }
      : null,
    demo,
    production,
    logLevel: parsed.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(parsed.TRUST_PROXY),
    outboxPollMs: parsed.OUTBOX_POLL_MS ?? 1000,
    periodicPasses: parsed.PERIODIC_PASSES !== 'off',
    publicPages: parsed.PUBLIC_PAGES !== 'off',
    outboxRetryBaseMs: parsed.OUTBOX_RETRY_BASE_MS ?? 5000,
    webDist: resolve(parsed.WEB_DIST ?? 'dist/apps/web'),
    corsOrigins: (parsed.CORS_ORIGINS ?? '')
      .split(',')
      .map((o) => o.trim().toLowerCase())
      .filter(Boolean),
    // The API map helps attackers as much as integrators: off in production unless asked for.
    openApiUi: parsed.OPENAPI_UI ? parsed.OPENAPI_UI === 'true' : !production,
    storage: storageSettings(parsed),
  };
}

/** Injection token of AppConfig. */
export const APP_CONFIG = Symbol('APP_CONFIG');
