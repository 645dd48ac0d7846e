import type { ASTNode } from '@marcbachmann/cel-js';
import {
  ALLOWED_FUNCTIONS,
  ALLOWED_METHODS,
  COMPREHENSIONS,
  refusalReason,
} from './allowed-functions.js';
import { nodeOffset } from './ast-nodes.js';
import { checkLiteral, INT64_MIN } from './literal-checks.js';
import { functionCost, methodCost } from './call-costs.js';
import {
  absorbedErrorCost,
  aggregate,
  COMPARE_PER_WEIGHT,
  dispatchCost,
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
import { ExprAnalysisError, type ExprErrorKind } from './expr-error.js';
import type { ExprLimits } from './expr-limits.js';
import type { ExprType } from './expr-type.js';
import {
  add,
  constant,
  dependsOnElements,
  elementWeight,
  innermost,
  scale,
  sum,
  sumOverIterations,
  upper,
  valueAt,
  type Linear,
} from './linear-bound.js';

interface Scope {
  readonly name: string;
  readonly bound: Bound;
  readonly parent: Scope | undefined;
}

/**
 * A static bound on the steps (see cost-units.ts) that evaluating an expression can take, for
 * any inputs within the input limits. An expression whose bound exceeds `maxEvalCost` is
 * rejected at compile time. The bound is sound because nothing can outgrow what it tracks:
 * CEL has no loops, a comprehension visits the elements of a range whose size is bounded, and
 * every function allowed (and no other) has a cost rule. Deep operations are charged by weight:
 * equality and ordering the smaller operand's, `in` a pass over the list, `+` both operands.
 * A comprehension costs its range plus, per element, its body (amortised: see linear-bound.ts).
 * So are the library's hidden costs: errors that `exists`, `all`, `||` and `&&` may swallow, and
 * overload dispatch on nested values (cost-units.ts). What a step costs in time is measured, not
 * proven: 1-4 ns across the shapes tried (Node 20), the worst being loops that swallow errors.
 *
 * Returns the worst-case cost in steps; throws ExprAnalysisError when the expression calls what
 * is not allowed, nests comprehensions too deeply or is over the budget.
 */
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
  if (dependsOnElements(result.cost)) throw new Error('cost bound left a comprehension unsummed');
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
      const depth = this.limits.maxValueDepth;
      return { weight: constant(this.limits.maxInputWeight), items, chars, depth };
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
    const va = valueAt(a, this.elementAverage);
    const vb = valueAt(b, this.elementAverage);
    // On a tie, the bound on the innermost element amortises soonest.
    return va < vb || (va === vb && innermost(a) >= innermost(b)) ? a : b;
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
        checkLiteral(node, this.source);
        return leaf(
          typeof node.args === 'string' ? stringBound(node.args.length) : SCALAR,
          typeof node.args === 'boolean',
        );
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
        const compare = scale(this.cheaper(a.bound.weight, b.bound.weight), COMPARE_PER_WEIGHT);
        // Equality is defined between any two values; ordering fails across types.
        const fails = a.fails || b.fails || (node.op !== '==' && node.op !== '!=');
        const cost = sum(a.cost, b.cost, STEP, compare, dispatchCost([a.bound, b.bound]));
        return { bound: SCALAR, cost, fails, bool: true };
      }
      case 'in': {
        const [needle, haystack] = node.args.map(w) as [Estimate, Estimate];
        const { count, iterations } = this.lengthOf(haystack.bound);
        const compare = scale(
          this.cheaper(haystack.bound.weight, scale(needle.bound.weight, count)),
          COMPARE_PER_WEIGHT,
        );
        const search = sum(
          iterations,
          compare,
          needle.bound.weight,
          dispatchCost([needle.bound, haystack.bound]),
        );
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
          depth: Math.max(a.bound.depth, b.bound.depth),
          chars: a.bound.chars + b.bound.chars,
        };
        const cost = sum(a.cost, b.cost, STEP, weight, dispatchCost([a.bound, b.bound]));
        return { bound, cost, fails: true, bool: false };
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
        checkLiteral(node, this.source);
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
        // A negative number literal parses as a negation, which cannot fail; -2^63 is in range.
        const negativeLiteral =
          node.op === '-_' && node.args.op === 'value' && typeof node.args.args !== 'string';
        if (negativeLiteral && node.args.args === -INT64_MIN) return leaf(SCALAR, false);
        // Arithmetic and negation: constant work on scalars.
        const operands = (node.op === '!_' || node.op === '-_' ? [node.args] : node.args).map(w);
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
      depth: range.bound.depth,
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
      bound: {
        weight,
        items: Math.max(count, transform.items),
        chars: transform.chars,
        depth: 1 + transform.depth,
      },
    };
  }
}

function lookup(scope: Scope | undefined, name: string): Bound | undefined {
  for (let s = scope; s; s = s.parent) if (s.name === name) return s.bound;
  return undefined;
}
