import type { LocalValue } from '@inflow/shared-core';
import { useMemo } from 'react';
import { clipClass, FITS } from '../canvas/text-clip';
import { agentColour } from './agent-colours';
import { useLive } from './live-context';
import { formatNumber } from '../text/count';
import { formatValue, itemsLine } from './value-format';

/** One agent's copy as a line: its headline and first items, or why there is none to show. */
function describeCopy(
  reported: LocalValue | undefined,
  type: string,
): { text: string; title: string } {
  if (!reported) return { text: 'offline or not reported yet', title: '' };
  if ('omittedBytes' in reported) {
    return {
      text: `too large to report (${formatNumber(reported.omittedBytes)} bytes)`,
      title: 'The agent sends only the size of a copy this large; query it at the agent.',
    };
  }
  const f = formatValue(reported.value, type);
  const items = itemsLine(f);
  return { text: items === '' ? f.headline : `${f.headline}: ${items}`, title: f.title };
}

/**
 * Each agent's own copy of a local (dynamic) variable, as the agent last reported it (about once
 * a second): the hub keeps none, so there is no one value and no convergence to show. On the
 * canvas the lines are clipped to the card; in the inspector (`wrap`) they wrap, with test ids
 * `inspector-copy-<node>-<agent>` in place of `local-copy-<node>-<agent>`. Each line's tooltip
 * has the whole value.
 */
export function LocalCopies({
  nodeId,
  type,
  agents,
  wrap = false,
}: {
  nodeId: string;
  type: string;
  agents: readonly string[];
  wrap?: boolean;
}) {
  // A snapshot rebuilds every value; comparing their JSON re-renders only on a real change.
  const json = useLive((s) => JSON.stringify(s.monitor.snapshot?.local[nodeId] ?? {}));
  const values = useMemo(() => JSON.parse(json) as Record<string, LocalValue>, [json]);
  return (
    <ul className={`live-local-copies${wrap ? ' is-wrapped' : ''}`}>
      {agents.map((agent) => {
        const copy = describeCopy(values[agent], type);
        const line = `${agent}: ${copy.text}`;
        return (
          <li
            key={agent}
            className={wrap ? 'live-local-copy' : clipClass('live-local-copy', line, FITS.copy)}
            data-testid={`${wrap ? 'inspector-copy' : 'local-copy'}-${nodeId}-${agent}`}
            data-reported={values[agent] !== undefined}
            title={copy.title}
          >
            <span
              className="live-swatch"
              style={{ background: agentColour(agent) }}
              aria-hidden="true"
            />
            <span className="live-local-agent">{agent}</span>: {copy.text}
          </li>
        );
      })}
    </ul>
  );
}
