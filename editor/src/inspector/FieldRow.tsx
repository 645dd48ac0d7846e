import type { GraphProblem } from '@inflow/shared-core';
import type { ReactNode } from 'react';
import { shortMessage } from './field-problems';

interface FieldRowProps {
  /** The control's id, which the label points at. */
  htmlFor: string;
  label: string;
  /** Used for `<name>-error` test ids. */
  testId: string;
  description?: string | undefined;
  required?: boolean;
  problems?: readonly GraphProblem[];
  /** An error of the text as typed (a number or JSON that does not parse). */
  inputError?: string | undefined;
  children: ReactNode;
}

/** A labelled control with its help text and the validator's problems for that field. */
export function FieldRow(props: FieldRowProps) {
  // While the text does not parse, the document keeps its last value, which the field no longer
  // shows: the validator's problems are about that value, so only the text's error is shown.
  const errors =
    props.inputError === undefined ? (props.problems ?? []).map(shortMessage) : [props.inputError];
  return (
    <div className={`field${errors.length > 0 ? ' field-invalid' : ''}`}>
      <label htmlFor={props.htmlFor}>
        {props.label}
        {props.required && <span aria-hidden="true"> *</span>}
      </label>
      {props.children}
      {props.description !== undefined && <small className="field-help">{props.description}</small>}
      {errors.length > 0 && (
        <ul className="field-errors" role="alert" data-testid={`${props.testId}-error`}>
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
