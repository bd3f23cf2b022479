/**
 * Tensor: a strided window (shape, strides, offset) on a shared typed-array storage, plus the
 * autograd fields PyTorch exposes. Op methods (`add`, `sum`, `view`, ...) are installed by the op
 * families in `engine/ops/` (see `installMethods`), so each op's function, method, forward and
 * backward live together in one file.
 */
// First, so that the options-object overloads generated from PyTorch's signatures come after every op
// family's own ones (TypeScript orders a later augmentation's overloads first).
import "../api/keyword_types.js";
import { RuntimeError, TypeError as PyTypeError, ValueError, warnOnce } from "../errors.js";
import { type DType, float32, get_default_dtype, type StorageArray, type TypedArray } from "./dtype.js";
import { MAX_SAFE, finishStore, isExact, narrowInt64, numberAt } from "./store.js";
import { Size, contiguousStrides, isContiguous, numel, wrapDim, type Shape } from "./shape.js";
import type { Node } from "../autograd/node.js";
import { tensorRepr, type TensorPrintData } from "../format/tensor_str.js";
import { bindMethodKeywords, withKeywords } from "../api/keywords.js";
import { is_inference_mode_enabled } from "../autograd/grad_mode.js";

/** Shared by a tensor, its views and detach()ed aliases; bumped by every in-place write. */
export class VersionCounter {
  value = 0;
}

/**
 * The typed array behind one or more tensors (views share it). `data` may be replaced by another
 * array holding the same values: int64 storage switches between its two forms (store.ts).
 */
export class Storage {
  constructor(public data: StorageArray) {}
}

export type Scalar = number | boolean | bigint;
export type TensorLike = Tensor | Scalar;

let nextTensorId = 1;
const VECTOR_STRIDES = [1];

const NON_LEAF_GRAD_WARNING =
  "The .grad attribute of a Tensor that is not a leaf Tensor is being accessed. Its .grad attribute won't be populated during autograd.backward(). If you indeed want the .grad field to be populated for a non-leaf Tensor, use .retain_grad() on the non-leaf Tensor. If you access the non-leaf Tensor by mistake, make sure you access the leaf Tensor instead. See github.com/pytorch/pytorch/pull/30531 for more informations. (Triggered internally at  ./build/aten/src/ATen/core/TensorBody.h:480.)";

/**
 * Gradients user code has been handed (read through `.grad`, or assigned to it). A gradient
 * backward made and nobody read is only ever held by its `.grad`: zero_grad can give its storage
 * back for the next step's gradient (nn/module.ts zeroGrad).
 */
const handedOut = new WeakSet<Tensor>();
/** @internal Whether `g` was ever handed to user code through `.grad`. */
export function gradHandedOut(g: Tensor): boolean {
  return handedOut.has(g);
}

export class Tensor {
  /** @internal */ _storage: Storage;
  /** @internal */ _offset: number;
  /** @internal */ _shape: number[];
  /** @internal */ _strides: number[];
  readonly dtype: DType;
  /** @internal shared with views; made on first use (most tensors are never written in place nor viewed) */
  private _vc: VersionCounter | null;
  /** @internal */ _requiresGrad = false;
  /** @internal */ _grad: Tensor | null = null;
  /** The autograd node that produced this tensor (null for leaves). */
  grad_fn: Node | null = null;
  /** Which output of `grad_fn` this tensor is. */
  output_nr = 0;
  /** For views: the tensor whose storage this one views (PyTorch's `._base`). */
  _base: Tensor | null = null;
  /** @internal */ _retainsGrad = false;
  /** @internal */ _accumulator: Node | null = null;
  /** @internal hooks from register_hook on a leaf (null until the first) */ _hooks:
    | ((grad: Tensor) => Tensor | void | undefined)[]
    | null = null;
  /** @internal a view made in no_grad mode (in-place on it with grad enabled is an error) */ _viewCreatedInNoGrad = false;
  /** @internal */ _isInference = false;
  /** @internal a Python number wrapped as a 0-dim tensor: it takes part in type promotion by category only (promotion.ts) */
  _wrappedNumber = false;
  /** @internal a stable id, also the base of the fake address */ readonly _id = nextTensorId++;

  /** @internal Use torch.tensor / torch.zeros ...; this wraps existing storage. */
  constructor(
    storage: Storage,
    shape: readonly number[],
    dtype: DType,
    strides?: readonly number[],
    offset = 0,
    version?: VersionCounter,
    shareShape = false,
  ) {
    this._storage = storage;
    this._shape = shareShape ? (shape as number[]) : [...shape];
    // NOTE: shape and stride arrays are never modified in place (ops assign new ones), so vectors
    // can share one strides array.
    this._strides = strides ? [...strides] : shape.length === 1 ? VECTOR_STRIDES : contiguousStrides(shape);
    this._offset = offset;
    this.dtype = dtype;
    this._vc = version ?? null;
  }

  /** @internal A new contiguous tensor over `data` (rounded to what `dtype` holds: float16, int64 -0). */
  static _fromData(data: StorageArray, shape: readonly number[], dtype: DType = float32): Tensor {
    return new Tensor(new Storage(finishStore(data, dtype)), shape, dtype);
  }

  /**
   * @internal As _fromData, sharing `like`'s shape array instead of copying it (elementwise results
   * shaped like an operand): shape arrays are never modified in place, and a shared one lets
   * backward's shape checks succeed on identity.
   */
  static _fromDataShapedLike(data: StorageArray, like: Tensor, dtype: DType): Tensor {
    return new Tensor(new Storage(finishStore(data, dtype)), like._shape, dtype, undefined, 0, undefined, true);
  }

  /**
   * @internal The typed array of numbers (shared with views), for code that loops over elements
   * itself. Exact int64 storage whose values all fit is switched back to numbers here; one holding
   * values beyond 2^53 fails loudly rather than be read or written with rounding.
   */
  get _data(): TypedArray {
    const d = this._storage.data;
    if (!isExact(d)) return d;
    const narrow = narrowInt64(d);
    if (!narrow)
      throw new RuntimeError(
        "this operation does not support int64 values beyond 2**53 yet; elementwise ops, reductions, sorting and selection, indexing, gather/scatter, data movement and dtype conversions do",
      );
    this._storage.data = narrow;
    return narrow;
  }

  // ---- metadata -------------------------------------------------------------------------------
  /** torch.Size of this tensor, e.g. `torch.Size([2, 3])`. */
  get shape(): Size {
    return Size.make(this._shape);
  }
  /** `x.size()` is the shape; `x.size(d)` one dimension. */
  size(): Size;
  size(dim: number | { dim: number }): number;
  size(dim?: number | { dim: number }): Size | number {
    if (dim === undefined) return this.shape;
    // (`{dim}` arrives as the number: keywords are bound at run time, api/keywords.ts.)
    if (dim !== null && typeof dim === "object") dim = dim.dim;
    return this._shape[wrapDim(dim, this._shape.length)];
  }
  get ndim(): number {
    return this._shape.length;
  }
  dim(): number {
    return this._shape.length;
  }
  ndimension(): number {
    return this._shape.length;
  }
  numel(): number {
    return numel(this._shape);
  }
  nelement(): number {
    return numel(this._shape);
  }
  element_size(): number {
    return this.dtype.itemsize;
  }
  stride(): number[];
  stride(dim: number | { dim: number }): number;
  stride(dim?: number | { dim: number }): number[] | number {
    if (dim !== null && typeof dim === "object") dim = dim.dim;
    return dim === undefined ? [...this._strides] : this._strides[wrapDim(dim, this._shape.length)];
  }
  storage_offset(): number {
    return this._offset;
  }
  is_contiguous(): boolean {
    return isContiguous(this._shape, this._strides);
  }
  is_floating_point(): boolean {
    return this.dtype.is_floating_point;
  }
  is_complex(): boolean {
    return false;
  }
  get device(): Device {
    return CPU;
  }
  get is_cuda(): boolean {
    return false;
  }
  /** @internal The version counter shared by this tensor and its views. */
  get _versionCounter(): VersionCounter {
    return (this._vc ??= new VersionCounter());
  }
  set _versionCounter(v: VersionCounter) {
    this._vc = v;
  }
  /** The in-place version counter (bumped by every in-place write to this tensor or its views). */
  get _version(): number {
    return this._vc ? this._vc.value : 0;
  }
  is_inference(): boolean {
    return this._isInference;
  }

  // ---- autograd fields ------------------------------------------------------------------------
  get requires_grad(): boolean {
    return this._requiresGrad;
  }
  set requires_grad(v: boolean) {
    this.requires_grad_(v);
  }
  /** Sets requires_grad in place (leaves only) and returns this tensor. */
  requires_grad_(requires_grad?: boolean): this;
  requires_grad_(options: { requires_grad?: boolean }): this;
  requires_grad_(requires_grad: boolean | { requires_grad?: boolean } = true): this {
    if (requires_grad !== null && typeof requires_grad === "object")
      requires_grad = requires_grad.requires_grad ?? true;
    if (!this.is_leaf && !requires_grad)
      throw new RuntimeError(
        "you can only change requires_grad flags of leaf variables. If you want to use a computed variable in a subgraph that doesn't require differentiation use var_no_grad = var.detach().",
      );
    if (!this.is_leaf) return this;
    if (requires_grad && !this.dtype.is_floating_point)
      throw new RuntimeError("only Tensors of floating point dtype can require gradients");
    if (requires_grad && this._isInference && !is_inference_mode_enabled())
      throw new RuntimeError("Setting requires_grad=True on inference tensor outside InferenceMode is not allowed.");
    this._requiresGrad = requires_grad;
    return this;
  }
  /** True for tensors not produced by a recorded op (all tensors that do not require grad, and user-created ones that do). */
  get is_leaf(): boolean {
    return this.grad_fn === null;
  }
  /** The accumulated gradient (leaves, or non-leaves after retain_grad()). */
  get grad(): Tensor | null {
    if (!this.is_leaf && !this._retainsGrad && this._grad === null) warnOnce(NON_LEAF_GRAD_WARNING);
    if (this._grad) handedOut.add(this._grad);
    return this._grad;
  }
  set grad(g: Tensor | null) {
    if (g !== null) {
      if (g.dtype !== this.dtype) throw new RuntimeError("assigned grad has data of a different type");
      if (g._shape.join() !== this._shape.join()) throw new RuntimeError("assigned grad has data of a different size");
      handedOut.add(g);
    }
    this._grad = g;
  }
  get retains_grad(): boolean {
    return this._retainsGrad;
  }

  // ---- conversion -----------------------------------------------------------------------------
  /** Elements in row-major order as plain numbers (int64 beyond 2^53 rounded to the nearest double). */
  _values(): number[] {
    const d = this._storage.data;
    return isExact(d) ? this._walk(d).map(Number) : this._walk(d as TypedArray);
  }
  /** @internal Elements in row-major order, int64 exactly: numbers while safe, bigints beyond 2^53 (Python's int). */
  _exactValues(): (number | bigint)[] {
    const d = this._storage.data;
    return isExact(d) ? this._walk(d).map(pyInt) : this._walk(d as TypedArray);
  }
  private _walk<T extends number | bigint>(d: ArrayLike<T>): T[] {
    const n = this.numel();
    const out = new Array<T>(n);
    const nd = this._shape.length,
      shape = this._shape,
      st = this._strides;
    if (this.is_contiguous()) {
      for (let i = 0; i < n; i++) out[i] = d[this._offset + i];
      return out;
    }
    const idx = new Array<number>(nd).fill(0);
    let off = this._offset;
    for (let i = 0; i < n; i++) {
      out[i] = d[off];
      for (let k = nd - 1; k >= 0; k--) {
        idx[k]++;
        off += st[k];
        if (idx[k] < shape[k]) break;
        off -= st[k] * shape[k];
        idx[k] = 0;
      }
    }
    return out;
  }
  /** @internal element at a row-major logical position */
  _at(flat: number): number {
    return numberAt(this._storage.data, this._offsetOf(flat));
  }
  /** @internal element at a row-major logical position, int64 exactly (see _exactValues) */
  _atExact(flat: number): number | bigint {
    const d = this._storage.data,
      off = this._offsetOf(flat);
    return isExact(d) ? pyInt(d[off]) : d[off];
  }
  private _offsetOf(flat: number): number {
    let off = this._offset;
    for (let k = this._shape.length - 1; k >= 0; k--) {
      const s = this._shape[k];
      off += (flat % s) * this._strides[k];
      flat = Math.floor(flat / s);
    }
    return off;
  }
  private _scalar(v: number | bigint): number | bigint | boolean {
    return this.dtype.name === "bool" ? v !== 0 : v;
  }
  /**
   * The value of a one-element tensor as a JS number (boolean for bool tensors).
   *
   * NOTE: an int64 beyond 2^53 comes back as a bigint, exact as Python's int: a number would
   * silently hold a neighbouring value. The declared type stays `number` so that everyday code
   * (`loss.item() * 2`) needs no narrowing; check `typeof` where values can be that large.
   * @example torch.tensor(2n ** 60n + 1n).item()   // 1152921504606846977n
   */
  item(): number {
    if (this.numel() !== 1) throw new ValueError("only one element tensors can be converted to Python scalars");
    return this._scalar(this._atExact(0)) as number;
  }
  /** Nested arrays of numbers (booleans for bool tensors; bigints for int64 beyond 2^53, as item()), or a number for 0-dim tensors. */
  tolist(): unknown {
    const vals = this._exactValues().map((v) => this._scalar(v));
    if (this._shape.length === 0) return vals[0];
    const build = (dim: number, start: number): unknown[] => {
      const n = this._shape[dim];
      if (dim === this._shape.length - 1) return vals.slice(start, start + n);
      const inner = numel(this._shape.slice(dim + 1));
      return Array.from({ length: n }, (_, i) => build(dim + 1, start + i * inner));
    };
    return build(0, 0);
  }

  // ---- printing -------------------------------------------------------------------------------
  /** @internal what the formatter reads */
  _printData(): TensorPrintData {
    return {
      shape: this._shape,
      dtype: this.dtype.name,
      at: (i) => this._atExact(i),
      requires_grad: this._requiresGrad,
      grad_fn_name: this.grad_fn ? this.grad_fn._className : null,
      default_dtype: get_default_dtype().name,
    };
  }
  /** PyTorch's repr, e.g. `tensor([1., 2.], requires_grad=True)`. */
  toString(): string {
    return tensorRepr(this._printData());
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
  /** `Number(t)` is Python's float(t); string contexts give the repr. */
  [Symbol.toPrimitive](hint: string): string | number {
    if (hint === "number") return Number(this.item());
    return this.toString();
  }
  /** Python's bool(t): the truth value of a one-element tensor. */
  __bool__(): boolean {
    const n = this.numel();
    if (n === 0) throw new RuntimeError("Boolean value of Tensor with no values is ambiguous");
    if (n > 1) throw new RuntimeError("Boolean value of Tensor with more than one value is ambiguous");
    return this._at(0) !== 0;
  }
  /** Python's len(t). */
  __len__(): number {
    if (this._shape.length === 0) throw new PyTypeError("len() of a 0-d tensor");
    return this._shape[0];
  }
  /**
   * Python's `for row of t` (and `const [a, b] = t`): the slices along dim 0, as PyTorch's
   * `iter(t.unbind(0))`, so each carries UnbindBackward0 when t requires grad.
   */
  [Symbol.iterator](): Iterator<Tensor> {
    if (this._shape.length === 0) throw new PyTypeError("iteration over a 0-d tensor");
    return this.unbind(0)[Symbol.iterator]();
  }
  get [Symbol.toStringTag](): string {
    return "Tensor";
  }
}

/** An exact int64 as item() gives it: a number while safe, else the bigint. */
function pyInt(v: bigint): number | bigint {
  return v >= -MAX_SAFE && v <= MAX_SAFE ? Number(v) : v;
}

/** torch.device */
export class Device {
  constructor(
    readonly type: string,
    readonly index: number | null = null,
  ) {}
  toString(): string {
    return this.index === null ? this.type : `${this.type}:${this.index}`;
  }
  /** print(device) shows `cpu`; its repr is `device(type='cpu')`. */
  __str__(): string {
    return this.toString();
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.index === null ? `device(type='${this.type}')` : `device(type='${this.type}', index=${this.index})`;
  }
}
export const CPU = new Device("cpu");

/** Wrap a typed array already in row-major order as a tensor. */
export function fromArray(data: StorageArray, shape: Shape, dtype: DType): Tensor {
  return Tensor._fromData(data, shape, dtype);
}

/**
 * Install methods on Tensor.prototype, each taking its PyTorch keyword arguments in a trailing
 * options object (api/keywords.ts). An op family's functions become methods through
 * tensor/expose.ts (exposeMethods, MethodsOf); the family calls this directly only for methods that
 * are not a function with the tensor first (in-place forms, aliases, overloaded ones), declaring
 * their types by augmenting `interface Tensor` (declaration merging).
 */
export function installMethods(methods: Record<string, (this: Tensor, ...args: never[]) => unknown>): void {
  for (const [name, fn] of Object.entries(methods)) {
    const value = withKeywords(`Tensor.${name}`, fn as (...args: unknown[]) => unknown);
    Object.defineProperty(Tensor.prototype, name, { value, writable: true, configurable: true, enumerable: false });
  }
}
// The class's own methods (backward, item, view...): bound here, whichever module imported Tensor.
bindMethodKeywords(Tensor.prototype, "Tensor");
