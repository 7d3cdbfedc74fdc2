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
