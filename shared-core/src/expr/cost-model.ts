import type { ASTNode } from '@marcbachmann/cel-js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_METHODS,
  COMPREHENSIONS,
  FORBIDDEN_MAP_KEYS,
  refusalReason,
} from './allowed-functions.js';
import { nodeOffset } from './ast-nodes.js';
import { functionCost, methodCost } from './call-costs.js';
import {
  absorbedErrorCost,
  aggregate,
  join,
  leaf,
  NODE,
  SCALAR,
  STEP,
  stringBound,
  withOperands,
  type Bound,
  type CostContext,
  type Estimate,
} from './cost-units.js';
import type { ExprErrorKind } from './expr-error.js';
import type { ExprLimits } from './expr-limits.js';
import type { ExprType } from './expr-type.js';
import {
  add,
  constant,
  dependsOnElements,
  elementWeight,
  scale,
  sum,
  sumOverIterations,
  upper,
  valueAt,
  type Linear,
} from './linear-bound.js';

/**
 * A static bound on the steps (see cost-units.ts) that evaluating an expression can take, for
 * any inputs within the input limits. An expression whose bound exceeds `maxEvalCost` is
 * rejected at compile time. The bound is sound because nothing can outgrow what it tracks:
 * CEL has no loops, a comprehension visits the elements of a range whose size is bounded, and
 * every function allowed (and no other) has a cost rule. Deep operations are charged by weight:
 * equality and ordering the smaller operand's, `in` a pass over the list, `+` both operands.
 * A comprehension costs its range plus, per element, its body (amortised: see linear-bound.ts).
 */
export class ExprAnalysisError extends Error {
  override readonly name = 'ExprAnalysisError';
  constructor(
    message: string,
    readonly kind: ExprErrorKind,
    readonly offset: number,
  ) {
    super(message);
  }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

interface Scope {
  readonly name: string;
  readonly bound: Bound;
  readonly parent: Scope | undefined;
}

/** Returns the worst-case cost in steps; throws ExprAnalysisError. */
export function estimateCost(
  root: ASTNode,
  source: string,
  variables: Readonly<Record<string, ExprType>>,
  limits: ExprLimits,
): number {
  const analyzer = new Analyzer(source, limits);
  let scope: Scope | undefined;
  for (const [name, t] of Object.entries(variables)) {
    scope = { name, bound: analyzer.variableBound(t), parent: scope };
  }
  const result = analyzer.walk(root, scope);
  // An error that ends the evaluation is built once more.
  const cost =
    valueAt(result.cost, []) + (result.fails ? valueAt(absorbedErrorCost(source.length), []) : 0);
  if (cost > limits.maxEvalCost) {
    throw new ExprAnalysisError(
      `expression is too expensive: its worst-case cost is ${Math.ceil(cost)} steps, over the ` +
        `budget of ${limits.maxEvalCost} (for inputs of up to ${limits.maxInputCollectionSize} ` +
        `list or map entries, ${limits.maxInputStringLength}-character strings and weight ` +
        `${limits.maxInputWeight})`,
      'limit',
      analyzer.costliestLoop(limits.maxEvalCost) ?? root.start,
    );
  }
  return cost;
}

class Analyzer implements CostContext {
  /** Per comprehension depth: the most the element can weigh (the range's weight bound). */
  private readonly elementMax: number[] = [0];
  /** Per depth: the range's weight bound over its length, what an element weighs on average. */
  private readonly elementAverage: number[] = [0];
  private readonly loops: { offset: number; depth: number; cost: number }[] = [];
  private readonly absorbedError: Linear;

  constructor(
    private readonly source: string,
    private readonly limits: ExprLimits,
  ) {
    this.absorbedError = absorbedErrorCost(source.length);
  }

  variableBound(t: ExprType): Bound {
    const { maxInputStringLength: chars, maxInputCollectionSize: items } = this.limits;
    if (t === 'string') return stringBound(chars);
    if (t === 'list' || t === 'map' || t === 'dyn') {
      return { weight: constant(this.limits.maxInputWeight), items, chars };
    }
    return SCALAR;
  }

  /** Where the innermost comprehension whose own cost exceeds `budget` is, if any. */
  costliestLoop(budget: number): number | undefined {
    let best: { offset: number; depth: number } | undefined;
    for (const loop of this.loops) {
      if (loop.cost > budget && (!best || loop.depth > best.depth)) best = loop;
    }
    return best?.offset;
  }

  cheaper(a: Linear, b: Linear): Linear {
    return valueAt(a, this.elementAverage) <= valueAt(b, this.elementAverage) ? a : b;
  }

  maxValue(a: Linear): number {
    return valueAt(a, this.elementMax);
  }

  lengthOf(b: Bound): { count: number; iterations: Linear } {
    const count = Math.min(b.items, this.maxValue(b.weight));
    const iterations = dependsOnElements(b.weight)
      ? this.cheaper(constant(count), b.weight)
      : constant(count);
    return { count, iterations };
  }

  private fail(message: string, node: ASTNode, kind: ExprErrorKind = 'unsupported'): never {
    throw new ExprAnalysisError(message, kind, nodeOffset(node, this.source));
  }

  walk(node: ASTNode, scope: Scope | undefined): Estimate {
    const w = (n: ASTNode): Estimate => this.walk(n, scope);
    switch (node.op) {
      case 'value':
        return leaf(this.literal(node), typeof node.args === 'boolean');
      case 'id':
        return leaf(lookup(scope, node.args) ?? SCALAR, false);
      case '.':
      case '.?': {
        const obj = w(node.args[0]);
        return { bound: obj.bound, cost: add(obj.cost, STEP), fails: true, bool: false };
      }
      case '[]':
      case '[?]': {
        const [obj, key] = node.args.map(w) as [Estimate, Estimate];
        return {
          bound: obj.bound,
          cost: sum(obj.cost, key.cost, STEP, key.bound.weight),
          fails: true,
          bool: false,
        };
      }
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        const compare = this.cheaper(a.bound.weight, b.bound.weight);
        // Equality is defined between any two values; ordering fails across types.
        const fails = a.fails || b.fails || (node.op !== '==' && node.op !== '!=');
        return { bound: SCALAR, cost: sum(a.cost, b.cost, STEP, compare), fails, bool: true };
      }
      case 'in': {
        const [needle, haystack] = node.args.map(w) as [Estimate, Estimate];
        const { count, iterations } = this.lengthOf(haystack.bound);
        const compare = this.cheaper(haystack.bound.weight, scale(needle.bound.weight, count));
        const search = sum(iterations, compare, needle.bound.weight);
        const literal = node.args[1].op === 'list';
        const fails = needle.fails || haystack.fails || !literal;
        return {
          bound: SCALAR,
          cost: sum(needle.cost, haystack.cost, STEP, search),
          fails,
          bool: true,
        };
      }
      case '+': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        const weight = add(a.bound.weight, b.bound.weight);
        const bound = {
          weight,
          items: a.bound.items + b.bound.items,
          chars: a.bound.chars + b.bound.chars,
        };
        return { bound, cost: sum(a.cost, b.cost, STEP, weight), fails: true, bool: false };
      }
      case '||':
      case '&&': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        const absorbed = a.fails ? this.absorbedError : constant(0);
        const fails = a.fails || b.fails || !a.bool || !b.bool;
        return { bound: SCALAR, cost: sum(a.cost, b.cost, STEP, absorbed), fails, bool: true };
      }
      case '?:': {
        const [cond, yes, no] = node.args.map(w) as [Estimate, Estimate, Estimate];
        return {
          bound: join(yes.bound, no.bound),
          cost: sum(cond.cost, upper(yes.cost, no.cost), STEP),
          fails: cond.fails || !cond.bool || yes.fails || no.fails,
          bool: yes.bool && no.bool,
        };
      }
      case 'list':
        return aggregate(node.args.map(w), node.args.length);
      case 'map':
        for (const [key] of node.args) {
          if (
            key.op === 'value' &&
            typeof key.args === 'string' &&
            FORBIDDEN_MAP_KEYS.has(key.args)
          ) {
            this.fail(`the map key '${key.args}' is not allowed`, key);
          }
        }
        return aggregate(node.args.flat().map(w), node.args.length);
      case 'call': {
        const [name, args] = node.args;
        if (!ALLOWED_FUNCTIONS.has(name)) this.fail(refusalReason(name), node);
        const operands = args.map(w);
        return withOperands(functionCost(this, name, operands), operands);
      }
      case 'rcall':
        return this.methodCall(node, scope);
      default: {
        // Arithmetic and negation: constant work on scalars.
        const operands = (node.op === '!_' || node.op === '-_' ? [node.args] : node.args).map(w);
        // A negative number literal parses as a negation, which cannot fail.
        const negativeLiteral =
          node.op === '-_' && node.args.op === 'value' && typeof node.args.args !== 'string';
        const call = {
          bound: SCALAR,
          work: constant(0),
          fails: !negativeLiteral,
          bool: node.op === '!_',
        };
        return withOperands(call, operands);
      }
    }
  }

  private literal(node: Extract<ASTNode, { op: 'value' }>): Bound {
    const v = node.args;
    if (typeof v === 'string') return stringBound(v.length);
    if (typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) {
      this.fail('integer literal out of the 64-bit range', node, 'syntax');
    }
    if (v instanceof Uint8Array) this.fail('bytes literals are not supported', node);
    if (typeof v === 'object' && v !== null) {
      this.fail('unsigned integers (the u suffix) are not supported; use int', node);
    }
    return SCALAR;
  }

  private methodCall(node: Extract<ASTNode, { op: 'rcall' }>, scope: Scope | undefined): Estimate {
    const [name, receiver, args] = node.args;
    if (!ALLOWED_METHODS.has(name)) this.fail(refusalReason(name), node);
    if (COMPREHENSIONS.has(name)) return this.comprehension(node, scope);
    if (name === 'bind') {
      const [variable, init, body] = args;
      if (variable?.op !== 'id' || !init || !body)
        return this.fail('invalid cel.bind', node, 'syntax');
      const value = this.walk(init, scope);
      const result = this.walk(body, { name: variable.args, bound: value.bound, parent: scope });
      return {
        ...result,
        cost: sum(value.cost, result.cost, STEP),
        fails: value.fails || result.fails,
      };
    }
    const operands = [receiver, ...args].map((n) => this.walk(n, scope));
    const [recv, ...params] = operands as [Estimate, ...Estimate[]];
    return withOperands(
      methodCost(
        this,
        name,
        recv.bound,
        params.map((p) => p.bound),
      ),
      operands,
    );
  }

  private comprehension(
    node: Extract<ASTNode, { op: 'rcall' }>,
    scope: Scope | undefined,
  ): Estimate {
    const [name, receiver, args] = node.args;
    const range = this.walk(receiver, scope);
    const depth = this.elementMax.length;
    if (depth > this.limits.maxComprehensionNesting) {
      this.fail(
        `comprehensions nest too deeply: at most ${this.limits.maxComprehensionNesting} levels of ` +
          `all/exists/exists_one/map/filter may nest inside one another`,
        node,
        'limit',
      );
    }
    const [variable, ...bodies] = args;
    if (variable?.op !== 'id') return this.fail(`invalid ${name} variable`, node, 'syntax');
    const { count, iterations } = this.lengthOf(range.bound);
    const rangeMax = this.maxValue(range.bound.weight);
    const element = {
      weight: elementWeight(depth),
      items: range.bound.items,
      chars: range.bound.chars,
    };

    this.elementMax.push(rangeMax);
    this.elementAverage.push(count > 0 ? rangeMax / count : 0);
    const loop = { offset: nodeOffset(node, this.source), depth, cost: 0 };
    this.loops.push(loop);
    const body = bodies.map((b) =>
      this.walk(b, { name: variable.args, bound: element, parent: scope }),
    );
    this.elementMax.pop();
    this.elementAverage.pop();

    // all and exists keep going past an error (a later element may decide the result).
    const absorbs = (name === 'all' || name === 'exists') && body.some((b) => b.fails || !b.bool);
    const perIteration = sum(
      constant(2 * NODE),
      absorbs ? this.absorbedError : constant(0),
      ...body.map((b) => b.cost),
    );
    const total = (per: Linear): Linear =>
      sumOverIterations(per, depth, count, range.bound.weight, iterations);
    const cost = sum(range.cost, STEP, total(perIteration));
    loop.cost = this.maxValue(cost);

    const result = { cost, fails: true, bool: name !== 'map' && name !== 'filter' };
    if (name === 'filter') return { ...result, bound: range.bound };
    if (name !== 'map') return { ...result, bound: SCALAR };
    const transform = (body[body.length - 1] as Estimate).bound;
    const weight = add(constant(1), total(transform.weight));
    return {
      ...result,
      bound: { weight, items: Math.max(count, transform.items), chars: transform.chars },
    };
  }
}

function lookup(scope: Scope | undefined, name: string): Bound | undefined {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s.bound;
  return undefined;
}
