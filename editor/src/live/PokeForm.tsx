import type { TypeSpec } from '@inflow/shared-core';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { revealInPanel } from '../panels/reveal-in-panel';
import type { PokeRequest } from './live-api';
import type { PokeOutcome } from './live-store';
import {
  buildPokeOp,
  pokeChoices,
  pokePlaceholders,
  type PokeField,
  type PokeInput,
  type PokeSample,
} from './poke-ops';

export interface PokeTarget {
  name: string;
  online: boolean;
}

const NO_SAMPLE: PokeSample = { key: undefined, value: undefined };

const FIELD_LABELS: Record<PokeField, string> = {
  by: 'by',
  value: 'value',
  key: 'key',
  score: 'score',
  json: 'JSON',
};

/**
 * Applies one operation to a running variable, at the hub or at one agent that holds it: the
 * way to try a pipeline by hand. The operation is checked against the variable's type before it
 * is sent, and the server's answer (or error) is shown.
 */
export function PokeForm({
  nodeId,
  spec,
  targets,
  local = false,
  sample = NO_SAMPLE,
  example,
  computedBy = '',
  apply,
  now = Date.now,
}: {
  nodeId: string;
  spec: TypeSpec | undefined;
  /** What the variable holds now, for placeholders that are examples from this pipeline. */
  sample?: PokeSample;
  /** An element as the operators this variable feeds read it, for when it holds none yet. */
  example?: string;
  /** The operators whose output this variable is (a fold's, say), by name: '' for an input. */
  computedBy?: string;
  /** The agents holding a replica, or (when `local`) a copy of their own. */
  targets: readonly PokeTarget[];
  /** A variable local to each agent (dynamic): the hub holds none, so it is not a target. */
  local?: boolean;
  apply(request: PokeRequest): Promise<PokeOutcome>;
  now?: () => number;
}) {
  const id = useId();
  const choices = pokeChoices(spec);
  const [target, setTarget] = useState(local ? (targets.find((t) => t.online)?.name ?? '') : '');
  const [choiceId, setChoiceId] = useState(choices[0]?.id ?? 'raw');
  const [input, setInput] = useState<PokeInput>({});
  const [result, setResult] = useState<PokeOutcome | undefined>();
  const [busy, setBusy] = useState(false);
  const resultLine = useRef<HTMLParagraphElement>(null);
  // Apply sits low in a long inspector: its answer would land below the fold, unseen.
  useEffect(() => {
    if (resultLine.current) revealInPanel(resultLine.current);
  }, [result]);
  const choice = choices.find((c) => c.id === choiceId) ?? choices[0];
  const placeholders = pokePlaceholders(spec, choiceId, sample, example);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const built = buildPokeOp(spec, choiceId, input, now());
    if (!built.ok) {
      setResult({ ok: false, text: built.error });
      return;
    }
    if (local && target === '') {
      setResult({ ok: false, text: `${nodeId} is local to each agent: choose one that is online` });
      return;
    }
    setBusy(true);
    setResult(undefined);
    const outcome = await apply(target === '' ? { op: built.op } : { op: built.op, agent: target });
    setBusy(false);
    setResult(outcome);
  };

  return (
    <form
      className="live-poke"
      data-testid="poke"
      aria-label={`Apply an operation to ${nodeId}`}
      onSubmit={(e) => void submit(e)}
    >
      <h3>Poke</h3>
      {computedBy !== '' && (
        <p className="field-help live-poke-derived" data-testid="poke-derived">
          {nodeId} is computed by {computedBy}: what you apply here is merged into its output, and
          the pipeline will not take it back. To try the pipeline, poke an input.
        </p>
      )}
      {local && (
        <p className="field-help" data-testid="poke-local">
          Local to each agent (dynamic): an operation changes the chosen agent&apos;s own copy, and
          the hub keeps none.
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-target`}>apply at</label>
        <select
          id={`${id}-target`}
          data-testid="poke-target"
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          {local ? (
            target === '' && <option value="">(no agent online)</option>
          ) : (
            <option value="">the hub</option>
          )}
          {targets.map((t) => (
            <option key={t.name} value={t.name} disabled={!t.online}>
              {t.name}
              {t.online ? '' : ' (offline)'}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${id}-op`}>operation</label>
        <select
          id={`${id}-op`}
          data-testid="poke-op"
          value={choiceId}
          onChange={(e) => {
            setChoiceId(e.target.value);
            setResult(undefined);
          }}
        >
          {choices.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </select>
      </div>
      {choice?.fields.map((field) => (
        <div className="field" key={field}>
          <label htmlFor={`${id}-${field}`}>{FIELD_LABELS[field]}</label>
          {field === 'json' ? (
            <textarea
              id={`${id}-${field}`}
              data-testid={`poke-${field}`}
              rows={3}
              placeholder={placeholders[field]}
              value={input[field] ?? ''}
              onChange={(e) => setInput({ ...input, [field]: e.target.value })}
            />
          ) : (
            <input
              id={`${id}-${field}`}
              data-testid={`poke-${field}`}
              type={field === 'by' || field === 'score' ? 'number' : 'text'}
              placeholder={placeholders[field]}
              value={input[field] ?? ''}
              onChange={(e) => setInput({ ...input, [field]: e.target.value })}
            />
          )}
        </div>
      ))}
      <button type="submit" data-testid="poke-apply" disabled={busy}>
        {busy ? 'Applying…' : 'Apply'}
      </button>
      {result && (
        <p
          ref={resultLine}
          className={result.ok ? 'live-poke-ok' : 'field-errors'}
          data-testid="poke-result"
          data-ok={result.ok}
          role={result.ok ? 'status' : 'alert'}
        >
          {result.text}
        </p>
      )}
    </form>
  );
}
