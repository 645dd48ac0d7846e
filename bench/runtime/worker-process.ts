import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ROOT } from '../../scripts/local-stack.js';
import type { ToRunner, ToWorker, WorkerConfig } from './worker-protocol.js';

const WORKER = fileURLToPath(new URL('./client-worker.ts', import.meta.url));

type Message<T extends ToRunner['type']> = Extract<ToRunner, { type: T }>;

/** A client-worker child process and the messages it sends, awaited in order. */
export class WorkerProcess {
  readonly child: ChildProcess;
  private readonly inbox: ToRunner[] = [];
  private waiter: (() => void) | undefined;
  private output = '';
  private exit: string | undefined;

  constructor(readonly config: WorkerConfig) {
    this.child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      cwd: ROOT,
      env: { ...process.env, INFLOW_BENCH_WORKER: JSON.stringify(config) },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    const capture = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    this.child.stdout?.on('data', capture);
    this.child.stderr?.on('data', capture);
    this.child.on('message', (message) => {
      this.inbox.push(message as ToRunner);
      this.waiter?.();
    });
    this.child.once('exit', (code, signal) => {
      this.exit = String(code ?? signal);
      this.waiter?.();
    });
  }

  get name(): string {
    return this.config.name;
  }

  send(message: ToWorker): void {
    this.child.send(message);
  }

  /** The next message of `type` (others before it are dropped); fails if the worker exits. */
  async next<T extends ToRunner['type']>(type: T, timeoutMs = 30_000): Promise<Message<T>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const message = this.inbox.shift();
      if (message?.type === type) return message as Message<T>;
      if (message) continue;
      if (this.exit !== undefined) {
        throw new Error(
          `${this.name} exited (${this.exit}) waiting for '${type}':\n${this.output}`,
        );
      }
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`${this.name}: no '${type}' in ${timeoutMs} ms:\n${this.output}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiter = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.waiter = undefined;
    }
  }

  /** Asks it to stop its agent; SIGKILL if it has not gone within `graceMs`. */
  async stop(graceMs = 5_000): Promise<void> {
    if (this.exit !== undefined) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.send({ type: 'stop' });
    else this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await gone;
    clearTimeout(timer);
  }
}
