import { Handle, Position } from '@xyflow/react';

interface PortHandleProps {
  nodeId: string;
  portId: string;
  type: 'source' | 'target';
  className: string;
  title: string;
  /** Drawn only: the overview's mark of the port, which takes no part in connecting. */
  still: boolean;
}

/**
 * A port's handle. In the overview (detail-level.ts) it is a mark with React Flow's handle
 * classes and data, which React Flow measures to draw the edges, and not a `Handle`: each Handle
 * runs a selector on every change to React Flow's store, and in a drag past the pane's edge over
 * 625 nodes, where each frame both pans and moves a node, that is 1,250 selectors twice a frame
 * (a Chrome trace of that drag spent about a quarter less time in script without them). At under
 * 30% zoom a port is under 3 px, too small to draw a wire from; pressing it moves its node.
 */
export function PortHandle({ nodeId, portId, type, className, title, still }: PortHandleProps) {
  const input = type === 'target';
  const position = input ? Position.Left : Position.Right;
  const shared = {
    title,
    'data-testid': `handle-${nodeId}-${portId}`,
    // A plain div may not carry a name; a port is a picture of where wires go (it is dragged
    // with a pointer, not operated from the keyboard).
    role: 'img',
    'aria-label': `${input ? 'input' : 'output'} ${portId} of ${nodeId}`,
  };
  if (!still) {
    return <Handle type={type} position={position} id={portId} className={className} {...shared} />;
  }
  return (
    <div
      className={`react-flow__handle react-flow__handle-${position} ${type} ${className}`}
      data-handleid={portId}
      data-nodeid={nodeId}
      data-handlepos={position}
      {...shared}
    />
  );
}
