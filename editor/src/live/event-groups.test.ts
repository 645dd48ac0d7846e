import type { HubEventMessage } from '@inflow/shared-core';
import { describe, expect, it } from 'vitest';
import { countByGroup, EVENT_GROUPS, groupOf } from './event-groups';

// Every kind the hub sends, checked complete by the compiler.
const KINDS = Object.keys({
  deploy: true,
  stop: true,
  'agent-joined': true,
  'agent-left': true,
  placement: true,
  effect: true,
  error: true,
} satisfies Record<HubEventMessage['kind'], true>) as HubEventMessage['kind'][];

describe('event groups', () => {
  it('puts every kind of event in exactly one group', () => {
    for (const kind of KINDS) {
      const holding = EVENT_GROUPS.filter((g) => (g.kinds as readonly string[]).includes(kind));
      expect(holding.map((g) => g.id)).toEqual([groupOf(kind)]);
    }
  });

  it('counts the events of each group', () => {
    const at = 0;
    const message = '';
    expect(
      countByGroup([
        { id: 'e1', at, message, kind: 'deploy' },
        { id: 'e2', at, message, kind: 'stop' },
        { id: 'e3', at, message, kind: 'agent-left' },
        { id: 'e4', at, message, kind: 'error' },
      ]),
    ).toEqual({ deploys: 2, agents: 1, placement: 0, effects: 0, errors: 1 });
  });
});
