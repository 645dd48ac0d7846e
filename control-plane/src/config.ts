import { z } from 'zod';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
const MIB = 1024 * 1024;

// An empty variable (`PORT=`) means "not set", as most shells and .env files intend.
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema);

/** A whole number in [min, max], saying so in those words rather than zod's "received NaN". */
const wholeNumber = (min: number, max: number, fallback: number) =>
  optional(
    z
      .string()
      .regex(/^\s*\d+\s*$/, {
        error: (issue) =>
          `must be a whole number from ${min} to ${max}, not ${JSON.stringify(issue.input)}`,
      })
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, { error: `must be at least ${min}` })
          .max(max, { error: `must be at most ${max}` }),
      )
      .default(fallback),
  );

const origin = z.string().refine((s) => {
  try {
    return new URL(s).origin === s;
  } catch {
    return false;
  }
}, 'each origin must look like https://host[:port], without a path or a trailing slash');

const envSchema = z.object({
  PORT: wholeNumber(0, 65_535, 4000),
  INFLOW_HOST: optional(z.string().min(1).default('127.0.0.1')),
  INFLOW_DATA_DIR: optional(z.string().min(1).default('./data')),
  INFLOW_ADMIN_TOKEN: optional(
    z
      .string()
      .min(16, 'must be at least 16 characters (or unset, to have one generated)')
      .optional(),
  ),
  INFLOW_CORS_ORIGINS: optional(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((o) => o.trim())
          .filter((o) => o !== ''),
      )
      .pipe(z.array(origin))
      .default([]),
  ),
  INFLOW_BODY_LIMIT_BYTES: wholeNumber(1024, 64 * MIB, MIB),
  INFLOW_AUTH_FAILURES_PER_MINUTE: wholeNumber(1, 1_000_000, 20),
  INFLOW_LOG_LEVEL: optional(z.enum(LOG_LEVELS).default('info')),
  INFLOW_GRACE_MS: wholeNumber(0, 86_400_000, 30_000),
  INFLOW_EDITOR_DIR: optional(z.string().min(1).optional()),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  adminToken: string | undefined;
  corsOrigins: string[];
  /** The express JSON body limit, and socket.io's `maxHttpBufferSize` (never below a replication message). */
  bodyLimitBytes: number;
  authFailuresPerMinute: number;
  logLevel: (typeof LOG_LEVELS)[number];
  /** How long an agent may be away before its work is placed on the others. */
  graceMs: number;
  /** The built editor to serve at `/` (default: the workspace's `editor/dist`). */
  editorDir: string | undefined;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads the environment once at boot and fails with every problem named, before anything starts. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.INFLOW_HOST,
    dataDir: e.INFLOW_DATA_DIR,
    adminToken: e.INFLOW_ADMIN_TOKEN,
    corsOrigins: e.INFLOW_CORS_ORIGINS,
    bodyLimitBytes: e.INFLOW_BODY_LIMIT_BYTES,
    authFailuresPerMinute: e.INFLOW_AUTH_FAILURES_PER_MINUTE,
    logLevel: e.INFLOW_LOG_LEVEL,
    graceMs: e.INFLOW_GRACE_MS,
    editorDir: e.INFLOW_EDITOR_DIR,
  };
}
