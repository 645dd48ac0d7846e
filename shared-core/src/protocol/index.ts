export * from './agent-messages.js';
export * from './local-values.js';
export * from './sink-output.js';
export * from './protocol-version.js';
export * from './replication-messages.js';
export * from './socket-events.js';
export type * from './deployment-views.js';
