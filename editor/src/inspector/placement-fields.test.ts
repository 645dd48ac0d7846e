import { describe, expect, it } from 'vitest';
import {
  describePlacement,
  parseLabels,
  parseAgentName,
  placementFields,
  placementHelp,
} from './placement-fields';

describe('placement fields from the core schema', () => {
  it('offers every hint with a control that fits its type', () => {
    const fields = Object.fromEntries(placementFields().map((f) => [f.key, f]));
    expect(fields.selector?.kind).toBe('labels');
    expect(fields.each?.kind).toBe('flag');
    expect(fields.trustedOnly?.kind).toBe('flag');
    expect(fields.pin?.kind).toBe('text');
    expect(fields.replicas).toMatchObject({ kind: 'choice', options: [1, 2] });
    expect(fields.selector?.description).toContain('labels');
  });

  it('reads label lists and says what is wrong with one', () => {
    expect(parseLabels(' role = client ,zone=eu,')).toEqual({
      ok: true,
      value: { role: 'client', zone: 'eu' },
    });
    expect(parseLabels('')).toEqual({ ok: true, value: undefined });
    expect(parseLabels('role=client, =x')).toMatchObject({ ok: false });
    expect(parseLabels('client')).toMatchObject({
      ok: false,
      error: expect.stringContaining('label=value'),
    });
  });

  it('refuses a label given twice rather than keep only the last value', () => {
    expect(parseLabels('role=client,role=server')).toEqual({
      ok: false,
      error: '"role" is given twice (client and server); an agent has one value per label',
    });
  });

  it('gives help text in the syntax the label fields take', () => {
    const selector = placementFields().find((f) => f.key === 'selector');
    const help = selector && placementHelp(selector);
    expect(help).not.toContain('{');
    const example = /e\.g\. (.*)\.$/.exec(help ?? '')?.[1];
    expect(example).toBe('role=client, zone=eu');
    expect(parseLabels(example ?? '')).toEqual({
      ok: true,
      value: { role: 'client', zone: 'eu' },
    });
  });

  it('refuses a blank pin or one no agent could be named, and unsets an empty one', () => {
    expect(parseAgentName(' ')).toMatchObject({
      ok: false,
      error: expect.stringContaining('blank'),
    });
    expect(parseAgentName('')).toEqual({ ok: true, value: undefined });
    expect(parseAgentName(' server-1 ')).toEqual({ ok: true, value: 'server-1' });
    expect(parseAgentName('server 1')).toMatchObject({
      ok: false,
      error: expect.stringContaining('an agent name is 1-64 letters'),
    });
  });

  it('sums up the hints a node has in a few words', () => {
    expect(describePlacement(undefined)).toBe('');
    expect(describePlacement({ each: false, pin: '' })).toBe('');
    expect(
      describePlacement({ selector: { role: 'client', zone: 'eu' }, each: true, replicas: 2 }),
    ).toBe('selector role=client, zone=eu · each · replicas 2');
  });
});
