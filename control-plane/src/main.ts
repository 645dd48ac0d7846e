import { pino } from 'pino';
import { gracefulStop } from '@inflow/shared-core';
import { ConfigError, loadConfig } from './config.js';
import { start } from './server.js';

// The CLI: `npx tsx control-plane/src/main.ts` (or `npm start -w control-plane`).

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(2);
  }
  const logger = pino({ level: config.logLevel });
  const server = await start({ ...config, logger });

  // Plain text on stdout, so it is readable whatever the log format.
  const lines = [`Inflow control plane on ${server.url}`];
  if (server.adminToken !== undefined) {
    lines.push(
      '',
      'Generated an admin token. It is shown only this once; only its hash is stored:',
      '',
      `  ${server.adminToken}`,
      '',
      `Use it as "Authorization: Bearer <token>" or to sign in at ${server.url}/`,
    );
  }
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = gracefulStop({
    stop: () => server.stop(),
    exit: (code) => process.exit(code),
    log: logger,
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`the control plane could not start: ${String(error)}\n`);
  process.exit(1);
});
