import type { GraphProblem } from './graph-problem.js';

/** The `format` field every graph document carries, so a stray JSON file is told apart. */
export const GRAPH_FORMAT = 'inflow-graph';
/** The document version this code writes. Older versions are migrated up to it on import. */
export const GRAPH_VERSION = 1;

export type GraphMigration =
  { ok: true; doc: Record<string, unknown> } | { ok: false; problem: GraphProblem };

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Brings a parsed document to the current version, or says why it cannot. Version 1 is the
 * first, so today this only checks `format` and `version`; each later version adds one step here.
 */
export function migrateGraph(doc: unknown): GraphMigration {
  if (!isRecord(doc)) {
    const got = Array.isArray(doc) ? 'an array' : doc === null ? 'null' : `a ${typeof doc}`;
    return fail('unsupported-format', `a graph document must be a JSON object, not ${got}`, []);
  }
  if (doc.format !== GRAPH_FORMAT) {
    const got =
      doc.format === undefined ? 'it has no `format`' : `its format is ${show(doc.format)}`;
    return fail(
      'unsupported-format',
      `not an Inflow graph: \`format\` must be "${GRAPH_FORMAT}", but ${got}`,
      ['format'],
    );
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return fail(
      'unsupported-version',
      `\`version\` must be a whole number from 1 (this Inflow writes ${GRAPH_VERSION}), but it is ${show(version)}`,
      ['version'],
    );
  }
  if (version > GRAPH_VERSION) {
    return fail(
      'unsupported-version',
      `this graph is version ${version}, newer than this Inflow understands (up to ${GRAPH_VERSION}): upgrade Inflow to open it`,
      ['version'],
    );
  }
  return { ok: true, doc };
}

function fail(code: GraphProblem['code'], message: string, path: string[]): GraphMigration {
  return { ok: false, problem: { code, message, path } };
}

function show(x: unknown): string {
  if (x === undefined) return 'missing';
  if (x === null) return 'null';
  if (typeof x === 'number' || typeof x === 'boolean') return String(x);
  if (typeof x === 'string') {
    const json = JSON.stringify(x);
    return json.length > 40 ? json.slice(0, 40) + '…"' : json;
  }
  return Array.isArray(x) ? 'an array' : typeof x === 'object' ? 'an object' : `a ${typeof x}`;
}
