import { describe, expect, it } from 'vitest';
import type { RuntimeIssue } from '../dataflow/runtime-errors.js';
import type { Value } from '../values/value.js';
import { createLasp, type Lasp } from './lasp.js';

const add = (value: Value) => ({ op: 'add', value });
const remove = (value: Value) => ({ op: 'remove', value });

function withSet(id = 'src'): Lasp {
  const lasp = createLasp({ replica: 'a' });
  lasp.declare(id, 'orset');
  return lasp;
}

describe('map', () => {
  it('merges colliding outputs, so an output stays while any of its sources is present', () => {
    const lasp = withSet();
    lasp.map('src', (x) => (x as number) % 2, 'parity');
    for (const x of [1, 2, 3]) lasp.update('src', add(x));
    expect(lasp.query('parity')).toEqual([0, 1]);
    lasp.update('src', remove(1));
    expect(lasp.query('parity')).toEqual([0, 1]);
    lasp.update('src', remove(3));
    expect(lasp.query('parity')).toEqual([0]);
  });

  it('evaluates the function once per changed element, however large the set', () => {
    const lasp = withSet();
    let calls = 0;
    lasp.map('src', (x) => (calls++, x), 'copy');
    lasp.update('src', { op: 'addAll', values: Array.from({ length: 10_000 }, (_, i) => i) });
    calls = 0;
    lasp.update('src', add('one more'));
    expect(calls).toBe(1);
    expect((lasp.query('copy') as Value[]).length).toBe(10_001);
  });
});

describe('filter', () => {
  it('carries a removal through', () => {
    const lasp = withSet();
    lasp.filter('src', (x) => (x as number) > 1, 'big');
    lasp.update('src', { op: 'addAll', values: [1, 2, 3] });
    expect(lasp.query('big')).toEqual([2, 3]);
    lasp.update('src', remove(3));
    expect(lasp.query('big')).toEqual([2]);
  });
});

describe('union', () => {
  it('keeps an element that is removed on one side but still on the other, even with equal tokens', () => {
    const lasp = createLasp({ replica: 'a' });
    lasp.declare('left', 'orset');
    lasp.declare('right', 'orset');
    lasp.union('left', 'right', 'both');
    // The first add on each side mints the same token a:1 for the same element.
    lasp.update('left', add('x'));
    lasp.update('right', add('x'));
    lasp.update('left', remove('x'));
    expect(lasp.query('both')).toEqual(['x']);
    lasp.update('right', remove('x'));
    expect(lasp.query('both')).toEqual([]);
  });
});

describe('intersection', () => {
  it('drops an element removed on either side (Lasp kept it visible)', () => {
    const lasp = createLasp({ replica: 'a' });
    lasp.declare('left', 'orset');
    lasp.declare('right', 'orset');
    lasp.intersection('left', 'right', 'common');
    lasp.update('left', { op: 'addAll', values: ['x', 'y'] });
    lasp.update('right', { op: 'addAll', values: ['x', 'z'] });
    expect(lasp.query('common')).toEqual(['x']);
    lasp.update('right', remove('x'));
    expect(lasp.query('common')).toEqual([]);
    lasp.update('right', add('x'));
    expect(lasp.query('common')).toEqual(['x']);
    lasp.update('left', remove('x'));
    expect(lasp.query('common')).toEqual([]);
  });
});

describe('product', () => {
  it('pairs every element and removes every pair of a removed element', () => {
    const lasp = createLasp({ replica: 'a' });
    lasp.declare('ads', 'orset');
    lasp.declare('contracts', 'orset');
    lasp.product('ads', 'contracts', 'pairs');
    lasp.filter(
      'pairs',
      (p) => {
        const [ad, contract] = p as [Value, Value];
        return (ad as { id: number }).id === (contract as { id: number }).id;
      },
      'matched',
    );
    lasp.update('ads', { op: 'addAll', values: [{ id: 1 }, { id: 2 }] });
    lasp.update('contracts', { op: 'addAll', values: [{ id: 1 }, { id: 2 }, { id: 3 }] });
    expect((lasp.query('pairs') as Value[]).length).toBe(6);
    expect(lasp.query('matched')).toEqual([
      [{ id: 1 }, { id: 1 }],
      [{ id: 2 }, { id: 2 }],
    ]);
    lasp.update('ads', remove({ id: 1 }));
    expect((lasp.query('pairs') as Value[]).length).toBe(3);
    expect(lasp.query('matched')).toEqual([[{ id: 2 }, { id: 2 }]]);
  });

  it('pairs a set with itself both ways', () => {
    const lasp = withSet();
    lasp.product('src', 'src', 'square');
    lasp.update('src', add(1));
    lasp.update('src', add(2));
    expect(lasp.query('square')).toEqual([
      [1, 1],
      [1, 2],
      [2, 1],
      [2, 2],
    ]);
  });
});

describe('fold', () => {
  it('sum, count, min and max follow additions and removals', () => {
    const lasp = withSet();
    lasp.fold('src', 'sum', 'sum');
    lasp.fold('src', 'count', 'count');
    lasp.fold('src', 'min', 'min');
    lasp.fold('src', 'max', 'max');
    lasp.update('src', { op: 'addAll', values: [5, 1, 9] });
    expect([lasp.query('sum'), lasp.query('count'), lasp.query('min'), lasp.query('max')]).toEqual([
      15, 3, 1, 9,
    ]);
    lasp.update('src', remove(9));
    lasp.update('src', remove(1));
    expect([lasp.query('sum'), lasp.query('count'), lasp.query('min'), lasp.query('max')]).toEqual([
      5, 1, 5, 5,
    ]);
    lasp.update('src', remove(5));
    expect([lasp.query('sum'), lasp.query('count'), lasp.query('min'), lasp.query('max')]).toEqual([
      0,
      0,
      null,
      null,
    ]);
  });

  it('top-K keeps each key best live score and refills when a leader is removed', () => {
    const lasp = withSet();
    const score = (x: Value) => (x as { score: number }).score;
    const player = (x: Value) => (x as { player: string }).player;
    lasp.fold('src', { aggregate: 'topk', k: 2, value: score, key: player }, 'top');
    const games = [
      { player: 'ann', score: 10 },
      { player: 'ann', score: 30 },
      { player: 'bob', score: 20 },
      { player: 'cy', score: 5 },
    ];
    lasp.update('src', { op: 'addAll', values: games });
    expect(lasp.query('top')).toEqual([
      { key: 'ann', score: 30 },
      { key: 'bob', score: 20 },
    ]);
    lasp.update('src', remove({ player: 'ann', score: 30 }));
    lasp.update('src', remove({ player: 'bob', score: 20 }));
    expect(lasp.query('top')).toEqual([
      { key: 'ann', score: 10 },
      { key: 'cy', score: 5 },
    ]);
  });

  it('reports an element the value function cannot use, and folds the rest', () => {
    const issues: RuntimeIssue[] = [];
    const lasp = createLasp({ replica: 'a', onIssue: (i) => issues.push(i) });
    lasp.declare('src', 'orset');
    lasp.fold('src', 'sum', 'sum');
    lasp.update('src', { op: 'addAll', values: [2, 'not a number'] });
    expect(lasp.query('sum')).toBe(2);
    expect(issues).toEqual([
      { where: expect.any(String), message: expect.any(String), element: 'not a number' },
    ]);
  });
});

describe('bind_to and dynamic variables', () => {
  it('joins a local top-K into a global one, which only grows', () => {
    const lasp = withSet('games');
    lasp.declare('global', { name: 'topk', k: 2 });
    lasp.fold(
      'games',
      {
        aggregate: 'topk',
        k: 2,
        value: (x) => (x as [string, number])[1],
        key: (x) => (x as [string, number])[0],
      },
      'local',
    );
    lasp.bindTo('global', 'local');
    lasp.update('games', add(['ann', 7]));
    lasp.update('games', add(['bob', 3]));
    lasp.update('games', remove(['ann', 7]));
    expect(lasp.query('local')).toEqual([{ key: 'bob', score: 3 }]);
    expect(lasp.query('global')).toEqual([
      { key: 'ann', score: 7 },
      { key: 'bob', score: 3 },
    ]);
  });

  it('fold_dynamic combines every replica value of a variable that is never replicated', () => {
    const replicas = ['a', 'b', 'c'].map((replica) => createLasp({ replica }));
    const sent: Array<[string, unknown]> = [];
    for (const lasp of replicas) {
      lasp.declareDynamic('games', 'gcounter');
      lasp.foldDynamic('games', 'sum', 'total');
      lasp.runtime.onDelta(
        (id, delta, origin) => void (origin !== 'remote' && sent.push([id, delta])),
      );
    }
    replicas.forEach((lasp, i) => lasp.update('games', { op: 'increment', by: i + 1 }));
    expect(sent.map(([id]) => id).every((id) => id === 'total')).toBe(true);
    for (const [id, delta] of sent.splice(0)) for (const lasp of replicas) lasp.bind(id, delta);
    for (const lasp of replicas) expect(lasp.query('total')).toBe(6);
  });
});

describe('threshold reads', () => {
  it('resolve once a counter, a set or a state reaches the threshold', async () => {
    const lasp = createLasp({ replica: 'a' });
    lasp.declare('n', 'gcounter');
    lasp.declare('s', 'orset');
    const reads = [
      lasp.read('n', { value: 3 }),
      lasp.read('n', { value: 3, strict: true }),
      lasp.read('s', { cardinality: 2 }),
    ];
    let settled = 0;
    for (const r of reads) void r.then(() => settled++);
    lasp.update('n', { op: 'increment', by: 3 });
    await Promise.resolve();
    expect(settled).toBe(1);
    lasp.update('n', { op: 'increment' });
    lasp.update('s', { op: 'addAll', values: [1, 2] });
    expect(await Promise.all(reads)).toEqual([3, 4, [1, 2]]);
    const state = lasp.runtime.state('n');
    expect(await lasp.read('n', { state })).toBe(4);
    expect(
      lasp.readAny([
        ['n', { value: 99 }],
        ['s', { cardinality: 1 }],
      ]),
    ).toEqual({ id: 's', value: [1, 2] });
  });

  it('fail when the variable is deleted, and deleting stops the processes on it', async () => {
    const lasp = withSet();
    lasp.map('src', (x) => x, 'copy');
    const pending = lasp.read('src', { cardinality: 5 });
    lasp.delete('src');
    await expect(pending).rejects.toThrow('deleted');
    expect(lasp.runtime.has('src')).toBe(false);
    expect(() => lasp.update('src', add(1))).toThrow('unknown variable');
  });
});

describe('triggers', () => {
  it('invariant fires once on every replica; enforce_once only on the lowest-sorted member', () => {
    const fired: string[] = [];
    const members = ['b', 'a', 'c'];
    for (const replica of members) {
      const lasp = createLasp({ replica, membership: members });
      lasp.declare('n', 'gcounter');
      lasp.invariant('n', { value: 2 }, () => fired.push(`invariant@${replica}`));
      lasp.enforceOnce('n', { value: 2 }, () => fired.push(`once@${replica}`));
      for (let i = 0; i < 4; i++) lasp.update('n', { op: 'increment' });
    }
    expect(fired.sort()).toEqual(['invariant@a', 'invariant@b', 'invariant@c', 'once@a']);
  });

  it('per key: removes an ad once its own counter reaches the threshold', () => {
    const lasp = createLasp({ replica: 'server' });
    lasp.declare('ads', 'orset');
    lasp.declare('impressions', { name: 'gmap', value: { name: 'gcounter' } });
    lasp.update('ads', { op: 'addAll', values: ['ad1', 'ad2'] });
    lasp.invariant('impressions', { value: 3 }, ({ key }) => lasp.update('ads', remove(key)), {
      perKey: true,
    });
    const view = (ad: string) =>
      lasp.update('impressions', { op: 'apply', key: ad, inner: { op: 'increment' } });
    view('ad1');
    view('ad2');
    view('ad1');
    expect(lasp.query('ads')).toEqual(['ad1', 'ad2']);
    view('ad1');
    expect(lasp.query('ads')).toEqual(['ad2']);
  });
});

describe('stream', () => {
  it('fires on every strict inflation and never on a merge that changes nothing', () => {
    const lasp = withSet();
    const seen: unknown[] = [];
    const stop = lasp.stream('src', (value) => seen.push(value));
    const delta = lasp.update('src', add('x'));
    lasp.bind('src', delta);
    lasp.update('src', remove('absent'));
    lasp.update('src', add('y'));
    expect(seen).toEqual([['x'], ['x', 'y']]);
    stop();
    lasp.update('src', add('z'));
    expect(seen).toHaveLength(2);
  });

  it('a failing subscriber is reported and stops neither the others nor the dataflow', () => {
    const issues: string[] = [];
    const lasp = createLasp({
      replica: 'a',
      onIssue: (i) => issues.push(`${i.where}: ${i.message}`),
    });
    lasp.declare('src', 'orset');
    lasp.map('src', (x) => x, 'copy');
    const seen: unknown[] = [];
    lasp.stream('src', () => {
      throw new Error('sink is down');
    });
    lasp.stream('copy', (value) => seen.push(value));
    lasp.update('src', add('x'));
    expect(seen).toEqual([['x']]);
    expect(issues).toEqual(['subscriber of src: sink is down']);
  });

  it('a process installed late sees the current state at once', () => {
    const lasp = withSet();
    lasp.update('src', { op: 'addAll', values: [1, 2] });
    lasp.map('src', (x) => (x as number) * 10, 'tens');
    expect(lasp.query('tens')).toEqual([10, 20]);
  });
});
