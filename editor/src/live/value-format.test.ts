import { describe, expect, it } from 'vitest';
import { formatNumber } from '../text/count';
import { compact, formatValue } from './value-format';

describe('live values as nodes show them', () => {
  it("shows a counter's number with thousands grouped, whatever the locale", () => {
    expect(formatValue(1234567, 'gcounter').headline).toBe('1,234,567');
    expect(formatValue(-42, 'pncounter').headline).toBe('-42');
    expect(formatNumber(999)).toBe('999');
    expect(formatNumber(1000.5)).toBe('1,000.5');
  });

  it("shows a set's size and its first members, and how many more there are", () => {
    const f = formatValue(['a', 'b', { id: 'rovio-1' }, 'd', 'e'], 'orset');
    expect(f.headline).toBe('5 elements');
    expect(f.items).toEqual(['a', 'b', '{"id":"rovio-1"}']);
    expect(f.more).toBe(2);
    expect(formatValue(['x'], 'gset').headline).toBe('1 element');
    expect(formatValue([], 'awset')).toMatchObject({ headline: '0 elements', items: [], more: 0 });
  });

  it("shows a map of counters' entries and their total", () => {
    const f = formatValue({ 'rovio-1': 12, 'riot-2': 1500 }, 'gmap');
    expect(f.headline).toBe('Σ 1,512 · 2 keys');
    expect(f.items).toEqual(['rovio-1: 12', 'riot-2: 1,500']);
  });

  it('shows a map of other values without a total', () => {
    expect(formatValue({ a: ['x'] }, 'awmap')).toMatchObject({
      headline: '1 key',
      items: ['a: ["x"]'],
    });
  });

  it('ranks a top-K list, recognised by its type or by its shape', () => {
    const top = [
      { key: 'alice', score: 90 },
      { key: 'bob', score: 80 },
    ];
    expect(formatValue(top, 'topk')).toMatchObject({
      headline: 'top 2',
      items: ['1. alice 90', '2. bob 80'],
    });
    expect(formatValue(top).headline).toBe('top 2');
  });

  it('shows flags, registers and unset values in words', () => {
    expect(formatValue(true, 'ewflag').headline).toBe('enabled');
    expect(formatValue(false, 'dwflag').headline).toBe('disabled');
    expect(formatValue(null, 'ivar').headline).toBe('unset');
    expect(formatValue('hello', 'lwwregister').headline).toBe('hello');
    expect(formatValue(['a', 'b'], 'mvregister')).toMatchObject({
      headline: '2 concurrent values',
      items: ['a', 'b'],
    });
    expect(formatValue([1, ['x']], 'pair').headline).toBe('(1, ["x"])');
  });

  it('cuts long members and keeps the whole value for the tooltip', () => {
    const long = 'x'.repeat(100);
    const f = formatValue([long], 'gset');
    expect(f.items[0]).toHaveLength(40);
    expect(f.items[0]?.endsWith('…')).toBe(true);
    expect(f.title).toContain(long);
    expect(compact(undefined)).toBe('—');
  });
});
