import { validateGraph, type GraphDocument } from '@inflow/shared-core';
import type { DeploymentRecord, Store } from '../data/store.js';

/** The validated graph revision a stored deployment runs. */
export async function storedGraph(store: Store, record: DeploymentRecord): Promise<GraphDocument> {
  const revision = await store.getGraph(record.graphId, record.rev);
  const checked = validateGraph(revision ? JSON.parse(revision.document) : undefined);
  if (!checked.ok) {
    throw new Error(
      `deployment ${record.id}: its graph ${record.graphId}@${record.rev} is unusable`,
    );
  }
  return checked.graph;
}
