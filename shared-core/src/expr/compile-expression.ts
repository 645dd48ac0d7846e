import { EvaluationError, TypeError as CelTypeError, type ParseResult } from '@marcbachmann/cel-js';
import type { Value } from '../values/value.js';
import { nodeLimitOffset, nodeOffset } from './ast-nodes.js';
import { assertValidSignature, createCelEnvironment } from './cel-environment.js';
import { CelConversionError, celToValue, kindOf, variableToCel, WeightMeter } from './cel-value.js';
import { estimateCost } from './cost-model.js';
import {
  ExprAnalysisError,
  exprError,
  ExprEvalError,
  type ExprError,
  type ExprErrorKind,
} from './expr-error.js';
import { resolveExprLimits, type ExprLimits } from './expr-limits.js';
import {
  acceptsStaticType,
  describeExprType,
  matchesRuntimeType,
  type ExprSignature,
  type ExprType,
} from './expr-type.js';

/** A parsed, type-checked expression, reusable for any number of evaluations. */
export interface CompiledExpression {
  readonly source: string;
  readonly signature: ExprSignature;
  /** The static worst-case cost in steps (at most `maxEvalCost`). */
  readonly worstCaseCost: number;
  /**
   * Evaluates with the signature's variables (others are ignored). A pure function of `vars`;
   * throws ExprEvalError on any failure, including inputs over the limits.
   */
  evaluate(vars: Readonly<Record<string, Value>>): Value;
}

export type CompileResult =
  | { readonly ok: true; readonly expr: CompiledExpression }
  | { readonly ok: false; readonly error: ExprError };

export interface CompileOptions {
  /** Overrides of DEFAULT_EXPR_LIMITS, e.g. a larger input size for a trigger on a whole set. */
  readonly limits?: Partial<ExprLimits>;
}

/**
 * Parses and type-checks `source` against `signature` and bounds its cost. Every problem with the
 * expression is returned as a positioned ExprError; a malformed signature throws, being a bug.
 */
export function compileExpression(
  source: string,
  signature: ExprSignature,
  options: CompileOptions = {},
): CompileResult {
  const limits = resolveExprLimits(options.limits);
  assertValidSignature(signature);
  const fail = (kind: ExprErrorKind, message: string, offset: number): CompileResult => ({
    ok: false,
    error: exprError(kind, message, source, offset),
  });

  if (source.length > limits.maxSourceLength) {
    return fail(
      'limit',
      `expression is too long: ${source.length} characters, over the limit of ${limits.maxSourceLength}`,
      limits.maxSourceLength,
    );
  }
  const env = createCelEnvironment(signature, limits);
  let parsed: ParseResult;
  try {
    parsed = env.parse(source);
  } catch (e) {
    const { message, offset, limit } = describeLibraryError(e, source);
    return fail(limit ? 'limit' : 'syntax', message, offset);
  }
  const over = nodeLimitOffset(parsed.ast, limits.maxAstNodes);
  if (over !== null) {
    return fail('limit', `expression is too large: more than ${limits.maxAstNodes} nodes`, over);
  }
  const checked = parsed.check();
  if (!checked.valid || checked.type === undefined) {
    const { message, offset } = describeLibraryError(checked.error, source);
    return fail('type', message, offset);
  }
  if (!acceptsStaticType(signature.result, checked.type)) {
    return fail(
      'type',
      `expression must return ${describeExprType(signature.result)}, but it returns ${checked.type}`,
      nodeOffset(parsed.ast, source),
    );
  }
  let worstCaseCost: number;
  try {
    worstCaseCost = estimateCost(parsed.ast, source, signature.variables, limits);
  } catch (e) {
    if (e instanceof ExprAnalysisError) return fail(e.kind, e.message, e.offset);
    throw e;
  }
  return { ok: true, expr: compiled(source, signature, limits, parsed, worstCaseCost) };
}

function compiled(
  source: string,
  signature: ExprSignature,
  limits: ExprLimits,
  run: ParseResult,
  worstCaseCost: number,
): CompiledExpression {
  const variables = Object.entries(signature.variables);
  const result: ExprType = signature.result;
  return {
    source,
    signature,
    worstCaseCost,
    evaluate(vars) {
      try {
        const meter = new WeightMeter(limits.maxInputWeight, 'the input');
        const context: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (const [name, t] of variables) {
          if (!Object.hasOwn(vars, name))
            throw new CelConversionError(`missing variable '${name}'`);
          context[name] = variableToCel(name, t, vars[name] as Value, limits, meter);
        }
        const raw: unknown = run(context);
        if (!matchesRuntimeType(result, raw)) {
          throw new CelConversionError(
            `expression must return ${describeExprType(result)}, but returned ${kindOf(raw)}`,
          );
        }
        return celToValue(raw, limits);
      } catch (e) {
        throw toEvalError(e, source);
      }
    },
  };
}

function toEvalError(e: unknown, source: string): ExprEvalError {
  if (e instanceof ExprEvalError) return e;
  if (e instanceof CelConversionError) return new ExprEvalError(e.message, source);
  if (e instanceof EvaluationError) {
    const offset = e.node ? nodeOffset(e.node, source) : e.range?.start;
    return new ExprEvalError(e.summary, source, offset, { cause: e });
  }
  // Anything else escaped the library (a RangeError from an engine limit, say): still the
  // expression's failure, not the caller's.
  const message = e instanceof Error ? e.message : String(e);
  return new ExprEvalError(`evaluation failed: ${message}`, source, undefined, { cause: e });
}

const LIMIT_MESSAGES: Record<string, (n: string) => string> = {
  maxDepth: (n) => `expression nests too deeply: more than ${n} levels`,
  maxAstNodes: (n) => `expression is too large: more than ${n} nodes`,
  maxListElements: (n) => `list literal has more than ${n} elements`,
  maxMapEntries: (n) => `map literal has more than ${n} entries`,
  maxCallArguments: (n) => `call has more than ${n} arguments`,
};

/** The message and position of an error from the library's parser or type checker. */
function describeLibraryError(
  e: unknown,
  source: string,
): { message: string; offset: number; limit: boolean } {
  const summary =
    e && typeof e === 'object' && 'summary' in e && typeof e.summary === 'string'
      ? e.summary
      : e instanceof Error
        ? e.message
        : String(e);
  const range: unknown = e && typeof e === 'object' && 'range' in e ? e.range : undefined;
  const offset =
    e instanceof CelTypeError && e.node
      ? nodeOffset(e.node, source)
      : range && typeof range === 'object' && 'start' in range && typeof range.start === 'number'
        ? range.start
        : 0;
  const limit = /^Exceeded (\w+) \((\d+)\)$/.exec(summary);
  const describe = limit && LIMIT_MESSAGES[limit[1] as string];
  if (limit && describe) return { message: describe(limit[2] as string), offset, limit: true };
  return { message: summary, offset, limit: false };
}
