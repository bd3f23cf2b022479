/** Filling and the new_* factories: fill_, zero_, masked_fill, new_zeros/new_ones/new_full/new_empty/new_tensor. */
import { tensorArg, kwargs } from "../tensor/arg_parser.js";
import { RuntimeError } from "../errors.js";
import { type DType, bool, castScalar, filledStorage, type StorageArray } from "../tensor/dtype.js";
import { Tensor, installMethods, type TensorLike } from "../tensor/tensor.js";
import { type MethodsOf, exposeMethods } from "../tensor/expose.js";
import { broadcastShapes, numel } from "../tensor/shape.js";
import { backend } from "../backend/index.js";
import { call, callInplace, defineOp } from "./define.js";
import { make, scalarValue, sv, svBroadcast, wrap } from "./util.js";
import { sizeAndOptions, tensor, type NestedArray, type TensorOptions } from "../tensor/creation.js";

/** x.fill_(value) with a scalar: one graph input (FillBackward2 in PyTorch's in-place overload). */
export const fillScalarOp = defineOp({
  name: "fill_scalar",
  gradFn: "FillBackward2",
  inputs: ["self"],
  forward: ([x], { value }: { value: number | bigint }) =>
    make(
      typeof value === "bigint"
        ? filledStorage(x.dtype, x.numel(), value)
        : backend().unary("fill", sv(x), x.dtype, [castScalar(value, x.dtype)]),
      x._shape,
      x.dtype,
    ),
  backward: { self: (g) => g.mul(0) },
});

/** x.fill_(tensor) with a 0-dim tensor value (FillBackward3). */
export const fillOp = defineOp({
  name: "fill",
  gradFn: "FillBackward3",
  inputs: ["self", "value"],
  forward: ([x, v]) => {
    if (v._shape.length !== 0)
      throw new RuntimeError(
        `fill_ only supports 0-dimension value tensor but got tensor with ${v._shape.length} dimensions.`,
      );
    const e = v._storage.data[v._offset]; // a bigint for int64 beyond 2^53
    if (typeof e === "bigint") return make(filledStorage(x.dtype, x.numel(), e), x._shape, x.dtype);
    return make(backend().unary("fill", sv(x), x.dtype, [castScalar(e, x.dtype)]), x._shape, x.dtype);
  },
  backward: { self: (g) => g.mul(0), value: (g) => g.sum() },
});

export const zeroOp = defineOp({
  name: "zero",
  gradFn: "ZeroBackward0",
  inputs: ["self"],
  forward: ([x]) => make(new x.dtype.ArrayType(x.numel()), x._shape, x.dtype),
  backward: { self: (g) => g.mul(0) },
});

/** The mask is an attribute (not a graph input), as in PyTorch; a tensor value is an input. */
function maskedFillForward(x: Tensor, mask: Tensor, v: Tensor): Tensor {
  if (mask.dtype !== bool)
    throw new RuntimeError(
      `masked_fill_ only supports boolean masks, but got mask with dtype ${mask.dtype.name === "uint8" ? "unsigned char" : mask.dtype.scalarName}`,
    );
  if (v._shape.length !== 0)
    throw new RuntimeError(
      `masked_fill_ only supports a 0-dimensional value tensor, but got tensor with ${v._shape.length} dimension(s).`,
    );
  // The mask is tensor a in PyTorch's broadcast message (masked_fill expands it to self's shape).
  const shape = broadcastShapes(mask._shape, x._shape);
  const val = v.to(x.dtype);
  return make(
    backend().ternary(
      "where",
      svBroadcast(mask, shape),
      svBroadcast(val, shape),
      svBroadcast(x, shape),
      shape,
      x.dtype,
    ),
    shape,
    x.dtype,
  );
}
export const maskedFillOp = defineOp({
  name: "masked_fill",
  gradFn: "MaskedFillBackward0",
  inputs: ["self"],
  forward: ([x], { mask, value }: { mask: Tensor; value: number | bigint }) => maskedFillForward(x, mask, wrap(value)),
  backward: { self: (g, _s, m) => g.masked_fill(m.mask, 0) },
});
export const maskedFillTensorOp = defineOp({
  name: "masked_fill_tensor",
  gradFn: "MaskedFillBackward1",
  inputs: ["self", "value"],
  forward: ([x, v], { mask }: { mask: Tensor }) => maskedFillForward(x, mask, v),
  backward: { self: (g, _s, m) => g.masked_fill(m.mask, 0), value: (g, _s, m) => g.mul(m.mask).sum() },
});

/** A copy with `value` where mask is true: `x.masked_fill(mask, value)`. */
export function masked_fill(x: Tensor, mask: Tensor, value: TensorLike): Tensor {
  tensorArg("masked_fill", x);
  tensorArg("masked_fill", mask, "mask", 2);
  if (value instanceof Tensor) return call(maskedFillTensorOp, [x, value], { mask });
  return call(maskedFillOp, [x], { mask, value: scalarValue(value) });
}

type NewOpts = Omit<TensorOptions, "generator">;
function newFilled(
  self: Tensor,
  sizeArg: number[],
  v: number | bigint,
  o: NewOpts | null = {},
  fn = "new_full",
): Tensor {
  o = kwargs(o);
  const size = sizeAndOptions([sizeArg], fn, 2)[0];
  const d: DType = o.dtype ?? self.dtype;
  let data: StorageArray;
  if (typeof v === "bigint") data = filledStorage(d, numel(size), v);
  else {
    data = new d.ArrayType(numel(size));
    if (v !== 0) data.fill(v);
  }
  const t = make(data, size, d);
  if (o.requires_grad) t.requires_grad_(true);
  return t;
}

/** masked_fill's method is the function with the tensor as `this` (tensor/expose.ts); the rest are methods only. */
const FILL_METHODS = { masked_fill };
type FillMethods = MethodsOf<typeof import("./fill.js"), keyof typeof FILL_METHODS>;

declare module "../tensor/tensor.js" {
  interface Tensor extends FillMethods {
    /** Fill with a value in place. */
    fill_(value: TensorLike): Tensor;
    /** Fill with zeros in place. */
    zero_(): Tensor;
    masked_fill_(mask: Tensor, value: TensorLike): Tensor;
    new_zeros(size: number[], opts?: NewOpts): Tensor;
    new_ones(size: number[], opts?: NewOpts): Tensor;
    new_empty(size: number[], opts?: NewOpts): Tensor;
    new_full(size: number[], value: number | bigint, opts?: NewOpts): Tensor;
    /** A new tensor from data with this tensor's dtype. */
    new_tensor(data: NestedArray, opts?: NewOpts): Tensor;
  }
}

exposeMethods(FILL_METHODS);
installMethods({
  fill_(this: Tensor, v: TensorLike) {
    return v instanceof Tensor
      ? callInplace(fillOp, this, [v], {})
      : callInplace(fillScalarOp, this, [], { value: scalarValue(v) });
  },
  zero_(this: Tensor) {
    return callInplace(zeroOp, this, [], {});
  },
  masked_fill_(this: Tensor, m: Tensor, v: TensorLike) {
    tensorArg("masked_fill_", m, "mask", 2);
    return v instanceof Tensor
      ? callInplace(maskedFillTensorOp, this, [v], { mask: m })
      : callInplace(maskedFillOp, this, [], { mask: m, value: scalarValue(v) });
  },
  new_zeros(this: Tensor, s: number[], o?: NewOpts) {
    return newFilled(this, s, 0, o, "new_zeros");
  },
  new_ones(this: Tensor, s: number[], o?: NewOpts) {
    return newFilled(this, s, 1, o, "new_ones");
  },
  new_empty(this: Tensor, s: number[], o?: NewOpts) {
    return newFilled(this, s, 0, o, "new_empty");
  },
  new_full(this: Tensor, s: number[], v: number | bigint, o?: NewOpts) {
    return newFilled(this, s, v, o, "new_full");
  },
  new_tensor(this: Tensor, d: NestedArray, o?: NewOpts) {
    return tensor(d, { dtype: this.dtype, ...o });
  },
});
