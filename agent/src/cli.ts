import { pino } from 'pino';
import { gracefulStop } from '@inflow/shared-core';
import type { Agent } from './agent-types.js';
import { parseCliOptions, USAGE } from './cli-options.js';
import { createAgent } from './create-agent.js';

// The `inflow-agent` command. Exit codes: 0 stopped by a signal, 1 a local failure (the store),
// 2 bad arguments, 3 refused by the control plane for good (bad or revoked token, protocol).

function main(): void {
  const parsed = parseCliOptions(process.argv.slice(2), process.env);
  if (parsed.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (parsed.kind === 'error') {
    process.stderr.write(`inflow-agent: ${parsed.message}\n\n${USAGE}\n`);
    process.exit(2);
  }
  const options = parsed.options;
  const logger = pino({ level: options.logLevel });
  process.stdout.write(`inflow-agent ${options.name} connecting to ${options.url}\n`);

  let agent: Agent;
  try {
    agent = createAgent({
      url: options.url,
      token: options.token,
      name: options.name,
      labels: options.labels,
      trusted: options.trusted,
      ...(options.capacity === undefined ? {} : { capacity: options.capacity }),
      ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
      logger,
    });
  } catch (error) {
    process.stderr.write(
      `inflow-agent: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  }
  agent.on('fatal', (error) => {
    process.stderr.write(`inflow-agent: ${error.message}\n`);
    process.exit(error.isAuth ? 3 : 1);
  });

  const shutdown = gracefulStop({
    stop: () => agent.stop(),
    exit: (code) => process.exit(code),
    log: logger,
  });
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main();
