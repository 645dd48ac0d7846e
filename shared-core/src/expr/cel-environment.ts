import { Environment } from '@marcbachmann/cel-js';
import type { ExprLimits } from './expr-limits.js';
import { celDeclaration, EXPR_TYPES, type ExprSignature } from './expr-type.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Names a variable cannot take: CEL keywords and reserved words, and the library's globals. */
const RESERVED_NAMES: ReadonlySet<string> = new Set([
  'true',
  'false',
  'null',
  'in',
  'as',
  'break',
  'const',
  'continue',
  'else',
  'for',
  'function',
  'if',
  'import',
  'let',
  'loop',
  'package',
  'namespace',
  'return',
  'var',
  'void',
  'while',
  '__proto__',
  'prototype',
  'constructor',
  'cel',
  'google',
  'optional',
  'int',
  'uint',
  'double',
  'bool',
  'string',
  'bytes',
  'list',
  'map',
  'null_type',
  'type',
  'dyn',
]);

/** Throws when a signature is malformed: signatures come from code, so that is a bug. */
export function assertValidSignature(signature: ExprSignature): void {
  for (const [name, t] of Object.entries(signature.variables)) {
    if (!IDENTIFIER.test(name) || RESERVED_NAMES.has(name)) {
      throw new Error(`invalid expression variable name: '${name}'`);
    }
    if (!EXPR_TYPES.includes(t))
      throw new Error(`invalid type '${String(t)}' of variable '${name}'`);
  }
  if (!EXPR_TYPES.includes(signature.result)) {
    throw new Error(`invalid expression result type '${String(signature.result)}'`);
  }
}

/**
 * A CEL environment declaring the signature's variables. Creating one takes microseconds, so
 * each compile makes its own rather than sharing mutable registries.
 *
 * Number semantics, chosen so that JSON numbers behave as users expect whichever of int or
 * double they arrive as: ints and doubles compare with each other (`==`, `<`, ... — built into
 * the library for ordering and for dyn values, added here for static `int == double`), and
 * `+ - * /` on an int and a double give a double. Two ints stay integer arithmetic: `7 / 2` is 3
 * and overflow past 64 bits is an error, as in CEL. `%` is defined on ints only. List and map
 * literals may mix element types (`[1, "a"]`, `{"id": 1, "name": "n"}`), as JSON does.
 */
export function createCelEnvironment(signature: ExprSignature, limits: ExprLimits): Environment {
  const env = new Environment({
    unlistedVariablesAreDyn: false,
    homogeneousAggregateLiterals: false,
    enableOptionalTypes: false,
    limits: {
      // Our own node limit is checked after parsing, to report where it was crossed; a node takes
      // at least one character, so this one never fires first.
      maxAstNodes: Math.max(limits.maxAstNodes, limits.maxSourceLength) + 1,
      maxDepth: limits.maxAstDepth,
      maxListElements: limits.maxListLiteralElements,
      maxMapEntries: limits.maxMapLiteralEntries,
      maxCallArguments: limits.maxCallArguments,
    },
  });
  for (const [name, t] of Object.entries(signature.variables)) {
    env.registerVariable(name, celDeclaration(t));
  }
  env.registerOperator('int + double: double', (a: bigint, b: number) => Number(a) + b);
  env.registerOperator('double + int: double', (a: number, b: bigint) => a + Number(b));
  env.registerOperator('int - double: double', (a: bigint, b: number) => Number(a) - b);
  env.registerOperator('double - int: double', (a: number, b: bigint) => a - Number(b));
  env.registerOperator('int * double: double', (a: bigint, b: number) => Number(a) * b);
  env.registerOperator('double * int: double', (a: number, b: bigint) => a * Number(b));
  env.registerOperator('int / double: double', (a: bigint, b: number) => Number(a) / b);
  env.registerOperator('double / int: double', (a: number, b: bigint) => a / Number(b));
  env.registerOperator('int == double', (a: bigint, b: number) => sameNumber(a, b));
  return env;
}

/** Exact, like the library's own dyn equality: 2^53 + 1 does not equal the double 2^53. */
function sameNumber(a: bigint, b: number): boolean {
  return Number.isInteger(b) && BigInt(b) === a;
}
