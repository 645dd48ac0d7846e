import type { AnyCrdtType } from '../../crdt/crdt-type.js';
import type { Process } from '../process.js';
import type { Runtime } from '../runtime.js';
import { scalarThresholdMet, type Threshold } from '../threshold.js';

export interface TriggerFiring {
  /** The key whose value met the threshold ("" for a trigger on a whole variable). */
  key: string;
  value: unknown;
}

export interface TriggerSpec {
  threshold: Threshold;
  /** On a map of counters or sets: test each key's value, and fire once per key. */
  perKey?: boolean;
  /** Whether this replica performs the action: always for `invariant`, the chosen one for `enforce_once`. */
  performs: () => boolean;
  action: (firing: TriggerFiring) => void;
}

interface KeyedType {
  value: AnyCrdtType;
}

/**
 * A trigger: a threshold read that, once met, performs an action (an update of another variable)
 * exactly once per key on this replica. Thresholds are monotone for counters and grow-only sets, so
 * "met" stays true; the fired set keeps a flapping value from firing twice.
 */
export function triggerProcess(
  runtime: Runtime,
  id: string,
  input: string,
  spec: TriggerSpec,
): Process & {
  fired(): ReadonlySet<string>;
} {
  const fired = new Set<string>();

  const consider = (key: string, value: unknown) => {
    if (fired.has(key) || !scalarThresholdMet(spec.threshold, value)) return;
    if (!spec.performs()) return;
    fired.add(key);
    try {
      spec.action({ key, value });
    } catch (error) {
      runtime.report(id, error);
    }
  };

  /** Each key's value, for the keys a delta touched (all keys when there is no delta). */
  const keyedValues = (delta: unknown): Array<[string, unknown]> => {
    const v = runtime.variable(input);
    const type = v.type;
    const state = v.state;
    if (type && state instanceof Map && 'value' in type) {
      const valueType = (type as unknown as KeyedType).value;
      const keys = delta instanceof Map ? [...delta.keys()] : [...state.keys()];
      return keys
        .filter((key): key is string => typeof key === 'string' && state.has(key))
        .map((key) => [key, valueType.query(state.get(key))]);
    }
    const value = v.query();
    return value && typeof value === 'object' ? Object.entries(value) : [];
  };

  const check = (delta?: unknown) => {
    if (!spec.perKey) consider('', runtime.query(input));
    else for (const [key, value] of keyedValues(delta)) consider(key, value);
  };

  return {
    id,
    inputs: [input],
    outputs: [],
    start: () => check(),
    onInput: (_input, change) => check(change.delta),
    fired: () => fired,
  };
}
