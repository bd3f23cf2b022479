/**
 * default_collate and default_convert (mirrors torch/utils/data/_utils/collate.py): turn a list
 * of samples into a batch. Tensors are stacked, numbers become a tensor, arrays (Python's tuples
 * and lists) and objects/Maps (dicts) are collated field by field, strings are kept as a list.
 *
 * NOTE: JavaScript has one number type: a batch of numbers is int64 when every value is an
 * integer and float64 otherwise (Python decides by `int` vs `float`, so `[1.0, 2.0]` is float64
 * there). Pass float tensors in the samples when the dtype matters.
 */
import { RuntimeError, TypeError as PyTypeError } from "../../errors.js";
import { Tensor } from "../../tensor/tensor.js";
import { as_tensor, tensor, type StridedArray } from "../../tensor/creation.js";
import { bool, float64, int64 } from "../../tensor/dtype.js";
import { stack } from "../../ops/join.js";

/** The batch type default_collate makes from samples of type T. */
export type Collated<T> = T extends Tensor
  ? Tensor
  : T extends number | boolean | bigint
    ? Tensor
    : T extends string
      ? string[]
      : T extends StridedArray
        ? Tensor
        : T extends Map<infer K, infer V>
          ? Map<K, Collated<V>>
          : T extends readonly unknown[]
            ? { -readonly [K in keyof T]: Collated<T[K]> }
            : T extends object
              ? { [K in keyof T]: Collated<T[K]> }
              : T;

const errMsg = (found: string) =>
  `default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found ${found}`;

function isStrided(v: unknown): v is StridedArray {
  return (
    typeof v === "object" &&
    v !== null &&
    ArrayBuffer.isView((v as StridedArray)._data) &&
    typeof (v as StridedArray).dtype === "string"
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

/** Collate a list of samples into a batch, as torch.utils.data.default_collate. */
export function default_collate<T>(batch: readonly T[]): Collated<T> {
  return collate(batch as readonly unknown[]) as Collated<T>;
}

function collate(batch: readonly unknown[]): unknown {
  const elem = batch[0];
  if (elem instanceof Tensor) return stack(batch as Tensor[], 0);
  if (isStrided(elem)) {
    if (elem.dtype === "object" || elem.dtype.startsWith("str")) throw new PyTypeError(errMsg(elem.dtype));
    return collate(batch.map((b) => as_tensor(b as StridedArray)));
  }
  if (typeof elem === "boolean") return tensor(batch as boolean[], { dtype: bool });
  if (typeof elem === "bigint") return tensor(batch as bigint[], { dtype: int64 });
  if (typeof elem === "number") {
    const ints = (batch as number[]).every((v) => Number.isInteger(v));
    return tensor(batch as number[], { dtype: ints ? int64 : float64 });
  }
  if (typeof elem === "string") return [...batch];
  if (elem instanceof Map) {
    const out = new Map<unknown, unknown>();
    for (const key of elem.keys()) out.set(key, collate(batch.map((d) => (d as Map<unknown, unknown>).get(key))));
    return out;
  }
  if (Array.isArray(elem)) {
    const size = elem.length;
    if (!batch.every((e) => (e as unknown[]).length === size))
      throw new RuntimeError("each element in list of batch should be of equal size");
    return elem.map((_, i) => collate(batch.map((e) => (e as unknown[])[i])));
  }
  if (isPlainObject(elem)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(elem)) out[key] = collate(batch.map((d) => (d as Record<string, unknown>)[key]));
    return out;
  }
  throw new PyTypeError(errMsg(describe(elem)));
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return "<class 'NoneType'>";
  if (typeof v === "object") return `<class '${(v as object).constructor?.name ?? "object"}'>`;
  return `<class '${typeof v}'>`;
}

/** What a DataLoader without batching (batch_size: null) applies: numpy arrays become tensors, the rest is kept. */
export function default_convert<T>(data: T): T extends StridedArray ? Tensor : T {
  return convert(data) as T extends StridedArray ? Tensor : T;
}

function convert(data: unknown): unknown {
  if (data instanceof Tensor) return data;
  if (isStrided(data)) return data.dtype === "object" || data.dtype.startsWith("str") ? data : as_tensor(data);
  if (data instanceof Map) return new Map([...data].map(([k, v]) => [k, convert(v)]));
  if (Array.isArray(data)) return data.map(convert);
  if (isPlainObject(data)) return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, convert(v)]));
  return data;
}
