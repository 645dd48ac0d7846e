import { clipText } from '@inflow/shared-core';
import { AppError } from '../app-error.js';

// Query parameters arrive as whatever the query parser made of them (a string, an array when
// repeated, an object for `a[b]=`), so each is checked here with a message naming the parameter
// rather than a schema library's words about types.

/** The one value of a query parameter, or a 400 when it is repeated, nested or empty. */
export function singleParam(value: unknown, name: string): string {
  if (Array.isArray(value)) {
    throw new AppError(400, `${name} must be given once, not ${value.length} times`);
  }
  if (typeof value !== 'string') {
    throw new AppError(400, `${name} must be a plain value (${name}=…), not a nested one`);
  }
  if (value === '') throw new AppError(400, `${name} must not be empty`);
  return value;
}

/** A query parameter that is a positive whole number (`?rev=3`), or a 400 that says so. */
export function positiveIntegerParam(value: unknown, name: string): number {
  const text = singleParam(value, name);
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (Number.isSafeInteger(n) && n >= 1) return n;
  throw new AppError(400, `${name} must be a positive whole number, not "${clipText(text, 41)}"`);
}
