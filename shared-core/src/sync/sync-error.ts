/**
 * A replication component was set up wrongly (a variable that is not a replicated lattice) or
 * found its own durable data unreadable. Thrown at setup only: message handlers return results.
 */
export class SyncError extends Error {
  override readonly name = 'SyncError';
}
