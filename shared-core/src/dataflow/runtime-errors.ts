/** A problem inside the runtime that does not stop it: a bad element for an expression, a failed action. */
export interface RuntimeIssue {
  /** The process or variable where it happened. */
  where: string;
  message: string;
  /** The element it happened on, when there was one: what an operator looks for in the inputs. */
  element?: unknown;
}

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}

/** A RuntimeError about one input element, which the issue it becomes names. */
export class ElementError extends RuntimeError {
  constructor(
    message: string,
    readonly element: unknown,
  ) {
    super(message);
  }
}

/** The longest element text an issue carries: enough to recognise it, bounded for the event log. */
export const MAX_ELEMENT_TEXT = 200;

/** `text`, cut to at most `max` characters, the last an ellipsis when anything was cut. */
export const clipText = (text: string, max: number): string =>
  text.length > max ? `${text.slice(0, max - 1)}…` : text;

/** An element as an issue shows it: its JSON, cut at `max` characters. */
export function elementText(element: unknown, max = MAX_ELEMENT_TEXT): string {
  let json: string;
  try {
    json = JSON.stringify(element) ?? String(element);
  } catch {
    json = String(element);
  }
  return clipText(json, max);
}
