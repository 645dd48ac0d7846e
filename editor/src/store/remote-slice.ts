import { isDraftProblem, type GraphDocument } from '@inflow/shared-core';
import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { GraphsApi, type GraphSummary } from '../api/graphs-api';
import { plural } from '../text/count';
import { emptyDocument } from './document-edits';
import { renamedHistory } from './history';
import type { EditorState, SliceCreator } from './store-types';
import { documentsEqual, problemsOf } from './validation';

/** The server's copy this document was opened from or last saved as. */
export interface RemoteRef {
  id: string;
  rev: number;
}

export interface SaveConflict {
  /**
   * What found it: a refused save or deploy, another editor's deploy of a newer rev, or (`gone`)
   * a 404: the open graph was deleted elsewhere, so only saving it as a new graph keeps it.
   */
  cause: 'save' | 'deploy' | 'newer' | 'gone';
  /** The rev the server holds now, when it said. */
  currentRev: number | undefined;
  message: string;
}

export interface RemoteSlice {
  api: GraphsApi;
  graphs: readonly GraphSummary[];
  graphsLoading: boolean;
  remote: RemoteRef | undefined;
  /**
   * Counts the stored graphs opened (from the list, the address, Back, or created from the list),
   * so the address can tell opening another graph (a new history entry) from a new graph getting
   * its id on its first save (the same entry).
   */
  openCount: number;
  /** The document as the server holds it at `remote.rev`: "unsaved changes" is a diff with it. */
  saved: GraphDocument | undefined;
  saving: boolean;
  conflict: SaveConflict | undefined;
  refreshGraphs(): Promise<void>;
  /** `missing`: the server has no such graph (deleted since); `failed`: it could not be asked. */
  openGraph(id: string): Promise<'opened' | 'missing' | 'failed'>;
  /** Stores a new empty graph on the server and opens it. */
  createGraph(name: string): Promise<boolean>;
  renameGraph(id: string, name: string): Promise<boolean>;
  deleteGraph(id: string): Promise<boolean>;
  /** PUTs the document with the rev it is based on; a 409 becomes `conflict`, never an overwrite. */
  save(): Promise<boolean>;
  /** Stores the document as a new graph (a way out of a conflict that keeps the local edits). */
  saveAsNew(): Promise<boolean>;
  /** Resolves a conflict by taking the server's copy (local changes are dropped). */
  reloadFromServer(): Promise<boolean>;
  newGraph(): void;
  dismissConflict(): void;
  /**
   * A newer rev of the open graph runs (another editor saved and deployed it). Without local
   * changes the document moves on to it; with some, the conflict banner says so, and nothing is
   * dropped until the user picks.
   */
  newerRevision(rev: number): Promise<void>;
}

export const createRemoteSlice: SliceCreator<RemoteSlice> = (set, get, deps) => {
  const api = new GraphsApi(
    new ApiClient({ fetch: deps.fetch, token: () => get().token, baseUrl: deps.baseUrl }),
    // Whatever found it (a save, a deploy, a reload), the way out is the same banner.
    (id, e) => {
      if (get().remote?.id !== id) return;
      set({ conflict: { cause: 'gone', currentRev: undefined, message: e.message } });
    },
  );

  /** Reports a failed request; a 401 means the token stopped working, so the session ends. */
  const failed = (what: string, e: unknown): false => {
    if (e instanceof ApiError && e.status === 401) {
      get().signOut('The admin token is no longer accepted; sign in again.');
      return false;
    }
    const reason = e instanceof Error ? e.message : String(e);
    get().showStatus('error', `${what} failed: ${reason}`);
    return false;
  };

  const opened = (id: string, rev: number, graph: GraphDocument) => {
    get().resetDocument(graph);
    set({
      remote: { id, rev },
      openCount: get().openCount + 1,
      saved: graph,
      conflict: undefined,
      graphsOpen: false,
    });
    get().fitAll();
  };

  return {
    api,
    graphs: [],
    graphsLoading: false,
    remote: undefined,
    openCount: 0,
    saved: undefined,
    saving: false,
    conflict: undefined,

    refreshGraphs: async () => {
      set({ graphsLoading: true });
      try {
        set({ graphs: await api.list(), graphsLoading: false });
      } catch (e) {
        set({ graphsLoading: false });
        failed('Listing the graphs', e);
      }
    },

    openGraph: async (id) => {
      try {
        const stored = await api.get(id);
        opened(stored.id, stored.rev, stored.graph);
        get().showStatus('info', `Opened "${stored.graph.name}" (rev ${stored.rev})`);
        return 'opened';
      } catch (e) {
        failed(`Opening graph ${id}`, e);
        return e instanceof ApiError && e.status === 404 ? 'missing' : 'failed';
      }
    },

    createGraph: async (name) => {
      const graph = emptyDocument(name.trim() || 'Untitled graph');
      try {
        const { id, rev } = await api.create(graph);
        opened(id, rev, graph);
        get().showStatus('info', `Created "${graph.name}"`);
        await get().refreshGraphs();
        return true;
      } catch (e) {
        return failed('Creating the graph', e);
      }
    },

    renameGraph: async (id, raw) => {
      const name = raw.trim();
      if (name === '') return failed('Renaming', new Error('a graph needs a name'));
      try {
        const stored = await api.get(id);
        const { rev } = await api.save(id, stored.rev, { ...stored.graph, name });
        const { remote, saved } = get();
        // The open graph keeps its local edits: only the name moves, on both sides of the diff
        // and in the undo history, so that no undo brings the old name back to be saved again.
        if (remote?.id === id && remote.rev === stored.rev && saved) {
          const { doc, history } = get();
          set({
            remote: { id, rev },
            saved: { ...saved, name },
            doc: { ...doc, name },
            history: renamedHistory(history, name),
          });
        }
        get().showStatus('info', `Renamed "${stored.graph.name}" to "${name}"`);
        await get().refreshGraphs();
        return true;
      } catch (e) {
        return failed(`Renaming graph ${id}`, e);
      }
    },

    deleteGraph: async (id) => {
      const { remote, doc, graphs } = get();
      const name = remote?.id === id ? doc.name : (graphs.find((g) => g.id === id)?.name ?? id);
      try {
        await api.remove(id);
        // The user confirmed deleting it and all its revisions: it closes, as a deleted file would.
        if (get().remote?.id === id) get().newGraph();
        get().showStatus('info', `Deleted "${name}"`);
        await get().refreshGraphs();
        return true;
      } catch (e) {
        return failed(`Deleting graph ${id}`, e);
      }
    },

    save: async () => {
      const { doc, remote } = get();
      const problems = problemsOf(doc);
      const unreadable = problems.filter((p) => !isDraftProblem(p)).length;
      if (unreadable > 0) {
        get().showStatus('error', `Not saved: ${plural(unreadable, 'problem')} (see Problems)`);
        return false;
      }
      set({ saving: true });
      try {
        const result = remote ? await api.save(remote.id, remote.rev, doc) : await api.create(doc);
        set({
          remote: { id: result.id, rev: result.rev },
          saved: doc,
          saving: false,
          conflict: undefined,
        });
        // A draft is saved too (as Node-RED and NiFi keep unfinished flows); Deploy waits for it.
        const left =
          problems.length === 0
            ? ''
            : `; ${plural(problems.length, 'problem')} to fix before it can be deployed`;
        get().showStatus('info', `Saved "${doc.name}" as rev ${result.rev}${left}`);
        void get().refreshGraphs();
        return true;
      } catch (e) {
        set({ saving: false });
        // The banner says so and offers the ways out (for a 404 it is set by the API's onGone):
        // the status line does not say it again, nor keep saying what came before.
        if (e instanceof ApiError && e.status === 409) {
          set({ conflict: { cause: 'save', currentRev: e.currentRev, message: e.message } });
          get().clearStatus();
          return false;
        }
        if (remote && e instanceof ApiError && e.status === 404) {
          get().clearStatus();
          return false;
        }
        return failed('Saving', e);
      }
    },

    saveAsNew: async () => {
      set({ remote: undefined, saved: undefined, conflict: undefined });
      return get().save();
    },

    reloadFromServer: async () => {
      const id = get().remote?.id;
      return id !== undefined && (await get().openGraph(id)) === 'opened';
    },

    newGraph: () => {
      get().resetDocument(emptyDocument());
      set({ remote: undefined, saved: undefined, conflict: undefined });
      get().fitAll();
    },

    dismissConflict: () => set({ conflict: undefined }),

    newerRevision: async (rev) => {
      const { remote, doc, saved } = get();
      if (!remote || rev <= remote.rev) return;
      if (!saved || !documentsEqual(doc, saved)) {
        const message = `Rev ${rev} was saved and deployed from another editor while you edited rev ${remote.rev}.`;
        set({ conflict: { cause: 'newer', currentRev: rev, message } });
        return;
      }
      try {
        const stored = await api.get(remote.id);
        // Edited or moved elsewhere meanwhile: the edit wins, and a save will meet the 409.
        if (get().doc !== doc || get().remote?.id !== remote.id) return;
        get().resetDocument(stored.graph);
        set({
          remote: { id: stored.id, rev: stored.rev },
          saved: stored.graph,
          conflict: undefined,
        });
        get().showStatus(
          'info',
          `Now showing rev ${stored.rev}, saved and deployed from another editor (you had no changes)`,
        );
      } catch (e) {
        failed(`Loading rev ${rev}`, e);
      }
    },
  };
};

const dirtyCache = new WeakMap<
  GraphDocument,
  { saved: GraphDocument | undefined; dirty: boolean }
>();

/** Whether the document differs from the server's copy (a new graph: whether it holds anything). */
export function selectDirty(s: Pick<EditorState, 'doc' | 'saved'>): boolean {
  const hit = dirtyCache.get(s.doc);
  if (hit && hit.saved === s.saved) return hit.dirty;
  const dirty = s.saved
    ? !documentsEqual(s.doc, s.saved)
    : s.doc.nodes.length > 0 || s.doc.edges.length > 0;
  dirtyCache.set(s.doc, { saved: s.saved, dirty });
  return dirty;
}
