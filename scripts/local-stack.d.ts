import { type ChildProcess } from 'node:child_process';
export declare const ROOT: string;
export interface StackProcess {
    readonly name: string;
    readonly child: ChildProcess;
    /** Resolves with the exit code (or the signal's name) when the process ends. */
    readonly exited: Promise<number | string>;
    /** Everything it wrote to stdout and stderr so far (also in its log file, if any). */
    output(): string;
    /** SIGTERM, then SIGKILL after `graceMs`; resolves when it is gone. */
    stop(graceMs?: number): Promise<number | string>;
    /** SIGKILL at once: a crash. */
    kill(): Promise<number | string>;
}
export interface ControlPlaneOptions {
    dataDir: string;
    /** 0 picks a free port; the URL is read from what the control plane prints. */
    port: number;
    adminToken: string;
    graceMs?: number;
    logLevel?: string;
    logFile?: string;
}
/** Starts the control plane and resolves once it answers /healthz. */
export declare function startControlPlane(options: ControlPlaneOptions): Promise<StackProcess & {
    url: string;
}>;
export interface AgentOptions {
    url: string;
    token: string;
    name: string;
    labels: Record<string, string>;
    trusted?: boolean;
    dataDir?: string;
    logLevel?: string;
    logFile?: string;
}
/** Starts `inflow-agent` with the CLI flags a user would type. */
export declare function startAgent(options: AgentOptions): StackProcess;
/** A client of the REST API with the admin token. */
export declare function adminApi(url: string, adminToken: string): {
    call: (method: string, path: string, body?: unknown) => Promise<Response>;
    json: <T>(method: string, path: string, body?: unknown) => Promise<T>;
};
/** Creates an agent token for `name`, replacing one of that name the caller no longer has. */
export declare function createAgentToken(url: string, adminToken: string, agent: {
    name: string;
    labels: Record<string, string>;
    trusted: boolean;
}): Promise<string>;
/** Polls until `check` returns a value; fails with `what` (and the process's output) on timeout. */
export declare function waitFor<T>(check: () => Promise<T | undefined> | T | undefined, what: string, timeoutMs?: number, process?: StackProcess): Promise<T>;
