import { json, type RecordedRequest } from './test-store';

export const TOKEN = 'admin-token-0123456789';

/**
 * A tiny control plane: graphs with revisions, 401 for a wrong token, 409 for a stale rev. Each
 * create or save is a second after the last (`updatedAt`); a graph set by a test is from 1970.
 */
export function fakeGraphsServer() {
  const graphs = new Map<string, { rev: number; text: string }>();
  const updated = new Map<string, number>();
  let next = 1;
  let clock = Date.UTC(2030, 0, 1);
  const touch = (id: string) => void updated.set(id, (clock += 1000));
  const respond = (req: RecordedRequest): Response => {
    if (req.headers.Authorization !== `Bearer ${TOKEN}`) {
      return json(401, { error: 'the bearer token is not the admin token' });
    }
    const match = /^\/api\/graphs(?:\/([^/?]+))?$/.exec(req.url);
    const id = match?.[1];
    if (!match) return json(404, { error: 'no route' });
    if (req.method === 'GET' && id === undefined) {
      return json(
        200,
        [...graphs].map(([gid, g]) => ({
          id: gid,
          name: (JSON.parse(g.text) as { name: string }).name,
          rev: g.rev,
          updatedAt: new Date(updated.get(gid) ?? 0).toISOString(),
        })),
      );
    }
    if (req.method === 'POST' && id === undefined) {
      const gid = `g_${next++}`;
      graphs.set(gid, { rev: 1, text: JSON.stringify(req.body) });
      touch(gid);
      return json(201, { id: gid, rev: 1 });
    }
    const stored = id === undefined ? undefined : graphs.get(id);
    if (!stored || id === undefined) return json(404, { error: `no graph ${id}` });
    if (req.method === 'GET') {
      return new Response(stored.text, {
        status: 200,
        headers: { 'Inflow-Rev': String(stored.rev) },
      });
    }
    if (req.method === 'PUT') {
      const { rev, graph } = req.body as { rev: number; graph: unknown };
      if (rev !== stored.rev) {
        return json(409, {
          error: `graph "${id}" is at rev ${stored.rev}`,
          currentRev: stored.rev,
        });
      }
      graphs.set(id, { rev: rev + 1, text: JSON.stringify(graph) });
      touch(id);
      return json(200, { id, rev: rev + 1 });
    }
    if (req.method === 'DELETE') {
      graphs.delete(id);
      return new Response(null, { status: 204 });
    }
    return json(404, { error: 'no route' });
  };
  return { graphs, respond };
}
