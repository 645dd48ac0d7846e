import type { FetchLike } from '../api/api-client';
import { createEditorStore, type EditorStore } from './editor-store';
import type { KeyValueStorage } from './store-types';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

export type Responder = (req: RecordedRequest) => Response | Promise<Response>;

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & {
  data: Map<string, string>;
} {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

/** A store whose REST calls go to `respond` and are recorded; the clock is under the test's control. */
export function testStore(options: { respond?: Responder; storage?: KeyValueStorage } = {}) {
  const requests: RecordedRequest[] = [];
  const clock = { now: 1_000_000 };
  const fetch: FetchLike = async (url, init) => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const req = { method: init?.method ?? 'GET', url, headers, body };
    requests.push(req);
    return options.respond ? options.respond(req) : json(404, { error: 'no route in this test' });
  };
  const store: EditorStore = createEditorStore({
    fetch,
    storage: options.storage ?? memoryStorage(),
    now: () => clock.now,
  });
  return { store, requests, clock, fetch };
}
