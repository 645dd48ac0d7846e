import { expect } from 'vitest';
import type { GraphProblem, GraphProblemCode } from './graph-problem.js';
import { validateGraph } from './validate-graph.js';

// Test helpers: small graphs written tersely, and assertions on what validation reports.

type Json = Record<string, unknown>;

let y = 0;
const at = () => ({ x: 0, y: (y += 100) });

export const variable = (id: string, type: string, params: Json = {}, extra: Json = {}): Json => ({
  id,
  kind: 'variable',
  type,
  params,
  position: at(),
  ...extra,
});

export const operator = (id: string, type: string, params: Json = {}, extra: Json = {}): Json => ({
  id,
  kind: 'operator',
  type,
  params,
  position: at(),
  ...extra,
});

export const node = (
  id: string,
  kind: string,
  type: string,
  params: Json = {},
  extra: Json = {},
): Json => ({
  id,
  kind,
  type,
  params,
  position: at(),
  ...extra,
});

export const edge = (
  id: string,
  source: string,
  target: string,
  targetHandle = 'in',
  sourceHandle = 'out',
): Json => ({ id, source, sourceHandle, target, targetHandle });

export const graph = (nodes: Json[], edges: Json[]): Json => ({
  format: 'inflow-graph',
  version: 1,
  name: 'test',
  nodes,
  edges,
});

export function problemsOf(input: unknown): GraphProblem[] {
  const result = validateGraph(input);
  return result.ok ? [] : result.problems;
}

/** Asserts that validation reports exactly one problem, of this code and on this node/edge. */
export function expectOnly(
  input: unknown,
  expected: { code: GraphProblemCode; nodeId?: string; edgeId?: string },
): GraphProblem {
  const problems = problemsOf(input);
  expect(problems, JSON.stringify(problems, null, 2)).toHaveLength(1);
  const [problem] = problems as [GraphProblem];
  expect(problem).toMatchObject(expected);
  if (expected.nodeId === undefined) expect(problem.nodeId).toBeUndefined();
  if (expected.edgeId === undefined) expect(problem.edgeId).toBeUndefined();
  return problem;
}

export function expectValid(input: unknown): void {
  expect(problemsOf(input)).toEqual([]);
}
