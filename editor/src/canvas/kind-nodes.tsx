import type { GraphNode, NodeKind } from '@inflow/shared-core';
import type { NodeProps, NodeTypes } from '@xyflow/react';
import { memo } from 'react';
import type { GraphFlowNode } from '../store/flow-elements';
import { useDetailLevel } from './detail-level';
import { NodeCard } from './NodeCard';
import { clipClass, FITS } from './text-clip';
import {
  operatorLines,
  sinkLines,
  sourceLines,
  triggerLines,
  variableLines,
  type NodeLines,
} from './node-summary';

function Lines({ id, lines }: { id: string; lines: NodeLines }) {
  return (
    <>
      <div className="inflow-node-type" data-testid={`node-type-${id}`}>
        {lines.type}
      </div>
      {lines.detail !== undefined && (
        <div
          className={clipClass('inflow-node-detail', lines.detail, FITS.detail)}
          title={lines.detail}
        >
          {lines.detail}
        </div>
      )}
    </>
  );
}

/** A node component for one kind: the shared card around that kind's own summary lines. */
function kindNode(summarise: (node: GraphNode) => NodeLines) {
  return memo(function KindNode(props: NodeProps<GraphFlowNode>) {
    const full = useDetailLevel() === 'full';
    return (
      <NodeCard {...props}>
        {full && <Lines id={props.id} lines={summarise(props.data.node)} />}
      </NodeCard>
    );
  });
}

/** Declared once at module level, as React Flow needs stable node types. */
export const NODE_TYPES: Record<NodeKind, NodeTypes[string]> = {
  variable: kindNode(variableLines),
  operator: kindNode(operatorLines),
  trigger: kindNode(triggerLines),
  source: kindNode(sourceLines),
  sink: kindNode(sinkLines),
};
