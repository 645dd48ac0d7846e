import type { GraphDocument, NodeTypeSpec } from '@inflow/shared-core';
import { checkConnection } from './connection-check';
import { addEdge, addNode, type EdgeEnds, type XY } from './document-edits';

/** A wire dragged from a handle and dropped on empty canvas: the end it was dragged from. */
export interface LooseWire {
  nodeId: string;
  handleId: string;
  /** `source`: dragged from an output, so a new node takes it at an input. */
  from: 'source' | 'target';
}

/**
 * The document with a new node of `spec` at `position`, wired to the loose wire at the first of
 * its handles the core accepts; undefined when no handle of that type can take the wire.
 */
export function addNodeOnWire(
  doc: GraphDocument,
  spec: NodeTypeSpec,
  wire: LooseWire,
  position: XY,
): { doc: GraphDocument; id: string } | undefined {
  const added = addNode(doc, spec, position);
  const handles = wire.from === 'source' ? spec.inputs : spec.outputs;
  for (const handle of handles) {
    const ends: EdgeEnds =
      wire.from === 'source'
        ? {
            source: wire.nodeId,
            sourceHandle: wire.handleId,
            target: added.id,
            targetHandle: handle.id,
          }
        : {
            source: added.id,
            sourceHandle: handle.id,
            target: wire.nodeId,
            targetHandle: wire.handleId,
          };
    if (checkConnection(added.doc, ends).ok)
      return { doc: addEdge(added.doc, ends).doc, id: added.id };
  }
  return undefined;
}
