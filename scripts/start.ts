import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ensureEditorBuilt } from './editor-build.js';
import { keepRunning, type KeptProcess } from './keep-running.js';
import {
  createAgentToken,
  ROOT,
  startAgent,
  startControlPlane,
  type StackProcess,
} from './local-stack.js';

// `npm start`: the control plane on its SQLite store and three local agents, as Inflow runs on
// one machine. The admin token and the local agents' tokens are kept in the data dir (mode
// 0600), so a second start signs in with the same token; they never enter the repository.

const LOCAL_AGENTS = [
  { name: 'client-1', labels: { role: 'client' }, trusted: false },
  { name: 'client-2', labels: { role: 'client' }, trusted: false },
  { name: 'server-1', labels: { role: 'server' }, trusted: true },
];

interface LocalSecrets {
  adminToken: string;
  agents: Record<string, string>;
}

function fail(message: string): never {
  process.stderr.write(`npm start: ${message}\n`);
  process.exit(2);
}

const dataDir = resolve(ROOT, process.env.INFLOW_DATA_DIR ?? 'data');
const port = Number(process.env.PORT ?? 4000);
if (!Number.isInteger(port) || port < 0 || port > 65_535)
  fail(`PORT=${process.env.PORT} is not a port`);
mkdirSync(dataDir, { recursive: true });
const secretsFile = join(dataDir, 'local-secrets.json');

function loadSecrets(): LocalSecrets {
  const fromEnv = process.env.INFLOW_ADMIN_TOKEN;
  let stored: Partial<LocalSecrets> = {};
  if (existsSync(secretsFile)) {
    try {
      stored = JSON.parse(readFileSync(secretsFile, 'utf8')) as Partial<LocalSecrets>;
    } catch {
      fail(`${secretsFile} is not valid JSON; delete it to have new tokens made`);
    }
  }
  return {
    adminToken: fromEnv ?? stored.adminToken ?? randomBytes(32).toString('base64url'),
    agents: stored.agents ?? {},
  };
}

const saveSecrets = (s: LocalSecrets) =>
  writeFileSync(secretsFile, `${JSON.stringify(s, null, 2)}\n`, { mode: 0o600 });

async function main(): Promise<void> {
  try {
    ensureEditorBuilt((line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }
  const secrets = loadSecrets();
  saveSecrets(secrets);
  const logs = join(dataDir, 'logs');
  const agents: KeptProcess[] = [];
  // Empty until it is up: Ctrl-C may come first.
  const controlPlane: StackProcess[] = [];
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write('\nstopping the agents and the control plane...\n');
    // The agents first (no more restarts), so none is left reconnecting to a stopped hub.
    await Promise.all(agents.map((a) => a.stop()));
    await Promise.all(controlPlane.map((c) => c.stop()));
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  const started = await startControlPlane({
    dataDir: join(dataDir, 'control-plane'),
    port,
    adminToken: secrets.adminToken,
    logFile: join(logs, 'control-plane.log'),
  });
  controlPlane.push(started);
  const { url } = started;

  for (const agent of LOCAL_AGENTS) {
    // A stored token may belong to an earlier, deleted database: make one when it does not work.
    let token = secrets.agents[agent.name];
    if (!token || !(await tokenWorks(url, secrets.adminToken, agent.name))) {
      token = await createAgentToken(url, secrets.adminToken, agent);
      secrets.agents[agent.name] = token;
      saveSecrets(secrets);
    }
    const logFile = join(logs, `${agent.name}.log`);
    const options = { url, token, ...agent, dataDir: join(dataDir, 'agents', agent.name), logFile };
    // A crashed agent comes back (after 1 s, doubling up to 30 s while it keeps crashing).
    const kept = keepRunning(() => startAgent(options), {
      name: `agent ${agent.name}`,
      log: (line) => {
        if (!stopping) process.stdout.write(`${line}\n`);
      },
      seeAlso: logFile,
    });
    agents.push(kept);
  }
  void started.exited.then((code) => {
    if (stopping) return;
    process.stdout.write(`the control plane exited (${code}); see ${logs}\n`);
    void stopAll(1);
  });

  const example = join(ROOT, 'examples/ad-counter.json');
  process.stdout.write(
    [
      '',
      `Inflow is up: open ${url} and sign in with the admin token (status page: ${url}/status)`,
      '',
      `Admin token (kept in ${secretsFile}):`,
      '',
      `  ${secrets.adminToken}`,
      '',
      'Agents: client-1 and client-2 (role=client), server-1 (role=server, trusted).',
      `Logs: ${logs}`,
      '',
      'In the editor: click Ad counter (a template) in the toolbar, then Deploy. Or from a shell:',
      `  export INFLOW_URL=${url} INFLOW_ADMIN_TOKEN=${secrets.adminToken}`,
      `  curl -s -X POST $INFLOW_URL/api/deployments -H "Authorization: Bearer $INFLOW_ADMIN_TOKEN" \\`,
      `    -H 'content-type: application/json' --data @${example}`,
      '  npx tsx examples/drive-ad-counter.ts <deploymentId>',
      '',
      'Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );
}

/** Whether the control plane knows a token for this agent name (it forgets them with its data). */
async function tokenWorks(url: string, adminToken: string, name: string): Promise<boolean> {
  const res = await fetch(`${url}/api/agent-tokens`, {
    headers: { authorization: `Bearer ${adminToken}` },
  });
  if (!res.ok) return false;
  const tokens = (await res.json()) as Array<{ name: string | null }>;
  return tokens.some((t) => t.name === name);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `npm start failed: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
