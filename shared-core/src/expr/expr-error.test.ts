import { describe, expect, it } from 'vitest';
import { ExprEvalError, sourcePosition } from './expr-error.js';

describe('sourcePosition', () => {
  const source = 'a &&\n  b ||\n\tc';

  it('counts lines from 1 and columns from 1 within the line', () => {
    expect(sourcePosition(source, 0)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(sourcePosition(source, 4)).toEqual({ line: 1, column: 5, offset: 4 });
    expect(sourcePosition(source, 7)).toEqual({ line: 2, column: 3, offset: 7 });
    expect(sourcePosition(source, 13)).toEqual({ line: 3, column: 2, offset: 13 });
  });

  it('clamps offsets outside the text', () => {
    expect(sourcePosition(source, -5)).toEqual({ line: 1, column: 1, offset: 0 });
    expect(sourcePosition(source, 99)).toEqual({ line: 3, column: 3, offset: 14 });
  });
});

describe('ExprEvalError', () => {
  it('carries the source and, when given an offset, the position', () => {
    const e = new ExprEvalError('No such key: y', 'x +\n x.y', 6);
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('ExprEvalError');
    expect(e.source).toBe('x +\n x.y');
    expect(e.position).toEqual({ line: 2, column: 3, offset: 6 });
    expect(new ExprEvalError('too large', 'x').position).toBeUndefined();
  });
});
