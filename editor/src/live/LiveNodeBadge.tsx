import type { GraphNode } from '@inflow/shared-core';
import { memo } from 'react';
import { useDetailLevel } from '../canvas/detail-level';
import { clipClass, FITS } from '../canvas/text-clip';
import { useEditor } from '../store/editor-context';
import { placementBackground } from './agent-colours';
import { ConvergenceMark } from './ConvergenceMark';
import { useLive, useNodeConvergence, useNodeLive, useNodeRun } from './live-context';
import { magnitude } from './monitor';
import { Sparkline } from './Sparkline';
import { LocalCopies } from './LocalCopies';
import { NodeErrorMark } from './NodeErrorMark';
import { SinkLastLine } from './SinkOutput';
import { describeThroughput, operatorThroughput } from './throughput';
import { formatValue, itemsLine } from './value-format';

/** What each part of the badge that shows a variable's state is given. */
interface StateProps {
  nodeId: string;
  type: string | undefined;
  full: boolean;
  /** The deployment that stopped with this state, shown as final in place of convergence. */
  stopped?: string | undefined;
}

function LiveValue({ nodeId, type, full, stopped }: StateProps) {
  const live = useNodeLive(nodeId);
  if (!live) return null;
  const { variable, series } = live;
  const f = formatValue(variable.value, type);
  const items = itemsLine(f);
  // A short headline keeps the sparkline beside it and leaves the next line to the items; a
  // longer one gets its line to itself but for the badge, and the sparkline moves down.
  const sparklineBelow = f.headline.length > FITS.headline;
  const sparkline = full && <Sparkline values={series} />;
  return (
    <div
      className="live-value-block"
      data-testid={`live-value-${nodeId}`}
      data-magnitude={magnitude(variable.value)}
      title={f.title}
    >
      <div className="live-meta">
        <span
          className={clipClass(
            'live-headline',
            f.headline,
            sparklineBelow ? FITS.headlineAlone : FITS.headline,
          )}
          aria-label={`live value of ${nodeId}: ${f.headline}`}
        >
          {f.headline}
        </span>
        {!sparklineBelow && sparkline}
        <ConvergenceMark nodeId={nodeId} convergence={variable} stopped={stopped} dot={!full} />
      </div>
      {full && (items !== '' || (sparklineBelow && series.length > 1)) && (
        <div className="live-items-line">
          {items !== '' && (
            <span
              className={clipClass(
                'live-items',
                items,
                sparklineBelow ? FITS.itemsBeside : FITS.items,
              )}
            >
              {items}
            </span>
          )}
          {sparklineBelow && sparkline}
        </div>
      )}
    </div>
  );
}

/**
 * A variable's state in the overview (detail-level.ts): a bar where its value would be too small
 * to read, and its convergence dot. It re-renders only when the replicas' agreement changes.
 */
function ValueBar({ nodeId, stopped }: { nodeId: string; stopped?: string | undefined }) {
  const convergence = useNodeConvergence(nodeId);
  if (!convergence) return null;
  return (
    <div className="live-value-block" data-testid={`value-bar-${nodeId}`}>
      <div className="live-meta">
        <span className="live-value-bar" title="zoom in to read the value" />
        <ConvergenceMark nodeId={nodeId} convergence={convergence} stopped={stopped} dot />
      </div>
    </div>
  );
}

function Throughput({ nodeId }: { nodeId: string }) {
  const doc = useEditor((s) => s.doc);
  const text = useLive((s) => describeThroughput(operatorThroughput(doc, nodeId, s.monitor.rates)));
  if (text === undefined) return null;
  return (
    <div
      className="live-throughput"
      data-testid={`throughput-${nodeId}`}
      title="how fast the states around it move"
    >
      {text}
    </div>
  );
}

/**
 * A local (dynamic) variable's label and each agent's copy. While it runs, its holders come from
 * the deployment; after a stop, from the copies last reported, which stay as final.
 */
function LocalVariableCopies({
  nodeId,
  type,
  agents,
  full,
  stopped,
}: {
  nodeId: string;
  type: string;
  agents: readonly string[];
  full: boolean;
  stopped?: string | undefined;
}) {
  return (
    <>
      <div
        className="live-local"
        data-testid={`live-local-${nodeId}`}
        title={
          stopped === undefined
            ? "Declared dynamic: each agent keeps its own state and the hub none, so there is no one value or convergence to show. Each agent's copy is shown as it last reported it (about once a second). Poke it at an agent from the inspector."
            : `Declared dynamic: each agent kept its own state. Each agent's copy is shown as it last reported it before deployment ${stopped} stopped.`
        }
      >
        local to each agent
        {stopped !== undefined && <span data-testid={`final-${nodeId}`}> · final</span>}
      </div>
      {full && <LocalCopies nodeId={nodeId} type={type} agents={agents} />}
    </>
  );
}

/** After a stop, a local variable's copies as its agents last reported them. */
function FinalLocalCopies({ nodeId, type, full, stopped }: StateProps & { stopped: string }) {
  // Joined into a string, so that the selector's result compares equal while nothing changes.
  const reported = useLive((s) => Object.keys(s.monitor.snapshot?.local[nodeId] ?? {}).join('\n'));
  if (reported === '' || type === undefined) return null;
  return (
    <LocalVariableCopies
      nodeId={nodeId}
      type={type}
      agents={reported.split('\n')}
      full={full}
      stopped={stopped}
    />
  );
}

/**
 * What a node shows while its graph runs: the agents it runs on (as a colour stripe and their
 * names), its live value with a sparkline and a convergence badge, an operator's throughput, a
 * sink's last line, and the errors agents reported on it.
 */
export const LiveNodeBadge = memo(function LiveNodeBadge({
  nodeId,
  node,
}: {
  nodeId: string;
  node: GraphNode;
}) {
  const { agents, type, shown, stopped, local } = useNodeRun(nodeId);
  const level = useDetailLevel();
  const full = level === 'full';
  const nodeType = type ?? (node.kind === 'variable' ? node.type : undefined);
  if (!shown) {
    if (stopped === undefined) return null;
    return (
      <div className="live-badge">
        {node.kind === 'variable' && (
          <FinalLocalCopies nodeId={nodeId} type={nodeType} full={full} stopped={stopped} />
        )}
        {level === 'overview' ? (
          <ValueBar nodeId={nodeId} stopped={stopped} />
        ) : (
          <LiveValue nodeId={nodeId} type={nodeType} full={full} stopped={stopped} />
        )}
        {full && node.kind === 'sink' && <SinkLastLine nodeId={nodeId} />}
      </div>
    );
  }
  const where = agents && (agents.length === 0 ? 'the hub only' : agents.join(', '));
  const names = agents?.length === 0 ? 'hub' : (agents?.join(' · ') ?? '');
  return (
    <div className="live-badge">
      {agents && (
        <>
          <span
            className="live-placement-stripe"
            style={{ background: placementBackground(agents) }}
            data-testid={`placement-stripe-${nodeId}`}
            data-agents={agents.join(',')}
            title={`runs on ${where}`}
          />
          {full && (
            <div
              className={clipClass('live-agents', names, FITS.agents)}
              aria-label={`runs on ${where}`}
            >
              {names}
            </div>
          )}
        </>
      )}
      {local && (
        <LocalVariableCopies nodeId={nodeId} type={local.type} agents={local.agents} full={full} />
      )}
      {level === 'overview' ? (
        <ValueBar nodeId={nodeId} />
      ) : (
        <LiveValue nodeId={nodeId} type={nodeType} full={full} />
      )}
      {full && node.kind === 'operator' && <Throughput nodeId={nodeId} />}
      {full && node.kind === 'sink' && <SinkLastLine nodeId={nodeId} />}
      <NodeErrorMark nodeId={nodeId} />
    </div>
  );
});
