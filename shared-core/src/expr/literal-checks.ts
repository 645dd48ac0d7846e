import type { ASTNode } from '@marcbachmann/cel-js';
import { FORBIDDEN_MAP_KEYS } from './allowed-functions.js';
import { nodeOffset } from './ast-nodes.js';
import { ExprAnalysisError } from './expr-error.js';

/** The smallest CEL int; its literal parses as the negation of 2^63, one past the largest. */
export const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Refuses literals no Value can come from or go to: ints outside 64 bits, bytes, uints (the
 * library parses those as class instances), and map keys the library would silently drop.
 */
export function checkLiteral(node: ASTNode, source: string): void {
  const refuse = (message: string, kind: 'syntax' | 'unsupported' = 'unsupported'): never => {
    throw new ExprAnalysisError(message, kind, nodeOffset(node, source));
  };
  if (node.op === 'map') {
    for (const [key] of node.args) {
      if (key.op === 'value' && typeof key.args === 'string' && FORBIDDEN_MAP_KEYS.has(key.args)) {
        throw new ExprAnalysisError(
          `the map key '${key.args}' is not allowed`,
          'unsupported',
          nodeOffset(key, source),
        );
      }
    }
  }
  if (node.op !== 'value') return;
  const v = node.args;
  if (typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) {
    refuse('integer literal out of the 64-bit range', 'syntax');
  }
  if (v instanceof Uint8Array) refuse('bytes literals are not supported');
  if (typeof v === 'object' && v !== null) {
    refuse('unsigned integers (the u suffix) are not supported; use int');
  }
}
