import type { CompiledExpression } from '../expr/index.js';
import type { Operation } from '../crdt/crdt-type.js';
import type { TriggerFiring } from '../dataflow/processes/trigger.js';
import type { Runtime } from '../dataflow/runtime.js';
import type { Value } from '../values/value.js';

/**
 * A graph trigger's action, performed on each target variable: `remove` with `where` removes every
 * element the predicate selects; otherwise the op is applied with `value` (from the `value`
 * expression) as its argument (`by` for counter steps). An element the predicate cannot judge (a
 * string where it reads `x.id`) is reported and left alone, as a filter does: one bad element must
 * not keep the action from every other key.
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
    for (const target of targets) {
      if (where) {
        const values = (runtime.query(target) as Value[]).filter((x) => {
          try {
            return where.evaluate({ x, key }) === true;
          } catch (error) {
            runtime.report(id, error);
            return false;
          }
        });
        if (values.length > 0) runtime.update(target, { op: `${action.op}All`, values });
      } else {
        runtime.update(target, operation(action.op, argument));
      }
    }
  };
}

function operation(op: string, argument: Value | undefined): Operation {
  if (argument === undefined) return { op };
  return op === 'increment' || op === 'decrement' ? { op, by: argument } : { op, value: argument };
}
