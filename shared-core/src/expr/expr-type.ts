/**
 * The types an expression's inputs and result are declared with. `number` accepts a CEL int or
 * double; `dyn` accepts anything.
 */
export type ExprType = 'dyn' | 'bool' | 'number' | 'int' | 'double' | 'string' | 'list' | 'map';

export interface ExprSignature {
  readonly variables: Readonly<Record<string, ExprType>>;
  readonly result: ExprType;
}

export const EXPR_TYPES: readonly ExprType[] = [
  'dyn',
  'bool',
  'number',
  'int',
  'double',
  'string',
  'list',
  'map',
];

const DESCRIPTIONS: Record<ExprType, string> = {
  dyn: 'any value',
  bool: 'a boolean',
  number: 'a number',
  int: 'an integer',
  double: 'a double',
  string: 'a string',
  list: 'a list',
  map: 'a map',
};

/** A phrase for error messages: `describeExprType('bool')` is "a boolean". */
export function describeExprType(t: ExprType): string {
  return DESCRIPTIONS[t];
}

/** The CEL type a variable of this type is declared with. */
export function celDeclaration(t: ExprType): string {
  switch (t) {
    case 'number':
      return 'dyn';
    case 'map':
      // Value objects have string keys, so `m[1]` is a type error rather than a miss.
      return 'map<string, dyn>';
    default:
      return t;
  }
}

/** Whether an expression whose static CEL type is `celType` can produce a result of type `t`. */
export function acceptsStaticType(t: ExprType, celType: string): boolean {
  if (t === 'dyn' || celType === 'dyn') return true;
  switch (t) {
    case 'number':
      return celType === 'int' || celType === 'double';
    case 'list':
    case 'map':
      return celType === t || celType.startsWith(t + '<');
    default:
      return celType === t;
  }
}

/** Whether a raw CEL result (before conversion back to a Value) has type `t`. */
export function matchesRuntimeType(t: ExprType, raw: unknown): boolean {
  switch (t) {
    case 'dyn':
      return true;
    case 'bool':
      return typeof raw === 'boolean';
    case 'number':
      return typeof raw === 'bigint' || typeof raw === 'number';
    case 'int':
      return typeof raw === 'bigint';
    case 'double':
      return typeof raw === 'number';
    case 'string':
      return typeof raw === 'string';
    case 'list':
      return Array.isArray(raw);
    case 'map':
      return raw instanceof Map || isPlainObject(raw);
  }
}

export function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto: unknown = Object.getPrototypeOf(x);
  return proto === Object.prototype || proto === null;
}
