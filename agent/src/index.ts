export { createAgent } from './create-agent.js';
export type {
  Agent,
  AgentEvents,
  AgentOptions,
  DeploymentInfo,
  TargetOptions,
} from './agent-types.js';
export {
  AgentError,
  AgentFatalError,
  type AgentErrorCode,
  type FatalReason,
} from './agent-errors.js';
export { AgentStore, AGENT_DB_FILE } from './agent-store.js';
export { SqliteReplicaLog } from './sqlite-replica-log.js';
export { DeploymentRunner, type RunnerOptions } from './deployment-runner.js';
