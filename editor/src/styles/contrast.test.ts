import { beforeAll, describe, expect, it } from 'vitest';

// Read from disk: Vitest hands CSS imports (even `?raw`) over empty. The editor's types have no
// Node, so the module is named through a variable and typed by hand.
interface Fs {
  readFileSync(path: URL, encoding: 'utf8'): string;
}
let base = '';
let liveCss = '';
beforeAll(async () => {
  const fsName = 'node:fs';
  const fs = (await import(/* @vite-ignore */ fsName)) as Fs;
  base = fs.readFileSync(new URL('./base.css', import.meta.url), 'utf8');
  liveCss = fs.readFileSync(new URL('../live/live.css', import.meta.url), 'utf8');
});

/** The declarations of the rule with exactly this selector. */
function declarations(source: string, selector: string): Map<string, string> {
  const at = source.indexOf(`${selector} {`);
  if (at < 0) throw new Error(`no rule ${selector}`);
  const body = source.slice(source.indexOf('{', at) + 1, source.indexOf('}', at));
  return new Map(
    body
      .split(';')
      .map((d) => d.split(':').map((p) => p.trim()))
      .filter((d): d is [string, string] => d.length === 2 && d[0] !== ''),
  );
}

const rootVar = (name: string) => declarations(base, ':root').get(name) ?? '';
const resolve = (value: string) =>
  value.replace(/^var\((--[\w-]+)\)$/, (_, v: string) => rootVar(v));

/** WCAG 2 relative luminance of a `#rrggbb` colour. */
function luminance(hex: string): number {
  const [r = 0, g = 0, b = 0] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('text contrast', () => {
  it("keeps other deployments' event rows at 4.5:1 or more on the side panel, without opacity", () => {
    const rule = declarations(liveCss, '.live-events li.is-other');
    expect(rule.has('opacity')).toBe(false);
    const colour = resolve(rule.get('color') ?? 'var(--text)');
    expect(colour).toMatch(/^#[0-9a-f]{6}$/i);
    expect(contrast(colour, rootVar('--panel'))).toBeGreaterThanOrEqual(4.5);
  });
});
