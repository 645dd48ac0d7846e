import { useEditor, useEditorStore } from '../store/editor-context';
import type { SidePanel } from '../store/ui-slice';

/** Each panel, and its button's arrow: towards the panel's side to hide it, away to show it. */
const PANELS: ReadonlyArray<{
  panel: SidePanel;
  id: string;
  name: string;
  arrow: { hide: string; show: string };
}> = [
  { panel: 'palette', id: 'palette', name: 'the palette', arrow: { hide: '‹', show: '›' } },
  { panel: 'side', id: 'side-panel', name: 'the side panel', arrow: { hide: '›', show: '‹' } },
];

/** A button at each side of the canvas that hides or shows the panel on that side. */
export function PanelToggles() {
  const store = useEditorStore();
  const hidden = useEditor((s) => s.hiddenPanels);
  return (
    <>
      {PANELS.map(({ panel, id, name, arrow }) => {
        const label = `${hidden[panel] ? 'Show' : 'Hide'} ${name} (Ctrl+\\ for both)`;
        return (
          <button
            key={panel}
            type="button"
            className={`panel-toggle panel-toggle-${panel}`}
            data-testid={`toggle-${panel}`}
            aria-controls={id}
            aria-expanded={!hidden[panel]}
            aria-label={label}
            title={label}
            onClick={() => store.getState().togglePanel(panel)}
          >
            {hidden[panel] ? arrow.show : arrow.hide}
          </button>
        );
      })}
    </>
  );
}
