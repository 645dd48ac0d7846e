export {
  compareValues,
  isValue,
  valueKey,
  valuesEqual,
  type Value,
  type ValueObject,
} from './value.js';
export { readValue, writeValue } from './value-codec.js';
