/**
 * What `state_dict()` returns and `load_state_dict()` reports: an ordered map of names to
 * tensors that prints as Python's OrderedDict, and `_IncompatibleKeys`.
 */
import type { Tensor } from "../tensor/tensor.js";
import { pyRepr } from "../format/py_repr.js";
import { KeyError } from "../errors.js";

/** An ordered name -> tensor map (insertion order), printed as `OrderedDict([('fc.weight', tensor(...)), ...])`. */
export class StateDict extends Map<string, Tensor> {
  /** Python's `sd.keys()` as an array (Map#keys() stays the iterator). */
  keyList(): string[] {
    return [...this.keys()];
  }
  /** Python's `sd["fc.weight"]`: KeyError when missing. */
  at(key: string): Tensor {
    const v = this.get(key);
    if (v === undefined) throw new KeyError(key);
    return v;
  }
  override toString(): string {
    // Python 3.11's OrderedDict repr (3.12 changed it to OrderedDict({...})).
    if (this.size === 0) return "OrderedDict()";
    return `OrderedDict([${[...this].map(([k, v]) => `(${pyRepr(k)}, ${pyRepr(v)})`).join(", ")}])`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  override get [Symbol.toStringTag](): string {
    return "OrderedDict";
  }
}

/** load_state_dict's result: `<All keys matched successfully>` or the missing / unexpected keys. */
export class IncompatibleKeys {
  constructor(
    readonly missing_keys: string[],
    readonly unexpected_keys: string[],
  ) {}
  toString(): string {
    if (!this.missing_keys.length && !this.unexpected_keys.length) return "<All keys matched successfully>";
    return `_IncompatibleKeys(missing_keys=${pyRepr(this.missing_keys)}, unexpected_keys=${pyRepr(this.unexpected_keys)})`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** Accept a StateDict, any Map, or a plain object of tensors. */
export function asEntries(sd: Map<string, Tensor> | Record<string, Tensor>): Map<string, Tensor> {
  return sd instanceof Map ? sd : new Map(Object.entries(sd));
}
