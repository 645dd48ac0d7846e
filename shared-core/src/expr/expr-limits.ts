/**
 * The bounds that make a user expression safe to run once per element delta. Parse-time limits
 * reject an expression while the graph is validated; input limits are checked on every
 * evaluation; the cost budget ties the two together: an expression is accepted only when its
 * worst-case cost, over every input within the input limits, fits the budget (see cost-model.ts).
 *
 * With the defaults, one evaluation is bounded by MAX_EVAL_COST steps (measured at most ~4 ns
 * each, so ~70 ms) plus converting at most MAX_INPUT_WEIGHT of input and MAX_RESULT_WEIGHT of
 * result (~2 ms together). In practice a loop over one input list fits the budget easily and a
 * loop over one input nested in a loop over another does not: a slot that needs that should be
 * compiled with smaller input limits.
 */
export interface ExprLimits {
  /** Characters of source text; also bounds the length of every string literal. */
  readonly maxSourceLength: number;
  readonly maxAstNodes: number;
  /** Nesting of parentheses, calls, selections, indexes and ternaries. */
  readonly maxAstDepth: number;
  readonly maxListLiteralElements: number;
  readonly maxMapLiteralEntries: number;
  readonly maxCallArguments: number;
  /** How deep all/exists/exists_one/map/filter may nest inside one another's bodies. */
  readonly maxComprehensionNesting: number;
  /** Entries of any one list or object inside an input. */
  readonly maxInputCollectionSize: number;
  /** UTF-16 code units of any one string inside an input. */
  readonly maxInputStringLength: number;
  /** Total weight (see `valueWeight`) of all inputs of one evaluation. */
  readonly maxInputWeight: number;
  /** Nesting of lists and objects in an input or a result. */
  readonly maxValueDepth: number;
  /** Total weight of a result; converting it back to a Value is metered against this. */
  readonly maxResultWeight: number;
  /** Budget of abstract steps for one evaluation, checked statically (see cost-model.ts). */
  readonly maxEvalCost: number;
}

export const MAX_SOURCE_LENGTH = 4096;
export const MAX_AST_NODES = 1024;
export const MAX_AST_DEPTH = 64;
export const MAX_LIST_LITERAL_ELEMENTS = 256;
export const MAX_MAP_LITERAL_ENTRIES = 256;
export const MAX_CALL_ARGUMENTS = 8;
export const MAX_COMPREHENSION_NESTING = 2;
export const MAX_INPUT_COLLECTION_SIZE = 512;
export const MAX_INPUT_STRING_LENGTH = 4096;
export const MAX_INPUT_WEIGHT = 16_384;
export const MAX_VALUE_DEPTH = 16;
export const MAX_RESULT_WEIGHT = 65_536;
export const MAX_EVAL_COST = 1 << 24;

export const DEFAULT_EXPR_LIMITS: ExprLimits = Object.freeze({
  maxSourceLength: MAX_SOURCE_LENGTH,
  maxAstNodes: MAX_AST_NODES,
  maxAstDepth: MAX_AST_DEPTH,
  maxListLiteralElements: MAX_LIST_LITERAL_ELEMENTS,
  maxMapLiteralEntries: MAX_MAP_LITERAL_ENTRIES,
  maxCallArguments: MAX_CALL_ARGUMENTS,
  maxComprehensionNesting: MAX_COMPREHENSION_NESTING,
  maxInputCollectionSize: MAX_INPUT_COLLECTION_SIZE,
  maxInputStringLength: MAX_INPUT_STRING_LENGTH,
  maxInputWeight: MAX_INPUT_WEIGHT,
  maxValueDepth: MAX_VALUE_DEPTH,
  maxResultWeight: MAX_RESULT_WEIGHT,
  maxEvalCost: MAX_EVAL_COST,
});

export function resolveExprLimits(overrides?: Partial<ExprLimits>): ExprLimits {
  if (!overrides) return DEFAULT_EXPR_LIMITS;
  const limits = { ...DEFAULT_EXPR_LIMITS, ...overrides };
  for (const [name, n] of Object.entries(limits)) {
    if (!Number.isSafeInteger(n) || n < 0)
      throw new RangeError(`invalid expression limit ${name}: ${n}`);
  }
  return Object.freeze(limits);
}

/**
 * The size measure that input, result and cost limits share: 1 per value (scalar, list or
 * object), plus a tenth per string character; an object entry's key counts as a string.
 * Every step of a deep operation (equality, membership, concatenation, conversion) touches at
 * most one unit of weight, which is why costs are bounded in terms of it.
 */
export const STRING_CHARS_PER_WEIGHT = 10;

export function stringWeight(length: number): number {
  return 1 + length / STRING_CHARS_PER_WEIGHT;
}
