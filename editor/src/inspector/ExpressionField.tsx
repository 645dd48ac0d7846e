import { compileExpression, describeExprType, type GraphProblem } from '@inflow/shared-core';
import { useMemo } from 'react';
import { FieldRow } from './FieldRow';
import type { ExpressionSlot } from './param-fields';

interface ExpressionFieldProps {
  id: string;
  name: string;
  label: string;
  slot: ExpressionSlot;
  required: boolean;
  value: unknown;
  problems: readonly GraphProblem[];
  onChange: (value: string | undefined) => void;
}

/**
 * Where a compile error points, for people: the core counts columns in UTF-16 code units (an
 * emoji is two), the user counts characters.
 */
function errorSpot(source: string, line: number, column: number) {
  const text = source.split('\n')[line - 1] ?? '';
  // The text before the error, copied under the line (hidden) so that tabs and wide characters
  // push the caret as far as they push the error.
  const before = text.slice(0, Math.max(0, column - 1));
  return { text, before, column: [...before].length + 1 };
}
/**
 * A CEL expression, compiled by the core against its slot's variables and result type as it is
 * typed; an error is shown at its line and column, with a caret under the spot.
 */
export function ExpressionField(props: ExpressionFieldProps) {
  const source = typeof props.value === 'string' ? props.value : '';
  const { slot } = props;
  const error = useMemo(() => {
    if (source === '') return undefined;
    const compiled = compileExpression(source, { variables: slot.variables, result: slot.result });
    return compiled.ok ? undefined : compiled.error;
  }, [source, slot]);
  const variables = Object.entries(slot.variables)
    .map(([name, type]) => `${name} (${describeExprType(type)})`)
    .join(', ');
  // The compile error is shown here with its caret; the validator's copy of it would repeat it.
  const others = props.problems.filter((p) => p.code !== 'bad-expression');
  const spot = error ? errorSpot(source, error.line, error.column) : undefined;
  return (
    <FieldRow
      htmlFor={props.id}
      label={props.label}
      testId={`param-${props.name}`}
      description={`${slot.description} Sees ${variables}; gives ${describeExprType(slot.result)}.`}
      required={props.required}
      problems={others}
    >
      <textarea
        id={props.id}
        className="expression"
        rows={2}
        spellCheck={false}
        value={source}
        aria-invalid={error !== undefined}
        aria-describedby={error ? `${props.id}-error` : undefined}
        data-testid={`param-${props.name}`}
        onChange={(e) => {
          const text = e.target.value;
          props.onChange(text === '' && !props.required ? undefined : text);
        }}
      />
      {error && spot && (
        <div
          id={`${props.id}-error`}
          className="expr-error"
          role="alert"
          data-testid={`expr-error-${props.name}`}
          data-line={error.line}
          data-column={spot.column}
        >
          <pre aria-hidden="true">
            {spot.text}
            {'\n'}
            <span className="expr-caret-pad">{spot.before}</span>^
          </pre>
          <span>
            line {error.line}, column {spot.column}: {error.message}
          </span>
        </div>
      )}
    </FieldRow>
  );
}
