import { stringWeight } from './expr-limits.js';
import { constant, sum, upper, type Linear } from './linear-bound.js';
import type { CallCost } from './call-costs.js';

/**
 * What the cost model knows about a value: bounds on its weight (see expr-limits.ts), on the
 * length of the longest list or map anywhere in it (`items`) and of the longest string (`chars`).
 */
export interface Bound {
  readonly weight: Linear;
  readonly items: number;
  readonly chars: number;
  /** How deeply lists and maps nest in it (0 for a scalar). */
  readonly depth: number;
}

/** What the cost model knows about a subexpression. */
export interface Estimate {
  readonly bound: Bound;
  /** Steps to evaluate it once, operands included. */
  readonly cost: Linear;
  /** Whether evaluating it may throw. */
  readonly fails: boolean;
  /** Whether it always yields a bool when it does not throw. */
  readonly bool: boolean;
}

export const SCALAR: Bound = { weight: constant(1), items: 0, chars: 0, depth: 0 };

export function stringBound(chars: number): Bound {
  return { weight: constant(stringWeight(chars)), items: 0, chars, depth: 0 };
}

/**
 * Steps charged per node evaluated (and twice per comprehension iteration, for the nodes the
 * macro expands into); deep operations are charged one step per unit of weight. Measured on
 * @marcbachmann/cel-js 8 under Node 20, a node costs 10-15 ns and a unit of weight 1-4 ns, so
 * charging a node four steps keeps a step near 3-5 ns whatever the expression's shape.
 */
export const NODE = 4;
export const STEP: Linear = constant(NODE);

/**
 * Deep equality and ordering look up an overload for every list or map they descend into
 * (measured ~30 ns each, against ~3 ns per scalar), so comparing is charged this many steps per
 * unit of weight compared.
 */
export const COMPARE_PER_WEIGHT = 8;

/**
 * Operators and functions on operands of no static type pick their overload by the operand's
 * runtime type, which the library derives through nested lists and maps (measured ~35 ns per
 * level), so each dispatch is charged by how deep its operands may nest.
 */
const TYPE_LEVEL = 8;

export function dispatchCost(operands: readonly Bound[]): Linear {
  return constant(TYPE_LEVEL * operands.reduce((n, b) => n + b.depth, 0));
}

/**
 * `exists`, `all`, `||` and `&&` absorb errors (`true || error` is true), and the library builds
 * every error with a stack trace and a highlighted copy of the source line: measured 5-16 µs,
 * growing with the source's length. Where an operand that may fail is evaluated under such an
 * absorber, each evaluation is charged as building one.
 */
export function absorbedErrorCost(sourceLength: number): Linear {
  return constant(1500 + sourceLength);
}

/** What the rules for calls need from the analysis around them. */
export interface CostContext {
  /** The cheaper of two sound bounds, judged by what each amortises to per iteration. */
  cheaper(a: Linear, b: Linear): Linear;
  /** The bound's largest value in the current comprehension. */
  maxValue(a: Linear): number;
  /** At most how many entries a value has, and a bound to charge per-entry work by. */
  lengthOf(b: Bound): { count: number; iterations: Linear };
}

export function leaf(bound: Bound, bool: boolean): Estimate {
  return { bound, cost: STEP, fails: false, bool };
}

export function withOperands(call: CallCost, operands: readonly Estimate[]): Estimate {
  return {
    bound: call.bound,
    cost: sum(
      STEP,
      call.work,
      dispatchCost(operands.map((o) => o.bound)),
      ...operands.map((o) => o.cost),
    ),
    fails: call.fails || operands.some((o) => o.fails),
    bool: call.bool,
  };
}

export function aggregate(parts: readonly Estimate[], entries: number): Estimate {
  return {
    bound: {
      weight: sum(constant(1), ...parts.map((p) => p.bound.weight)),
      items: Math.max(entries, ...parts.map((p) => p.bound.items)),
      depth: 1 + Math.max(0, ...parts.map((p) => p.bound.depth)),
      chars: Math.max(0, ...parts.map((p) => p.bound.chars)),
    },
    cost: sum(constant(NODE * (1 + entries)), ...parts.map((p) => p.cost)),
    fails: parts.some((p) => p.fails),
    bool: false,
  };
}

export function join(a: Bound, b: Bound): Bound {
  return {
    weight: upper(a.weight, b.weight),
    items: Math.max(a.items, b.items),
    depth: Math.max(a.depth, b.depth),
    chars: Math.max(a.chars, b.chars),
  };
}
