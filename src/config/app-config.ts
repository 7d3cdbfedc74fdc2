import { randomBytes } from 'node:crypto';
import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EnvironmentVariables, SECRET_VARIABLES } from './env.schema';
import { parseReplicaUrls } from './replica-urls';
import { parseTrustProxy, TrustProxy } from './trust-proxy';

export const APP_CONFIG = Symbol('APP_CONFIG');

/** The validated, typed configuration. Built once at start-up, frozen, injected as APP_CONFIG. */
export interface AppConfig {
  readonly env: 'development' | 'production' | 'test';
  readonly http: {
    port: number;
    host: string;
    corsOrigins: string[];
    requestTimeoutMs: number;
    shutdownTimeoutMs: number;
    /** Whose X-Forwarded-For names the client (Fastify's `trustProxy`). */
    trustProxy: TrustProxy;
  };
  readonly throttling: {
    /** Unset: counters in memory, per instance. */
    redisUrl: string | undefined;
    limit: number;
    authLimit: number;
    /** Per service key, instead of the per-address `limit`. */
    apiKeyLimit: number;
    windowSeconds: number;
  };
  readonly database: {
    /** Unset: the embedded PostgreSQL is started in `dataDir`. */
    url: string | undefined;
    dataDir: string;
    embeddedPort: number;
    poolSize: number;
    statementTimeoutMs: number;
    /** The statement budget of a title search (SEARCH_TIMEOUT_MS). */
    searchTimeoutMs: number;
    /** Streaming standbys some reads go to (src/database/read-replicas.ts); empty: none. */
    replicaUrls: readonly string[];
    /** A replica further behind than this is skipped (REPLICA_MAX_LAG_MS). */
    replicaMaxLagMs: number;
  };
  /** What recommendations showed, for online metrics (src/impressions). */
  readonly impressions: {
    /** RECORD_IMPRESSIONS: false records nothing. */
    record: boolean;
    bufferSize: number;
    attributionWindowHours: number;
    retentionDays: number;
    purgeCron: string;
  };
  /** How long another process's rating aggregates may be served from memory (MovieCatalog). */
  readonly catalogCacheSeconds: number;
  readonly auth: {
    jwtSecret: string;
    /** True when no JWT_SECRET was given and a random one was made (dev/test only). */
    jwtSecretGenerated: boolean;
    accessTtlSeconds: number;
    refreshTtlSeconds: number;
    /** A session's absolute lifetime from its login, whatever the rotations. */
    refreshFamilyMaxAgeSeconds: number;
    admin: { email: string; password: string } | undefined;
    /** When ended sessions and expired refresh tokens are deleted; empty: never. */
    sessionPurgeCron: string;
    loginThrottle: {
      perAccount: number;
      perAddress: number;
      windowSeconds: number;
      maxWindowSeconds: number;
      /** 0: no address is trusted, every failure counts against the account as a whole. */
      trustedAddressDays: number;
    };
  };
  readonly metrics: {
    /** Unset: GET /metrics is open to whoever reaches the port. */
    token: string | undefined;
    /** Seconds between two points of the traffic sampler (TRAFFIC_SAMPLE_SECONDS). */
    trafficSampleSeconds: number;
  };
  readonly training: {
    cron: string;
    qualityGateMargin: number;
    modelPollSeconds: number;
    /** How many of the newest failed/rejected versions retention keeps (MODEL_RETENTION). */
    retainFailed: number;
    demoData: boolean;
    /** Seconds EASE's dense solve may take (EASE_TIME_BUDGET_SECONDS); 0: no budget. */
    easeTimeBudgetSeconds: number;
    /** EASE scores with every weight of its solve (EASE_DENSE_SCORING). */
    easeDenseScoring: boolean;
    /** Seconds self-tuning may search at a training (TUNING_BUDGET_SECONDS); 0: off. */
    tuningBudgetSeconds: number;
    /** Test hook only (TRAINING_FAULT): make trainings fail inside the worker. */
    fault: 'worker-error' | 'worker-stall' | undefined;
  };
  readonly logLevel: string;
  /** Unset: pretty on a terminal, JSON lines otherwise (see chooseLogStyle). */
  readonly logFormat: 'pretty' | 'json' | undefined;
}

/** What a command that needs no database or server settings reads (the evaluate CLI). */
export type LogConfig = Pick<AppConfig, 'logLevel' | 'logFormat'>;

const LOG_VARIABLES: ReadonlySet<string> = new Set(['LOG_LEVEL', 'LOG_FORMAT']);

export class ConfigError extends Error {}

const MIN_SECRET_LENGTH = 32;

function describe(errors: ValidationError[]): string {
  return errors
    .map((error) => {
      const rules = Object.values(error.constraints ?? {}).map((rule) =>
        // class-validator messages start with the property name; keep them, drop values.
        rule.replace(/, but actual is .*/, ''),
      );
      const shown = SECRET_VARIABLES.has(error.property)
        ? '(value hidden)'
        : `got "${String(error.value)}"`;
      return `${error.property}: ${rules.join('; ')} (${shown})`;
    })
    .join('\n  ');
}

function parseEnvironment(raw: Record<string, string | undefined>): {
  env: EnvironmentVariables;
  errors: ValidationError[];
} {
  const present = Object.fromEntries(
    Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''),
  );
  if (raw.RETRAIN_CRON === '') present.RETRAIN_CRON = '';
  if (raw.SESSION_PURGE_CRON === '') present.SESSION_PURGE_CRON = '';
  const env = plainToInstance(EnvironmentVariables, present, { enableImplicitConversion: false });
  return { env, errors: validateSync(env, { whitelist: false, skipMissingProperties: false }) };
}

/** Validates the flat variables of the environment once and maps them into AppConfig. */
export function loadConfig(raw: Record<string, string | undefined> = process.env): AppConfig {
  const { env, errors } = parseEnvironment(raw);
  if (errors.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${describe(errors)}`);
  }
  const secret = resolveJwtSecret(env);
  const trustProxy = resolveTrustProxy(env);
  const replicaUrls = resolveReplicaUrls(env);
  if (env.LOGIN_THROTTLE_MAX_WINDOW_SECONDS < env.LOGIN_THROTTLE_WINDOW_SECONDS) {
    throw new ConfigError(
      'Invalid configuration:\n  LOGIN_THROTTLE_MAX_WINDOW_SECONDS: must be at least ' +
        `LOGIN_THROTTLE_WINDOW_SECONDS (${env.LOGIN_THROTTLE_WINDOW_SECONDS})`,
    );
  }
  const admin =
    env.ADMIN_EMAIL && env.ADMIN_PASSWORD
      ? { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }
      : undefined;
  return deepFreeze({
    env: env.NODE_ENV,
    http: {
      port: env.PORT,
      host: env.HOST,
      corsOrigins: env.CORS_ORIGINS.split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      trustProxy,
    },
    throttling: {
      redisUrl: env.REDIS_URL || undefined,
      limit: env.RATE_LIMIT,
      authLimit: env.AUTH_RATE_LIMIT,
      apiKeyLimit: env.API_KEY_RATE_LIMIT,
      windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS,
    },
    database: {
      url: env.DATABASE_URL || undefined,
      dataDir: env.DATA_DIR,
      embeddedPort: env.EMBEDDED_PG_PORT,
      poolSize: env.DB_POOL_SIZE,
      statementTimeoutMs: env.STATEMENT_TIMEOUT_MS,
      searchTimeoutMs: env.SEARCH_TIMEOUT_MS,
      replicaUrls,
      replicaMaxLagMs: env.REPLICA_MAX_LAG_MS,
    },
    catalogCacheSeconds: env.CATALOG_CACHE_SECONDS,
    impressions: {
      record: env.RECORD_IMPRESSIONS,
      bufferSize: env.IMPRESSION_BUFFER_SIZE,
      attributionWindowHours: env.ATTRIBUTION_WINDOW_HOURS,
      retentionDays: env.IMPRESSION_RETENTION_DAYS,
      purgeCron: env.IMPRESSION_PURGE_CRON.trim(),
    },
    auth: {
      jwtSecret: secret.value,
      jwtSecretGenerated: secret.generated,
      accessTtlSeconds: env.JWT_ACCESS_TTL_SECONDS,
      refreshTtlSeconds: env.REFRESH_TOKEN_TTL_SECONDS,
      refreshFamilyMaxAgeSeconds: env.REFRESH_FAMILY_MAX_AGE_SECONDS,
      admin,
      sessionPurgeCron: env.SESSION_PURGE_CRON.trim(),
      loginThrottle: {
        perAccount: env.LOGIN_MAX_FAILURES_PER_ACCOUNT,
        perAddress: env.LOGIN_MAX_FAILURES_PER_ADDRESS,
        windowSeconds: env.LOGIN_THROTTLE_WINDOW_SECONDS,
        maxWindowSeconds: env.LOGIN_THROTTLE_MAX_WINDOW_SECONDS,
        trustedAddressDays: env.LOGIN_TRUSTED_ADDRESS_DAYS,
      },
    },
    metrics: {
      token: env.METRICS_TOKEN || undefined,
      trafficSampleSeconds: env.TRAFFIC_SAMPLE_SECONDS,
    },
    training: {
      cron: env.RETRAIN_CRON.trim(),
      qualityGateMargin: env.QUALITY_GATE_MARGIN,
      modelPollSeconds: env.MODEL_POLL_SECONDS,
      retainFailed: env.MODEL_RETENTION,
      demoData: env.DEMO_DATA,
      easeTimeBudgetSeconds: env.EASE_TIME_BUDGET_SECONDS,
      easeDenseScoring: env.EASE_DENSE_SCORING,
      tuningBudgetSeconds: env.TUNING_BUDGET_SECONDS,
      fault: env.TRAINING_FAULT,
    },
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
  });
}

/**
 * Only LOG_LEVEL and LOG_FORMAT, for a command that has no use for the rest: a bad PORT or a
 * missing production JWT_SECRET must not stop an offline evaluation.
 */
export function loadLogConfig(raw: Record<string, string | undefined> = process.env): LogConfig {
  const { env, errors } = parseEnvironment(raw);
  const own = errors.filter((error) => LOG_VARIABLES.has(error.property));
  if (own.length > 0) throw new ConfigError(`Invalid configuration:\n  ${describe(own)}`);
  return Object.freeze({ logLevel: env.LOG_LEVEL, logFormat: env.LOG_FORMAT });
}

function resolveJwtSecret(env: EnvironmentVariables): { value: string; generated: boolean } {
  const given = env.JWT_SECRET;
  if (given && given.length >= MIN_SECRET_LENGTH) return { value: given, generated: false };
  if (env.NODE_ENV === 'production') {
    throw new ConfigError(
      `Invalid configuration:\n  JWT_SECRET: required in production, at least ${MIN_SECRET_LENGTH} characters ` +
        '(generate one with: openssl rand -base64 48)',
    );
  }
  if (given) {
    throw new ConfigError(
      `Invalid configuration:\n  JWT_SECRET: must be at least ${MIN_SECRET_LENGTH} characters (value hidden)`,
    );
  }
  return { value: randomBytes(48).toString('base64'), generated: true };
}

function resolveTrustProxy(env: EnvironmentVariables): TrustProxy {
  try {
    return parseTrustProxy(env.TRUST_PROXY);
  } catch (error) {
    throw new ConfigError(`Invalid configuration:\n  TRUST_PROXY: ${(error as Error).message}`);
  }
}

function resolveReplicaUrls(env: EnvironmentVariables): string[] {
  let urls: string[];
  try {
    urls = parseReplicaUrls(env.DATABASE_REPLICA_URLS);
  } catch (error) {
    throw new ConfigError(
      `Invalid configuration:\n  DATABASE_REPLICA_URLS: ${(error as Error).message}`,
    );
  }
  if (urls.length > 0 && !env.DATABASE_URL) {
    throw new ConfigError(
      'Invalid configuration:\n  DATABASE_REPLICA_URLS: needs DATABASE_URL, the primary the ' +
        'replicas stream from (the embedded PostgreSQL has no replicas)',
    );
  }
  return urls;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
