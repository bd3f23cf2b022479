/**
 * Argument checks with PyTorch's messages, as torch/csrc/utils/python_arg_parser.cpp raises them:
 * `sin(): argument 'input' (position 1) must be Tensor, not str`. Each is one type check per call
 * (never per element), so public functions can check their arguments before touching them.
 */
import { TypeError as PyTypeError, argumentError, pyTypeName } from "../errors.js";
import { Tensor } from "./tensor.js";

/**
 * `fn(): argument 'name' (position pos) must be <expected>, not <type of v>`; `pos` counts as in the
 * function form (torch.fn(input, ...)), and becomes one less when fn was called as a Tensor method.
 */
export function argError(fn: string, name: string, pos: number, expected: string, v: unknown): PyTypeError {
  return argumentError(
    (p) => `${fn}(): argument '${name}' (position ${p}) must be ${expected}, not ${pyTypeName(v)}`,
    fn,
    pos,
  );
}

/** `v` as a Tensor argument of `fn` (the first, named 'input', unless told). */
export function tensorArg(fn: string, v: unknown, name = "input", pos = 1): Tensor {
  if (v instanceof Tensor) return v;
  throw argError(fn, name, pos, "Tensor", v);
}

/** An optional Tensor argument: null and undefined pass as null. */
export function optionalTensorArg(fn: string, v: unknown, name: string, pos: number): Tensor | null {
  return v === null || v === undefined ? null : tensorArg(fn, v, name, pos);
}

/** A sequence of Tensors (`torch.cat(tensors)`), with PyTorch's messages for the list and its elements. */
export function tensorListArg(fn: string, v: unknown, name = "tensors", pos = 1): Tensor[] {
  if (!Array.isArray(v)) throw argError(fn, name, pos, "tuple of Tensors", v);
  for (let i = 0; i < v.length; i++)
    if (!(v[i] instanceof Tensor))
      throw new PyTypeError(`expected Tensor as element ${i} in argument ${pos - 1}, but got ${pyTypeName(v[i])}`);
  return v as Tensor[];
}

/** An int argument (`kthvalue(): argument 'k' (position 1) must be int, not str`). */
export function intArg(fn: string, v: unknown, name: string, pos: number): number {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  throw argError(fn, name, pos, "int", v);
}

/** An optional int: null and undefined give `dflt`. */
export function optionalIntArg<D>(fn: string, v: unknown, name: string, pos: number, dflt: D): number | D {
  return v === null || v === undefined ? dflt : intArg(fn, v, name, pos);
}

/** A number argument (`arange(): argument 'end' (position 1) must be Number, not str`). */
export function numberArg(fn: string, v: unknown, name: string, pos: number): number {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (v instanceof Tensor && v.numel() === 1) return v.item();
  throw argError(fn, name, pos, "Number", v);
}

/** A trailing options object (Python's keywords): a plain object, not null, a list or a Tensor. */
export function isOptions(v: unknown): v is Record<string, any> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !ArrayBuffer.isView(v) && !(v instanceof Tensor);
}

/**
 * Python's keyword arguments: the trailing options object. `null` and `undefined` mean none were
 * given (a null keyword group is a common JS idiom), so `x.add(y, null)` is `x.add(y)`.
 */
export function kwargs<T extends object>(opts: T | null | undefined): T {
  return opts ?? ({} as T);
}
