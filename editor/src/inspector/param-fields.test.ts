import { findNodeType } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { paramFields, type ParamField } from './param-fields';

const fieldsOf = (kind: string, type: string) => {
  const spec = findNodeType(kind, type);
  if (!spec) throw new Error(`no ${kind}/${type}`);
  return paramFields(spec);
};
const byKey = (fields: readonly ParamField[], key: string) => fields.find((f) => f.key === key);

describe('forms generated from the catalog', () => {
  it('gives a threshold trigger a variant threshold, an enum mode and an action with expressions', () => {
    const fields = fieldsOf('trigger', 'threshold');
    const threshold = byKey(fields, 'threshold');
    expect(threshold?.kind).toBe('variant');
    if (threshold?.kind === 'variant') {
      expect(threshold.discriminator).toBe('kind');
      expect(threshold.variants.map((v) => v.value)).toEqual(['value', 'cardinality']);
      const n = threshold.variants[1]?.fields.find((f) => f.key === 'n');
      expect(n).toMatchObject({ kind: 'number', integer: true, min: 0, path: ['threshold', 'n'] });
    }
    expect(byKey(fields, 'mode')).toMatchObject({
      kind: 'enum',
      options: ['invariant', 'enforce_once'],
    });
    expect(byKey(fields, 'perKey')).toMatchObject({ kind: 'boolean', required: false });
    const action = byKey(fields, 'action');
    expect(action?.kind).toBe('object');
    if (action?.kind === 'object') {
      expect(action.fields.map((f) => [f.key, f.kind])).toEqual([
        ['op', 'text'],
        ['value', 'expression'],
        ['where', 'expression'],
      ]);
      const where = byKey(action.fields, 'where');
      if (where?.kind === 'expression')
        expect(where.slot.variables).toEqual({ x: 'dyn', key: 'string' });
    }
  });

  it('gives fold an aggregate enum, K as a bounded integer, and expressions for key and value', () => {
    const fields = fieldsOf('operator', 'fold');
    expect(byKey(fields, 'aggregate')).toMatchObject({ kind: 'enum', required: true });
    expect(byKey(fields, 'k')).toMatchObject({
      kind: 'number',
      integer: true,
      min: 1,
      max: 10_000,
    });
    expect(byKey(fields, 'key')?.kind).toBe('expression');
    expect(byKey(fields, 'value')?.kind).toBe('expression');
  });

  it('edits nested CRDT types as JSON, and topk K as a number', () => {
    expect(byKey(fieldsOf('variable', 'gmap'), 'value')).toMatchObject({
      kind: 'json',
      required: true,
    });
    expect(byKey(fieldsOf('variable', 'topk'), 'k')).toMatchObject({
      kind: 'number',
      required: true,
    });
    expect(fieldsOf('variable', 'orset').map((f) => f.key)).toEqual(['dynamic']);
    expect(fieldsOf('operator', 'union')).toEqual([]);
  });

  it('makes filter and map expressions required', () => {
    expect(byKey(fieldsOf('operator', 'filter'), 'predicate')).toMatchObject({
      kind: 'expression',
      required: true,
    });
    expect(byKey(fieldsOf('operator', 'map'), 'fn')).toMatchObject({
      kind: 'expression',
      required: true,
    });
  });
});
