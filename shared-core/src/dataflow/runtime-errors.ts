/** A problem inside the runtime that does not stop it: a bad element for an expression, a failed action. */
export interface RuntimeIssue {
  /** The process or variable where it happened. */
  where: string;
  message: string;
}

export class RuntimeError extends Error {
  override readonly name = 'RuntimeError';
}
