export {
  compileExpression,
  type CompiledExpression,
  type CompileOptions,
  type CompileResult,
} from './compile-expression.js';
export {
  ExprEvalError,
  sourcePosition,
  type ExprError,
  type ExprErrorKind,
  type SourcePosition,
} from './expr-error.js';
export {
  DEFAULT_EXPR_LIMITS,
  MAX_AST_DEPTH,
  MAX_AST_NODES,
  MAX_CALL_ARGUMENTS,
  MAX_COMPREHENSION_NESTING,
  MAX_EVAL_COST,
  MAX_INPUT_COLLECTION_SIZE,
  MAX_INPUT_STRING_LENGTH,
  MAX_INPUT_WEIGHT,
  MAX_LIST_LITERAL_ELEMENTS,
  MAX_MAP_LITERAL_ENTRIES,
  MAX_RESULT_WEIGHT,
  MAX_SOURCE_LENGTH,
  MAX_VALUE_DEPTH,
  type ExprLimits,
} from './expr-limits.js';
export { describeExprType, EXPR_TYPES, type ExprSignature, type ExprType } from './expr-type.js';
