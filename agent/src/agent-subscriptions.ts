import type { DeploymentRunner } from './deployment-runner.js';

interface Subscription {
  readonly variable: string;
  readonly deployment: string | undefined;
  readonly fn: (value: unknown) => void;
  runner: DeploymentRunner | undefined;
  stop: (() => void) | undefined;
  /** The last value `fn` saw (or the value when it subscribed), to catch up after a move. */
  last: { value: unknown } | undefined;
}

/**
 * The application's subscriptions, which outlive the runner they listen to: when a deployment
 * is rebuilt (a new version), assigned after the subscription was made, or ends, a subscription
 * moves to whichever runner now holds its variable, and hears the value at once if it changed
 * meanwhile.
 */
export class AgentSubscriptions {
  private readonly subs = new Set<Subscription>();

  constructor(
    /** The runner holding a variable (in one deployment, if named), or undefined if none or several do. */
    private readonly holder: (
      variable: string,
      deployment?: string,
    ) => DeploymentRunner | undefined,
    private readonly onError: (variable: string, error: unknown) => void,
  ) {}

  add(variable: string, fn: (value: unknown) => void, deployment?: string): () => void {
    const sub: Subscription = {
      variable,
      deployment,
      fn,
      runner: undefined,
      stop: undefined,
      last: undefined,
    };
    this.subs.add(sub);
    const runner = this.holder(variable, deployment);
    if (runner) {
      sub.last = { value: runner.query(variable) };
      this.attach(sub, runner);
    }
    return () => {
      sub.stop?.();
      this.subs.delete(sub);
    };
  }

  /** The runners changed: move every subscription whose holder changed. */
  refresh(): void {
    for (const sub of this.subs) {
      const runner = this.holder(sub.variable, sub.deployment);
      if (runner === sub.runner) continue;
      sub.stop?.();
      sub.stop = undefined;
      sub.runner = undefined;
      if (!runner) continue;
      this.attach(sub, runner);
      const value = runner.query(sub.variable);
      const before = sub.last ? sub.last.value : bottomValue(runner, sub.variable);
      if (JSON.stringify(value) !== JSON.stringify(before)) this.deliver(sub, value);
    }
  }

  clear(): void {
    for (const sub of this.subs) sub.stop?.();
    this.subs.clear();
  }

  private attach(sub: Subscription, runner: DeploymentRunner): void {
    sub.runner = runner;
    sub.stop = runner.subscribe(sub.variable, (value) => this.deliver(sub, value));
  }

  private deliver(sub: Subscription, value: unknown): void {
    sub.last = { value };
    try {
      sub.fn(value);
    } catch (error) {
      this.onError(sub.variable, error);
    }
  }
}

/** What a variable shows before anything reached it. */
function bottomValue(runner: DeploymentRunner, variable: string): unknown {
  const type = runner.runtime.typeOf(variable);
  return type ? type.query(type.bottom()) : undefined;
}
