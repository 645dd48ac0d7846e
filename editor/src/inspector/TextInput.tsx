/**
 * A plain text field of the inspector. When `clearable`, emptying it unsets the value
 * (`undefined`), so an optional parameter or hint falls back to its default.
 */
export function TextInput(props: {
  id: string;
  testId: string;
  value: unknown;
  clearable: boolean;
  invalid?: boolean;
  onChange: (value: string | undefined) => void;
}) {
  return (
    <input
      id={props.id}
      type="text"
      value={typeof props.value === 'string' ? props.value : ''}
      data-testid={props.testId}
      aria-invalid={props.invalid === true}
      onChange={(e) =>
        props.onChange(e.target.value === '' && props.clearable ? undefined : e.target.value)
      }
    />
  );
}
