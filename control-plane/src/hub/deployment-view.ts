import {
  mergeSinkLines,
  type DeploymentSnapshot,
  type DeploymentView,
  type LocalValue,
  type LocalVariableView,
  type VariableView,
} from '@inflow/shared-core';
import type { DeploymentStatus } from '../data/store.js';
import type { Hub } from './hub.js';
import type { LiveDeployment } from './live-deployment.js';

/**
 * What `GET /api/deployments/:id` and the editors' snapshots show: the plan, every replicated
 * variable's value at the hub and whether its replicas agree, where each local variable is kept,
 * and each agent's part. A stopped deployment runs nowhere: no agent has a part, and each
 * variable has one replica left, the hub's final state.
 */
export function deploymentView(
  hub: Hub,
  live: LiveDeployment,
  status: DeploymentStatus,
): DeploymentView {
  const { replaces, replacedBy } = live.info;
  const running = status === 'running';
  // Every variable an agent holds, replicated (a room) or local: one share per agent per view.
  const holders = new Map<string, string[]>();
  for (const agent of running ? live.agents() : []) {
    for (const v of live.shareOf(agent)?.variables ?? [])
      holders.set(v, [...(holders.get(v) ?? []), agent]);
  }
  const variables: Record<string, VariableView> = {};
  for (const [id, type] of live.types) {
    const agents = holders.get(id) ?? [];
    const agentsInSync = agents.filter(
      (a) =>
        hub.isOnline(a) &&
        live.room.roomOf(id).includes(a) &&
        live.room.unackedFor(a, id) === 0 &&
        (hub.report(a, live.id)?.unacked ?? 0) === 0,
    ).length;
    // Both count the hub's replica, which is always in sync with itself.
    const replicas = agents.length + 1;
    const inSync = agentsInSync + 1;
    variables[id] = {
      type: type.name,
      value: live.room.query(id),
      replicas,
      inSync,
      agree: inSync === replicas,
    };
  }
  const local: Record<string, LocalVariableView> = {};
  for (const [id, type] of live.localTypes) {
    const agents = holders.get(id) ?? [];
    // The hub forgets an agent's reports when it disconnects: only online holders have one.
    const values: Record<string, LocalValue> = {};
    for (const agent of agents) {
      const value = hub.report(agent, live.id)?.local[id];
      if (value) values[agent] = value;
    }
    local[id] = { type: type.name, agents, values };
  }
  // As for local values, the hub has only the reports of agents online now.
  const sinks = mergeSinkLines(
    (running ? live.agents() : []).flatMap((agent) => {
      const report = hub.report(agent, live.id);
      return report ? [[agent, report.sinks] as const] : [];
    }),
  );
  const agents = (running ? live.agents() : []).map((name) => ({
    name,
    online: hub.isOnline(name),
    nodes: Object.entries(live.plan.nodes)
      .filter(([, on]) => on.includes(name))
      .map(([node]) => node),
    opsPerSecond: hub.report(name, live.id)?.opsPerSecond ?? 0,
    unacked: (hub.report(name, live.id)?.unacked ?? 0) + live.room.unackedBy(name),
  }));
  return {
    id: live.id,
    graphId: live.info.graphId,
    rev: live.info.rev,
    status,
    version: live.version,
    createdAt: new Date(live.info.createdAt).toISOString(),
    ...(replaces === undefined ? {} : { replaces }),
    ...(replacedBy === undefined ? {} : { replacedBy }),
    placement: live.plan,
    problems: [...live.problems],
    variables,
    local,
    sinks,
    agents,
    effects: hub.ledger.records(live.id).map(({ node, key, holder, status: s, grants }) => ({
      node,
      key,
      holder,
      status: s,
      grants,
    })),
  };
}

export function snapshotOf(view: DeploymentView): DeploymentSnapshot {
  return {
    deployment: view.id,
    status: view.status,
    version: view.version,
    variables: Object.fromEntries(
      Object.entries(view.variables).map(([id, v]) => [
        id,
        { value: v.value, replicas: v.replicas, inSync: v.inSync, agree: v.agree },
      ]),
    ),
    local: Object.fromEntries(Object.entries(view.local).map(([id, v]) => [id, v.values])),
    sinks: view.sinks,
    agents: view.agents.map(({ name, online, nodes, opsPerSecond, unacked }) => ({
      name,
      online,
      nodes,
      opsPerSecond,
      unacked,
    })),
  };
}
