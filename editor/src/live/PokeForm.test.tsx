// @vitest-environment jsdom
import type { TypeSpec } from '@inflow/shared-core';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { PokeRequest } from './live-api';
import type { PokeOutcome } from './live-store';
import { PokeForm } from './PokeForm';

afterEach(cleanup);

const AGENTS = [
  { name: 'client-1', online: true },
  { name: 'client-2', online: false },
];

function renderForm(
  spec: TypeSpec,
  answer: PokeOutcome = { ok: true, text: 'Applied 1 operation at the hub' },
  { local = false, targets = AGENTS }: { local?: boolean; targets?: typeof AGENTS } = {},
) {
  const sent: PokeRequest[] = [];
  render(
    <PokeForm
      nodeId="impressions"
      spec={spec}
      targets={targets}
      local={local}
      apply={async (request) => {
        sent.push(request);
        return answer;
      }}
      now={() => 777}
    />,
  );
  const set = (testId: string, value: string) =>
    fireEvent.change(screen.getByTestId(testId), { target: { value } });
  return { sent, set };
}

describe('the poke form', () => {
  it('increments one key of a map of counters at a chosen agent and shows the answer', async () => {
    const { sent, set } = renderForm({ name: 'gmap', value: { name: 'gcounter' } });
    expect(screen.getByTestId('poke-op')).toHaveProperty('value', 'apply-increment');
    set('poke-target', 'client-1');
    set('poke-key', 'rovio-1');
    set('poke-by', '2');
    fireEvent.click(screen.getByTestId('poke-apply'));
    await waitFor(() => expect(screen.getByTestId('poke-result').textContent).toContain('Applied'));
    expect(sent).toEqual([
      { op: { op: 'apply', key: 'rovio-1', inner: { op: 'increment', by: 2 } }, agent: 'client-1' },
    ]);
    expect(screen.getByTestId('poke-result').getAttribute('data-ok')).toBe('true');
  });

  it('offers the hub and the agents holding a replica, an offline one disabled', () => {
    renderForm({ name: 'gcounter' });
    const options = Array.from(
      (screen.getByTestId('poke-target') as HTMLSelectElement).options,
    ).map((o) => [o.value, o.textContent, o.disabled]);
    expect(options).toEqual([
      ['', 'the hub', false],
      ['client-1', 'client-1', false],
      ['client-2', 'client-2 (offline)', true],
    ]);
  });

  it('removes a set element at the hub, the fields following the chosen operation', async () => {
    const { sent, set } = renderForm({ name: 'orset' });
    set('poke-op', 'remove');
    set('poke-value', '{"id": "rovio-1"}');
    expect(screen.queryByTestId('poke-key')).toBeNull();
    fireEvent.click(screen.getByTestId('poke-apply'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({ op: { op: 'remove', value: { id: 'rovio-1' } } });
  });

  it('names a bad operation without sending it', () => {
    const { sent, set } = renderForm({ name: 'gcounter' });
    set('poke-op', 'raw');
    set('poke-json', '{"op": "add"}');
    fireEvent.click(screen.getByTestId('poke-apply'));
    const result = screen.getByTestId('poke-result');
    expect(result.getAttribute('data-ok')).toBe('false');
    expect(result.textContent).toMatch(/^not an operation of gcounter/);
    expect(result.getAttribute('role')).toBe('alert');
    expect(sent).toEqual([]);
  });

  it('sends an operation on a local variable to an agent, never to the hub', async () => {
    const { sent, set } = renderForm({ name: 'awset' }, undefined, {
      local: true,
      targets: [AGENTS[1] as (typeof AGENTS)[number], { name: 'client-3', online: true }],
    });
    expect(screen.getByTestId('poke-local').textContent).toMatch(/^Local to each agent/);
    const target = screen.getByTestId('poke-target') as HTMLSelectElement;
    expect(Array.from(target.options).map((o) => o.value)).toEqual(['client-2', 'client-3']);
    // The first agent online is chosen from the start.
    expect(target.value).toBe('client-3');
    set('poke-value', '{"player": "ann", "score": 10}');
    fireEvent.click(screen.getByTestId('poke-apply'));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]).toEqual({
      op: { op: 'add', value: { player: 'ann', score: 10 } },
      agent: 'client-3',
    });
  });

  it('says that a local variable needs an agent online when none is', () => {
    const { sent, set } = renderForm({ name: 'awset' }, undefined, {
      local: true,
      targets: [AGENTS[1] as (typeof AGENTS)[number]],
    });
    expect(screen.getByTestId('poke-target')).toHaveProperty('value', '');
    set('poke-value', 'x');
    fireEvent.click(screen.getByTestId('poke-apply'));
    expect(screen.getByTestId('poke-result').textContent).toBe(
      'impressions is local to each agent: choose one that is online',
    );
    expect(sent).toEqual([]);
  });

  it("shows the server's error", async () => {
    const { set } = renderForm(
      { name: 'gcounter' },
      { ok: false, text: 'agent "client-1" is not connected' },
    );
    set('poke-target', 'client-1');
    fireEvent.click(screen.getByTestId('poke-apply'));
    await waitFor(() =>
      expect(screen.getByTestId('poke-result').textContent).toBe(
        'agent "client-1" is not connected',
      ),
    );
  });

  it('warns that a computed variable is not the way to try the pipeline, and an input is not', () => {
    render(
      <PokeForm
        nodeId="leaderboard"
        spec={{ name: 'topk', k: 3 }}
        targets={AGENTS}
        sample={{ key: 'mallory', value: undefined }}
        computedBy="Local top 3"
        apply={async () => ({ ok: true, text: 'Applied' })}
      />,
    );
    expect(screen.getByTestId('poke-derived').textContent).toMatch(
      /^leaderboard is computed by Local top 3: .*poke an input/,
    );
    expect(screen.getByTestId('poke-key').getAttribute('placeholder')).toBe('mallory');
    cleanup();
    renderForm({ name: 'gcounter' });
    expect(screen.queryByTestId('poke-derived')).toBeNull();
  });
});
