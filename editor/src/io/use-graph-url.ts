import { useEffect } from 'react';
import { confirmDiscard } from '../panels/confirm-discard';
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

/** Each entry's place in the tab's history, kept in its state: Back and Forward say where to. */
const ENTRY = 'inflowEntry';

/** Marks the entry of a graph found deleted on the way back to it: Back and Forward pass over it. */
const GONE = 'inflowGone';

/**
 * Where the app's first entry is in the tab's whole history, kept in every entry's state: a
 * graph found deleted at either end of the tab's history cannot be passed over.
 */
const BASE = 'inflowBase';

function numberIn(state: unknown, key: string): number | undefined {
  if (typeof state !== 'object' || state === null || !(key in state)) return undefined;
  const n: unknown = (state as Record<string, unknown>)[key];
  return typeof n === 'number' ? n : undefined;
}

const entryOf = (state: unknown) => numberIn(state, ENTRY);

const isGone = (state: unknown): boolean =>
  typeof state === 'object' && state !== null && GONE in state && state[GONE] === true;

/**
 * Keeps the open graph in the address, so a reload or a bookmark opens it again (with its running
 * deployment), and names it in the tab's title. Opening another graph is a new history entry, so
 * Back and Forward move between graphs; they open the graph the address names as the list does,
 * asking first about unsaved changes; one deleted since is passed over (or, at an end of the
 * tab's history, goes nowhere), so that no two entries name the graph open. Anything else (a
 * first save naming the new graph, a graph closed, a failed open) rewrites the entry in place.
 */
export function useGraphInUrl(store: EditorStore): void {
  useEffect(() => {
    const entered = entryOf(window.history.state);
    let at = entered ?? 0;
    // Loaded by a navigation, the app's first entry is the tab's last. Unknown in an entry kept
    // from before the base was recorded: such a tab's ends are not looked for.
    const base =
      entered === undefined ? window.history.length - 1 : numberIn(window.history.state, BASE);
    const stateAt = (entry: number) => ({ [ENTRY]: entry, [BASE]: base });
    if (entered === undefined) window.history.replaceState(stateAt(at), '', window.location.href);
    const write = (push = false) => {
      const { remote, doc } = store.getState();
      const next = urlWithGraph(window.location.href, remote?.id);
      if (next !== window.location.href) {
        if (push) window.history.pushState(stateAt(++at), '', next);
        // Naming the graph open, the entry is one to stop at again.
        else window.history.replaceState(stateAt(at), '', next);
      }
      document.title = remote ? `${doc.name} · ${TITLE}` : TITLE;
    };
    // While Back or Forward opens a graph, the address already names it and must not be undone.
    let following = false;
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

    const onPopState = (e: PopStateEvent) => {
      const from = at;
      const to = entryOf(e.state) ?? from;
      at = to;
      if (!settled || following) return;
      const target = graphIdInUrl(window.location.href);
      const s = store.getState();
      if (to !== from && isGone(e.state)) {
        const step = Math.sign(to - from);
        const tabIndex = base === undefined ? undefined : base + to;
        const last = tabIndex === (step < 0 ? 0 : window.history.length - 1);
        // On past it, the way the user was going; with no entry beyond it in the tab, back to the
        // entry of the graph open, as though the button had had nowhere to go.
        window.history.go(last ? from - to : step);
        return;
      }
      if (target === s.remote?.id) return;
      if (!confirmDiscard(store)) {
        // Back to the entry of the graph still open, so the one declined stays in the history.
        if (to !== from) window.history.go(from - to);
        else write();
        return;
      }
      if (target === undefined) return s.newGraph();
      following = true;
      void s.openGraph(target).then((outcome) => {
        following = false;
        if (outcome === 'missing' && to !== from && at === to) {
          // Deleted since: back to the entry of the graph still open, rather than naming it here
          // too (two entries of one graph), and this one marked to be passed over from now on.
          window.history.replaceState({ ...stateAt(to), [GONE]: true }, '', window.location.href);
          window.history.go(from - to);
          return;
        }
        // Opened: the title follows. Not (unreachable, or left meanwhile): the graph open is named.
        write();
      });
    };
    window.addEventListener('popstate', onPopState);
    const unsubscribe = store.subscribe((s, prev) => {
      if (!settled || following) return;
      if (s.remote?.id !== prev.remote?.id || (s.remote && s.doc.name !== prev.doc.name)) {
        write(s.openCount !== prev.openCount);
      }
    });
    return () => {
      window.removeEventListener('popstate', onPopState);
      unsubscribe();
    };
  }, [store]);
}
