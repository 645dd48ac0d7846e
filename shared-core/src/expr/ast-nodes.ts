import type { ASTNode } from '@marcbachmann/cel-js';

/** The operands of a parsed node, in source order (macro calls as written, not expanded). */
export function childNodes(node: ASTNode): readonly ASTNode[] {
  switch (node.op) {
    case 'value':
    case 'id':
      return [];
    case '.':
    case '.?':
      return [node.args[0]];
    case 'call':
      return node.args[1];
    case 'rcall':
      return [node.args[1], ...node.args[2]];
    case 'list':
      return node.args;
    case 'map':
      return node.args.flat();
    case '!_':
    case '-_':
      return [node.args];
    default:
      return node.args;
  }
}

const INFIX: ReadonlySet<string> = new Set([
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  'in',
  '+',
  '-',
  '*',
  '/',
  '%',
  '||',
  '&&',
]);

/**
 * Where to point at a node in an error: an operation at its operator or method name (its own
 * start is its left operand's), anything else at its start. Errors may also carry the nodes a
 * macro expands into, whose operators are the library's own: those point at their start.
 */
export function nodeOffset(node: ASTNode, source: string): number {
  const between = (text: string, from: ASTNode, to: number): number => {
    const at = source.indexOf(text, from.end);
    return at === -1 || at >= to ? node.pos : at;
  };
  switch (node.op) {
    case 'rcall':
      return between(node.args[0], node.args[1], node.end);
    case '[]':
    case '[?]':
      return between('[', node.args[0], node.args[1].start);
    case '?:':
      return between('?', node.args[0], node.args[1].start);
    default:
      if (INFIX.has(node.op) && Array.isArray(node.args) && node.args.length === 2) {
        const [left, right] = node.args as [ASTNode, ASTNode];
        return between(node.op, left, right.start);
      }
      return node.pos;
  }
}

/**
 * Null when the tree has at most `limit` nodes; otherwise the offset of the node that goes over.
 * A parser builds each node once it has read to the node's end, so ordering nodes by their end
 * replays the order of creation: the (limit+1)-th of them is where the limit was crossed.
 */
export function nodeLimitOffset(root: ASTNode, limit: number): number | null {
  const nodes: ASTNode[] = [];
  const stack: ASTNode[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    nodes.push(node);
    stack.push(...childNodes(node));
  }
  if (nodes.length <= limit) return null;
  nodes.sort((a, b) => a.end - b.end || b.pos - a.pos);
  const over = nodes[limit] as ASTNode;
  return over.pos;
}
