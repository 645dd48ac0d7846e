// @vitest-environment jsdom
import { getHandleBounds } from '@xyflow/system';
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { PortHandle } from './PortHandle';

afterEach(cleanup);

describe("the overview's port mark", () => {
  it('is measured by React Flow as the handle it stands for, and keeps its name and test id', () => {
    const { container } = render(
      <div className="react-flow__node">
        <PortHandle nodeId="ads" portId="in" type="target" className="port-in-set" title="" still />
        <PortHandle
          nodeId="ads"
          portId="out"
          type="source"
          className="port-out-orset"
          title="an OR-Set"
          still
        />
      </div>,
    );
    const node = container.firstElementChild as HTMLDivElement;
    const bounds = node.getBoundingClientRect();
    // What React Flow reads from a node to draw its edges (jsdom lays nothing out: no sizes).
    const found = (type: 'source' | 'target') =>
      getHandleBounds(type, node, bounds, 1, 'ads')?.map(({ id, position, nodeId }) => ({
        id,
        position,
        nodeId,
      }));
    expect(found('target')).toEqual([{ id: 'in', position: 'left', nodeId: 'ads' }]);
    expect(found('source')).toEqual([{ id: 'out', position: 'right', nodeId: 'ads' }]);

    const out = screen.getByTestId('handle-ads-out');
    expect(out.getAttribute('role')).toBe('img');
    expect(out.getAttribute('aria-label')).toBe('output out of ads');
    expect(out.getAttribute('title')).toBe('an OR-Set');
    expect(out.classList.contains('port-out-orset')).toBe(true);
  });
});
