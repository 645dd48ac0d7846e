export { ByteReader } from './byte-reader.js';
export { ByteWriter } from './byte-writer.js';
export { DecodeError, type DecodeResult } from './decode-error.js';
