import type {
  DeploymentSummary,
  DeploymentView,
  GraphProblem,
  Operation,
  PlacementProblem,
} from '@inflow/shared-core';
import type { ApiClient } from '../api/api-client';

/** A row of `GET /api/agents`. */
export interface AgentInfo {
  id: string;
  name: string;
  labels: Record<string, string>;
  trusted: boolean;
  online: boolean;
  lastSeen: string;
  assigned: string[];
}

/** A problem of a refused deploy: placement names the constraint, validation its code. */
export type DeployProblem = PlacementProblem | GraphProblem;

export interface PokeRequest {
  op: Operation;
  /** Apply at this agent's replica instead of the hub's. */
  agent?: string;
}

const deployment = (id: string) => `/api/deployments/${encodeURIComponent(id)}`;

/** The deployments and agents part of the REST API (control-plane/API.md). */
export class LiveApi {
  constructor(private readonly client: ApiClient) {}

  async list(): Promise<DeploymentSummary[]> {
    return (await this.client.request<DeploymentSummary[]>('GET', '/api/deployments')).body;
  }

  async get(id: string): Promise<DeploymentView> {
    return (await this.client.request<DeploymentView>('GET', deployment(id))).body;
  }

  async stop(id: string): Promise<void> {
    await this.client.request<undefined>('DELETE', deployment(id));
  }

  async agents(): Promise<AgentInfo[]> {
    return (await this.client.request<AgentInfo[]>('GET', '/api/agents')).body;
  }

  async poke(
    id: string,
    nodeId: string,
    request: PokeRequest,
  ): Promise<{ appliedAt: string; applied: number }> {
    const path = `${deployment(id)}/variables/${encodeURIComponent(nodeId)}/ops`;
    const body = request.agent === undefined ? { op: request.op } : request;
    return (await this.client.request<{ appliedAt: string; applied: number }>('POST', path, body))
      .body;
  }
}
