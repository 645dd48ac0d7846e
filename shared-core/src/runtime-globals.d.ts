// shared-core targets every JavaScript runtime (Node, browsers) and so takes no DOM or Node
// typings; these are the only runtime globals it uses, present in all of them.
declare class TextEncoder {
  encode(input: string): Uint8Array;
  encodeInto(input: string, dest: Uint8Array): { read: number; written: number };
}
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  decode(input: Uint8Array): string;
}
declare function structuredClone<T>(value: T): T;
