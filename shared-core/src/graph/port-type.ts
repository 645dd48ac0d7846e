import { typeSpecToString, type TypeSpec } from '../crdt/type-spec.js';

/**
 * What travels along an edge: a CRDT state of some type (joined downstream), a derived number
 * (a fold's sum, count, min or max), or actions (updates sent by triggers and sources).
 */
export type PortType =
  { port: 'state'; spec: TypeSpec; dynamic?: boolean } | { port: 'value' } | { port: 'action' };

/** What an input handle takes. */
export type InputAccepts =
  /** the state of an orset or awset: the sets whose elements carry Lasp's metadata */
  | 'set'
  /** the state of the variable's own type (bind_to), or actions */
  | 'own-type'
  /** the state of a variable declared dynamic */
  | 'dynamic-state'
  /** any state (a trigger's watched variable; its params decide which types fit) */
  | 'any-state'
  /** any state or value (sinks) */
  | 'state-or-value';

/** What an output handle carries; the exact PortType follows from the node's params. */
export type OutputCarries =
  /** the state of the variable's own type */
  | 'own-type'
  /** an orset state (set operators) */
  | 'orset'
  /** a topk state for `aggregate: topk`, else a value */
  | 'fold-result'
  | 'action';

export const SET_PORT_TYPES = ['orset', 'awset'] as const;

export const typeSpecsEqual = (a: TypeSpec, b: TypeSpec): boolean =>
  typeSpecToString(a) === typeSpecToString(b);

export function describePortType(t: PortType): string {
  switch (t.port) {
    case 'state':
      return `${t.dynamic ? 'a dynamic' : 'a'} state of ${typeSpecToString(t.spec)}`;
    case 'value':
      return 'a number (a fold value)';
    case 'action':
      return 'actions';
  }
}

/** `ownType` is the target variable's type, when the input is a variable's `in`. */
export function describeAccepts(accepts: InputAccepts, ownType?: TypeSpec): string {
  switch (accepts) {
    case 'set':
      return 'a set (orset or awset)';
    case 'own-type':
      return `a state of ${ownType ? typeSpecToString(ownType) : 'its own type'} or actions`;
    case 'dynamic-state':
      return 'the state of a dynamic variable';
    case 'any-state':
      return 'a state';
    case 'state-or-value':
      return 'a state or a value';
  }
}

/** Whether a port of type `t` fits an input that takes `accepts`. */
export function portFits(t: PortType, accepts: InputAccepts, ownType?: TypeSpec): boolean {
  switch (accepts) {
    case 'set':
      return t.port === 'state' && (SET_PORT_TYPES as readonly string[]).includes(t.spec.name);
    case 'own-type':
      return (
        t.port === 'action' ||
        (t.port === 'state' && (ownType === undefined || typeSpecsEqual(t.spec, ownType)))
      );
    case 'dynamic-state':
      return t.port === 'state' && t.dynamic === true;
    case 'any-state':
      return t.port === 'state';
    case 'state-or-value':
      return t.port !== 'action';
  }
}
