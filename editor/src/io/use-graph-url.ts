import { useEffect } from 'react';
import type { EditorStore } from '../store/editor-store';

const GRAPH_PARAM = 'graph';
const TITLE = 'Inflow';

/** The stored graph the address names (`?graph=<id>`), if any. */
export function graphIdInUrl(href: string): string | undefined {
  const id = new URL(href).searchParams.get(GRAPH_PARAM)?.trim();
  return id === undefined || id === '' ? undefined : id;
}

/** The same address naming graph `id`, or no graph. */
export function urlWithGraph(href: string, id: string | undefined): string {
  const url = new URL(href);
  if (id === undefined) url.searchParams.delete(GRAPH_PARAM);
  else url.searchParams.set(GRAPH_PARAM, id);
  return url.toString();
}

// StrictMode mounts twice in development: the address is read once per store.
const addressRead = new WeakSet<EditorStore>();

/**
 * Keeps the open graph in the address, so a reload or a bookmark opens it again (with its running
 * deployment), and names it in the tab's title.
 */
export function useGraphInUrl(store: EditorStore): void {
  useEffect(() => {
    const write = () => {
      const { remote, doc } = store.getState();
      const next = urlWithGraph(window.location.href, remote?.id);
      if (next !== window.location.href)
        window.history.replaceState(window.history.state, '', next);
      document.title = remote ? `${doc.name} · ${TITLE}` : TITLE;
    };
    const wanted = graphIdInUrl(window.location.href);
    let settled = wanted === undefined || addressRead.has(store);
    if (!settled && wanted !== undefined) {
      addressRead.add(store);
      // A graph deleted since leaves the address, and the status says why; one that could not be
      // asked for (the control plane away, sign-ins locked out for a minute) stays, to reload.
      void store
        .getState()
        .openGraph(wanted)
        .then((outcome) => {
          settled = true;
          if (outcome !== 'failed') write();
        });
    } else write();
    return store.subscribe((s, prev) => {
      if (!settled) return;
      if (s.remote?.id !== prev.remote?.id || (s.remote && s.doc.name !== prev.doc.name)) write();
    });
  }, [store]);
}
