import { confirmDiscard } from '../panels/confirm-discard';
import { useEditor, useEditorStore } from '../store/editor-context';
import { TEMPLATES } from '../store/templates';

/** What an empty canvas offers a newcomer: the ways to a first node, and the two templates. */
export function EmptyCanvasHint() {
  const store = useEditorStore();
  const empty = useEditor((s) => s.doc.nodes.length === 0);
  if (!empty) return null;
  return (
    <div className="empty-canvas-hint" data-testid="empty-canvas-hint">
      <p>Drag a type from the palette onto the canvas, or right-click the canvas to add a node.</p>
      <p>Or start from a template:</p>
      <div className="empty-canvas-templates">
        {TEMPLATES.map((t) => (
          <button
            key={t.id}
            type="button"
            data-testid={`empty-template-${t.id}`}
            onClick={() => confirmDiscard(store) && store.getState().loadTemplate(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
    </div>
  );
}
