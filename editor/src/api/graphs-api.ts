import { parseGraphDraftJson, type GraphDocument, type DeployAnswer } from '@inflow/shared-core';
import type { ApiClient } from './api-client';
import { ApiError } from './api-error';

export interface GraphSummary {
  id: string;
  name: string;
  rev: number;
  updatedAt: string;
  /** The graph's running deployment and the rev it runs; absent when none runs. */
  running?: { deployment: string; rev: number };
}

export interface StoredGraph {
  id: string;
  rev: number;
  graph: GraphDocument;
}

/** What to deploy: the stored revision, and the running deployment it takes over from. */
export interface DeployRequest {
  rev: number;
  replaces?: string;
}

const REV_HEADER = 'Inflow-Rev';
const path = (id: string) => `/api/graphs/${encodeURIComponent(id)}`;

/**
 * The graphs part of the REST API (control-plane/API.md, "Graphs"). `onGone` hears of every 404
 * for a graph read, saved or deployed: it was deleted (maybe in another tab), whatever was asked.
 */
export class GraphsApi {
  constructor(
    private readonly client: ApiClient,
    private readonly onGone?: (id: string, error: ApiError) => void,
  ) {}

  private async about<T>(id: string, request: Promise<T>): Promise<T> {
    try {
      return await request;
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) this.onGone?.(id, e);
      throw e;
    }
  }

  async list(): Promise<GraphSummary[]> {
    return (await this.client.request<GraphSummary[]>('GET', '/api/graphs')).body;
  }

  /** The current revision, or revision `atRev` (a draft too); parsed like an imported file. */
  async get(id: string, atRev?: number): Promise<StoredGraph> {
    const query = atRev === undefined ? '' : `?rev=${atRev}`;
    const asked = this.client.requestText(`${path(id)}${query}`);
    // A missing revision is a 404 too, of a graph that is still there.
    const { text, headers } = await (atRev === undefined ? this.about(id, asked) : asked);
    const rev = Number(headers.get(REV_HEADER));
    const parsed = parseGraphDraftJson(text);
    if (!parsed.ok) {
      const first = parsed.problems[0]?.message ?? 'unknown problem';
      throw new ApiError(0, `graph ${id} as stored cannot be opened: ${first}`, {
        problems: parsed.problems,
      });
    }
    return { id, rev: Number.isInteger(rev) && rev > 0 ? rev : 1, graph: parsed.graph };
  }

  async create(graph: GraphDocument): Promise<{ id: string; rev: number }> {
    return (await this.client.request<{ id: string; rev: number }>('POST', '/api/graphs', graph))
      .body;
  }

  /** A 409 (ApiError with `currentRev`) when someone saved after `rev`: nothing is overwritten. */
  async save(id: string, rev: number, graph: GraphDocument): Promise<{ id: string; rev: number }> {
    const saving = this.client.request<{ id: string; rev: number }>('PUT', path(id), {
      rev,
      graph,
    });
    return (await this.about(id, saving)).body;
  }

  /**
   * Runs a stored revision. 409 (`currentRev`) when the graph moved on since `rev`, or
   * (`replaces`) when the deployment to replace no longer runs; 422 (`problems`) when unplaceable.
   */
  async deploy(id: string, request: DeployRequest): Promise<DeployAnswer> {
    const deploying = this.client.request<DeployAnswer>('POST', `${path(id)}/deploy`, request);
    return (await this.about(id, deploying)).body;
  }

  async remove(id: string): Promise<void> {
    await this.client.request<undefined>('DELETE', path(id));
  }
}
