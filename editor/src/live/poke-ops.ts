import {
  COUNTER_TYPES,
  crdtType,
  typeSpecSchema,
  type GraphNode,
  type Operation,
  type TypeName,
  type TypeSpec,
} from '@inflow/shared-core';

/** The form fields an operation needs. */
export type PokeField = 'by' | 'value' | 'key' | 'score' | 'json';

export interface PokeChoice {
  id: string;
  label: string;
  fields: readonly PokeField[];
}

export type PokeInput = Partial<Record<PokeField, string>>;

export type BuiltOp = { ok: true; op: Operation } | { ok: false; error: string };

const RAW: PokeChoice = { id: 'raw', label: 'raw JSON operation', fields: ['json'] };

const isCounter = (spec: TypeSpec) => (COUNTER_TYPES as readonly TypeName[]).includes(spec.name);

/** A variable node's CRDT type, as the core reads it from the node's type and params. */
export function variableSpec(node: Pick<GraphNode, 'type' | 'params'>): TypeSpec | undefined {
  const { dynamic: _dynamic, ...params } = node.params;
  const parsed = typeSpecSchema.safeParse({ name: node.type, ...params });
  return parsed.success ? parsed.data : undefined;
}

/** The operations the poke form offers for a type, the most common first; raw JSON always. */
export function pokeChoices(spec: TypeSpec | undefined): PokeChoice[] {
  const set = (...ops: ('add' | 'remove')[]) =>
    ops.map((op) => ({ id: op, label: `${op} an element`, fields: ['value'] as const }));
  switch (spec?.name) {
    case 'gcounter':
      return [{ id: 'increment', label: 'increment', fields: ['by'] }, RAW];
    case 'pncounter':
      return [
        { id: 'increment', label: 'increment', fields: ['by'] },
        { id: 'decrement', label: 'decrement', fields: ['by'] },
        RAW,
      ];
    case 'maxint':
      return [
        { id: 'increment', label: 'increment', fields: ['by'] },
        { id: 'set', label: 'raise to', fields: ['value'] },
        RAW,
      ];
    case 'gset':
      return [...set('add'), RAW];
    case 'twopset':
    case 'orset':
    case 'awset':
      return [...set('add', 'remove'), RAW];
    case 'gmap':
    case 'awmap': {
      const apply: PokeChoice = isCounter(spec.value)
        ? { id: 'apply-increment', label: 'increment a key', fields: ['key', 'by'] }
        : { id: 'apply', label: 'apply to a key', fields: ['key', 'json'] };
      const remove: PokeChoice[] =
        spec.name === 'awmap' ? [{ id: 'remove-key', label: 'remove a key', fields: ['key'] }] : [];
      return [apply, ...remove, RAW];
    }
    case 'topk':
      return [{ id: 'add-score', label: 'add a score', fields: ['key', 'score'] }, RAW];
    case 'boolean':
      return [{ id: 'enable', label: 'enable', fields: [] }, RAW];
    case 'ewflag':
    case 'dwflag':
      return [
        { id: 'enable', label: 'enable', fields: [] },
        { id: 'disable', label: 'disable', fields: [] },
        RAW,
      ];
    case 'lwwregister':
    case 'mvregister':
    case 'ivar':
      return [{ id: 'set', label: 'set', fields: ['value'] }, RAW];
    default:
      return [RAW];
  }
}

const MAX_EXAMPLE = 60;

/** A value as the form takes it: text as itself, anything else as JSON. */
function typed(value: unknown): string | undefined {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text === undefined || text.length > MAX_EXAMPLE ? undefined : text;
}

/** An operation of a type, to show the shape a JSON field takes. */
const SOME_OP = '{"op": "…"}';

function exampleOp(spec: TypeSpec | undefined): string {
  const first = pokeChoices(spec)[0];
  if (!spec || !first || first.id === 'raw') return SOME_OP;
  const inner = spec.name === 'gmap' || spec.name === 'awmap' ? exampleOp(spec.value) : SOME_OP;
  const example = { by: '1', value: 'x', key: 'x', score: '1', json: inner };
  const built = buildPokeOp(spec, first.id, example, 0);
  return built.ok ? JSON.stringify(built.op) : SOME_OP;
}

/** What a variable holds now that its placeholders can offer as examples: a key and a value. */
export interface PokeSample {
  key: string | undefined;
  value: string | undefined;
}

/**
 * The example `current` offers: its first element (or a top-K entry's key, or a map's first
 * key), or a register's value. Plain strings, so that the inspector, which reads it on every
 * live update, re-renders only when the example changes.
 */
export function pokeSample(spec: TypeSpec | undefined, current: unknown): PokeSample {
  const first = Array.isArray(current) ? (current[0] as unknown) : undefined;
  const key =
    spec?.name === 'topk'
      ? typed((first as { key?: unknown } | undefined)?.key)
      : current !== null && typeof current === 'object' && !Array.isArray(current)
        ? Object.keys(current)[0]
        : undefined;
  const element = spec?.name === 'topk' ? undefined : typed(first);
  const register = spec?.name === 'lwwregister' || spec?.name === 'ivar';
  return { key, value: element ?? (register ? typed(current) : undefined) };
}

/**
 * What each field's placeholder suggests, for this variable: an element or key it holds now when
 * there is one (`sample`, so the example is this pipeline's, not another's), else the element
 * its readers expect (`shape`, see elementExample), else the shape the type takes.
 */
export function pokePlaceholders(
  spec: TypeSpec | undefined,
  choice: string,
  sample: PokeSample,
  shape?: string,
): Record<PokeField, string> {
  return {
    by: '1',
    score: '42',
    key: sample.key ?? 'a key',
    value:
      sample.value ??
      shape ??
      (spec?.name === 'maxint' ? '10' : 'text, or JSON such as {"id": "a-1"}'),
    // A map's "apply to a key" takes the operation of its values; raw JSON, the map's own.
    json:
      choice === 'apply' && (spec?.name === 'gmap' || spec?.name === 'awmap')
        ? exampleOp(spec.value)
        : exampleOp(spec),
  };
}

/** An element or value as typed: JSON when it parses (`42`, `{"id": "a"}`), else the text itself. */
export function parseLoose(text: string): unknown {
  const trimmed = text.trim();
  try {
    return JSON.parse(trimmed) as unknown;
  } catch {
    return trimmed;
  }
}

/** An operation before its type's schema checked it. */
type Draft = { ok: true; op: unknown } | { ok: false; error: string };

function parseJson(text: string | undefined, what: string, wrap: (v: unknown) => unknown): Draft {
  try {
    return { ok: true, op: wrap(JSON.parse(text ?? '') as unknown) };
  } catch (e) {
    return {
      ok: false,
      error: `${what} is not JSON: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

const byOf = (input: PokeInput) => ((input.by ?? '').trim() === '' ? {} : { by: Number(input.by) });

/** The choices that name a key; an empty one is a slip (the placeholder looks like a key), not a key. */
const KEYED = new Set(['apply-increment', 'apply', 'remove-key', 'add-score']);

function draft(choice: string, input: PokeInput, now: number, spec: TypeSpec | undefined): Draft {
  const key = (input.key ?? '').trim();
  if (KEYED.has(choice) && key === '') return { ok: false, error: 'enter a key' };
  switch (choice) {
    case 'increment':
    case 'decrement':
      return { ok: true, op: { op: choice, ...byOf(input) } };
    case 'add':
    case 'remove':
      if ((input.value ?? '').trim() === '') return { ok: false, error: 'enter an element' };
      return { ok: true, op: { op: choice, value: parseLoose(input.value ?? '') } };
    case 'set':
      if ((input.value ?? '').trim() === '') return { ok: false, error: 'enter a value' };
      return {
        ok: true,
        op: {
          op: 'set',
          value: parseLoose(input.value ?? ''),
          // The only wall clock of the model: a last-writer-wins write carries its time.
          ...(spec?.name === 'lwwregister' ? { timestamp: now } : {}),
        },
      };
    case 'apply-increment':
      return { ok: true, op: { op: 'apply', key, inner: { op: 'increment', ...byOf(input) } } };
    case 'apply':
      return parseJson(input.json, 'the inner operation', (inner) => ({ op: 'apply', key, inner }));
    case 'remove-key':
      return { ok: true, op: { op: 'remove', key } };
    case 'add-score':
      return { ok: true, op: { op: 'add', key, score: Number((input.score ?? '').trim() || NaN) } };
    case 'enable':
    case 'disable':
      return { ok: true, op: { op: choice } };
    default:
      return parseJson(input.json, 'the operation', (op) => op);
  }
}

/**
 * The operation a poke form describes, checked by the variable type's own schema (the one the
 * server applies), so a wrong field is named before anything is sent.
 */
export function buildPokeOp(
  spec: TypeSpec | undefined,
  choice: string,
  input: PokeInput,
  now: number,
): BuiltOp {
  const built = draft(choice, input, now, spec);
  if (!built.ok) return built;
  if (!spec) {
    const op = built.op;
    return typeof op === 'object' && op !== null && typeof (op as { op?: unknown }).op === 'string'
      ? { ok: true, op: op as Operation }
      : { ok: false, error: 'an operation is an object with an "op" field' };
  }
  const checked = crdtType(spec).opSchema.safeParse(built.op);
  if (checked.success) return { ok: true, op: checked.data as Operation };
  const issue = checked.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return {
    ok: false,
    error: `not an operation of ${spec.name}: ${where}${issue?.message ?? 'invalid'}`,
  };
}
