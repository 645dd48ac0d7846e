import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeState, encodeState } from '../crdt/lattice.js';
import { crdtType } from '../crdt/registry.js';
import { MAX_DELTA_MESSAGE_BYTES } from '../protocol/replication-messages.js';
import { Outbox, type OutgoingDelta } from './outbox.js';

const gset = crdtType({ name: 'gset' });

/** An outbox holding deltas 1..n, delta i adding a string of about sizes[i - 1] bytes. */
function filled(sizes: readonly number[]) {
  const outbox = new Outbox(gset);
  const deltas = new Map<number, unknown>();
  sizes.forEach((size, i) => {
    const seq = i + 1;
    const add = { op: 'add', value: `${seq}:${'x'.repeat(size)}` };
    const delta = gset.mutate(gset.bottom(), add, 'r');
    deltas.set(seq, delta);
    outbox.add(seq, gset.clone(delta), encodeState(gset, delta));
  });
  let next = sizes.length + 1;
  return { outbox, deltas, fresh: () => next++ };
}

function joinOf(deltas: Map<number, unknown>, seqs: readonly number[]): unknown {
  const acc = gset.bottom();
  for (const seq of seqs) gset.mergeInto(acc, deltas.get(seq));
  return acc;
}

/**
 * Acks `messages` in `order` and checks each: within the budget unless it carries one delta,
 * carrying consecutive deltas whose join is exactly its content, freed once. Returns every
 * delta seq carried, in ack order.
 */
function ackAll(
  setup: ReturnType<typeof filled>,
  messages: OutgoingDelta[],
  order: readonly number[],
  budget: number,
): number[] {
  const { outbox, deltas } = setup;
  const carried: number[] = [];
  const byKey = messages.map((m, i) => ({ m, key: order[i % order.length] ?? 0, i }));
  byKey.sort((a, b) => a.key - b.key || a.i - b.i);
  for (const { m } of byKey) {
    const before = outbox.size;
    const seqs = outbox.ack(m.seq);
    expect(seqs.length).toBeGreaterThan(0);
    expect(outbox.size).toBe(before - seqs.length);
    if (seqs.length > 1) expect(m.bytes.length).toBeLessThanOrEqual(budget);
    expect(seqs).toEqual(seqs.map((_, k) => (seqs[0] as number) + k));
    const decoded = decodeState(gset, m.bytes);
    expect(decoded.ok && gset.equals(decoded.value, joinOf(deltas, seqs))).toBe(true);
    expect(outbox.ack(m.seq)).toEqual([]); // a second ack frees nothing
    carried.push(...seqs);
  }
  return carried;
}

describe('Outbox', () => {
  it('joins deltas into messages within a budget; acks free exactly what each carried', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 400 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 2_000 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 40 }),
        fc.nat({ max: 40 }),
        (sizes, budget, order, sentBefore) => {
          const setup = filled(sizes);
          const { outbox, fresh } = setup;
          // A connection that carried some of them closed without acks: all go again.
          if (sentBefore > 0) {
            outbox.take(true, fresh, budget);
            outbox.reset();
          }
          const messages = outbox.take(true, fresh, budget);
          expect(outbox.hasUnsent).toBe(false);
          expect(new Set(messages.map((m) => m.seq)).size).toBe(messages.length);
          const carried = ackAll(setup, messages, order, budget);
          expect([...carried].sort((a, b) => a - b)).toEqual(sizes.map((_, i) => i + 1));
          expect(outbox.size).toBe(0);
        },
      ),
      { numRuns: 200, seed: 19 },
    );
  });

  it('an ack from a closed connection frees nothing; the deltas it carried are resent', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 400 }), { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 2_000 }),
        (sizes, budget) => {
          const setup = filled(sizes);
          const { outbox, fresh } = setup;
          const old = outbox.take(true, fresh, budget);
          outbox.reset();
          const again = outbox.take(true, fresh, budget);
          // A late ack of an old join (never a delta's own seq) names nothing now.
          for (const m of old) if (!again.some((a) => a.seq === m.seq)) outbox.ack(m.seq);
          expect(outbox.size).toBe(sizes.length);
          const carried = ackAll(setup, again, [0], budget);
          expect(carried).toEqual(sizes.map((_, i) => i + 1));
        },
      ),
      { numRuns: 100, seed: 20 },
    );
  });

  it('two ~600 KB deltas go as two messages, each within the budget the hub takes', () => {
    const setup = filled([600 * 1024, 600 * 1024]);
    const messages = setup.outbox.take(true, setup.fresh);
    expect(messages.map((m) => m.seq)).toEqual([1, 2]);
    for (const m of messages) expect(m.bytes.length).toBeLessThanOrEqual(MAX_DELTA_MESSAGE_BYTES);
  });

  it('a delta over the budget goes alone, under its own seq, between joins of the others', () => {
    const setup = filled([10, 10, 5_000, 10, 10]);
    const messages = setup.outbox.take(true, setup.fresh, 1_000);
    expect(messages.map((m) => m.seq)).toEqual([6, 3, 7]);
    expect(setup.outbox.ack(6)).toEqual([1, 2]);
    expect(setup.outbox.ack(3)).toEqual([3]);
    expect(setup.outbox.ack(7)).toEqual([4, 5]);
  });

  it('unjoined, every delta is its own message', () => {
    const setup = filled([10, 10, 10]);
    expect(setup.outbox.take(false, setup.fresh, 1).map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});
