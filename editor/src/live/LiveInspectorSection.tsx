import type { GraphDocument } from '@inflow/shared-core';
import { useCallback, useMemo } from 'react';
import { useEditor } from '../store/editor-context';
import { agentsOfNode } from './agent-colours';
import { elementExample } from './element-example';
import type { PokeRequest } from './live-api';
import { useLive, useLiveStore } from './live-context';
import type { LiveState } from './live-store';
import { LocalCopies } from './LocalCopies';
import { NodeErrorList } from './NodeErrorList';
import { nodeOf } from './node-index';
import { PlacementExplanation } from './PlacementExplanation';
import { PokeForm, type PokeTarget } from './PokeForm';
import { SinkLines } from './SinkOutput';
import { SourceFeeds } from './SourceFeeds';
import { pokeSample, variableSpec } from './poke-ops';

/** The operators (by label) whose output `nodeId` is: a source's or a trigger's actions only
 * write to an input, which stays the way to try the pipeline. */
function operatorsWriting(doc: GraphDocument, nodeId: string): string[] {
  return doc.edges.flatMap((e) => {
    const writer = e.target === nodeId ? nodeOf(doc, e.source) : undefined;
    return writer?.kind === 'operator' ? [writer.label?.trim() ? writer.label : writer.id] : [];
  });
}

/** A variable's value now. A local one has none at the hub: an agent's reported copy stands in. */
function currentValue(s: LiveState, nodeId: string): unknown {
  const snapshot = s.monitor.snapshot;
  const copies = Object.values(snapshot?.local[nodeId] ?? {}).flatMap((c) =>
    'value' in c ? [c.value] : [],
  );
  return (
    snapshot?.variables[nodeId]?.value ??
    copies.find((v) => Array.isArray(v) && v.length > 0) ??
    copies[0]
  );
}

/** The live part of the inspector: where the node runs and why, its errors, and poke controls. */
export function LiveInspectorSection({ nodeId }: { nodeId: string }) {
  const live = useLiveStore();
  const node = useEditor((s) => nodeOf(s.doc, nodeId));
  // Joined into a string, so that a drag (new node positions) does not re-render the section.
  const computedBy = useEditor((s) => operatorsWriting(s.doc, nodeId).join(', '));
  const example = useEditor((s) => elementExample(s.doc, nodeId));
  const spec = useMemo(() => node && variableSpec(node), [node]);
  // Strings, read from each live update: the section re-renders only when one of them changes,
  // where before React set the poke form's inputs' attributes again ten times a second.
  const sampleKey = useLive((s) => pokeSample(spec, currentValue(s, nodeId)).key);
  const sampleValue = useLive((s) => pokeSample(spec, currentValue(s, nodeId)).value);
  const sample = useMemo(() => ({ key: sampleKey, value: sampleValue }), [sampleKey, sampleValue]);
  const onlineNames = useLive((s) =>
    (s.monitor.snapshot?.agents ?? s.details?.agents ?? [])
      .flatMap((a) => (a.online ? [a.name] : []))
      .join('\n'),
  );
  const details = useLive((s) => s.details);
  const apply = useCallback(
    (request: PokeRequest) => live.getState().poke(nodeId, request),
    [live, nodeId],
  );
  if (!details || !node) return null;
  const agents = agentsOfNode(details.placement, nodeId);
  const replicated = node.kind === 'variable' && details.variables[nodeId] !== undefined;
  const local = node.kind === 'variable' ? details.local[nodeId] : undefined;
  const online = new Set(onlineNames.split('\n'));
  const holders = local?.agents ?? details.placement.variables[nodeId] ?? [];
  const targets: PokeTarget[] = holders.map((name) => ({ name, online: online.has(name) }));
  return (
    <div className="live-inspector" data-testid="live-inspector">
      <PlacementExplanation
        nodeId={nodeId}
        agents={agents}
        explanation={details.placement.explanations[nodeId]}
      />
      <NodeErrorList nodeId={nodeId} />
      {node.kind === 'source' && <SourceFeeds nodeId={nodeId} />}
      {node.kind === 'sink' && <SinkLines nodeId={nodeId} />}
      {local && (
        <section className="live-local-section" aria-label={`Copies of ${nodeId}`}>
          <h3>Each agent&apos;s copy</h3>
          <LocalCopies nodeId={nodeId} type={local.type} agents={local.agents} wrap />
        </section>
      )}
      {(replicated || local) && (
        <PokeForm
          key={nodeId}
          nodeId={nodeId}
          spec={spec}
          targets={targets}
          local={local !== undefined}
          sample={sample}
          example={example}
          computedBy={computedBy}
          apply={apply}
        />
      )}
    </div>
  );
}
