import 'reflect-metadata';
import { loadConfig, loadLogConfig } from './app-config';

const SECRET = { JWT_SECRET: 'a-test-secret-that-is-long-enough-0123456789' };

describe('LOG_FORMAT', () => {
  it('is unset by default (chosen by the terminal check) and takes pretty or json', () => {
    expect(loadConfig(SECRET).logFormat).toBeUndefined();
    expect(loadConfig({ ...SECRET, LOG_FORMAT: 'pretty' }).logFormat).toBe('pretty');
    expect(loadConfig({ ...SECRET, LOG_FORMAT: 'json' }).logFormat).toBe('json');
  });

  it('stops the start on another value, naming the variable and the choices', () => {
    expect(() => loadConfig({ ...SECRET, LOG_FORMAT: 'yaml' })).toThrow(
      /LOG_FORMAT: .*pretty, json \(got "yaml"\)/,
    );
  });
});

describe('loadLogConfig', () => {
  it('reads LOG_LEVEL and LOG_FORMAT', () => {
    expect(loadLogConfig({ LOG_LEVEL: 'debug', LOG_FORMAT: 'json' })).toEqual({
      logLevel: 'debug',
      logFormat: 'json',
    });
    expect(loadLogConfig({})).toEqual({ logLevel: 'info', logFormat: undefined });
  });

  it('ignores the server settings an offline command does not use', () => {
    expect(loadLogConfig({ PORT: 'eighty', NODE_ENV: 'production' }).logLevel).toBe('info');
  });

  it('refuses a bad LOG_LEVEL or LOG_FORMAT', () => {
    expect(() => loadLogConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadLogConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT/);
  });
});

describe('TRUST_PROXY', () => {
  it('trusts no proxy by default', () => {
    expect(loadConfig(SECRET).http.trustProxy).toBe(false);
  });

  it('takes a hop count or a list of ranges', () => {
    expect(loadConfig({ ...SECRET, TRUST_PROXY: '2' }).http.trustProxy).toBe(2);
    expect(loadConfig({ ...SECRET, TRUST_PROXY: '10.0.0.0/8,loopback' }).http.trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
    ]);
  });

  it('stops the start on a value Express would misread, naming the variable', () => {
    expect(() => loadConfig({ ...SECRET, TRUST_PROXY: 'proxy.internal' })).toThrow(
      /TRUST_PROXY: "proxy.internal" is not a hop count/,
    );
    expect(() => loadConfig({ ...SECRET, TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: true/);
  });
});

describe('login throttling', () => {
  it('defaults to 10 per account, 50 per address, 60 s doubling up to an hour, 30 days of trust', () => {
    expect(loadConfig(SECRET).auth.loginThrottle).toEqual({
      perAccount: 10,
      perAddress: 50,
      windowSeconds: 60,
      maxWindowSeconds: 3600,
      trustedAddressDays: 30,
    });
  });

  it('refuses a longest window shorter than the first', () => {
    expect(() =>
      loadConfig({
        ...SECRET,
        LOGIN_THROTTLE_WINDOW_SECONDS: '120',
        LOGIN_THROTTLE_MAX_WINDOW_SECONDS: '60',
      }),
    ).toThrow(/LOGIN_THROTTLE_MAX_WINDOW_SECONDS: must be at least LOGIN_THROTTLE_WINDOW_SECONDS/);
  });

  it('takes 0 trusted-address days (no address trusted)', () => {
    const config = loadConfig({ ...SECRET, LOGIN_TRUSTED_ADDRESS_DAYS: '0' });
    expect(config.auth.loginThrottle.trustedAddressDays).toBe(0);
  });
});

describe('METRICS_TOKEN', () => {
  it('is unset by default', () => {
    expect(loadConfig(SECRET).metrics.token).toBeUndefined();
  });

  it('refuses a short token without echoing it', () => {
    let message = '';
    try {
      loadConfig({ ...SECRET, METRICS_TOKEN: 'short-secret' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/METRICS_TOKEN: .*16/);
    expect(message).not.toContain('short-secret');
  });
});

describe('TRAFFIC_SAMPLE_SECONDS', () => {
  it('samples every 10 s by default and takes whole seconds from 1 to 3600', () => {
    expect(loadConfig(SECRET).metrics.trafficSampleSeconds).toBe(10);
    expect(
      loadConfig({ ...SECRET, TRAFFIC_SAMPLE_SECONDS: '1' }).metrics.trafficSampleSeconds,
    ).toBe(1);
    expect(() => loadConfig({ ...SECRET, TRAFFIC_SAMPLE_SECONDS: '0' })).toThrow(
      /TRAFFIC_SAMPLE_SECONDS: .*1/,
    );
    expect(() => loadConfig({ ...SECRET, TRAFFIC_SAMPLE_SECONDS: '2.5' })).toThrow(
      /TRAFFIC_SAMPLE_SECONDS/,
    );
  });
});

describe('REFRESH_FAMILY_MAX_AGE_SECONDS', () => {
  it('defaults to 90 days and takes whole seconds from 60', () => {
    expect(loadConfig(SECRET).auth.refreshFamilyMaxAgeSeconds).toBe(90 * 24 * 3600);
    expect(
      loadConfig({ ...SECRET, REFRESH_FAMILY_MAX_AGE_SECONDS: '3600' }).auth
        .refreshFamilyMaxAgeSeconds,
    ).toBe(3600);
  });

  it.each(['59', '1.5', 'a week'])('stops the start on %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...SECRET, REFRESH_FAMILY_MAX_AGE_SECONDS: value })).toThrow(
      /REFRESH_FAMILY_MAX_AGE_SECONDS: /,
    );
  });
});

describe('MODEL_RETENTION', () => {
  it('keeps 5 failed or rejected versions by default and takes 0 to 1000', () => {
    expect(loadConfig(SECRET).training.retainFailed).toBe(5);
    expect(loadConfig({ ...SECRET, MODEL_RETENTION: '0' }).training.retainFailed).toBe(0);
    expect(loadConfig({ ...SECRET, MODEL_RETENTION: '1000' }).training.retainFailed).toBe(1000);
  });

  it.each(['-1', '1001', '2.5', 'all'])('stops the start on %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...SECRET, MODEL_RETENTION: value })).toThrow(/MODEL_RETENTION: /);
  });
});

describe('EASE_TIME_BUDGET_SECONDS', () => {
  it('allows 20 s by default and takes 0 (no budget) to 3600', () => {
    expect(loadConfig(SECRET).training.easeTimeBudgetSeconds).toBe(20);
    const config = (value: string) => loadConfig({ ...SECRET, EASE_TIME_BUDGET_SECONDS: value });
    expect(config('0').training.easeTimeBudgetSeconds).toBe(0);
    expect(config('0.5').training.easeTimeBudgetSeconds).toBe(0.5);
    expect(config('3600').training.easeTimeBudgetSeconds).toBe(3600);
  });

  it.each(['-1', '3601', 'fast'])('stops the start on %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...SECRET, EASE_TIME_BUDGET_SECONDS: value })).toThrow(
      /EASE_TIME_BUDGET_SECONDS: /,
    );
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  const PRIMARY = { ...SECRET, DATABASE_URL: 'postgres://app:pw@primary:5432/movies' };

  it('is none by default, with a lag limit of one second', () => {
    const config = loadConfig(PRIMARY);
    expect(config.database.replicaUrls).toEqual([]);
    expect(config.database.replicaMaxLagMs).toBe(1000);
  });

  it('takes comma-separated postgres URLs, spaces around them ignored', () => {
    const config = loadConfig({
      ...PRIMARY,
      DATABASE_REPLICA_URLS: ' postgres://app:pw@replica1:5432/movies, postgresql://r2/movies ',
      REPLICA_MAX_LAG_MS: '250',
    });
    expect(config.database.replicaUrls).toEqual([
      'postgres://app:pw@replica1:5432/movies',
      'postgresql://r2/movies',
    ]);
    expect(config.database.replicaMaxLagMs).toBe(250);
  });

  it('names the bad entry without echoing any URL (they carry passwords)', () => {
    const attempt = (): unknown =>
      loadConfig({
        ...PRIMARY,
        DATABASE_REPLICA_URLS: 'postgres://app:s3cret@replica1/movies,mysql://app:s3cret@r2/db',
      });
    expect(attempt).toThrow(/DATABASE_REPLICA_URLS: entry 2 is not a postgres:\/\/.*URL/);
    expect(attempt).not.toThrow(/s3cret/);
  });

  it('refuses an empty entry and a URL without a database', () => {
    expect(() =>
      loadConfig({ ...PRIMARY, DATABASE_REPLICA_URLS: 'postgres://r1/movies,,postgres://r2/m' }),
    ).toThrow(/entry 2 is empty/);
    expect(() => loadConfig({ ...PRIMARY, DATABASE_REPLICA_URLS: 'postgres://r1' })).toThrow(
      /entry 1 is not/,
    );
  });

  it('needs DATABASE_URL: the embedded PostgreSQL has no replicas', () => {
    expect(() =>
      loadConfig({ ...SECRET, DATABASE_REPLICA_URLS: 'postgres://r1:5432/movies' }),
    ).toThrow(/DATABASE_REPLICA_URLS: needs DATABASE_URL/);
  });

  it('refuses a negative or non-integer REPLICA_MAX_LAG_MS', () => {
    expect(() => loadConfig({ ...PRIMARY, REPLICA_MAX_LAG_MS: '-1' })).toThrow(
      /REPLICA_MAX_LAG_MS/,
    );
    expect(() => loadConfig({ ...PRIMARY, REPLICA_MAX_LAG_MS: '1.5' })).toThrow(
      /REPLICA_MAX_LAG_MS/,
    );
  });
});

describe('TUNING_BUDGET_SECONDS', () => {
  it('allows 120 s by default and takes 0 (off) to 3600', () => {
    expect(loadConfig(SECRET).training.tuningBudgetSeconds).toBe(120);
    const config = (value: string) => loadConfig({ ...SECRET, TUNING_BUDGET_SECONDS: value });
    expect(config('0').training.tuningBudgetSeconds).toBe(0);
    expect(config('2.5').training.tuningBudgetSeconds).toBe(2.5);
    expect(config('3600').training.tuningBudgetSeconds).toBe(3600);
  });

  it.each(['-1', '3601', 'long'])('stops the start on %s, naming the variable', (value) => {
    expect(() => loadConfig({ ...SECRET, TUNING_BUDGET_SECONDS: value })).toThrow(
      /TUNING_BUDGET_SECONDS: /,
    );
  });
});
