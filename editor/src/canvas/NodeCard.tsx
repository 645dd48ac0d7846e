import { findNodeType, type NodeKind } from '@inflow/shared-core';
import type { NodeProps } from '@xyflow/react';
import type { ReactNode } from 'react';
import { useEditorExtensions } from '../editor-extensions';
import type { GraphFlowNode } from '../store/flow-elements';
import { inputClass, inputTitle, outputClass, outputTitle } from './port-class';
import { useDetailLevel } from './detail-level';
import { PortHandle } from './PortHandle';
import { clipClass, FITS } from './text-clip';

const KIND_MARK: Record<NodeKind, string> = {
  variable: '◆',
  operator: 'ƒ',
  trigger: '⚡',
  source: '⇥',
  sink: '⇤',
};

/**
 * The frame every node kind shares: label, the kind's own body, one row per catalog port with
 * its handle (handle ids are the catalog's port names, so edges are saved in the core's format).
 */
export function NodeCard({
  id,
  data,
  selected,
  children,
}: NodeProps<GraphFlowNode> & { children: ReactNode }) {
  const { node, problems } = data;
  const spec = findNodeType(node.kind, node.type);
  const { NodeBadge } = useEditorExtensions();
  const detail = useDetailLevel();
  const full = detail === 'full';
  const overview = detail === 'overview';
  const label = node.label ?? node.id;
  const rows = Math.max(spec?.inputs.length ?? 0, spec?.outputs.length ?? 0);

  return (
    <div
      className={`inflow-node kind-${node.kind}${selected ? ' is-selected' : ''}${problems > 0 ? ' has-problems' : ''}`}
      data-testid={`node-${id}`}
      data-kind={node.kind}
      data-type={node.type}
    >
      <div className="inflow-node-head">
        <span className="inflow-node-mark" aria-hidden="true">
          {KIND_MARK[node.kind]}
        </span>
        <span className={clipClass('inflow-node-label', label, FITS.label)} title={label}>
          {label}
        </span>
        {problems > 0 && (
          <span
            className="inflow-node-problems"
            data-testid={`node-problems-${id}`}
            // A badge: a span may not carry a name without a role.
            role="img"
            aria-label={`${problems} problem${problems === 1 ? '' : 's'}`}
            title={`${problems} problem${problems === 1 ? '' : 's'}`}
          >
            {problems}
          </span>
        )}
      </div>
      {children}
      {NodeBadge && <NodeBadge nodeId={id} node={node} />}
      {!spec && <div className="inflow-node-unknown">unknown type</div>}
      <div className="inflow-node-ports">
        {Array.from({ length: rows }, (_, i) => {
          const input = spec?.inputs[i];
          const output = spec?.outputs[i];
          return (
            <div className="inflow-port-row" key={i}>
              <span className="inflow-port-in">
                {input && (
                  <>
                    <PortHandle
                      nodeId={id}
                      portId={input.id}
                      type="target"
                      className={inputClass(input)}
                      title={inputTitle(input)}
                      still={overview}
                    />
                    {full && <span className="inflow-port-name">{input.id}</span>}
                  </>
                )}
              </span>
              <span className="inflow-port-out">
                {output && (
                  <>
                    {full && <span className="inflow-port-name">{output.id}</span>}
                    <PortHandle
                      nodeId={id}
                      portId={output.id}
                      type="source"
                      className={outputClass(output)}
                      title={outputTitle(output)}
                      still={overview}
                    />
                  </>
                )}
              </span>
            </div>
          );
        })}
      </div>
    </div>
  );
}
