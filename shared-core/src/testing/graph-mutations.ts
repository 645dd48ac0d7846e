import fc from 'fast-check';

/**
 * Graph documents damaged at random places, for the property tests of everything that reads
 * one (the control plane's REST routes, the editor's import and paste): they reach far deeper
 * into the validator than random JSON, which rarely gets past the `format` check.
 */

type Key = string | number;
type Path = readonly Key[];

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Every place in a JSON tree, the root first. */
export function pathsOf(x: unknown, at: Path = [], out: Path[] = []): Path[] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => pathsOf(v, [...at, i], out));
  else if (isRecord(x)) for (const [k, v] of Object.entries(x)) pathsOf(v, [...at, k], out);
  return out;
}

export function valueAt(root: unknown, path: Path): unknown {
  let x = root;
  for (const key of path) {
    x = Array.isArray(x) || isRecord(x) ? (x as Record<Key, unknown>)[key] : undefined;
  }
  return x;
}

/** Sets or deletes (value undefined) one place; an own property even for a key `__proto__`. */
export function putAt(root: unknown, path: Path, value: unknown): void {
  const parent = valueAt(root, path.slice(0, -1));
  const key = path[path.length - 1];
  if (key === undefined) return;
  if (Array.isArray(parent) && typeof key === 'number') {
    if (value === undefined) parent.splice(key, 1);
    else parent[key] = value;
  } else if (isRecord(parent)) {
    if (value === undefined) delete parent[String(key)];
    else
      Object.defineProperty(parent, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
}

/** Literals JSON.parse reads as numbers that JSON.stringify cannot write back as they were. */
const RAW_NUMBERS = ['1e999', '-1e999', '-0', '1e-400', '123456789012345678901234567890'];
const rawMarker = (i: number) => `@@raw-number-${i}@@`;

const anyJson = fc.jsonValue({ maxDepth: 3 });
/** Numbers at the edges of a double: positions there overflow when shifted. */
const edgeNumber = fc.constantFrom(
  Number.MAX_VALUE,
  -Number.MAX_VALUE,
  Number.MAX_SAFE_INTEGER,
  Number.MIN_VALUE,
  -0,
);

/** A string near what the examples hold: their ids, kinds, types, handles and fields, or anything. */
const nearString = fc.oneof(
  fc.constantFrom(
    ...['ads', 'rovioAds', 'scores', 'top3', 'adsLog', 'a', 'x'],
    ...['variable', 'operator', 'trigger', 'source', 'sink', 'orset', 'union', 'filter'],
    ...['in', 'out', 'left', 'right', 'action', 'set', '1bad', 'a'.repeat(65), ''],
    ...['placment', 'trustedonly', 'sourcehandle', '__proto__'],
  ),
  fc.string({ maxLength: 12 }),
);

type Mutation =
  | { op: 'delete' | 'duplicate' | 'truncate'; at: number; n: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'extend'; at: number; text: string }
  | { op: 'swap'; at: number; from: number }
  | { op: 'renameKey'; at: number; key: string }
  | { op: 'renameId'; at: number; id: string; rewire: boolean }
  | { op: 'breakEdge'; at: number; field: number; value: unknown }
  | { op: 'rawNumber'; at: number; n: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constantFrom('delete', 'duplicate', 'truncate'), at: fc.nat(), n: fc.nat() }),
  fc.record({
    op: fc.constant('replace'),
    at: fc.nat(),
    value: fc.oneof(anyJson, nearString, edgeNumber),
  }),
  fc.record({
    op: fc.constant('extend'),
    at: fc.nat(),
    text: fc.oneof(fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 6 })),
  }),
  fc.record({ op: fc.constant('swap'), at: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constant('renameKey'), at: fc.nat(), key: nearString }),
  fc.record({ op: fc.constant('renameId'), at: fc.nat(), id: nearString, rewire: fc.boolean() }),
  fc.record({
    op: fc.constant('breakEdge'),
    at: fc.nat(),
    field: fc.nat(),
    value: fc.oneof(nearString, anyJson),
  }),
  fc.record({ op: fc.constant('rawNumber'), at: fc.nat(), n: fc.nat() }),
);

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % items.length];
const EDGE_FIELDS = ['source', 'target', 'sourceHandle', 'targetHandle', 'id'] as const;

function mutate(doc: unknown, m: Mutation, raws: string[]): void {
  const paths = pathsOf(doc).slice(1); // the root replaced whole is any JSON, tested apart
  if (paths.length === 0) return;
  const path = pick(paths, m.at) ?? [];
  const here = valueAt(doc, path);
  const nodes = isRecord(doc) && Array.isArray(doc.nodes) ? doc.nodes : [];
  const edges = isRecord(doc) && Array.isArray(doc.edges) ? doc.edges : [];
  switch (m.op) {
    case 'delete':
      return putAt(doc, path, undefined);
    case 'duplicate': {
      // An array entry twice (a node or edge with its id taken), or dropped when n is odd.
      const arrays = paths.filter((p) => Array.isArray(valueAt(doc, p)));
      const array = valueAt(doc, pick(arrays, m.at) ?? []);
      if (!Array.isArray(array) || array.length === 0) return;
      const i = m.n % array.length;
      if (m.n % 2 === 0) array.splice(i, 0, structuredClone(array[i]));
      else array.splice(i, 1);
      return;
    }
    case 'truncate':
      // A half-typed expression, label or id.
      if (typeof here === 'string') putAt(doc, path, here.slice(0, m.n % (here.length + 1)));
      return;
    case 'extend':
      if (typeof here === 'string') putAt(doc, path, here + m.text);
      return;
    case 'replace':
      return putAt(doc, path, structuredClone(m.value));
    case 'swap':
      return putAt(doc, path, structuredClone(valueAt(doc, pick(paths, m.from) ?? [])));
    case 'renameKey': {
      // A misspelt field: its value moves to a key the document does not have.
      const fields = paths.filter((p) => typeof p[p.length - 1] === 'string');
      const field = pick(fields, m.at);
      if (!field) return;
      const value = valueAt(doc, field);
      putAt(doc, field, undefined);
      putAt(doc, [...field.slice(0, -1), m.key], value);
      return;
    }
    case 'renameId': {
      const node = pick(nodes, m.at);
      if (!isRecord(node)) return;
      const old = node.id;
      node.id = m.id;
      if (!m.rewire) return; // edges left naming the old id
      for (const e of edges) {
        if (isRecord(e) && e.source === old) e.source = m.id;
        if (isRecord(e) && e.target === old) e.target = m.id;
      }
      return;
    }
    case 'breakEdge': {
      const edge = pick(edges, m.at);
      const field = pick(EDGE_FIELDS, m.field);
      if (isRecord(edge) && field) edge[field] = structuredClone(m.value);
      return;
    }
    case 'rawNumber':
      raws.push(pick(RAW_NUMBERS, m.n) ?? '-0');
      return putAt(doc, path, rawMarker(raws.length - 1));
  }
}

/** Applies mutations to a fresh parse of `base`; the text as a user's file would hold it. */
function mutatedText(base: string, mutations: readonly Mutation[]): string {
  const doc: unknown = JSON.parse(base);
  const raws: string[] = [];
  for (const m of mutations) mutate(doc, m, raws);
  let text = JSON.stringify(doc, null, 2) ?? 'null';
  raws.forEach((raw, i) => (text = text.replace(JSON.stringify(rawMarker(i)), raw)));
  return text;
}

/** The text of a graph document (`base`, which must be JSON) with one to four random changes. */
export const mutatedGraphText = (base: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc
    .tuple(base, fc.array(mutation, { minLength: 1, maxLength: 4 }))
    .map(([text, mutations]) => mutatedText(text, mutations));
