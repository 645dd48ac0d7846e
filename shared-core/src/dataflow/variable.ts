import type { AnyCrdtType } from '../crdt/crdt-type.js';
import type { TypeSpec } from '../crdt/type-spec.js';

/**
 * A runtime variable: a lattice (a CRDT state, replicated unless dynamic) or a value computed
 * locally from other variables (a fold's sum), which is never replicated and may go down.
 */
export class Variable {
  private constructor(
    readonly id: string,
    readonly kind: 'lattice' | 'value',
    readonly spec: TypeSpec | undefined,
    readonly type: AnyCrdtType | undefined,
    private current: unknown,
    readonly dynamic: boolean,
    readonly derived: boolean,
  ) {}

  static lattice(
    id: string,
    spec: TypeSpec | undefined,
    type: AnyCrdtType,
    options: { dynamic?: boolean; derived?: boolean },
  ): Variable {
    return new Variable(
      id,
      'lattice',
      spec,
      type,
      type.bottom(),
      options.dynamic ?? false,
      options.derived ?? false,
    );
  }

  static value(
    id: string,
    initial: unknown,
    type: AnyCrdtType | undefined,
    spec: TypeSpec | undefined,
  ): Variable {
    return new Variable(id, 'value', spec, type, initial, false, true);
  }

  get state(): unknown {
    return this.current;
  }

  query(): unknown {
    return this.type ? this.type.query(this.current) : this.current;
  }

  /** Replaces a derived value; returns whether it changed. */
  replaceValue(next: unknown): boolean {
    const same = this.type
      ? this.type.equals(this.current, next)
      : Object.is(this.current, next) || sameJson(this.current, next);
    if (same) return false;
    this.current = next;
    return true;
  }
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
