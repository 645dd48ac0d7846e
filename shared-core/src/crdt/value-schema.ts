import { z } from 'zod';
import { isValue, MAX_ELEMENT_DEPTH, type Value } from '../values/value.js';

/** An element value in an op: JSON data with finite numbers. */
export const valueSchema = z.custom<Value>(
  (v) => isValue(v),
  `expected JSON data (finite numbers, nested at most ${MAX_ELEMENT_DEPTH} deep)`,
);
