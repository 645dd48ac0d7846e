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
    expect(load).toThrow(/PORT: .*number/);
    expect(load).toThrow(/INFLOW_ADMIN_TOKEN: must be at least 16 characters/);
    expect(load).toThrow(/INFLOW_CORS_ORIGINS.*without a path/);
  });
});
