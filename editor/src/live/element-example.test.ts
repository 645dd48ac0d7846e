import { describe, expect, it } from 'vitest';
import { testStore } from '../store/test-store';
import { elementExample } from './element-example';

const templateDoc = (id: 'ad-counter' | 'leaderboard') => {
  const { store } = testStore();
  store.getState().loadTemplate(id);
  return store.getState().doc;
};

describe('an element as the operators a set feeds read it', () => {
  it("gives the leaderboard's scores the fields its top-k fold reads, the score a number", () => {
    expect(elementExample(templateDoc('leaderboard'), 'scores')).toBe(
      '{"player": "a", "score": 1}',
    );
  });

  it('reads fields inside larger expressions, and none for a set no expression reads', () => {
    const doc = templateDoc('leaderboard');
    const edited = {
      ...doc,
      nodes: doc.nodes.map((n) =>
        n.id === 'localTop'
          ? { ...n, params: { aggregate: 'sum', value: 'x.score * 2 + size(x.bonus)' } }
          : n,
      ),
    };
    expect(elementExample(edited, 'scores')).toBe('{"score": "a", "bonus": "a"}');
    expect(elementExample(doc, 'leaderboard')).toBeUndefined();
    expect(elementExample(doc, 'no-such-node')).toBeUndefined();
  });
});
