// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { WHEEL_SETTLE_MS, watchInput } from './input-activity';

const pointer = (type: string, pointerId: number) => Object.assign(new Event(type), { pointerId });

function rig() {
  const target = new EventTarget();
  let now = 0;
  const input = watchInput(target, () => now);
  return {
    input,
    target,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('input activity', () => {
  it('is active while any pointer is held, until the last is released or cancelled', () => {
    const { input, target } = rig();
    expect(input.active()).toBe(false);
    target.dispatchEvent(pointer('pointerdown', 1));
    target.dispatchEvent(pointer('pointerdown', 2));
    expect(input.active()).toBe(true);
    target.dispatchEvent(pointer('pointerup', 1));
    expect(input.active()).toBe(true);
    target.dispatchEvent(pointer('pointercancel', 2));
    expect(input.active()).toBe(false);
  });

  it('ends every press when the window loses focus (the release may never come)', () => {
    const { input, target } = rig();
    target.dispatchEvent(pointer('pointerdown', 1));
    target.dispatchEvent(new Event('blur'));
    expect(input.active()).toBe(false);
  });

  it('keeps a press when focus moves between elements (a click on a node focuses it)', () => {
    const input = watchInput(window);
    const before = document.createElement('button');
    const node = document.createElement('div');
    node.tabIndex = 0;
    document.body.append(before, node);
    before.focus();
    window.dispatchEvent(pointer('pointerdown', 1));
    node.focus();
    expect(document.activeElement).toBe(node);
    expect(input.active()).toBe(true);
    window.dispatchEvent(new Event('blur'));
    expect(input.active()).toBe(false);
    input.dispose();
    document.body.replaceChildren();
  });

  it('counts a wheel as turning until it has been still for WHEEL_SETTLE_MS', () => {
    const { input, target, advance } = rig();
    target.dispatchEvent(new Event('wheel'));
    advance(WHEEL_SETTLE_MS - 1);
    expect(input.active()).toBe(true);
    advance(1);
    expect(input.active()).toBe(false);
  });

  it('stops watching once disposed', () => {
    const { input, target } = rig();
    input.dispose();
    target.dispatchEvent(pointer('pointerdown', 1));
    expect(input.active()).toBe(false);
  });
});
