import type { StoreApi } from 'zustand';
import type { FetchLike } from '../api/api-client';
import type { ClipboardSlice } from './clipboard-slice';
import type { DocumentSlice } from './document-slice';
import type { RemoteSlice } from './remote-slice';
import type { SelectionSlice } from './selection-slice';
import type { SessionSlice } from './session-slice';
import type { UiSlice } from './ui-slice';

/** What sessionStorage offers, so tests can pass a Map-backed fake. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** Everything the store needs from the outside world. */
export interface EditorDeps {
  fetch: FetchLike;
  storage: KeyValueStorage;
  now: () => number;
  /** Prefix of the REST API; empty when the control plane serves the app. */
  baseUrl?: string;
}

export type EditorState = DocumentSlice &
  ClipboardSlice &
  SelectionSlice &
  SessionSlice &
  RemoteSlice &
  UiSlice;

export type SetState = StoreApi<EditorState>['setState'];
export type GetState = StoreApi<EditorState>['getState'];
export type SliceCreator<T> = (set: SetState, get: GetState, deps: EditorDeps) => T;
