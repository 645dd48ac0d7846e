import type { GraphProblem } from '@inflow/shared-core';
import { useState } from 'react';
import { getAtPath } from '../store/document-edits';
import { DraftInput, type DraftParse } from './DraftInput';
import { ExpressionField } from './ExpressionField';
import { problemsAt, shortMessage } from './field-problems';
import { FieldRow } from './FieldRow';
import { fieldName, type ParamField } from './param-fields';
import { TextInput } from './TextInput';

export interface ParamControlProps {
  field: ParamField;
  params: Readonly<Record<string, unknown>>;
  /** Where `params` sits in the document (`['nodes', i, 'params']`), to find field problems. */
  base: readonly (string | number)[];
  problems: readonly GraphProblem[];
  /** `undefined` removes the key. */
  onChange: (path: readonly string[], value: unknown) => void;
  idPrefix: string;
}

// Decimal digits only: `Number()` also takes `0x10`, `0b1` and `Infinity`, which are not what
// anyone typing a count means.
const INTEGER = /^[+-]?\d+$/;
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Parses a number field's text, saying what is wrong with text it refuses. */
const parseNumber =
  (integer: boolean): DraftParse<number | undefined> =>
  (raw) => {
    const text = raw.trim();
    if (text === '') return { ok: true, value: undefined };
    if (integer ? INTEGER.test(text) : DECIMAL.test(text)) {
      const n = Number(text);
      if (integer ? Number.isSafeInteger(n) : Number.isFinite(n)) return { ok: true, value: n };
      return { ok: false, error: `"${text}" is too large` };
    }
    if (/^[+-]?0[xob]/i.test(text))
      return { ok: false, error: `"${text}" is not a decimal number; write it in decimal digits` };
    if (/^[+-]?\d+,\d+$/.test(text))
      return { ok: false, error: `"${text}": use a point, not a comma, before the decimals` };
    if (integer && DECIMAL.test(text))
      return { ok: false, error: `"${text}" is not a whole number; write digits only` };
    return { ok: false, error: `"${text}" is not a number` };
  };

const parseJson: DraftParse<unknown> = (text) => {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (e) {
    return { ok: false, error: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
};

const formatNumber = (v: number | undefined) => (v === undefined ? '' : String(v));
const formatJson = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));

/** One generated control for a params field, recursing into nested objects and variants. */
export function ParamControl(props: ParamControlProps) {
  const { field, params, base, onChange } = props;
  const [inputError, setInputError] = useState<string | undefined>();
  const name = fieldName(field.path);
  const id = `${props.idPrefix}-${name}`;
  const testId = `param-${name}`;
  const value = getAtPath(params, field.path);
  const problems = problemsAt(props.problems, [...base, ...field.path]);
  const row = {
    htmlFor: id,
    label: field.key,
    testId,
    description: field.description,
    required: field.required,
    problems,
    inputError,
  };
  const invalid = problems.length > 0 || inputError !== undefined;

  switch (field.kind) {
    case 'expression':
      return (
        <ExpressionField
          id={id}
          name={name}
          label={field.key}
          slot={field.slot}
          required={field.required}
          value={value}
          problems={problems}
          onChange={(v) => onChange(field.path, v)}
        />
      );
    case 'boolean':
      return (
        <FieldRow {...row}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            data-testid={testId}
            aria-invalid={invalid}
            onChange={(e) =>
              onChange(field.path, e.target.checked ? true : field.required ? false : undefined)
            }
          />
        </FieldRow>
      );
    case 'enum':
      return (
        <FieldRow {...row}>
          <select
            id={id}
            value={typeof value === 'string' ? value : ''}
            data-testid={testId}
            aria-invalid={invalid}
            onChange={(e) =>
              onChange(field.path, e.target.value === '' ? undefined : e.target.value)
            }
          >
            {(!field.required || typeof value !== 'string') && <option value="">(none)</option>}
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </FieldRow>
      );
    case 'number':
      return (
        <FieldRow
          {...row}
          description={
            [
              field.description,
              field.min !== undefined || field.max !== undefined
                ? `From ${field.min ?? '−∞'} to ${field.max ?? '∞'}.`
                : undefined,
            ]
              .filter(Boolean)
              .join(' ') || undefined
          }
        >
          <DraftInput
            id={id}
            testId={testId}
            value={typeof value === 'number' ? value : undefined}
            format={formatNumber}
            parse={parseNumber(field.integer)}
            inputMode={field.integer ? 'numeric' : 'decimal'}
            invalid={invalid}
            onInputError={setInputError}
            onCommit={(v) => onChange(field.path, v)}
          />
        </FieldRow>
      );
    case 'text':
      return (
        <FieldRow {...row}>
          <TextInput
            id={id}
            testId={testId}
            value={value}
            clearable={!field.required}
            invalid={invalid}
            onChange={(v) => onChange(field.path, v)}
          />
        </FieldRow>
      );
    case 'json':
      return (
        <FieldRow {...row} description={[field.description, 'JSON.'].filter(Boolean).join(' ')}>
          <DraftInput
            id={id}
            testId={testId}
            value={value}
            format={formatJson}
            parse={parseJson}
            multiline
            invalid={invalid}
            onInputError={setInputError}
            onCommit={(v) => onChange(field.path, v)}
          />
        </FieldRow>
      );
    case 'object':
      return (
        <fieldset className="param-group" data-testid={testId}>
          <legend>{field.key}</legend>
          {problems.length > 0 && (
            <ul className="field-errors" role="alert" data-testid={`${testId}-error`}>
              {problems.map((p, i) => (
                <li key={i}>{shortMessage(p)}</li>
              ))}
            </ul>
          )}
          {field.fields.map((f) => (
            <ParamControl key={f.key} {...props} field={f} />
          ))}
        </fieldset>
      );
    case 'variant':
      return <VariantControl {...props} field={field} />;
  }
}

/** A union told apart by one constant field (a threshold's `kind`): a select, then its fields. */
function VariantControl(
  props: ParamControlProps & { field: Extract<ParamField, { kind: 'variant' }> },
) {
  const { field, params, onChange } = props;
  const name = fieldName(field.path);
  const id = `${props.idPrefix}-${name}`;
  const value = getAtPath(params, field.path);
  const current =
    typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const chosen = field.variants.find((v) => v.value === current[field.discriminator]);
  const choose = (next: string) => {
    const variant = field.variants.find((v) => v.value === next);
    if (!variant) return;
    // Fields both variants share (a threshold's n) keep their values across the switch.
    const kept = Object.fromEntries(
      variant.fields.filter((f) => f.key in current).map((f) => [f.key, current[f.key]]),
    );
    onChange(field.path, { [field.discriminator]: next, ...kept });
  };
  const problems = problemsAt(props.problems, [...props.base, ...field.path, field.discriminator]);
  return (
    <fieldset className="param-group" data-testid={`param-${name}`}>
      <legend>{field.key}</legend>
      <FieldRow
        htmlFor={id}
        label={field.discriminator}
        testId={`param-${name}.${field.discriminator}`}
        problems={[...problemsAt(props.problems, [...props.base, ...field.path]), ...problems]}
        required
      >
        <select
          id={id}
          value={chosen?.value ?? ''}
          data-testid={`param-${name}.${field.discriminator}`}
          onChange={(e) => choose(e.target.value)}
        >
          {!chosen && <option value="">(choose)</option>}
          {field.variants.map((v) => (
            <option key={v.value} value={v.value}>
              {v.value}
            </option>
          ))}
        </select>
      </FieldRow>
      {chosen?.fields.map((f) => (
        <ParamControl key={f.key} {...props} field={f} />
      ))}
    </fieldset>
  );
}
