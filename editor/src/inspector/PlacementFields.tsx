import type { GraphNode, GraphProblem } from '@inflow/shared-core';
import { useState } from 'react';
import { DraftInput } from './DraftInput';
import { problemsAt, shortMessage } from './field-problems';
import { FieldRow } from './FieldRow';
import {
  describePlacement,
  formatLabels,
  parseLabels,
  parseAgentName,
  placementFields,
  placementHelp,
  type PlacementField,
} from './placement-fields';

interface PlacementFieldsProps {
  node: GraphNode;
  index: number;
  problems: readonly GraphProblem[];
  /** `undefined` removes the hint. */
  onChange: (key: string, value: unknown) => void;
}

type Labels = Readonly<Record<string, string>>;

const isLabels = (x: unknown): x is Labels =>
  typeof x === 'object' && x !== null && Object.values(x).every((v) => typeof v === 'string');

/**
 * Where the node may run: constraints and preferences for the placement engine. Most nodes have
 * none, so the group starts closed, with a summary of the hints, unless the node has hints or
 * placement problems; a problem that appears while it is closed shows in the summary.
 */
export function PlacementFields({ node, index, problems, onChange }: PlacementFieldsProps) {
  const placement: Readonly<Record<string, unknown>> = node.placement ?? {};
  const base = ['nodes', index, 'placement'] as const;
  const whole = problemsAt(problems, base);
  const byField = new Map(
    placementFields().map((f) => [f.key, problemsAt(problems, [...base, f.key])]),
  );
  const problemCount = whole.length + [...byField.values()].reduce((n, ps) => n + ps.length, 0);
  const hints = describePlacement(node.placement);
  // Decided once per node: the group must not close under the user as they clear a hint.
  const [initiallyOpen] = useState(hints !== '' || problemCount > 0);
  return (
    <details className="param-group placement-group" data-testid="placement" open={initiallyOpen}>
      <summary data-testid="placement-summary">
        Placement <span className="hint">· {hints === '' ? 'no hints' : hints}</span>
        {problemCount > 0 && (
          <span className="placement-problem-count">
            {' '}
            · {problemCount} problem{problemCount === 1 ? '' : 's'}
          </span>
        )}
      </summary>
      {whole.length > 0 && (
        <ul className="field-errors" role="alert" data-testid="placement-error">
          {whole.map((p, i) => (
            <li key={i}>{shortMessage(p)}</li>
          ))}
        </ul>
      )}
      {placementFields().map((field) => (
        <PlacementControl
          key={field.key}
          field={field}
          nodeId={node.id}
          value={placement[field.key]}
          problems={byField.get(field.key) ?? []}
          onChange={(v) => onChange(field.key, v)}
        />
      ))}
    </details>
  );
}

interface PlacementControlProps {
  field: PlacementField;
  nodeId: string;
  value: unknown;
  problems: readonly GraphProblem[];
  onChange: (value: unknown) => void;
}

function PlacementControl({ field, nodeId, value, problems, onChange }: PlacementControlProps) {
  const [inputError, setInputError] = useState<string | undefined>();
  const id = `placement-${nodeId}-${field.key}`;
  const testId = `placement-${field.key}`;
  const description = placementHelp(field);
  const row = { htmlFor: id, label: field.key, testId, description, problems, inputError };
  switch (field.kind) {
    case 'labels':
      return (
        <FieldRow {...row}>
          <DraftInput
            id={id}
            testId={testId}
            value={isLabels(value) ? value : undefined}
            format={formatLabels}
            parse={parseLabels}
            invalid={inputError !== undefined || problems.length > 0}
            onInputError={setInputError}
            onCommit={onChange}
          />
        </FieldRow>
      );
    case 'flag':
      return (
        <FieldRow {...row}>
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            data-testid={testId}
            onChange={(e) => onChange(e.target.checked ? true : undefined)}
          />
        </FieldRow>
      );
    case 'text':
      return (
        <FieldRow {...row}>
          <DraftInput
            id={id}
            testId={testId}
            value={typeof value === 'string' ? value : undefined}
            format={(v) => v ?? ''}
            parse={parseAgentName}
            invalid={inputError !== undefined || problems.length > 0}
            onInputError={setInputError}
            onCommit={onChange}
          />
        </FieldRow>
      );
    case 'choice':
      return (
        <FieldRow {...row}>
          <select
            id={id}
            value={value === undefined ? '' : String(value)}
            data-testid={testId}
            onChange={(e) => onChange(field.options.find((o) => String(o) === e.target.value))}
          >
            <option value="">(default)</option>
            {field.options.map((o) => (
              <option key={String(o)} value={String(o)}>
                {String(o)}
              </option>
            ))}
          </select>
        </FieldRow>
      );
  }
}
