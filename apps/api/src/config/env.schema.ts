import { Transform } from 'class-transformer';
import {
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
  MinLength,
} from 'class-validator';

const RATE_LIMIT = /^(off|\d+\/\d+)$/;
const ORIGIN = String.raw`https?:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?`;
const CORS_ORIGINS = new RegExp(`^${ORIGIN}(\\s*,\\s*${ORIGIN})*$`);

/**
 * Every environment variable the API reads. Validated once at boot: a bad value stops the process
 * with one line naming the variable (docs/configuration.md describes each).
 */
export class EnvSchema {
  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'must be a postgres:// URL' })
  DATABASE_URL!: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT?: number;

  @IsOptional()
  @IsString()
  HOST?: string;

  @IsOptional()
  @Matches(RATE_LIMIT, { message: 'must be N/SECONDS (e.g. 10/60) or off' })
  AUTH_RATE_LIMIT?: string;

  @IsOptional()
  @Matches(/^\d+\/\d+$/, { message: 'must be N/SECONDS (e.g. 10/300)' })
  AUTH_ACCOUNT_RATE_LIMIT?: string;

  @IsOptional()
  @Matches(/^\d+\/\d+$/, { message: 'must be N/SECONDS (e.g. 30/86400)' })
  AUTH_SIGNUP_LIMIT?: string;

  @IsOptional()
  @Matches(RATE_LIMIT, { message: 'must be N/SECONDS (e.g. 60/60) or off' })
  FEED_RATE_LIMIT?: string;

  @IsOptional()
  @IsIn(['optional', 'required'], { message: 'must be optional or required' })
  AUTH_ADMIN_MFA?: string;

  @IsOptional()
  @Matches(/^rediss?:\/\//, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9:._-]{1,64}$/, { message: 'must be letters, digits and : . _ - (at most 64)' })
  REDIS_KEY_PREFIX?: string;

  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  JWT_SECRET?: string;

  @IsOptional()
  @Matches(/^\d+[smhd]$/, { message: 'must be a duration such as 15m, 12h or 7d' })
  JWT_TTL?: string;

  @IsOptional()
  @Matches(/^(smtps?):\/\//, { message: 'must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  MAIL_FROM?: string;

  @IsOptional()
  @IsString()
  MAIL_DIR?: string;

  @IsOptional()
  @IsIn(['file', 'aliyun', 'tencent'], {
    message: 'must be file (texts written to SMS_DIR), aliyun or tencent',
  })
  SMS_PROVIDER?: string;

  /** The provider's API address; its official one by default (a private endpoint, or a local test server). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  SMS_ENDPOINT?: string;

  /** Aliyun AccessKey ID, or Tencent SecretId. */
  @IsOptional()
  @IsString()
  SMS_KEY_ID?: string;

  /** Aliyun AccessKey secret, or Tencent SecretKey. */
  @IsOptional()
  @IsString()
  SMS_KEY_SECRET?: string;

  /** Tencent's SmsSdkAppId. */
  @IsOptional()
  @IsString()
  SMS_APP_ID?: string;

  /** Tencent's region (ap-guangzhou by default). */
  @IsOptional()
  @IsString()
  SMS_REGION?: string;

  /** The approved template of each kind of text, as JSON: {"login_code":"SMS_123","verify_code":"…"}. */
  @IsOptional()
  @IsString()
  SMS_TEMPLATES?: string;

  @IsOptional()
  @IsString()
  SMS_DIR?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[^【】\s]{2,12}$/, { message: 'must be 2 to 12 characters, without brackets or spaces' })
  SMS_SIGN_NAME?: string;

  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  PUBLIC_URL?: string;

  @IsOptional()
  @IsEmail({}, { message: 'must be an email address' })
  WUTONG_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'must be at least 8 characters' })
  WUTONG_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsIn(['0', '1'], { message: 'must be 0 or 1' })
  WUTONG_DEMO?: string;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  @IsOptional()
  @Matches(
    // Not a bare hop count: it cannot tell a proxy from a client that sends the header itself
    // (Fastify 5.12 ignores one, trusting nobody).
    /^(?!\d+$)(true|false|loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+)(\s*,\s*(loopback|linklocal|uniquelocal|[0-9a-fA-F.:/]+))*$/,
    {
      message:
        'must be true, false, or a comma-separated list of proxy addresses/CIDRs (e.g. 10.0.0.0/8); a hop count cannot tell a proxy from a client',
    },
  )
  TRUST_PROXY?: string;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(0)
  OUTBOX_POLL_MS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(10)
  OUTBOX_RETRY_BASE_MS?: number;

  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(100)
  DATABASE_POOL_SIZE?: number;

  /** Read replicas for the dashboard, reports and exports: comma-separated postgres:// URLs. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+(\s*,\s*postgres(ql)?:\/\/\S+)*$/, {
    message: 'must be a comma-separated list of postgres:// URLs',
  })
  DATABASE_REPLICA_URLS?: string;

  @IsOptional()
  @IsString()
  WEB_DIST?: string;

  /** Exact origins (scheme://host[:port], comma-separated) that may call the API from a browser. */
  @IsOptional()
  @Matches(CORS_ORIGINS, {
    message:
      'must be a comma-separated list of exact origins such as https://partner.example.cn (no path, no *)',
  })
  CORS_ORIGINS?: string;

  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  OPENAPI_UI?: string;

  /** GET /events and /events/:id rendered on the server with their content (off: the app's empty page). */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  PUBLIC_PAGES?: string;

  /** The once-a-minute passes (reminders, closing ended events, the dashboard fold); apart from the outbox. */
  @IsOptional()
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  PERIODIC_PASSES?: string;

  /** Where uploaded files (event images) live: `local` (a folder, STORAGE_DIR) or `s3` (S3_*). */
  @IsOptional()
  @IsIn(['local', 's3'], { message: 'must be local (files under STORAGE_DIR) or s3 (a bucket, S3_*)' })
  STORAGE?: string;

  /** STORAGE=local: the folder (.data/files by default). */
  @IsOptional()
  @IsString()
  STORAGE_DIR?: string;

  /** STORAGE=s3: the S3-compatible service's address (AWS's own by default). */
  @IsOptional()
  @IsUrl({ require_tld: false, require_protocol: true }, { message: 'must be an http(s) URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Bucket in the path (http://host/bucket/key) rather than the host name: MinIO and most self-hosted stores. */
  @IsOptional()
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  S3_FORCE_PATH_STYLE?: string;

  /** A folder inside the bucket for this installation's files, e.g. wutong/ (none by default). */
  @IsOptional()
  @Matches(/^([a-z0-9][a-z0-9_.-]*\/)*$/, { message: 'must be a folder path ending with / (e.g. wutong/)' })
  S3_PREFIX?: string;

  /** `production` changes defaults: OPENAPI_UI off, AUTH_ADMIN_MFA required, no public demo password. */
  @IsOptional()
  @IsString()
  NODE_ENV?: string;
}
