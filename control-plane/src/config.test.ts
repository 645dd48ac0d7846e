import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('when nothing is set, then the defaults apply', () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: '127.0.0.1',
      dataDir: './data',
      adminToken: undefined,
      corsOrigins: [],
      bodyLimitBytes: 1024 * 1024,
      authFailuresPerMinute: 20,
      logLevel: 'info',
      graceMs: 30_000,
    });
  });

  it('when variables are set, then they are parsed', () => {
    const config = loadConfig({
      PORT: '8080',
      INFLOW_DATA_DIR: '/var/lib/inflow',
      INFLOW_ADMIN_TOKEN: 'a-long-enough-admin-token',
      INFLOW_CORS_ORIGINS: 'https://a.example, http://localhost:5173',
      INFLOW_BODY_LIMIT_BYTES: '2048',
      INFLOW_LOG_LEVEL: 'debug',
    });
    expect(config).toMatchObject({
      port: 8080,
      dataDir: '/var/lib/inflow',
      adminToken: 'a-long-enough-admin-token',
      corsOrigins: ['https://a.example', 'http://localhost:5173'],
      bodyLimitBytes: 2048,
      logLevel: 'debug',
    });
  });

  it('when a variable is empty, then it counts as unset', () => {
    expect(loadConfig({ PORT: '', INFLOW_ADMIN_TOKEN: '' })).toMatchObject({
      port: 4000,
      adminToken: undefined,
    });
  });

  it('when several variables are wrong, then one error names each of them', () => {
    const load = () =>
      loadConfig({
        PORT: 'eighty',
        INFLOW_ADMIN_TOKEN: 'short',
        INFLOW_CORS_ORIGINS: 'https://a.example/path',
      });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow('PORT: must be a whole number from 0 to 65535, not "eighty"');
    expect(load).toThrow(/INFLOW_ADMIN_TOKEN: must be at least 16 characters/);
    expect(load).toThrow(/INFLOW_CORS_ORIGINS.*without a path/);
  });

  it('when a number is out of range or not whole, then the error says which range', () => {
    expect(() => loadConfig({ INFLOW_GRACE_MS: '1.5' })).toThrow(
      'INFLOW_GRACE_MS: must be a whole number from 0 to 86400000, not "1.5"',
    );
    expect(() => loadConfig({ INFLOW_BODY_LIMIT_BYTES: '10' })).toThrow(
      'INFLOW_BODY_LIMIT_BYTES: must be at least 1024',
    );
    expect(loadConfig({ PORT: ' 8080 ', INFLOW_AUTH_FAILURES_PER_MINUTE: '5' })).toMatchObject({
      port: 8080,
      authFailuresPerMinute: 5,
    });
  });
});
