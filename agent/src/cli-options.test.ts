import { describe, expect, it } from 'vitest';
import { parseCliOptions } from './cli-options.js';

const base = ['--url', 'http://cp.local:4000/', '--token', 'tok', '--name', 'client-1'];

describe('parseCliOptions', () => {
  it('reads every flag, with defaults for the rest', () => {
    expect(parseCliOptions(base, {})).toEqual({
      kind: 'run',
      options: {
        url: 'http://cp.local:4000',
        token: 'tok',
        name: 'client-1',
        labels: {},
        trusted: false,
        capacity: undefined,
        dataDir: undefined,
        logLevel: 'info',
      },
    });
    const all = parseCliOptions(
      [
        ...base,
        '--labels',
        'role=client, region=eu,',
        '--trusted',
        '--capacity',
        '12',
        '--data',
        './d',
        '--log-level',
        'debug',
      ],
      {},
    );
    expect(all).toMatchObject({
      kind: 'run',
      options: {
        labels: { role: 'client', region: 'eu' },
        trusted: true,
        capacity: 12,
        dataDir: './d',
        logLevel: 'debug',
      },
    });
  });

  it('falls back to the environment, and flags win over it', () => {
    const env = {
      INFLOW_URL: 'https://cp.example',
      INFLOW_AGENT_TOKEN: 'env-token',
      INFLOW_AGENT_NAME: 'from-env',
      INFLOW_AGENT_LABELS: 'role=server',
      INFLOW_AGENT_DATA: '/var/lib/inflow',
      INFLOW_AGENT_TRUSTED: 'true',
      INFLOW_AGENT_CAPACITY: '40',
      INFLOW_LOG_LEVEL: 'warn',
    };
    expect(parseCliOptions([], env)).toEqual({
      kind: 'run',
      options: {
        url: 'https://cp.example',
        token: 'env-token',
        name: 'from-env',
        labels: { role: 'server' },
        trusted: true,
        capacity: 40,
        dataDir: '/var/lib/inflow',
        logLevel: 'warn',
      },
    });
    const mixed = parseCliOptions(['--name', 'flag-name', '--labels', 'role=client'], env);
    expect(mixed).toMatchObject({
      kind: 'run',
      options: { name: 'flag-name', labels: { role: 'client' }, token: 'env-token' },
    });
    expect(parseCliOptions(base, { INFLOW_AGENT_DATA: '' })).toMatchObject({
      options: { dataDir: undefined },
    });
  });

  it('answers --help', () => {
    expect(parseCliOptions(['--help'], {})).toEqual({ kind: 'help' });
    expect(parseCliOptions(['-h', '--bogus'], {}).kind).toBe('error');
  });

  it('names the one thing that is wrong', () => {
    const error = (argv: string[], env = {}) => {
      const parsed = parseCliOptions(argv, env);
      return parsed.kind === 'error' ? parsed.message : `parsed as ${parsed.kind}`;
    };
    expect(error(base.slice(2))).toBe('--url (INFLOW_URL): is required');
    expect(error(['--url', 'ftp://x', ...base.slice(2)])).toMatch(
      /^--url \(INFLOW_URL\): must be an http/,
    );
    expect(error(['--url', 'not a url', ...base.slice(2)])).toMatch(/^--url/);
    expect(error([...base.slice(0, 2), '--name', 'x'])).toBe(
      '--token (INFLOW_AGENT_TOKEN): is required',
    );
    expect(error([...base, '--name', 'bad name!'])).toMatch(
      /^--name \(INFLOW_AGENT_NAME\): an agent name/,
    );
    expect(error([...base, '--labels', 'role'])).toBe(
      '--labels (INFLOW_AGENT_LABELS): "role" is not key=value',
    );
    expect(error([...base, '--labels', 'a=1,a=2'])).toBe(
      '--labels (INFLOW_AGENT_LABELS): label a is given twice',
    );
    expect(error([...base, '--log-level', 'loud'])).toMatch(
      /^--log-level \(INFLOW_LOG_LEVEL\): must be one of/,
    );
    expect(error(base, { INFLOW_AGENT_TRUSTED: 'maybe' })).toBe(
      '--trusted (INFLOW_AGENT_TRUSTED): must be true or false',
    );
    expect(error([...base, '--capacity', 'lots'])).toBe(
      '--capacity (INFLOW_AGENT_CAPACITY): must be a whole number, e.g. 20',
    );
    expect(error([...base, '--capacity=-3'])).toMatch(
      /^--capacity \(INFLOW_AGENT_CAPACITY\): must be a whole/,
    );
    expect(error([...base, '--colour'])).toMatch(/Unknown option '--colour'/);
    expect(error([...base, 'extra'])).toMatch(/positional argument/);
    expect(error([...base, '--url'])).toMatch(/--url/);
  });
});
