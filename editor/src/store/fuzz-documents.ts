/**
 * Inputs for the property tests of the import and paste paths: any text, any JSON, and the two
 * example graphs damaged at random places, which reach far deeper into the validator than random
 * JSON (that rarely gets past the `format` check).
 */
import type { GraphDocument } from '@inflow/shared-core';
import * as mutations from '@inflow/shared-core/testing/graph-mutations';
import fc from 'fast-check';
import { copyFragment, fragmentText } from './clipboard';
import { exportDocument, importDocument } from './import-document';
import { TEMPLATES } from './templates';

const { pathsOf, putAt, valueAt } = mutations;
// shared-core's declarations see fast-check's CommonJS typings and this project its ES module
// ones: one module at run time, two declarations of Arbitrary that tsc will not match.
const mutatedGraphText = mutations.mutatedGraphText as unknown as (
  base: fc.Arbitrary<string>,
) => fc.Arbitrary<string>;

const anyJson = fc.jsonValue({ maxDepth: 3 });

export const TEMPLATE_IDS = TEMPLATES.map((t) => t.id);
export const templateTexts = fc.constantFrom(...TEMPLATES.map((t) => t.text));

/** An example graph with one to four random mutations. */
export const mutatedDocumentText = mutatedGraphText(templateTexts);

/**
 * Drafts: an example with edges left out (inputs not wired yet) and strings in its params cut
 * short (half-typed expressions). Every problem of these is one a draft may have.
 */
export const draftText = fc
  .tuple(templateTexts, fc.array(fc.boolean()), fc.array(fc.option(fc.nat(), { nil: undefined })))
  .map(([text, keepEdges, cuts]) => {
    const doc = JSON.parse(text) as { nodes: { params: unknown }[]; edges: unknown[] };
    doc.edges = doc.edges.filter((_, i) => keepEdges[i] ?? true);
    let n = 0;
    for (const node of doc.nodes) {
      for (const path of pathsOf(node.params)) {
        const value = valueAt(node.params, path);
        const cut = cuts[n++];
        if (typeof value === 'string' && cut !== undefined) {
          putAt(node.params, path, value.slice(0, cut % (value.length + 1)));
        }
      }
    }
    return JSON.stringify(doc, null, 2);
  });

/** An example's text cut, or with a character put in, at a random place. */
const damagedText = fc
  .tuple(templateTexts, fc.nat(), fc.nat({ max: 3 }), fc.string({ maxLength: 2 }))
  .map(([text, at, drop, insert]) => {
    const i = at % (text.length + 1);
    return text.slice(0, i) + insert + text.slice(i + drop);
  });

/** Any JSON value, as text. */
export const anyJsonText = anyJson.map((v) => JSON.stringify(v));

/** Any text at all: random strings, damaged JSON, and the examples with a BOM in front. */
export const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 40 }),
  damagedText,
  templateTexts.map((text) => `\uFEFF${text}`),
);

/** An example (or a copy of one) read as the editor reads it. */
export const docOf = (text: string): GraphDocument => {
  const result = importDocument(text);
  if (!result.ok) throw new Error('a generated copy does not import');
  return result.doc;
};

/** Some nodes of an example, copied as the editor puts them on the system clipboard. */
const copiedNodes = templateTexts.map(docOf).chain((doc) =>
  fc
    .subarray(
      doc.nodes.map((n) => n.id),
      { minLength: 1 },
    )
    .map((ids) => {
      const fragment = copyFragment(doc, ids);
      return fragment ? fragmentText(doc.name, fragment) : '';
    }),
);

/** A coordinate anywhere a double goes, its ends included. */
const coordinate = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(Number.MAX_VALUE, -Number.MAX_VALUE),
);

/** Copied nodes moved anywhere at all: their shift below the graph must not overflow. */
const scatteredNodes = fc
  .tuple(copiedNodes, fc.array(fc.record({ x: coordinate, y: coordinate }), { minLength: 1 }))
  .map(([text, positions]) => {
    const doc = docOf(text);
    const nodes = doc.nodes.map((n, i) => ({ ...n, position: positions[i] ?? n.position }));
    return exportDocument({ ...doc, nodes });
  });

/** What a user may paste: anything, nodes copied in another tab, and those damaged or moved. */
export const clipboardTexts = fc.oneof(
  anyText,
  anyJsonText,
  mutatedDocumentText,
  copiedNodes,
  mutatedGraphText(copiedNodes),
  scatteredNodes,
);
