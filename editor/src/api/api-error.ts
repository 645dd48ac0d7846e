import type { GraphProblem } from '@inflow/shared-core';

/** A non-2xx answer of the control plane, with the fields its error bodies carry. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }

  /** The rev the server holds, on a 409 for a stale rev. */
  get currentRev(): number | undefined {
    return typeof this.body.currentRev === 'number' ? this.body.currentRev : undefined;
  }

  /** Every problem of an invalid graph, on a 422. */
  get problems(): GraphProblem[] {
    return Array.isArray(this.body.problems) ? (this.body.problems as GraphProblem[]) : [];
  }
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** Builds the error from a response whose body may or may not be the API's `{error}` JSON. */
export async function apiErrorFrom(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let body: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(text);
    if (isRecord(parsed)) body = parsed;
  } catch {
    // A proxy or a crashed server may answer with HTML or nothing; the status still says enough.
  }
  const message =
    typeof body.error === 'string'
      ? body.error
      : `the server answered ${response.status} ${response.statusText}`.trim();
  return new ApiError(response.status, message, body);
}
