// @vitest-environment jsdom
import { ReactFlowProvider, useStoreApi } from '@xyflow/react';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DotGrid } from './DotGrid';

afterEach(cleanup);

function renderGrid(gap: number) {
  let store: ReturnType<typeof useStoreApi> | undefined;
  function Capture() {
    store = useStoreApi();
    return null;
  }
  render(
    <ReactFlowProvider>
      <Capture />
      <DotGrid gap={gap} />
    </ReactFlowProvider>,
  );
  const grid = screen.getByTestId('dot-grid');
  const viewport = (x: number, y: number, zoom: number) =>
    act(() => store?.setState({ transform: [x, y, zoom] }));
  return { grid, viewport };
}

describe('the dot grid', () => {
  it('follows a pan by moving less than one cell, and paints its dots again only on a zoom', () => {
    const { grid, viewport } = renderGrid(20);
    viewport(0, 0, 1);
    expect(grid.style.backgroundSize).toBe('20px 20px');
    expect(grid.style.transform).toBe('translate(-20px, -20px)');
    const painted = grid.style.backgroundImage;
    expect(painted).toMatch(/^radial-gradient\(/);

    // 130 px right and 45 px up is 6.5 cells and -2.25: the same picture, moved by the rest.
    grid.style.backgroundImage = 'none';
    viewport(130, -45, 1);
    expect(grid.style.transform).toBe('translate(-10px, -5px)');
    expect(grid.style.backgroundImage).toBe('none');

    viewport(130, -45, 0.5);
    expect(grid.style.backgroundSize).toBe('10px 10px');
    expect(grid.style.transform).toBe('translate(-10px, -5px)');
    expect(grid.style.backgroundImage).not.toBe('none');
    expect(grid.style.backgroundImage).toBe(painted);
  });
});
