// Test helpers for other packages' tests (they import vitest, so they stay out of the main entry).
export { describeReplicaLog } from './replica-log-contract.js';
