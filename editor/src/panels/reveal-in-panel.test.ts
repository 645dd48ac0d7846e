// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { revealInPanel } from './reveal-in-panel';

const rect = (top: number, bottom: number) => () => ({ top, bottom }) as DOMRect;

function panelHolding(lineTop: number, lineBottom: number) {
  const outer = document.createElement('div');
  outer.style.overflowY = 'hidden';
  const panel = document.createElement('div');
  panel.style.overflowY = 'auto';
  Object.defineProperty(panel, 'scrollHeight', { value: 2000 });
  Object.defineProperty(panel, 'clientHeight', { value: 500 });
  panel.getBoundingClientRect = rect(100, 600);
  const line = document.createElement('p');
  line.getBoundingClientRect = rect(lineTop, lineBottom);
  panel.append(line);
  outer.append(panel);
  document.body.append(outer);
  return { outer, panel, line };
}

afterEach(() => document.body.replaceChildren());

describe('revealing a line in its side panel', () => {
  it('scrolls the panel up by what is hidden below, and leaves the ancestors that only clip alone', () => {
    const { outer, panel, line } = panelHolding(620, 640);
    revealInPanel(line);
    expect(panel.scrollTop).toBe(40);
    expect(outer.scrollTop).toBe(0);
  });

  it('brings a line above the view down, and leaves a line in view where it is', () => {
    const above = panelHolding(60, 80);
    above.panel.scrollTop = 100;
    revealInPanel(above.line);
    expect(above.panel.scrollTop).toBe(60);
    const inView = panelHolding(200, 220);
    revealInPanel(inView.line);
    expect(inView.panel.scrollTop).toBe(0);
  });
});
