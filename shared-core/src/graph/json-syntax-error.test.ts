import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-syntax-error.js';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonSyntaxError', () => {
  it('points at the first offending character', () => {
    expect(findJsonSyntaxError('{"a": 1,\n "b": }')).toEqual({
      offset: 15,
      reason: 'unexpected "}"',
    });
    expect(findJsonSyntaxError('[1, 2,]')).toEqual({ offset: 6, reason: 'unexpected "]"' });
    expect(findJsonSyntaxError('{"a" 1}')?.offset).toBe(5);
    expect(findJsonSyntaxError('01')?.offset).toBe(1);
    expect(findJsonSyntaxError('{} x')?.reason).toMatch(/after the end/);
    expect(findJsonSyntaxError('"a\\x"')?.offset).toBe(3);
    expect(findJsonSyntaxError('"\\u12g4"')?.reason).toMatch(/four hex digits/);
  });

  it('says when the text ends too early', () => {
    expect(findJsonSyntaxError('{"a": [1, 2')).toEqual({
      offset: 11,
      reason: 'the text ends too early',
    });
    expect(findJsonSyntaxError('')).toEqual({ offset: 0, reason: 'the text ends too early' });
    expect(findJsonSyntaxError('"abc')?.offset).toBe(4);
  });

  it('survives deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(100_000) + ']'.repeat(100_000))).toBeUndefined();
    expect(findJsonSyntaxError('['.repeat(100_000))?.offset).toBe(100_000);
  });

  it('agrees with JSON.parse on valid JSON', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        expect(findJsonSyntaxError(text)).toBeUndefined();
      }),
      { seed: 1, numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on damaged JSON', () => {
    const damaged = fc
      .tuple(
        fc.json(),
        fc.nat(),
        fc.nat({ max: 3 }),
        fc.constantFrom('', ',', '}', ']', '"', ':', '\\', '0', '-', 't'),
      )
      .map(([text, at, drop, insert]) => {
        const i = at % (text.length + 1);
        return text.slice(0, i) + insert + text.slice(i + drop);
      });
    fc.assert(
      fc.property(damaged, (text) => {
        expect(findJsonSyntaxError(text) === undefined).toBe(parses(text));
      }),
      { seed: 2, numRuns: 2000 },
    );
  });
});
