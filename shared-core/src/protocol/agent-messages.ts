import { z } from 'zod';
import { graphDocumentSchema } from '../graph/graph-document.js';
import { MAX_ELEMENT_TEXT } from '../dataflow/runtime-errors.js';
import { agentNameSchema } from '../graph/graph-node.js';
import { localValueSchema } from './local-values.js';
import { SINK_LINES_KEPT, sinkLineSchema } from './sink-output.js';

const labelsSchema = z.record(z.string().min(1).max(64), z.string().max(256));

/** Sent in the socket.io handshake (`auth`): who the agent is and the token it was issued. */
export const agentHelloSchema = z.object({
  token: z.string().min(1).max(512),
  name: agentNameSchema,
  labels: labelsSchema.default({}),
  protocol: z.number().int(),
  /**
   * Names the agent's durable replica state (its data dir, or one process without one): the
   * replica ids it mints tokens and dots under are derived from it, so an agent that lost its
   * data comes back as a new replica instead of reusing dots.
   */
  instance: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'an instance id is 1-64 letters, digits, _ -'),
  /**
   * The agent asks to perform side effects (`--trusted`). It is trusted only if its token is
   * too; a token that is not makes the control plane refuse the agent.
   */
  trusted: z.boolean().default(false),
  /** The most graph node replicas placement may give it (`--capacity`); unlimited if absent. */
  capacity: z.number().int().min(0).max(1_000_000).optional(),
  /** The deployments it runs now, so the control plane can stop those that ended meanwhile. */
  running: z.array(z.string().min(1).max(128)).max(1000).default([]),
});
export type AgentHello = z.output<typeof agentHelloSchema>;

const idSchema = z.string().min(1).max(128);

/**
 * Where an agent's local (dynamic) variables start from in a deployment that replaced others:
 * the deployments it replaced, the one it replaced last first, each with the local variables of
 * this share that are unchanged since it (see `carriedVariables`). The agent seeds each one from
 * its own copy in the first of them it still holds; a variable none of them names starts empty.
 */
export const localCarrySchema = z.object({
  from: z.array(z.object({ deployment: idSchema, variables: z.array(idSchema).max(1000) })).max(64),
  /**
   * Those the hub's plans gave this agent a copy of in any of them: one it finds no copy of is
   * lost state, and the agent says so (another was never here, and rightly starts empty).
   */
  held: z.array(idSchema).max(1000),
});
export type LocalCarry = z.output<typeof localCarrySchema>;

/**
 * An agent's share of a deployment: the graph, the nodes it runs, the variables it holds a
 * replica of (and so the rooms it joins), and the membership `enforce_once` chooses from.
 */
export const assignmentSchema = z.object({
  deployment: z.string().min(1),
  /** Bumped whenever the deployment is placed again, so an agent can tell a new share from a resend. */
  version: z.number().int().nonnegative(),
  graph: graphDocumentSchema,
  nodes: z.array(z.string()),
  variables: z.array(z.string()),
  /** The trusted agents that may perform side effects, by replica id. */
  executors: z.array(z.string()),
  /** This agent's replica id in this deployment (tokens and dots are minted under it). */
  replica: z.string(),
  /** Absent when it replaced nothing, and from a control plane that carries no local state. */
  carry: localCarrySchema.optional(),
});
export type Assignment = z.output<typeof assignmentSchema>;

/**
 * Something that went wrong inside a running share without stopping it (an element an expression
 * could not judge, an effect that failed), as an agent reports it: `count` times since its last
 * report of the same issue.
 */
export const runtimeIssueReportSchema = z.object({
  where: z.string().min(1).max(128),
  message: z.string().min(1).max(500),
  /** The first element it happened on since the last report, as `elementText` shows it. */
  element: z.string().max(MAX_ELEMENT_TEXT).optional(),
  count: z.number().int().min(1),
});
export type RuntimeIssueReport = z.output<typeof runtimeIssueReportSchema>;

/** Periodic counters an agent reports for the live view and /metrics. */
export const agentMetricsSchema = z.object({
  deployment: z.string(),
  opsPerSecond: z.number().nonnegative(),
  deltasSent: z.number().int().nonnegative(),
  bytesSent: z.number().int().nonnegative(),
  /** Deltas sent and not yet acknowledged. */
  unacked: z.number().int().nonnegative(),
  /** Its local (dynamic) variables' values, by variable: the hub holds no copy of them. */
  local: z.record(z.string().min(1).max(128), localValueSchema).default({}),
  /** Each sink's latest lines on this agent, newest first (SinkOutput). */
  sinks: z
    .record(z.string().min(1).max(128), z.array(sinkLineSchema).max(SINK_LINES_KEPT))
    .default({}),
  /** Issues since the last report; an agent reports each one at most once a minute. */
  issues: z.array(runtimeIssueReportSchema).max(20).default([]),
  /**
   * The agent's clock when it sent this: the receiver moves the sink lines' times onto its own
   * clock by the difference, so lines from agents whose clocks disagree merge in their true order.
   */
  sentAt: z.number().optional(),
});
export type AgentMetrics = z.output<typeof agentMetricsSchema>;

/**
 * An operation to apply to one variable, from the REST API to the hub or to one agent; `op` is
 * checked against the variable's type where it is applied.
 */
export const operationRequestSchema = z.object({
  deployment: z.string().min(1).max(128),
  variable: z.string().min(1).max(128),
  op: z.looseObject({ op: z.string().min(1).max(64) }),
});
export type OperationRequest = z.output<typeof operationRequestSchema>;

/** An agent's replica id in a deployment: its name and its instance. */
export const replicaIdOf = (name: string, instance: string): string => `${name}.${instance}`;

/** An agent asks before it performs a side effect; the hub grants each (deployment, node, key) once. */
export const effectClaimSchema = z.object({
  deployment: z.string().min(1),
  node: z.string().min(1),
  key: z.string().max(1024),
});
export type EffectClaim = z.output<typeof effectClaimSchema>;
