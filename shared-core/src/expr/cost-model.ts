import type { ASTNode } from '@marcbachmann/cel-js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_METHODS,
  COMPREHENSIONS,
  FORBIDDEN_MAP_KEYS,
  refusalReason,
} from './allowed-functions.js';
import { nodeOffset } from './ast-nodes.js';
import type { ExprErrorKind } from './expr-error.js';
import { STRING_CHARS_PER_WEIGHT, stringWeight, type ExprLimits } from './expr-limits.js';
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
 * A static bound on what evaluating an expression can cost, for any inputs within the input
 * limits; an expression whose bound exceeds `maxEvalCost` is rejected at compile time. The bound
 * is sound because no value can grow beyond what it tracks: there are no loops, comprehensions
 * visit at most the elements of a bounded range, and every function allowed has a cost rule.
 *
 * The unit is one step: evaluating one node, or one unit of weight (see expr-limits.ts) touched by
 * a deep operation. Each value is bounded by its weight, by the length of the longest list or
 * map in it (`items`) and of the longest string in it (`chars`). Deep operations are charged by
 * weight: equality and ordering the smaller operand's, `in` a pass over the list, `+` both
 * operands, string functions their operands (a substring search the product of lengths, over
 * ten). A comprehension costs its range plus, per element, its body (see linear-bound.ts).
 */
export interface Bound {
  readonly weight: Linear;
  readonly items: number;
  readonly chars: number;
}

interface Estimate {
  readonly bound: Bound;
  readonly cost: Linear;
}

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
/** Longest text `string()` makes from a number, e.g. "-1.7976931348623157e+308". */
const NUMBER_TEXT_CHARS = 32;
const SCALAR: Bound = { weight: constant(1), items: 0, chars: 0 };
/**
 * Steps charged per node evaluated (and twice per comprehension iteration, for the nodes the
 * macro expands into). Measured, a node costs 10-15 ns and a unit of weight 1.5-3 ns, so
 * charging a node four units keeps a step near 3 ns whatever the expression's shape.
 */
const NODE = 4;
const STEP = constant(NODE);
/**
 * `exists`, `all`, `||` and `&&` absorb errors (`false || error` is an error, `true || error` is
 * true), and the library builds each error with a stack trace and a highlighted copy of the
 * source line: measured 5-16 µs, growing with the source's length. Wherever an error can be
 * absorbed, one may be built, so each such evaluation is charged as one.
 */
const absorbedError = (sourceLength: number): Linear => constant(1500 + sourceLength);

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
  const cost = valueAt(analyzer.walk(root, scope).cost, []);
  if (cost > limits.maxEvalCost) {
    const culprit = analyzer.costliestLoop(limits.maxEvalCost);
    throw new ExprAnalysisError(
      `expression is too expensive: its worst-case cost is ${Math.ceil(cost)} steps, over the ` +
        `budget of ${limits.maxEvalCost} (for inputs of up to ${limits.maxInputCollectionSize} ` +
        `list or map entries, ${limits.maxInputStringLength}-character strings and weight ` +
        `${limits.maxInputWeight})`,
      'limit',
      culprit ?? root.start,
    );
  }
  return cost;
}

class Analyzer {
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
    this.absorbedError = absorbedError(source.length);
  }

  variableBound(t: ExprType): Bound {
    const { maxInputStringLength: chars, maxInputCollectionSize: items } = this.limits;
    if (t === 'string') return { weight: constant(stringWeight(chars)), items: 0, chars };
    if (t === 'list' || t === 'map' || t === 'dyn') {
      return { weight: constant(this.limits.maxInputWeight), items, chars };
    }
    return SCALAR;
  }

  /** The innermost comprehension whose own cost exceeds `budget`, if any. */
  costliestLoop(budget: number): number | undefined {
    let best: { offset: number; depth: number } | undefined;
    for (const loop of this.loops) {
      if (loop.cost > budget && (!best || loop.depth > best.depth)) best = loop;
    }
    return best?.offset;
  }

  private get depth(): number {
    return this.elementMax.length - 1;
  }

  /** The cheaper of two sound bounds, judged by what each amortises to per iteration. */
  private cheaper(a: Linear, b: Linear): Linear {
    return valueAt(a, this.elementAverage) <= valueAt(b, this.elementAverage) ? a : b;
  }

  private fail(message: string, node: ASTNode, kind: ExprErrorKind = 'unsupported'): never {
    throw new ExprAnalysisError(message, kind, nodeOffset(node, this.source));
  }

  /** How many elements a value has at most, and a bound on that to charge per-element work by. */
  private lengthOf(b: Bound): { count: number; iterations: Linear } {
    const count = Math.min(b.items, valueAt(b.weight, this.elementMax));
    const iterations = dependsOnElements(b.weight)
      ? this.cheaper(constant(count), b.weight)
      : constant(count);
    return { count, iterations };
  }

  walk(node: ASTNode, scope: Scope | undefined): Estimate {
    const w = (n: ASTNode): Estimate => this.walk(n, scope);
    switch (node.op) {
      case 'value':
        return { bound: this.literal(node), cost: STEP };
      case 'id':
        return { bound: lookup(scope, node.args) ?? SCALAR, cost: STEP };
      case '.':
      case '.?': {
        const obj = w(node.args[0]);
        return { bound: obj.bound, cost: add(obj.cost, STEP) };
      }
      case '[]':
      case '[?]': {
        const [obj, key] = node.args.map(w) as [Estimate, Estimate];
        return { bound: obj.bound, cost: sum(obj.cost, key.cost, STEP, key.bound.weight) };
      }
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        const compare = this.cheaper(a.bound.weight, b.bound.weight);
        return { bound: SCALAR, cost: sum(a.cost, b.cost, STEP, compare) };
      }
      case 'in': {
        const [needle, haystack] = node.args.map(w) as [Estimate, Estimate];
        const { count, iterations } = this.lengthOf(haystack.bound);
        const compare = this.cheaper(haystack.bound.weight, scale(needle.bound.weight, count));
        const search = sum(iterations, compare, needle.bound.weight);
        return { bound: SCALAR, cost: sum(needle.cost, haystack.cost, STEP, search) };
      }
      case '+': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        const weight = add(a.bound.weight, b.bound.weight);
        const bound = {
          weight,
          items: a.bound.items + b.bound.items,
          chars: a.bound.chars + b.bound.chars,
        };
        return { bound, cost: sum(a.cost, b.cost, STEP, weight) };
      }
      case '?:': {
        const [cond, yes, no] = node.args.map(w) as [Estimate, Estimate, Estimate];
        return {
          bound: join(yes.bound, no.bound),
          cost: sum(cond.cost, upper(yes.cost, no.cost), STEP),
        };
      }
      case 'list':
        return this.aggregate(node.args.map(w), node.args.length);
      case 'map':
        for (const [key] of node.args) {
          if (key.op === 'value' && typeof key.args === 'string' && FORBIDDEN_MAP_KEYS.has(key.args)) {
            this.fail(`the map key '${key.args}' is not allowed`, key);
          }
        }
        return this.aggregate(node.args.flat().map(w), node.args.length);
      case 'call':
        return this.call(node, node.args[0], node.args[1].map(w));
      case 'rcall':
        return this.methodCall(node, scope);
      case '||':
      case '&&': {
        const [a, b] = node.args.map(w) as [Estimate, Estimate];
        return { bound: SCALAR, cost: sum(a.cost, b.cost, STEP, this.absorbedError) };
      }
      default: {
        // Arithmetic and negation: constant work on scalars.
        const operands = node.op === '!_' || node.op === '-_' ? [node.args] : node.args;
        return { bound: SCALAR, cost: sum(STEP, ...operands.map((n) => w(n).cost)) };
      }
    }
  }

  private literal(node: Extract<ASTNode, { op: 'value' }>): Bound {
    const v = node.args;
    if (typeof v === 'string') return { weight: constant(stringWeight(v.length)), items: 0, chars: v.length };
    if (typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) {
      this.fail('integer literal out of the 64-bit range', node, 'syntax');
    }
    if (v instanceof Uint8Array) this.fail('bytes literals are not supported', node);
    if (typeof v === 'object' && v !== null) {
      this.fail('unsigned integers (the u suffix) are not supported; use int', node);
    }
    return SCALAR;
  }

  private aggregate(parts: readonly Estimate[], entries: number): Estimate {
    return {
      bound: {
        weight: sum(constant(1), ...parts.map((p) => p.bound.weight)),
        items: Math.max(entries, ...parts.map((p) => p.bound.items)),
        chars: Math.max(0, ...parts.map((p) => p.bound.chars)),
      },
      cost: sum(constant(NODE * (1 + entries)), ...parts.map((p) => p.cost)),
    };
  }

  private call(node: ASTNode, name: string, args: readonly Estimate[]): Estimate {
    if (!ALLOWED_FUNCTIONS.has(name)) this.fail(refusalReason(name), node);
    const arg = args[0]?.bound ?? SCALAR;
    const work = sum(STEP, ...args.map((a) => a.cost));
    switch (name) {
      case 'dyn':
        return { bound: arg, cost: work };
      case 'string': {
        // The identity on strings; on numbers and bools a short text.
        const text = stringWeight(NUMBER_TEXT_CHARS);
        const bound = {
          weight: upper(arg.weight, constant(text)),
          items: 0,
          chars: Math.max(arg.chars, NUMBER_TEXT_CHARS),
        };
        return { bound, cost: add(work, constant(text)) };
      }
      case 'has':
      case 'type':
        return { bound: SCALAR, cost: work };
      default:
        // size, int, double, bool: constant time, or one pass over a string.
        return { bound: SCALAR, cost: add(work, this.stringPass(arg)) };
    }
  }

  /** One pass over a value that is a string: linear in its length. */
  private stringPass(b: Bound): Linear {
    return this.cheaper(b.weight, constant(stringWeight(b.chars)));
  }

  private methodCall(node: Extract<ASTNode, { op: 'rcall' }>, scope: Scope | undefined): Estimate {
    const [name, receiver, args] = node.args;
    if (!ALLOWED_METHODS.has(name)) this.fail(refusalReason(name), node);
    if (COMPREHENSIONS.has(name)) return this.comprehension(node, scope);
    if (name === 'bind') {
      const [variable, init, body] = args;
      if (variable?.op !== 'id' || !init || !body) return this.fail('invalid cel.bind', node);
      const value = this.walk(init, scope);
      const result = this.walk(body, { name: variable.args, bound: value.bound, parent: scope });
      return { bound: result.bound, cost: sum(value.cost, result.cost, STEP) };
    }
    const recv = this.walk(receiver, scope);
    const params = args.map((a) => this.walk(a, scope));
    const work = sum(STEP, recv.cost, ...params.map((p) => p.cost));
    const r = recv.bound;
    const p = params[0]?.bound ?? SCALAR;
    switch (name) {
      case 'contains':
      case 'indexOf':
      case 'lastIndexOf': {
        // A substring search may compare every position with every character of the needle.
        const search = this.cheaper(
          this.cheaper(scale(r.weight, 1 + p.chars), scale(p.weight, 1 + r.chars)),
          constant(stringWeight(r.chars) * (1 + p.chars)),
        );
        return { bound: SCALAR, cost: add(work, search) };
      }
      case 'startsWith':
      case 'endsWith':
        return { bound: SCALAR, cost: add(work, this.cheaper(this.stringPass(r), this.stringPass(p))) };
      case 'lowerAscii':
      case 'upperAscii':
      case 'trim':
      case 'substring': {
        const pass = this.stringPass(r);
        return { bound: { weight: pass, items: 0, chars: r.chars }, cost: add(work, pass) };
      }
      case 'split': {
        // At most one piece per character plus one, each a value of its own.
        const pieces = this.cheaper(
          add(scale(r.weight, 1 + STRING_CHARS_PER_WEIGHT), constant(2)),
          constant(r.chars + 2 + r.chars / STRING_CHARS_PER_WEIGHT),
        );
        const search = scale(this.stringPass(r), 1 + p.chars);
        const bound = { weight: pieces, items: r.chars + 1, chars: r.chars };
        return { bound, cost: sum(work, search, pieces) };
      }
      case 'join': {
        const { count, iterations } = this.lengthOf(r);
        const separators = (count * p.chars) / STRING_CHARS_PER_WEIGHT;
        const elementChars = Math.min(
          r.items * r.chars,
          STRING_CHARS_PER_WEIGHT * valueAt(r.weight, this.elementMax),
        );
        const bound = {
          weight: add(r.weight, constant(1 + separators)),
          items: 0,
          chars: elementChars + count * p.chars,
        };
        return { bound, cost: sum(work, r.weight, iterations, constant(separators)) };
      }
      default:
        // size(): constant time on lists and maps, one pass over a string.
        return { bound: SCALAR, cost: add(work, this.stringPass(r)) };
    }
  }

  private comprehension(node: Extract<ASTNode, { op: 'rcall' }>, scope: Scope | undefined): Estimate {
    const [name, receiver, args] = node.args;
    const range = this.walk(receiver, scope);
    const depth = this.depth + 1;
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
    const rangeMax = valueAt(range.bound.weight, this.elementMax);
    const element = { weight: elementWeight(depth), items: range.bound.items, chars: range.bound.chars };
    const inner = { name: variable.args, bound: element, parent: scope };

    this.elementMax.push(rangeMax);
    this.elementAverage.push(count > 0 ? rangeMax / count : 0);
    const loopIndex = this.loops.push({ offset: nodeOffset(node, this.source), depth, cost: 0 }) - 1;
    const body = bodies.map((b) => this.walk(b, inner));
    this.elementMax.pop();
    this.elementAverage.pop();

    const absorbs = name === 'all' || name === 'exists';
    const perIteration = sum(
      constant(2 * NODE),
      absorbs ? this.absorbedError : constant(0),
      ...body.map((b) => b.cost),
    );
    const total = (per: Linear): Linear =>
      sumOverIterations(per, depth, count, range.bound.weight, iterations);
    const cost = sum(range.cost, STEP, total(perIteration));
    const loop = this.loops[loopIndex];
    if (loop) loop.cost = valueAt(cost, this.elementMax);

    if (name === 'filter') return { bound: range.bound, cost };
    if (name !== 'map') return { bound: SCALAR, cost };
    const transform = (body[body.length - 1] as Estimate).bound;
    const bound = {
      weight: add(constant(1), total(transform.weight)),
      items: Math.max(count, transform.items),
      chars: transform.chars,
    };
    return { bound, cost };
  }
}

function lookup(scope: Scope | undefined, name: string): Bound | undefined {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s.bound;
  return undefined;
}

function join(a: Bound, b: Bound): Bound {
  return {
    weight: upper(a.weight, b.weight),
    items: Math.max(a.items, b.items),
    chars: Math.max(a.chars, b.chars),
  };
}
