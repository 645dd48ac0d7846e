import { useEffect, useState } from 'react';

export type DraftParse<T> = (text: string) => { ok: true; value: T } | { ok: false; error: string };

interface DraftInputProps<T> {
  id: string;
  testId: string;
  value: T;
  format: (value: T) => string;
  parse: DraftParse<T>;
  onCommit: (value: T) => void;
  onInputError: (error: string | undefined) => void;
  multiline?: boolean;
  invalid?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'text';
}

/**
 * A text control that keeps what is typed while it does not parse yet (a half-typed number or
 * JSON), commits every state that parses, and takes outside changes of the value (undo).
 */
export function DraftInput<T>(props: DraftInputProps<T>) {
  const { value, format, parse, onCommit, onInputError } = props;
  const [draft, setDraft] = useState(() => format(value));
  const [committed, setCommitted] = useState(value);
  const [error, setError] = useState<string | undefined>();
  if (!Object.is(value, committed)) {
    // The text is replaced by the document's value, so the error of the old text goes with it.
    setCommitted(value);
    setDraft(format(value));
    setError(undefined);
  }
  // Reported after rendering: the reset above happens during render, when the parent may not be
  // updated.
  useEffect(() => onInputError(error), [error, onInputError]);
  const onChange = (text: string) => {
    setDraft(text);
    const parsed = parse(text);
    setError(parsed.ok ? undefined : parsed.error);
    if (!parsed.ok) return;
    setCommitted(parsed.value);
    onCommit(parsed.value);
  };
  const common = {
    id: props.id,
    value: draft,
    'data-testid': props.testId,
    'aria-invalid': props.invalid === true,
    spellCheck: false,
  };
  return props.multiline ? (
    <textarea {...common} rows={3} onChange={(e) => onChange(e.target.value)} />
  ) : (
    <input
      {...common}
      type="text"
      inputMode={props.inputMode}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
