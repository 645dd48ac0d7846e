import { createAwMap } from './awmap.js';
import { awset } from './awset.js';
import { boolean } from './boolean.js';
import { isCausal } from './causal-type.js';
import type { AnyCrdtType } from './crdt-type.js';
import { erase } from './erase.js';
import { gcounter } from './gcounter.js';
import { dwflag } from './dwflag.js';
import { ewflag } from './ewflag.js';
import { createGMap } from './gmap.js';
import { gset } from './gset.js';
import { ivar } from './ivar.js';
import { lwwregister } from './lwwregister.js';
import { maxint } from './maxint.js';
import { mvregister } from './mvregister.js';
import { orset } from './orset.js';
import { createPair } from './pair.js';
import { pncounter } from './pncounter.js';
import { createTopK } from './topk.js';
import { twopset } from './twopset.js';
import { typeSpecToString, type TypeSpec } from './type-spec.js';

const cache = new Map<string, AnyCrdtType>();

/** The CRDT type of a spec; equal specs give the same type object. */
export function crdtType(spec: TypeSpec): AnyCrdtType {
  const name = typeSpecToString(spec);
  let type = cache.get(name);
  if (!type) {
    type = build(spec);
    cache.set(name, type);
  }
  return type;
}

function build(spec: TypeSpec): AnyCrdtType {
  switch (spec.name) {
    case 'gcounter':
      return erase(gcounter);
    case 'pncounter':
      return erase(pncounter);
    case 'maxint':
      return erase(maxint);
    case 'boolean':
      return erase(boolean);
    case 'gset':
      return erase(gset);
    case 'twopset':
      return erase(twopset);
    case 'orset':
      return erase(orset);
    case 'lwwregister':
      return erase(lwwregister);
    case 'ivar':
      return erase(ivar);
    case 'topk':
      return erase(createTopK(spec.k));
    case 'gmap':
      return erase(createGMap(crdtType(spec.value)));
    case 'pair':
      return erase(createPair(crdtType(spec.fst), crdtType(spec.snd)));
    case 'ewflag':
      return erase(ewflag);
    case 'dwflag':
      return erase(dwflag);
    case 'awset':
      return erase(awset);
    case 'mvregister':
      return erase(mvregister);
    case 'awmap': {
      const value = crdtType(spec.value);
      // The graph validator reports this to the user; reaching it here is a caller's bug.
      if (!isCausal(value))
        throw new TypeError(`awmap values must be causal types, not ${value.name}`);
      return erase(createAwMap(value));
    }
  }
}
