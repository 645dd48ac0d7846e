import { SCALAR, type Bound, type CostContext } from './cost-units.js';
import { STRING_CHARS_PER_WEIGHT, stringWeight } from './expr-limits.js';
import { add, constant, scale, upper, type Linear } from './linear-bound.js';

/**
 * The cost rules of the functions and methods allowed in expressions (see
 * allowed-functions.ts), beyond evaluating the node and its operands. Strings are linear in
 * their length, which a value's weight and its `chars` both bound; lists and maps answer `size`
 * in constant time. Comprehensions and `cel.bind` are handled by the analysis itself.
 */
export interface CallCost {
  readonly bound: Bound;
  readonly work: Linear;
  readonly fails: boolean;
  readonly bool: boolean;
}

/** Longest text `string()` makes from a number, e.g. "-1.7976931348623157e+308". */
const NUMBER_TEXT_CHARS = 32;

const scalar = (work: Linear, bool = false): CallCost => ({
  bound: SCALAR,
  work,
  fails: true,
  bool,
});

/** One pass over a value that is a string. */
function stringPass(ctx: CostContext, b: Bound): Linear {
  return ctx.cheaper(b.weight, constant(stringWeight(b.chars)));
}

/**
 * A pass over a string's code points in JavaScript (how the library counts a string's size),
 * about ten times slower per character than the engine's native string operations; on a map
 * literal (an object), a pass over its keys.
 */
function codePointPass(ctx: CostContext, b: Bound): Linear {
  return add(scale(stringPass(ctx, b), STRING_CHARS_PER_WEIGHT), constant(b.items));
}

export function functionCost(
  ctx: CostContext,
  name: string,
  args: readonly { bound: Bound; fails: boolean }[],
): CallCost {
  const arg = args[0] ?? { bound: SCALAR, fails: false };
  switch (name) {
    case 'dyn':
      return { bound: arg.bound, work: constant(0), fails: arg.fails, bool: false };
    case 'type':
      return { bound: SCALAR, work: constant(0), fails: arg.fails, bool: false };
    case 'has':
      return scalar(constant(0), true);
    case 'string': {
      // The identity on strings; on numbers and bools a short text.
      const text = stringWeight(NUMBER_TEXT_CHARS);
      const bound = {
        weight: upper(arg.bound.weight, constant(text)),
        items: 0,
        chars: Math.max(arg.bound.chars, NUMBER_TEXT_CHARS),
        depth: 0,
      };
      return { bound, work: constant(text), fails: true, bool: false };
    }
    default:
      // size, int, double, bool: constant time, or one pass over a string.
      return scalar(codePointPass(ctx, arg.bound), name === 'bool');
  }
}

export function methodCost(
  ctx: CostContext,
  name: string,
  r: Bound,
  params: readonly Bound[],
): CallCost {
  const p = params[0] ?? SCALAR;
  switch (name) {
    case 'contains':
    case 'indexOf':
    case 'lastIndexOf': {
      // A substring search may compare every position with every character of the needle.
      const search = ctx.cheaper(
        ctx.cheaper(scale(r.weight, 1 + p.chars), scale(p.weight, 1 + r.chars)),
        constant(stringWeight(r.chars) * (1 + p.chars)),
      );
      return scalar(search, name === 'contains');
    }
    case 'startsWith':
    case 'endsWith':
      return scalar(ctx.cheaper(stringPass(ctx, r), stringPass(ctx, p)), true);
    case 'lowerAscii':
    case 'upperAscii':
    case 'trim':
    case 'substring': {
      const pass = stringPass(ctx, r);
      return {
        bound: { weight: pass, items: 0, chars: r.chars, depth: 0 },
        work: pass,
        fails: true,
        bool: false,
      };
    }
    case 'split': {
      // At most one piece per character plus one, each a value of its own.
      const pieces = ctx.cheaper(
        add(scale(r.weight, 1 + STRING_CHARS_PER_WEIGHT), constant(2)),
        constant(r.chars + 2 + r.chars / STRING_CHARS_PER_WEIGHT),
      );
      const bound = { weight: pieces, items: r.chars + 1, chars: r.chars, depth: 1 };
      const work = add(scale(stringPass(ctx, r), 1 + p.chars), pieces);
      return { bound, work, fails: true, bool: false };
    }
    case 'join': {
      const { count, iterations } = ctx.lengthOf(r);
      const separators = (count * p.chars) / STRING_CHARS_PER_WEIGHT;
      const elementChars = Math.min(
        r.items * r.chars,
        STRING_CHARS_PER_WEIGHT * ctx.maxValue(r.weight),
      );
      const bound = {
        weight: add(r.weight, constant(1 + separators)),
        items: 0,
        chars: elementChars + count * p.chars,
        depth: 0,
      };
      const work = add(add(r.weight, iterations), constant(separators));
      return { bound, work, fails: true, bool: false };
    }
    default:
      // size(): constant time on lists and maps, one pass over a string.
      return scalar(codePointPass(ctx, r));
  }
}
