import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { crdtType } from '../crdt/registry.js';
import { TYPE_NAMES, type TypeName, type TypeSpec } from '../crdt/type-spec.js';
import { TYPE_OPS } from './type-ops.js';

const counter: TypeSpec = { name: 'gcounter' };
const sample = (name: TypeName): TypeSpec => {
  switch (name) {
    case 'topk':
      return { name, k: 3 };
    case 'gmap':
      return { name, value: counter };
    case 'awmap':
      return { name, value: { name: 'awset' } };
    case 'pair':
      return { name, fst: counter, snd: counter };
    default:
      return { name };
  }
};

type OpJsonSchema = {
  properties?: { op?: { const?: string } };
  oneOf?: OpJsonSchema[];
  anyOf?: OpJsonSchema[];
};

/** The `op` names a type's opSchema accepts, read off its JSON Schema. */
function opNames(spec: TypeSpec): string[] | undefined {
  let type;
  try {
    type = crdtType(spec);
  } catch (e) {
    // Types still being written are checked once the registry has them.
    if (String(e).includes('not available yet')) return undefined;
    throw e;
  }
  const schema = z.toJSONSchema(type.opSchema, { unrepresentable: 'any' }) as OpJsonSchema;
  const variants = schema.oneOf ?? schema.anyOf ?? [schema];
  return variants.map((v) => v.properties?.op?.const ?? '?');
}

describe('TYPE_OPS', () => {
  it('lists exactly the ops of every type the registry builds', () => {
    const checked: TypeName[] = [];
    for (const name of TYPE_NAMES) {
      const ops = opNames(sample(name));
      if (ops === undefined) continue;
      expect([...TYPE_OPS[name]].sort(), name).toEqual(ops.sort());
      checked.push(name);
    }
    expect(checked).toEqual(expect.arrayContaining(['gcounter', 'orset', 'gmap', 'topk']));
  });
});
