// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adCounterWith, renderInspector } from './render-inspector';

afterEach(cleanup);

/** Types `source` into the ad counter's filter predicate and reads what the error shows. */
function errorFor(source: string) {
  renderInspector(adCounterWith('adsWithContracts'));
  fireEvent.change(screen.getByTestId('param-predicate'), { target: { value: source } });
  const error = screen.getByTestId('expr-error-predicate');
  const pre = error.querySelector('pre');
  const [line, caretLine] = (pre?.textContent ?? '').split('\n');
  return {
    column: Number(error.getAttribute('data-column')),
    said: error.querySelector(':scope > span')?.textContent ?? '',
    line,
    caretLine,
    pad: pre?.querySelector('.expr-caret-pad')?.textContent,
  };
}

describe('the CEL error caret', () => {
  it('sits under the same character after a leading tab, padded with the same tab', () => {
    const { column, line, caretLine, pad } = errorFor('\tx[0].id == x[1].id +');
    expect(line).toBe('\tx[0].id == x[1].id +');
    // The caret is pushed by the very text before the error, tab included (hidden), so it lines
    // up however wide the tab is drawn.
    expect(pad).toBe(line?.slice(0, caretLine?.indexOf('^')));
    expect(pad?.startsWith('\t')).toBe(true);
    expect(caretLine).toBe(`${pad ?? ''}^`);
    expect([...(line ?? '')].slice(0, column - 1).join('')).toBe(pad);
  });

  it('counts columns in characters, not UTF-16 code units, after an emoji', () => {
    const source = 'x[0].id == "😀😀" +';
    const { column, said, line, pad } = errorFor(source);
    expect(line).toBe(source);
    expect(pad).toBe(source.slice(0, (pad ?? '').length));
    // The error comes after both emoji: each is one character to the user.
    expect(pad?.includes('😀😀')).toBe(true);
    expect(column).toBe([...(pad ?? '')].length + 1);
    expect(column).toBe((pad ?? '').length - 1);
    expect(said).toContain(`column ${column}:`);
  });
});
