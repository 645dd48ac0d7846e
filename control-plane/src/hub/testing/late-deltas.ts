import { encodeState, type Runtime } from '@inflow/shared-core';
import type { RuntimeAgent } from './runtime-agent.js';

const at = (y: number) => ({ x: 0, y });

/**
 * `moved` goes to one agent of `role`, preferably one labelled tier=b: placed while only an
 * agent without the label is there, it moves to one with it as soon as that one connects (the
 * preference outweighs the churn). `kept`, on every agent of the role, keeps the first agent in
 * the deployment. Without `kept`, the first agent's whole share moves.
 */
export function movedGraph(role: string, withKept = true) {
  const moved = {
    id: 'moved',
    kind: 'variable',
    type: 'gcounter',
    params: {},
    position: at(0),
    placement: { selector: { role }, prefer: { tier: 'b' } },
  };
  const kept = {
    id: 'kept',
    kind: 'variable',
    type: 'boolean',
    params: {},
    position: at(100),
    placement: { selector: { role }, each: true },
  };
  const nodes = withKept ? [moved, kept] : [moved];
  return { format: 'inflow-graph', version: 1, name: `moved in ${role}`, nodes, edges: [] };
}

/** The delta that carries a replica's whole state of a variable: a replay of everything. */
export const replay = (runtime: Runtime, deployment: string, variable: string, seq: number) => {
  const type = runtime.typeOf(variable);
  if (!type) throw new Error(`${variable} has no type`);
  return { deployment, variable, seq, delta: encodeState(type, runtime.state(variable)) };
};

/** Whether the agent's runner of `deployment` is in the room of `variable`. */
export const hosts = (agent: RuntimeAgent, deployment: string, variable: string) =>
  agent.runners.get(deployment)?.endpoint.variables.includes(variable) ?? false;

/** Whether the hub acknowledged the agent's message `seq`. */
export const ackedBy = (agent: RuntimeAgent, seq: number) =>
  agent.heard.some((m) => m.event === 'ack' && 'seq' in m.message && m.message.seq === seq);
