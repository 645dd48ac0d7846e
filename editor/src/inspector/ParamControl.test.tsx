// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adCounterWith, renderInspector } from './render-inspector';

afterEach(cleanup);

/** A top-k fold, selected in the inspector, whose k is typed into. */
function topk() {
  const { store, clock } = renderInspector((s) => {
    s.getState().addNodeOfType('operator', 'fold', { x: 0, y: 0 });
    s.getState().select(['fold1']);
  });
  fireEvent.change(screen.getByTestId('param-aggregate'), { target: { value: 'topk' } });
  const k = () => screen.getByTestId('param-k');
  const errors = () =>
    [...(screen.queryByTestId('param-k-error')?.querySelectorAll('li') ?? [])].map(
      (li) => li.textContent,
    );
  const type = (text: string) => fireEvent.change(k(), { target: { value: text } });
  const stored = () => store.getState().doc.nodes.find((n) => n.id === 'fold1')?.params.k;
  return { store, clock, k, errors, type, stored };
}

describe('a number field', () => {
  it('drops the error of the typed text when undo puts the document value back', () => {
    const { store, k, errors, type, stored } = topk();
    type('4');
    expect(stored()).toBe(4);
    type('abc');
    expect(errors()).toEqual(['"abc" is not a number']);
    act(() => store.getState().undo());
    expect(stored()).toBeUndefined();
    expect(k()).toHaveProperty('value', '');
    expect(errors()).not.toContain('"abc" is not a number');
    expect(k().getAttribute('aria-invalid')).toBe(String(errors().length > 0));
  });

  it('shows only the error of the text it shows, not of the value typed before', () => {
    const { errors, type, stored } = topk();
    type('-3');
    expect(stored()).toBe(-3);
    expect(errors()).toHaveLength(1);
    type('2.5');
    expect(stored()).toBe(-3);
    expect(errors()).toEqual(['"2.5" is not a whole number; write digits only']);
  });

  it('takes decimal digits only, and says what is wrong with other spellings', () => {
    const { errors, type, stored } = topk();
    type(' 16 ');
    expect(stored()).toBe(16);
    const refused: [string, string][] = [
      ['0x10', '"0x10" is not a decimal number; write it in decimal digits'],
      ['0b1', '"0b1" is not a decimal number; write it in decimal digits'],
      ['1e3', '"1e3" is not a whole number; write digits only'],
      ['Infinity', '"Infinity" is not a number'],
      ['2,5', '"2,5": use a point, not a comma, before the decimals'],
      ['99999999999999999999', '"99999999999999999999" is too large'],
    ];
    for (const [text, error] of refused) {
      type(text);
      expect(errors()).toEqual([error]);
      expect(stored()).toBe(16);
    }
  });

  it('takes a decimal with an exponent where the field allows fractions', () => {
    const { node } = renderInspector(adCounterWith('removeAd'));
    const n = screen.getByTestId('param-threshold.n');
    const threshold = () => node('removeAd')?.params;
    fireEvent.change(n, { target: { value: '2.5e2' } });
    expect(threshold()?.threshold).toEqual({ kind: 'value', n: 250 });
    fireEvent.change(n, { target: { value: '0x10' } });
    expect(screen.getByTestId('param-threshold.n-error').textContent).toContain('not a decimal');
    expect(threshold()?.threshold).toEqual({ kind: 'value', n: 250 });
  });
});
