import { parseArgs } from 'node:util';
import { agentHelloSchema } from '@inflow/shared-core';
import { z } from 'zod';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CliOptions {
  url: string;
  token: string;
  name: string;
  labels: Record<string, string>;
  trusted: boolean;
  capacity: number | undefined;
  dataDir: string | undefined;
  logLevel: LogLevel;
}

export type CliParse =
  { kind: 'run'; options: CliOptions } | { kind: 'help' } | { kind: 'error'; message: string };

export const USAGE = `Usage: inflow-agent --url <control plane> --token <token> --name <name> [options]

Runs an Inflow agent: connects to the control plane and runs its share of the deployments.

  --url <url>          the control plane, e.g. http://10.0.0.5:4000
                       (INFLOW_URL)
  --token <token>      this agent's token, from POST /api/agent-tokens
                       (INFLOW_AGENT_TOKEN)
  --name <name>        1-64 letters, digits, _ . -  (INFLOW_AGENT_NAME)
  --labels <k=v,...>   placement labels, e.g. role=client,region=eu
                       (INFLOW_AGENT_LABELS)
  --trusted            ask to perform side effects; the token must allow it
                       (INFLOW_AGENT_TRUSTED=1)
  --capacity <n>       the most graph node replicas to run here; unlimited
                       if absent (INFLOW_AGENT_CAPACITY)
  --data <dir>         keep state here across restarts; in memory if absent
                       (INFLOW_AGENT_DATA)
  --log-level <level>  ${LOG_LEVELS.join(', ')}; default info
                       (INFLOW_LOG_LEVEL)
  -h, --help           show this help

Flags win over the environment. Prefer INFLOW_AGENT_TOKEN to --token: flags show in ps.`;

/** Where each option comes from, for error messages. */
const SOURCES: Record<keyof CliOptions, string> = {
  url: '--url (INFLOW_URL)',
  token: '--token (INFLOW_AGENT_TOKEN)',
  name: '--name (INFLOW_AGENT_NAME)',
  labels: '--labels (INFLOW_AGENT_LABELS)',
  trusted: '--trusted (INFLOW_AGENT_TRUSTED)',
  capacity: '--capacity (INFLOW_AGENT_CAPACITY)',
  dataDir: '--data (INFLOW_AGENT_DATA)',
  logLevel: '--log-level (INFLOW_LOG_LEVEL)',
};

const required = (what: string) => ({
  error: (issue: { input: unknown }) => (issue.input === undefined ? 'is required' : what),
});

const httpUrl = z.string(required('must be a URL')).refine((s) => {
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.host !== '';
  } catch {
    return false;
  }
}, 'must be an http:// or https:// URL, e.g. http://10.0.0.5:4000');

const labelsSchema = z
  .string()
  .transform((text, ctx) => {
    const labels: Record<string, string> = {};
    for (const part of text.split(',').map((p) => p.trim())) {
      if (part === '') continue;
      const eq = part.indexOf('=');
      const key = eq < 0 ? '' : part.slice(0, eq).trim();
      if (key === '') {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not key=value` });
        return z.NEVER;
      }
      if (key in labels) {
        ctx.addIssue({ code: 'custom', message: `label ${key} is given twice` });
        return z.NEVER;
      }
      labels[key] = part.slice(eq + 1).trim();
    }
    return labels;
  })
  .pipe(agentHelloSchema.shape.labels.unwrap());

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];
const flag = z.preprocess((v) => {
  if (typeof v !== 'string') return v;
  const s = v.trim().toLowerCase();
  return TRUE.includes(s) ? true : FALSE.includes(s) ? false : v;
}, z.boolean('must be true or false'));

const optionsSchema = z.object({
  url: httpUrl.transform((s) => s.replace(/\/+$/, '')),
  token: z.string(required('must be text')).min(1, 'is required').max(512, 'is too long'),
  name: z.string(required('must be text')).pipe(agentHelloSchema.shape.name),
  labels: labelsSchema.default({}),
  trusted: flag.default(false),
  capacity: z
    .string()
    .regex(/^\d+$/, 'must be a whole number, e.g. 20')
    .transform(Number)
    .pipe(z.number().max(1_000_000, 'must be at most 1000000'))
    .optional(),
  dataDir: z.string().min(1).optional(),
  logLevel: z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`).default('info'),
});

/** Reads the agent's options from its arguments and environment; flags win. */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliParse {
  let values;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        url: { type: 'string' },
        token: { type: 'string' },
        name: { type: 'string' },
        labels: { type: 'string' },
        trusted: { type: 'boolean' },
        capacity: { type: 'string' },
        data: { type: 'string' },
        'log-level': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    return { kind: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  if (values.help) return { kind: 'help' };
  // An empty variable (`INFLOW_AGENT_DATA=`) means "not set", as most shells and .env files intend.
  const fromEnv = (key: string) => (env[key] === '' ? undefined : env[key]);
  const parsed = optionsSchema.safeParse({
    url: values.url ?? fromEnv('INFLOW_URL'),
    token: values.token ?? fromEnv('INFLOW_AGENT_TOKEN'),
    name: values.name ?? fromEnv('INFLOW_AGENT_NAME'),
    labels: values.labels ?? fromEnv('INFLOW_AGENT_LABELS'),
    trusted: values.trusted ?? fromEnv('INFLOW_AGENT_TRUSTED'),
    capacity: values.capacity ?? fromEnv('INFLOW_AGENT_CAPACITY'),
    dataDir: values.data ?? fromEnv('INFLOW_AGENT_DATA'),
    logLevel: values['log-level'] ?? fromEnv('INFLOW_LOG_LEVEL'),
  });
  if (parsed.success) {
    const { capacity, dataDir } = parsed.data;
    return { kind: 'run', options: { ...parsed.data, capacity, dataDir } };
  }
  const issue = parsed.error.issues[0];
  const key = issue?.path[0] as keyof CliOptions | undefined;
  const where = key ? SOURCES[key] : 'the options';
  const detail =
    issue?.path.length && issue.path.length > 1 ? ` (${issue.path.slice(1).join('.')})` : '';
  return { kind: 'error', message: `${where}${detail}: ${issue?.message ?? 'invalid'}` };
}
