import { fmt, type Goal, type Row } from './harness.js';

/** Rates and ratios are better high; times and sizes are better low. */
export const higherIsBetter = (unit: string): boolean => unit.endsWith('/s') || unit === '×';

/** The best row of each (workload, metric) among rival systems, when there is more than one. */
export function bestRows(
  rows: readonly Row[],
  comparable: (row: Row) => boolean,
  higher: (row: Row) => boolean = (row) => higherIsBetter(row.unit),
): Set<Row> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    if (!comparable(row) || !Number.isFinite(row.value)) continue;
    const key = `${row.workload}\u0000${row.metric}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const best = new Set<Row>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const high = group[0] ? higher(group[0]) : false;
    const top = group.reduce((a, b) => ((high ? b.value > a.value : b.value < a.value) ? b : a));
    best.add(top);
  }
  return best;
}

export function renderTable(rows: readonly Row[], best: ReadonlySet<Row>): string {
  const header = ['workload', 'system', 'metric', 'value', 'unit', 'best'];
  const cells = rows.map((r) => [
    r.workload,
    r.system,
    r.metric,
    fmt(r.value),
    r.unit,
    best.has(r) ? '◀ best' : '',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: readonly string[]) =>
    c
      .map((cell, i) => (i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  ')];
  let previous = '';
  for (const [i, c] of cells.entries()) {
    const workload = rows[i]?.workload ?? '';
    if (previous && workload !== previous) out.push('');
    previous = workload;
    out.push(line(c));
  }
  return out.join('\n');
}

export function renderGoals(goals: readonly Goal[]): string {
  return goals
    .map((g) => `${g.met ? 'MET    ' : 'NOT MET'}  ${g.workload}: ${g.text} — ${g.detail}`)
    .join('\n');
}
