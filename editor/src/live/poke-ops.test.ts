import type { TypeSpec } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import {
  buildPokeOp,
  parseLoose,
  pokeChoices,
  pokePlaceholders,
  pokeSample,
  variableSpec,
} from './poke-ops';

const impressions: TypeSpec = { name: 'gmap', value: { name: 'gcounter' } };

describe('poke operations', () => {
  it("reads a variable node's type with its params", () => {
    expect(variableSpec({ type: 'gmap', params: { value: { name: 'gcounter' } } })).toEqual(
      impressions,
    );
    expect(variableSpec({ type: 'topk', params: { k: 3, dynamic: false } })).toEqual({
      name: 'topk',
      k: 3,
    });
    expect(variableSpec({ type: 'nonsense', params: {} })).toBeUndefined();
  });

  it('offers what suits the type, and raw JSON always', () => {
    const ids = (spec: TypeSpec | undefined) => pokeChoices(spec).map((c) => c.id);
    expect(ids({ name: 'gcounter' })).toEqual(['increment', 'raw']);
    expect(ids({ name: 'orset' })).toEqual(['add', 'remove', 'raw']);
    expect(ids({ name: 'gset' })).toEqual(['add', 'raw']);
    expect(ids(impressions)).toEqual(['apply-increment', 'raw']);
    expect(ids({ name: 'awmap', value: { name: 'awset' } })).toEqual([
      'apply',
      'remove-key',
      'raw',
    ]);
    expect(ids({ name: 'pair', fst: { name: 'gcounter' }, snd: { name: 'gset' } })).toEqual([
      'raw',
    ]);
    expect(ids(undefined)).toEqual(['raw']);
  });

  it('builds an increment, with or without a step', () => {
    expect(buildPokeOp({ name: 'gcounter' }, 'increment', {}, 0)).toEqual({
      ok: true,
      op: { op: 'increment' },
    });
    expect(buildPokeOp({ name: 'gcounter' }, 'increment', { by: '5' }, 0)).toEqual({
      ok: true,
      op: { op: 'increment', by: 5 },
    });
  });

  it("refuses what the type's schema refuses, naming the field", () => {
    const built = buildPokeOp({ name: 'gcounter' }, 'increment', { by: '-2' }, 0);
    expect(built.ok).toBe(false);
    if (!built.ok) expect(built.error).toMatch(/^not an operation of gcounter: by: /);
  });

  it('adds and removes set elements typed as JSON or as plain text', () => {
    expect(buildPokeOp({ name: 'orset' }, 'add', { value: '{"id": "rovio-1"}' }, 0)).toEqual({
      ok: true,
      op: { op: 'add', value: { id: 'rovio-1' } },
    });
    expect(buildPokeOp({ name: 'orset' }, 'remove', { value: ' rovio-1 ' }, 0)).toEqual({
      ok: true,
      op: { op: 'remove', value: 'rovio-1' },
    });
    expect(buildPokeOp({ name: 'orset' }, 'add', { value: '' }, 0)).toEqual({
      ok: false,
      error: 'enter an element',
    });
    expect(parseLoose('42')).toBe(42);
  });

  it('increments one key of a map of counters', () => {
    expect(buildPokeOp(impressions, 'apply-increment', { key: 'rovio-1', by: '3' }, 0)).toEqual({
      ok: true,
      op: { op: 'apply', key: 'rovio-1', inner: { op: 'increment', by: 3 } },
    });
  });

  it('refuses an empty key, which would be written for good (the placeholder only looks like one)', () => {
    const awmap: TypeSpec = { name: 'awmap', value: { name: 'awset' } };
    const refused = { ok: false, error: 'enter a key' };
    expect(buildPokeOp(impressions, 'apply-increment', { key: '  ', by: '3' }, 0)).toEqual(refused);
    expect(buildPokeOp(awmap, 'apply', { json: '{"op": "add", "value": 1}' }, 0)).toEqual(refused);
    expect(buildPokeOp(awmap, 'remove-key', { key: '' }, 0)).toEqual(refused);
    expect(buildPokeOp({ name: 'topk', k: 3 }, 'add-score', { score: '5' }, 0)).toEqual(refused);
  });

  it('stamps a last-writer-wins write with the time, and only that register', () => {
    expect(buildPokeOp({ name: 'lwwregister' }, 'set', { value: 'x' }, 1234)).toEqual({
      ok: true,
      op: { op: 'set', value: 'x', timestamp: 1234 },
    });
    expect(buildPokeOp({ name: 'ivar' }, 'set', { value: 'x' }, 1234)).toEqual({
      ok: true,
      op: { op: 'set', value: 'x' },
    });
  });

  it('takes a raw JSON operation, and says when the text is not JSON', () => {
    expect(
      buildPokeOp({ name: 'topk', k: 3 }, 'raw', { json: '{"op":"add","key":"a","score":3}' }, 0),
    ).toEqual({
      ok: true,
      op: { op: 'add', key: 'a', score: 3 },
    });
    const bad = buildPokeOp({ name: 'gcounter' }, 'raw', { json: '{op:' }, 0);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toMatch(/^the operation is not JSON/);
    const wrongOp = buildPokeOp({ name: 'gcounter' }, 'raw', { json: '{"op":"add"}' }, 0);
    expect(wrongOp.ok).toBe(false);
  });

  it("suggests this variable's own elements and keys, else the shape its type takes", () => {
    const placeholders = (spec: TypeSpec, choice: string, current: unknown, shape?: string) =>
      pokePlaceholders(spec, choice, pokeSample(spec, current), shape);
    const ads = { name: 'orset' } as const;
    expect(placeholders(ads, 'add', [{ id: 'riot-3' }]).value).toBe('{"id":"riot-3"}');
    expect(placeholders(ads, 'add', ['mallory']).value).toBe('mallory');
    expect(placeholders(ads, 'add', []).value).toMatch(/^text, or JSON/);
    const shape = '{"player": "a", "score": 1}';
    expect(placeholders(ads, 'add', [], shape).value).toBe(shape);
    expect(placeholders(ads, 'add', ['mallory'], shape).value).toBe('mallory');
    expect(placeholders(ads, 'raw', []).json).toBe('{"op":"add","value":"x"}');
    const top: TypeSpec = { name: 'topk', k: 3 };
    expect(placeholders(top, 'add-score', [{ key: 'bea', score: 9 }]).key).toBe('bea');
    expect(placeholders(top, 'add-score', []).key).toBe('a key');
    expect(placeholders(impressions, 'apply-increment', { 'riot-1': 2 }).key).toBe('riot-1');
    const flags: TypeSpec = { name: 'awmap', value: { name: 'ewflag' } };
    expect(placeholders(flags, 'apply', {}).json).toBe('{"op":"enable"}');
    expect(placeholders(flags, 'raw', {}).json).toMatch(/^\{"op":"apply","key":"x"/);
    expect(placeholders({ name: 'lwwregister' }, 'set', 'on').value).toBe('on');
    // An element too long to read in a field is not offered as an example.
    expect(placeholders(ads, 'add', ['x'.repeat(61)]).value).toMatch(/^text, or JSON/);
  });
});
