/**
 * An expected failure with the HTTP status it maps to and a message specific enough for the
 * caller to fix the request. `details` are merged into the JSON body next to `error`.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string, id: string): AppError =>
  new AppError(404, `no ${what} with id "${id}"`);
