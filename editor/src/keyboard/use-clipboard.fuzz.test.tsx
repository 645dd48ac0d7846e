// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { EditorStore } from '../store/editor-store';
import { clipboardTexts } from '../store/fuzz-documents';
import { testStore } from '../store/test-store';
import { clipboardEvent } from './clipboard-event';
import { useClipboard } from './use-clipboard';

afterEach(cleanup);

function Harness({ store }: { store: EditorStore }) {
  useClipboard(store);
  return null;
}

/** The errors a listener threw: jsdom reports them to the window instead of to dispatchEvent. */
function uncaughtErrors(): { errors: unknown[]; stop: () => void } {
  const errors: unknown[] = [];
  const onError = (e: ErrorEvent) => {
    errors.push(e.error);
    e.preventDefault(); // already recorded; keeps jsdom from printing it too
  };
  window.addEventListener('error', onError);
  return { errors, stop: () => window.removeEventListener('error', onError) };
}

describe('a paste event with anything on the clipboard', () => {
  it('when the browser sends any text (or none), then nodes are added, or nothing changes and the status says why', () => {
    const input = fc.record({
      // No text at all is what a browser that keeps the clipboard from the page sends.
      text: fc.oneof(
        { arbitrary: clipboardTexts, weight: 9 },
        { arbitrary: fc.constant(''), weight: 1 },
      ),
      copied: fc.boolean(),
    });
    fc.assert(
      fc.property(input, ({ text, copied }) => {
        const { store } = testStore();
        const s = () => store.getState();
        s().loadTemplate('ad-counter');
        if (copied) {
          s().select(['ads']);
          s().copySelection();
        }
        const view = render(<Harness store={store} />);
        const [before, count] = [s().doc, s().doc.nodes.length];
        const paste = clipboardEvent('paste', text);
        const uncaught = uncaughtErrors();
        try {
          document.body.dispatchEvent(paste.event);
        } finally {
          uncaught.stop();
          view.unmount();
        }
        expect(uncaught.errors).toEqual([]);
        expect(paste.event.defaultPrevented).toBe(true);
        if (s().doc === before) {
          expect(s().status?.text).toMatch(/^(Nothing to paste|Not pasted): \S/);
        } else {
          const added = s().doc.nodes.slice(count);
          expect(added.length).toBeGreaterThan(0);
          expect(s().selectedNodeIds).toEqual(added.map((n) => n.id));
        }
      }),
      { seed: 3301, numRuns: 300 },
    );
  });
});
