import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  applyNodeChanges,
  type Edge,
  type Node,
  type NodeChange,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';

// The peer: xyflow's own stress example (default nodes on a 25-wide grid, one edge from each
// node to the next, background, minimap and controls), its labels updated the way xyflow's docs
// show (new data objects through setNodes) at the rate the page's query asks for.

const params = new URLSearchParams(location.search);
const size = Number(params.get('size') ?? 625);
const hz = Number(params.get('hz') ?? 0);

const initialNodes: Node[] = Array.from({ length: size }, (_, i) => ({
  id: `v${i}`,
  position: { x: (i % 25) * 220, y: Math.floor(i / 25) * 140 },
  data: { label: `v${i}: 0` },
}));
const edges: Edge[] = Array.from({ length: size - 1 }, (_, i) => ({
  id: `e${i}`,
  source: `v${i}`,
  target: `v${i + 1}`,
}));

function Stress() {
  const [nodes, setNodes] = useState(initialNodes);
  const onNodesChange = useCallback(
    (changes: NodeChange[]) => setNodes((ns) => applyNodeChanges(changes, ns)),
    [],
  );
  useEffect(() => {
    if (hz <= 0) return;
    let tick = 0;
    const timer = setInterval(() => {
      tick++;
      setNodes((ns) => ns.map((n) => ({ ...n, data: { label: `${n.id}: ${tick}` } })));
    }, 1000 / hz);
    return () => clearInterval(timer);
  }, []);
  return (
    <ReactFlow nodes={nodes} edges={edges} onNodesChange={onNodesChange} minZoom={0.1} fitView>
      <Background />
      <Controls />
      <MiniMap />
    </ReactFlow>
  );
}

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <Stress />
    </StrictMode>,
  );
}
