import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

const toInt = ({ value }: { value: unknown }) => (value === undefined || value === '' ? undefined : Number(value));
const toBool = ({ value }: { value: unknown }) => value === true || value === '1' || value === 'true';

/**
 * Every setting the portal reads, validated once at boot. A bad value stops the process with one line
 * naming the variable. Secrets are never logged (see `describe()`).
 */
export class PortalConfig {
  @IsString()
  @MinLength(1)
  DATABASE_URL: string;

  @IsString()
  @MinLength(1)
  REDIS_URL: string;

  /** smtp://host:port — unset: mail is kept in the outbox table for admins. */
  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = '动漫扶持申报平台 <noreply@portal.local>';

  @IsString()
  STORAGE_DIR = '.data/storage';

  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** Public base URL used in mails (verification links). */
  @IsString()
  PUBLIC_URL = 'http://localhost:3000';

  @IsOptional()
  @IsEmail()
  PORTAL_ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(10)
  PORTAL_ADMIN_PASSWORD?: string;

  @Transform(toBool)
  @IsBoolean()
  PORTAL_TEST_CLOCK = false;

  @IsIn(['sandbox', 'http', 'bank-file'])
  PAYMENT_RAIL: 'sandbox' | 'http' | 'bank-file' = 'sandbox';

  @IsOptional()
  @IsString()
  PAYMENT_RAIL_URL?: string;

  /** Secret for access tokens; generated per data directory by the launcher when unset. */
  @IsString()
  @MinLength(16)
  JWT_SECRET: string;

  @Transform(toInt)
  @IsInt()
  @Min(60)
  @Max(86400)
  ACCESS_TOKEN_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt()
  @Min(3600)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 86400;

  /** Prefix for every Redis key (BullMQ queues, rate limits): lets tests share one Redis. */
  @IsString()
  REDIS_PREFIX = 'portal';

  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_MAX_BYTES = 50 * 1024 * 1024;

  @Transform(toInt)
  @IsInt()
  @Min(1)
  TUS_MAX_BYTES = 4 * 1024 * 1024 * 1024;

  /** Where attachments and objection evidence live: `local` (STORAGE_DIR) or `s3` (an S3-compatible bucket, see S3_*). */
  @IsIn(['local', 's3'])
  STORAGE_DRIVER: 'local' | 's3' = 'local';

  @IsOptional()
  @IsString()
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Expert review: days an expert has to submit, counted from the draw (due at 24:00 Asia/Shanghai of the last day). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(365)
  REVIEW_DUE_DAYS = 14;

  /** Expert review: the reminder goes out this many hours before the due time. */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(24 * 365)
  REVIEW_REMINDER_HOURS_BEFORE = 72;

  /** Expert review, staging/tests only: a fixed reminder delay in milliseconds instead of the one the due time gives. */
  @IsOptional()
  @Transform(toInt)
  @IsInt()
  @Min(0)
  REVIEW_REMINDER_DELAY_MS?: number;

  /** Payments: how long one call to the payment rail may take before its answer counts as lost (ambiguous). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(120_000)
  PAYMENT_RAIL_TIMEOUT_MS = 10_000;

  /** Payments: an instalment in `approved` or `sending` this long without progress is picked up by the reconciler. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(86_400)
  PAYMENT_STUCK_SECONDS = 30;

  /** Payments: how many times an instalment is sent before it waits in `failed` for a person. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(20)
  PAYMENT_MAX_ATTEMPTS = 4;

  /** Payments: first retry delay (doubling each time). */
  @Transform(toInt)
  @IsInt()
  @Min(10)
  @Max(3_600_000)
  PAYMENT_RETRY_DELAY_MS = 2000;

  /** Payments: jobs one worker process runs at once. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  @Max(500)
  PAYMENT_CONCURRENCY = 32;

  /** Payments: how often the worker relays the outbox and runs the reconciler. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(600_000)
  PAYMENT_RELAY_INTERVAL_MS = 2000;

  /** Objections to a public notice: at most this many per client address per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OBJECTION_RATE_PER_HOUR = 10;

  /** Objections: largest evidence file. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OBJECTION_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /** Set by the launcher when Redis is not available: BullMQ runs on Postgres. */
  @Transform(toBool)
  @IsBoolean()
  QUEUE_ON_POSTGRES = false;

  /** Safe summary for logs. */
  describe(): Record<string, unknown> {
    const mask = (url?: string) => (url ? url.replace(/\/\/([^:@/]+):([^@/]+)@/, '//$1:***@') : url);
    return {
      DATABASE_URL: mask(this.DATABASE_URL),
      REDIS_URL: mask(this.REDIS_URL),
      SMTP_URL: this.SMTP_URL ? mask(this.SMTP_URL) : '(outbox only)',
      STORAGE_DIR: this.STORAGE_DIR,
      PORT: this.PORT,
      PORTAL_TEST_CLOCK: this.PORTAL_TEST_CLOCK,
      PAYMENT_RAIL: this.PAYMENT_RAIL,
    };
  }
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws one clear line naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') raw[k] = v;
  const config = plainToInstance(PortalConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  if (errors.length > 0) {
    const first = errors[0];
    const value = /SECRET|PASSWORD/.test(first.property) ? '(hidden)' : JSON.stringify(first.value);
    const why = Object.values(first.constraints ?? {}).join('; ');
    throw new ConfigError(`Configuration error: ${first.property}=${value} is not valid (${why})`);
  }
  return config;
}
