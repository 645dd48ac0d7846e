import { describe, expect, it } from 'vitest';
import type { GraphNode } from './graph-node.js';
import { nodeOutputType } from './port-resolution.js';
import { describeAccepts, describePortType, portFits, type PortType } from './port-type.js';

const orset: PortType = { port: 'state', spec: { name: 'orset' } };
const gset: PortType = { port: 'state', spec: { name: 'gset' } };
const top3: PortType = { port: 'state', spec: { name: 'topk', k: 3 } };
const value: PortType = { port: 'value' };
const action: PortType = { port: 'action' };

const at = { x: 0, y: 0 };
const fold = (params: Record<string, unknown>): GraphNode => ({
  id: 'f',
  kind: 'operator',
  type: 'fold',
  params,
  position: at,
});

describe('port types', () => {
  it('fit set inputs only with the sets that carry metadata', () => {
    expect(portFits(orset, 'set')).toBe(true);
    expect(portFits({ port: 'state', spec: { name: 'awset' } }, 'set')).toBe(true);
    expect(portFits(gset, 'set')).toBe(false);
    expect(portFits(value, 'set')).toBe(false);
  });

  it('fit a variable with its own type or actions', () => {
    expect(portFits(top3, 'own-type', { name: 'topk', k: 3 })).toBe(true);
    expect(portFits(top3, 'own-type', { name: 'topk', k: 4 })).toBe(false);
    expect(portFits(action, 'own-type', { name: 'orset' })).toBe(true);
    expect(portFits(value, 'own-type', { name: 'maxint' })).toBe(false);
  });

  it('fit sinks with anything but actions, and dynamic inputs with dynamic states only', () => {
    expect([orset, value, action].map((t) => portFits(t, 'state-or-value'))).toEqual([
      true,
      true,
      false,
    ]);
    expect(portFits({ ...orset, dynamic: true }, 'dynamic-state')).toBe(true);
    expect(portFits(orset, 'dynamic-state')).toBe(false);
  });

  it('describe themselves for messages and tooltips', () => {
    expect(describePortType(top3)).toBe('a state of topk(3)');
    expect(
      describePortType({
        port: 'state',
        spec: { name: 'gmap', value: { name: 'gcounter' } },
        dynamic: true,
      }),
    ).toBe('a dynamic state of gmap<gcounter>');
    expect(describeAccepts('own-type', { name: 'orset' })).toBe('a state of orset or actions');
  });

  it('follow from a node and its params', () => {
    expect(nodeOutputType(fold({ aggregate: 'topk', k: 3 }), 'out')).toEqual(top3);
    expect(nodeOutputType(fold({ aggregate: 'sum' }), 'out')).toEqual(value);
    expect(nodeOutputType(fold({ aggregate: 'topk' }), 'out')).toBeUndefined();
    expect(nodeOutputType(fold({ aggregate: 'sum' }), 'nope')).toBeUndefined();
    const scores: GraphNode = {
      id: 's',
      kind: 'variable',
      type: 'awset',
      params: { dynamic: true },
      position: at,
    };
    expect(nodeOutputType(scores, 'out')).toEqual({
      port: 'state',
      spec: { name: 'awset' },
      dynamic: true,
    });
  });
});
