// @vitest-environment jsdom
import { cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { adCounterWith, renderInspector } from './render-inspector';

afterEach(cleanup);

function removeAd() {
  const { node } = renderInspector(adCounterWith('removeAd'));
  return () => node('removeAd')?.placement;
}

describe('the placement hints', () => {
  it('refuse a blank pin and a label given twice, keeping the last good value', () => {
    const placement = removeAd();
    const pin = screen.getByTestId('placement-pin');
    fireEvent.change(pin, { target: { value: 'server-1' } });
    fireEvent.change(pin, { target: { value: ' ' } });
    expect(screen.getByTestId('placement-pin-error').textContent).toContain('blank');
    expect(pin.getAttribute('aria-invalid')).toBe('true');
    expect(placement()?.pin).toBe('server-1');

    const selector = screen.getByTestId('placement-selector');
    fireEvent.change(selector, { target: { value: 'role=client' } });
    fireEvent.change(selector, { target: { value: 'role=client,role=server' } });
    expect(screen.getByTestId('placement-selector-error').textContent).toContain('given twice');
    expect(placement()?.selector).toEqual({ role: 'client' });
  });

  it('take the example their help text gives', () => {
    const placement = removeAd();
    const help = screen
      .getByTestId('placement-selector')
      .parentElement?.querySelector('.field-help');
    const example = /e\.g\. (.*)\.$/.exec(help?.textContent ?? '')?.[1] ?? '';
    fireEvent.change(screen.getByTestId('placement-selector'), { target: { value: example } });
    expect(screen.queryByTestId('placement-selector-error')).toBeNull();
    expect(placement()?.selector).toEqual({ role: 'client', zone: 'eu' });
  });
});
