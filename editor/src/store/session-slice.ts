import { ApiClient } from '../api/api-client';
import { ApiError } from '../api/api-error';
import { GraphsApi } from '../api/graphs-api';
import type { SliceCreator } from './store-types';

/** Kept for the tab's life only: closing the tab signs out, as the token is a full admin key. */
export const TOKEN_KEY = 'inflow.adminToken';

export interface SessionSlice {
  token: string | undefined;
  signingIn: boolean;
  signInError: string | undefined;
  /** Checks the token against the API (a 401 means it is wrong) and keeps it if it works. */
  signIn(token: string): Promise<boolean>;
  signOut(reason?: string): void;
}

function signInMessage(e: unknown): string {
  if (!(e instanceof ApiError)) return e instanceof Error ? e.message : String(e);
  if (e.status === 401) return 'That is not the admin token (the server answered 401).';
  return e.message;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (set, get, deps) => ({
  token: deps.storage.getItem(TOKEN_KEY) ?? undefined,
  signingIn: false,
  signInError: undefined,

  signIn: async (raw) => {
    const token = raw.trim();
    if (token === '') {
      set({ signInError: 'Enter the admin token the control plane printed when it started.' });
      return false;
    }
    set({ signingIn: true, signInError: undefined });
    const api = new GraphsApi(
      new ApiClient({ fetch: deps.fetch, token: () => token, baseUrl: deps.baseUrl }),
    );
    try {
      const graphs = await api.list();
      deps.storage.setItem(TOKEN_KEY, token);
      set({ token, graphs, signingIn: false });
      return true;
    } catch (e) {
      set({ signingIn: false, signInError: signInMessage(e) });
      return false;
    }
  },

  signOut: (reason) => {
    deps.storage.removeItem(TOKEN_KEY);
    set({ token: undefined, graphs: [], signInError: reason });
    if (reason === undefined) get().clearStatus();
  },
});
