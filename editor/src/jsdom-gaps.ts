// For component tests: jsdom lays nothing out, so it has no scrolling either; the comboboxes
// scroll their active option into view. Imported for its effect.
if (typeof Element.prototype.scrollIntoView !== 'function') {
  Element.prototype.scrollIntoView = () => undefined;
}
