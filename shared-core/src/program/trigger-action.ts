import type { CompiledExpression } from '../expr/index.js';
import { ElementError } from '../dataflow/runtime-errors.js';
import type { Operation } from '../crdt/crdt-type.js';
import type { TriggerFiring } from '../dataflow/processes/trigger.js';
import type { Runtime } from '../dataflow/runtime.js';
import type { Value } from '../values/value.js';

/**
 * A graph trigger's action, performed on each target variable: `remove` with `where` removes every
 * element the predicate selects; otherwise the op is applied with `value` (from the `value`
 * expression) as its argument (`by` for counter steps). An element the predicate cannot judge (a
 * string where it reads `x.id`) is left alone, as a filter does, so one bad element does not keep
 * the action from the others; but the action then fails, naming it, since it did not do all it was
 * asked: an effect gate must not record it as performed.
 */
export function triggerAction(
  runtime: Runtime,
  id: string,
  targets: readonly string[],
  action: { op: string },
  expressions: Map<string, CompiledExpression>,
): (firing: TriggerFiring) => void {
  const where = expressions.get('action.where');
  const valueOf = expressions.get('action.value');
  return ({ key, value }) => {
    const argument = valueOf?.evaluate({ key, value: value as Value });
    const unjudged: Array<{ target: string; element: Value; error: unknown }> = [];
    for (const target of targets) {
      if (where) {
        const values = (runtime.query(target) as Value[]).filter((x) => {
          try {
            return where.evaluate({ x, key }) === true;
          } catch (error) {
            unjudged.push({ target, element: x, error });
            return false;
          }
        });
        if (values.length > 0) runtime.update(target, { op: `${action.op}All`, values });
      } else {
        runtime.update(target, operation(action.op, argument));
      }
    }
    const first = unjudged[0];
    if (first) throw skipped(action.op, unjudged.length, first);
  };
}

function skipped(
  op: string,
  count: number,
  first: { target: string; element: Value; error: unknown },
): ElementError {
  const reason = first.error instanceof Error ? first.error.message : String(first.error);
  const elements = count === 1 ? 'an element' : `${count} elements`;
  return new ElementError(
    `${op} skipped ${elements} of ${first.target} it could not judge: ${reason}`,
    first.element,
  );
}

function operation(op: string, argument: Value | undefined): Operation {
  if (argument === undefined) return { op };
  return op === 'increment' || op === 'decrement' ? { op, by: argument } : { op, value: argument };
}
