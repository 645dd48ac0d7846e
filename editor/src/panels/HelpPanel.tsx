import { SHORTCUTS } from '../keyboard/shortcuts';
import { useEditor, useEditorStore } from '../store/editor-context';
import { Dialog } from './Dialog';

/** The keyboard shortcuts (opened with ?), read from the same list the handler runs. */
export function HelpPanel() {
  const store = useEditorStore();
  const open = useEditor((s) => s.helpOpen);
  if (!open) return null;
  const close = () => store.getState().setHelpOpen(false);
  return (
    <Dialog onClose={close} labelledBy="help-title" testId="help-panel">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.id} data-testid={`shortcut-${s.id}`}>
              <th scope="row">
                <kbd>{s.keys}</kbd>
              </th>
              <td>{s.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Canvas</h3>
      <ul>
        <li>Drag a type from the palette onto the canvas, or click it to add it in the middle.</li>
        <li>Drag from an output handle (right) to an input handle (left) to connect.</li>
        <li>Shift-drag on the canvas selects an area; Ctrl-click adds to the selection.</li>
        <li>
          Right-click a node, an edge, a selection or the empty canvas for its actions (or press
          Shift+F10 or the menu key on a focused node); “Add node here…” adds a type at the pointer.
        </li>
        <li>Zoomed far out, nodes show only their label and live value.</li>
      </ul>
      <button type="button" data-testid="help-close" onClick={close}>
        Close
      </button>
    </Dialog>
  );
}
