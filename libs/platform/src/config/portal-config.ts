import { createHash } from 'crypto';
import { isIP } from 'net';
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

  /**
   * Storage quota of one organization, in bytes: its stored attachments plus its unfinished resumable uploads (their
   * declared length). An upload or a tus creation that would pass it is refused with 413 ATTACHMENT.QUOTA_EXCEEDED.
   */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  ORG_STORAGE_QUOTA_BYTES = 20 * 1024 * 1024 * 1024;

  /** A resumable upload not finished this many hours after its creation is deleted (bytes, row and lock). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  UPLOAD_EXPIRE_HOURS = 24;

  /** How often the worker's upload sweep runs: expires abandoned uploads and records finished ones a failure left behind. */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  UPLOAD_SWEEP_EVERY_MS = 5 * 60 * 1000;

  /** How often the worker recomputes the statistics summary (issue 14: the public and officers' dashboards). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  STATS_REFRESH_EVERY_MS = 5 * 60 * 1000;

  /** How often the worker opens the due calls of recurring call series (issue 15; a call opens at 09:00 at the earliest). */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  CALL_SERIES_EVERY_MS = 15 * 60 * 1000;

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

  /** The public check of a printed 申报书 (GET /api/public/applications/:number): look-ups per client address per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  APPLICATION_CHECK_RATE_PER_HOUR = 60;

  /**
   * The secret of the 申报书's check codes (HMAC of the number); JWT_SECRET when unset. Set it on its own when JWT_SECRET
   * may be rotated: a new secret voids the codes on every printed 申报书.
   */
  @IsOptional()
  @IsString()
  @MinLength(16)
  APPLICATION_CHECK_SECRET?: string;

  /** Registrations: attempts per client address per hour (429 with Retry-After beyond). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_PER_ADDRESS_PER_HOUR = 20;

  /** Registrations: attempts per e-mail address per hour (each can mail a verification link). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_PER_EMAIL_PER_HOUR = 3;

  /** Registrations: attempts per credit code (the organization) per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  REGISTER_PER_CREDIT_CODE_PER_HOUR = 5;

  /** Invitations: per inviting account per hour. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INVITE_PER_ACCOUNT_PER_HOUR = 10;

  /** Invitations: per organization per day (all its members together). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INVITE_PER_ORGANIZATION_PER_DAY = 30;

  /** Invitations: per client address per hour (whichever accounts send them). */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  INVITE_PER_ADDRESS_PER_HOUR = 20;

  /** Objections: largest evidence file. */
  @Transform(toInt)
  @IsInt()
  @Min(1)
  OBJECTION_EVIDENCE_MAX_BYTES = 10 * 1024 * 1024;

  /**
   * `production` turns on the production checks at boot (see `productionProblem`): no placeholder or short secret,
   * PII_KEY required. The Docker image sets it.
   */
  @IsString()
  NODE_ENV = 'development';

  /**
   * Express 'trust proxy': which hops in front of the API may name the client in X-Forwarded-For / -Proto.
   * `false` (trust none: the socket address is the client), a number of hops (`1` behind one ingress), or a
   * comma-separated list of addresses, CIDR ranges or the names loopback, linklocal, uniquelocal.
   */
  @IsString()
  TRUST_PROXY = 'loopback';

  /** Bearer token Prometheus must send to read /metrics; unset: /metrics is open. */
  @IsOptional()
  @IsString()
  METRICS_TOKEN?: string;

  /** false: the OpenAPI document and Swagger UI (/api/docs, /api/docs-json) are not served (404). */
  @Transform(({ value }: { value: unknown }) => !(value === false || value === '0' || value === 'false'))
  @IsBoolean()
  DOCS_PUBLIC = true;

  /**
   * Key for the personal data kept encrypted in application payloads (AES-256-GCM; the key is SHA-256 of this
   * secret, so use at least 32 random bytes). Required in production; elsewhere a fixed development key is used.
   */
  @IsOptional()
  @IsString()
  PII_KEY?: string;

  /**
   * Outages: the longest wait for a database connection — connecting, and waiting for a free one in the pool. A
   * database that is down or unreachable then answers 503 (PLATFORM.UNAVAILABLE) in about this time, not never.
   */
  @Transform(toInt)
  @IsInt()
  @Min(100)
  @Max(60_000)
  DB_CONNECT_TIMEOUT_MS = 1500;

  /** Outages: the longest one SQL statement of the API or worker may run (server side, `statement_timeout`; 0 = none). */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DB_STATEMENT_TIMEOUT_MS = 30_000;

  /**
   * Outages: the longest the API or worker waits for the answer to one statement on an open connection (client side,
   * for a server that stopped answering without closing it); 0 = none. Kept above DB_STATEMENT_TIMEOUT_MS.
   */
  @Transform(toInt)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  DB_QUERY_TIMEOUT_MS = 35_000;

  /**
   * Outages: the longest a request waits on Redis — one command of the shared client (rate limits, upload locks,
   * health) or putting a job into a queue after commit. Past it a rate limit counts in PostgreSQL instead, and a job
   * is left to its outbox relay.
   */
  @Transform(toInt)
  @IsInt()
  @Min(50)
  @Max(60_000)
  REDIS_COMMAND_TIMEOUT_MS = 1000;

  /** Set by the launcher when Redis is not available: BullMQ runs on Postgres. */
  @Transform(toBool)
  @IsBoolean()
  QUEUE_ON_POSTGRES = false;

  get production(): boolean {
    return this.NODE_ENV === 'production';
  }

  /** Express's 'trust proxy' value for TRUST_PROXY (validated at boot). */
  get trustProxy(): boolean | number | string[] {
    return parseTrustProxy(this.TRUST_PROXY) as boolean | number | string[];
  }

  /** The 32-byte AES key for personal data: SHA-256 of PII_KEY, or of a fixed development secret outside production. */
  get piiKey(): Buffer {
    if (!this.PII_KEY && this.production)
      throw new ConfigError('Configuration error: PII_KEY is required in production');
    return createHash('sha256')
      .update(this.PII_KEY ?? DEV_PII_SECRET)
      .digest();
  }

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

/** Outside production only: the key personal data is encrypted with when PII_KEY is unset. */
const DEV_PII_SECRET = 'portal-development-pii-key (never used in production)';

/** Placeholders shipped in docker/compose.yml and the docs: refused as secrets in production. */
export const PLACEHOLDER_SECRETS = ['change-me-to-a-long-random-secret', 'change-me-to-another-long-random-secret'];
const SECRET_MIN_BYTES = 32;
const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** TRUST_PROXY as Express takes it, or null when the value is not one Express understands. */
export function parseTrustProxy(raw: string): boolean | number | string[] | null {
  const v = raw.trim().toLowerCase();
  if (v === 'false' || v === '0' || v === 'none') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  const list = v
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  const ok = (x: string) => {
    if (PROXY_NAMES.has(x) || isIP(x)) return true;
    const m = /^([^/]+)\/(\d{1,3})$/.exec(x);
    return !!m && isIP(m[1]) !== 0 && Number(m[2]) <= (isIP(m[1]) === 4 ? 32 : 128);
  };
  return list.length > 0 && list.every(ok) ? list : null;
}

/** What production refuses that development accepts: placeholder or short secrets, a missing PII_KEY. */
function productionProblem(c: PortalConfig): { property: string; why: string } | null {
  const secrets: [string, string | undefined, boolean][] = [
    ['JWT_SECRET', c.JWT_SECRET, true],
    ['PII_KEY', c.PII_KEY, true],
    ['METRICS_TOKEN', c.METRICS_TOKEN, false],
    ['APPLICATION_CHECK_SECRET', c.APPLICATION_CHECK_SECRET, false],
  ];
  for (const [property, value, required] of secrets) {
    if (value === undefined) {
      if (required) return { property, why: 'required in production (a random secret of at least 32 bytes)' };
      continue;
    }
    if (PLACEHOLDER_SECRETS.includes(value.trim()) || /change[-_ ]?me/i.test(value))
      return { property, why: 'the placeholder from docker/compose.yml is refused in production; set a random secret' };
    if (Buffer.byteLength(value, 'utf8') < SECRET_MIN_BYTES)
      return { property, why: `shorter than ${SECRET_MIN_BYTES} bytes, refused in production` };
  }
  return null;
}

/** Reads and validates the environment; throws one clear line naming the bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): PortalConfig {
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') raw[k] = v;
  const config = plainToInstance(PortalConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false, forbidUnknownValues: false });
  const fail = (property: string, value: unknown, why: string) => {
    const shown = /SECRET|PASSWORD|KEY|TOKEN/.test(property) ? '(hidden)' : JSON.stringify(value);
    return new ConfigError(`Configuration error: ${property}=${shown} is not valid (${why})`);
  };
  if (errors.length > 0) {
    const first = errors[0];
    throw fail(first.property, first.value, Object.values(first.constraints ?? {}).join('; '));
  }
  if (parseTrustProxy(config.TRUST_PROXY) === null)
    throw fail(
      'TRUST_PROXY',
      config.TRUST_PROXY,
      'false, a number of hops, or a comma-separated list of addresses, CIDR ranges, loopback, linklocal, uniquelocal',
    );
  const problem = config.production ? productionProblem(config) : null;
  if (problem) throw fail(problem.property, '', problem.why);
  return config;
}
