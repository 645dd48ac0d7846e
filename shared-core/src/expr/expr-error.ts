/** Where in an expression's source something is: 1-based line and column, 0-based offset. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** Why an expression was rejected while compiling. */
export type ExprErrorKind = 'syntax' | 'type' | 'unsupported' | 'limit';

/** A compile-time error, positioned for an editor to underline. */
export interface ExprError extends SourcePosition {
  readonly message: string;
  readonly kind: ExprErrorKind;
}

/**
 * The position of `offset` in `source`, clamped to the text. Columns count UTF-16 code units
 * (what editors such as CodeMirror and Monaco use); only `\n` ends a line.
 */
export function sourcePosition(source: string, offset: number): SourcePosition {
  const at = Math.max(0, Math.min(Math.trunc(offset), source.length));
  const lineStart = source.lastIndexOf('\n', at - 1) + 1;
  let line = 1;
  for (let i = source.indexOf('\n'); i !== -1 && i < at; i = source.indexOf('\n', i + 1)) line++;
  return { line, column: at - lineStart + 1, offset: at };
}

export function exprError(
  kind: ExprErrorKind,
  message: string,
  source: string,
  offset: number,
): ExprError {
  return { kind, message, ...sourcePosition(source, offset) };
}

/**
 * Evaluating a compiled expression failed: a missing key, division by zero, a value of the
 * wrong type, an input or result over its limit. `position` is where in the source, when known.
 */
export class ExprEvalError extends Error {
  override readonly name = 'ExprEvalError';
  readonly source: string;
  readonly position: SourcePosition | undefined;

  constructor(message: string, source: string, offset?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.source = source;
    this.position = offset === undefined ? undefined : sourcePosition(source, offset);
  }
}

/** Why the cost analysis refused an expression, and where (internal to compiling). */
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
