import type { z } from 'zod';
import { AppError } from '../app-error.js';

/** Validates a request body or payload, or throws a 400 that names every offending field. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  input: unknown,
  what: string,
): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  throw new AppError(400, `invalid ${what}: ${summary}`, { issues });
}
