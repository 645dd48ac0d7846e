import { clipText, elementText } from '@inflow/shared-core';
import { formatNumber, plural } from '../text/count';
/** A live value as a node shows it: one headline, a few items, and how many more there are. */
export interface FormattedValue {
  headline: string;
  items: string[];
  /** Items not shown. */
  more: number;
  /** The whole value, for a tooltip (cut at TITLE_LIMIT characters). */
  title: string;
}

/** Items a node shows; the canvas stays readable, the tooltip and inspector have the rest. */
export const MAX_ITEMS = 3;
const ITEM_LIMIT = 40;
const TITLE_LIMIT = 600;

const COUNTERS = new Set(['gcounter', 'pncounter', 'maxint']);
const FLAGS = new Set(['boolean', 'ewflag', 'dwflag']);
const MAPS = new Set(['gmap', 'awmap']);

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** The items as one line: the first few, then how many more. */
export function itemsLine(f: FormattedValue): string {
  return [...f.items, ...(f.more > 0 ? [`+${formatNumber(f.more)} more`] : [])].join(', ');
}

/** A compact rendering of any value: strings bare, numbers grouped, the rest as JSON. */
export function compact(value: unknown): string {
  if (typeof value === 'string') return clipText(value, ITEM_LIMIT);
  if (typeof value === 'number') return formatNumber(value);
  if (value === undefined) return '—';
  return elementText(value, ITEM_LIMIT);
}

function fullTitle(value: unknown): string {
  try {
    return clipText(JSON.stringify(value, null, 1) ?? String(value), TITLE_LIMIT);
  } catch {
    return String(value);
  }
}

function listed(headline: string, items: string[], value: unknown): FormattedValue {
  return {
    headline,
    items: items.slice(0, MAX_ITEMS),
    more: Math.max(0, items.length - MAX_ITEMS),
    title: fullTitle(value),
  };
}

const isTopK = (xs: unknown[]): xs is { key: unknown; score: unknown }[] =>
  xs.every((x) => isRecord(x) && 'key' in x && 'score' in x);

function formatMap(value: Record<string, unknown>): FormattedValue {
  const entries = Object.entries(value);
  const numbers = entries.map(([, v]) => v).filter((v): v is number => typeof v === 'number');
  // A map of counters (impressions per ad) reads best with its total, first, so that a clip at
  // the card's edge takes the count of keys rather than the total.
  const total =
    entries.length > 0 && numbers.length === entries.length
      ? `Σ ${formatNumber(numbers.reduce((a, b) => a + b, 0))} · `
      : '';
  return listed(
    `${total}${plural(entries.length, 'key')}`,
    entries.map(([k, v]) => `${clipText(k, 20)}: ${compact(v)}`),
    value,
  );
}

/**
 * A variable's value at the hub, formatted by its CRDT type (`type`, when known) or else by its
 * shape: a counter's number, a set's size and first members, a map's entries, a top-K list.
 */
export function formatValue(value: unknown, type?: string): FormattedValue {
  if (value === null || value === undefined) return listed('unset', [], value);
  if (typeof value === 'number' && (type === undefined || COUNTERS.has(type))) {
    return listed(formatNumber(value), [], value);
  }
  if (typeof value === 'boolean') {
    const on = FLAGS.has(type ?? '') ? (value ? 'enabled' : 'disabled') : String(value);
    return listed(on, [], value);
  }
  if (Array.isArray(value)) {
    if (type === 'topk' || (type === undefined && value.length > 0 && isTopK(value))) {
      const ranked = isTopK(value) ? value : [];
      return listed(
        `top ${formatNumber(ranked.length)}`,
        ranked.map((e, i) => `${i + 1}. ${compact(e.key)} ${compact(e.score)}`),
        value,
      );
    }
    if (type === 'pair' && value.length === 2) {
      return listed(`(${compact(value[0])}, ${compact(value[1])})`, [], value);
    }
    if (type === 'mvregister') {
      return listed(
        value.length > 1 ? `${value.length} concurrent values` : compact(value[0]),
        value.length > 1 ? value.map(compact) : [],
        value,
      );
    }
    return listed(plural(value.length, 'element'), value.map(compact), value);
  }
  if (isRecord(value) && (type === undefined || MAPS.has(type))) return formatMap(value);
  return listed(compact(value), [], value);
}
