// For component tests: what jsdom lacks because it lays nothing out. Imported for its effect.

// The comboboxes scroll their active option into view.
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = () => undefined;
}

// React Flow measures nodes with it; no test here reads a measured size.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
} as unknown as typeof ResizeObserver;

// The workspace folds its side panels by the window's width; jsdom matches no media query.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
  }) as unknown as MediaQueryList;
