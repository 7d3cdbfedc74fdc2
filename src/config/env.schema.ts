import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';

const toBoolean = ({ value }: { value: unknown }): unknown =>
  value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;

/**
 * Every environment variable the service reads, with its rule and default. Defaults live here
 * and in the README table only. Variables named in SECRET_VARIABLES are never echoed in errors.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsString()
  HOST = '0.0.0.0';

  /** postgres://user:pass@host:port/db. Unset: an embedded PostgreSQL in DATA_DIR. */
  @IsOptional()
  @IsString()
  @ValidateIf((_, value) => value !== '')
  DATABASE_URL?: string;

  /**
   * Read replicas: comma-separated postgres:// URLs of streaming standbys of DATABASE_URL's
   * server, naming the same database. Unset: every read goes to DATABASE_URL.
   */
  @IsOptional()
  @IsString()
  DATABASE_REPLICA_URLS?: string;

  /** A replica further behind the primary than this is skipped until it catches up. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  REPLICA_MAX_LAG_MS = 1000;

  @IsString()
  DATA_DIR = './.data';

  @Type(() => Number)
  @IsInt()
  @Min(1024)
  @Max(65535)
  EMBEDDED_PG_PORT = 54329;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 10;

  @Type(() => Number)
  @IsInt()
  @Min(100)
  STATEMENT_TIMEOUT_MS = 10000;

  /**
   * The statement budget of one title search (GET /v1/movies?q=): a query matching a large
   * share of a big catalog is cut there and answered 503, so searches cannot hold connections
   * and CPU that other reads need.
   */
  @Type(() => Number)
  @IsInt()
  @Min(10)
  SEARCH_TIMEOUT_MS = 250;

  /** How stale a cached movie's rating aggregates may get on other processes (MovieCatalog). */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3600)
  CATALOG_CACHE_SECONDS = 10;

  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @Type(() => Number)
  @IsInt()
  @Min(30)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Type(() => Number)
  @IsInt()
  @Min(60)
  REFRESH_TOKEN_TTL_SECONDS = 30 * 24 * 3600;

  /**
   * A session (one login and every refresh token rotated from it) ends this long after the login,
   * however often it is refreshed; the user logs in again then.
   */
  @Type(() => Number)
  @IsInt()
  @Min(60)
  REFRESH_FAMILY_MAX_AGE_SECONDS = 90 * 24 * 3600;

  @IsOptional()
  @IsEmail()
  ADMIN_EMAIL?: string;

  @IsOptional()
  @IsString()
  @MinLength(8)
  ADMIN_PASSWORD?: string;

  /**
   * Failed logins per window on one account: from all the addresses that have not logged in to
   * it, together, and from each address that has, on its own.
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ACCOUNT = 10;

  /** Failed logins per window from one client address (an IPv6 /64), whatever the accounts. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES_PER_ADDRESS = 50;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  LOGIN_THROTTLE_WINDOW_SECONDS = 60;

  /** A window that follows one whose limit was reached lasts twice as long, up to this. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(86400)
  LOGIN_THROTTLE_MAX_WINDOW_SECONDS = 3600;

  /** How long a successful login keeps its address trusted for that account; 0 trusts none. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  LOGIN_TRUSTED_ADDRESS_DAYS = 30;

  /**
   * Whose X-Forwarded-For names the client: unset trusts no proxy; a hop count, or a
   * comma-separated list of addresses, CIDR ranges and loopback/linklocal/uniquelocal.
   */
  @IsOptional()
  @IsString()
  TRUST_PROXY?: string;

  /**
   * Record what recommendations showed (impressions, for the online metrics and experiments).
   * Off: nothing is recorded, and online metrics and experiment results stay empty.
   */
  @Transform(toBoolean)
  @IsBoolean()
  RECORD_IMPRESSIONS = true;

  /** Recommendation lists held in memory before they are written (past it they are dropped). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  IMPRESSION_BUFFER_SIZE = 10_000;

  /** How long after a list is shown a rating or watch of one of its movies counts for it. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  ATTRIBUTION_WINDOW_HOURS = 24;

  /** Impressions older than this are deleted by the nightly purge. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  IMPRESSION_RETENTION_DAYS = 90;

  /** Cron expression for deleting old impressions; empty: never. */
  @IsString()
  IMPRESSION_PURGE_CRON = '45 4 * * *';

  /** Cron expression for deleting ended sessions and expired refresh tokens; empty: never. */
  @IsString()
  SESSION_PURGE_CRON = '30 4 * * *';

  /** Cron expression for the nightly retrain; empty turns the schedule off. */
  @IsString()
  RETRAIN_CRON = '0 3 * * *';

  /** A new model whose nDCG@10 is more than this below the serving one's is not swapped in. */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(1)
  QUALITY_GATE_MARGIN = 0.02;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  MODEL_POLL_SECONDS = 30;

  /**
   * Failed or rejected trainings whose rows (and, for rejected ones, bytes) the nightly job
   * keeps besides the serving version and the previous ready one; older artifacts lose their
   * bytes (the rows stay as history).
   */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(1000)
  MODEL_RETENTION = 5;

  /**
   * Seconds EASE's dense solve may take at a training: fewer movies enter it when the
   * calibrated estimate says the cap (1,000) would not fit. The first start allows at most 3.
   */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(3600)
  EASE_TIME_BUDGET_SECONDS = 20;

  /**
   * EASE scores with every weight of its solve, signed (better lists; about 300 µs more CPU per
   * recommendations request at 1,000 movies); false scores with its top positive weights only.
   */
  @Transform(toBoolean)
  @IsBoolean()
  EASE_DENSE_SCORING = true;

  /**
   * Seconds every training may spend searching its hyperparameters on a validation split of
   * its own data (EASE's lambda and movie count, K, the weight of low ratings, ...); 0 turns
   * self-tuning off. The first start never tunes.
   */
  @Type(() => Number)
  @IsNumber()
  @Min(0)
  @Max(3600)
  TUNING_BUDGET_SECONDS = 120;

  @Transform(toBoolean)
  @IsBoolean()
  DEMO_DATA = true;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * `pretty`: one readable line per event; `json`: one JSON object per line. Unset: pretty when
   * the log goes to a terminal, JSON otherwise (a pipe, a file, a log collector).
   */
  @IsOptional()
  @IsIn(['pretty', 'json'])
  LOG_FORMAT?: 'pretty' | 'json';

  /** Comma-separated allowed origins; empty allows none, `*` allows all. */
  @IsString()
  CORS_ORIGINS = '';

  @Type(() => Number)
  @IsInt()
  @Min(100)
  REQUEST_TIMEOUT_MS = 15000;

  /** When set, GET /metrics answers only `Authorization: Bearer <METRICS_TOKEN>`. */
  @IsOptional()
  @IsString()
  @MinLength(16)
  METRICS_TOKEN?: string;

  /**
   * Seconds between two points of the dashboard's request rate and latency (the last 360
   * points are kept in memory: an hour at the default).
   */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3600)
  TRAFFIC_SAMPLE_SECONDS = 10;

  /** SIGTERM: how long in-flight requests and a running training may take before we go on. */
  @Type(() => Number)
  @IsInt()
  @Min(0)
  SHUTDOWN_TIMEOUT_MS = 10000;

  /** redis://host:6379: the throttling counters shared by every instance. Unset: in memory. */
  @IsOptional()
  @IsString()
  REDIS_URL?: string;

  /** Requests per client address per window, on every route but health and metrics. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT = 600;

  /** Requests per client address per window on the auth routes (register, login, refresh). */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  AUTH_RATE_LIMIT = 60;

  /** Requests per service key (X-API-Key) per window, on every route; instead of RATE_LIMIT. */
  @Type(() => Number)
  @IsInt()
  @Min(1)
  API_KEY_RATE_LIMIT = 6000;

  @Type(() => Number)
  @IsInt()
  @Min(1)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * Test hooks: `worker-error` makes every training fail half-way, inside its worker;
   * `worker-stall` makes it wait there for a minute (to kill a training mid-way).
   */
  @IsOptional()
  @IsIn(['worker-error', 'worker-stall'])
  TRAINING_FAULT?: 'worker-error' | 'worker-stall';
}

export const SECRET_VARIABLES: ReadonlySet<string> = new Set([
  'JWT_SECRET',
  'ADMIN_PASSWORD',
  'DATABASE_URL',
  'DATABASE_REPLICA_URLS',
  'REDIS_URL',
  'METRICS_TOKEN',
]);
