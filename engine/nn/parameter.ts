/**
 * nn.Parameter: a Tensor that a Module registers as a parameter when assigned to one of its
 * attributes. It shares storage with the tensor it wraps and prints as
 * `Parameter containing:\ntensor(...)`, as torch/nn/parameter.py.
 */
import { Tensor } from "../tensor/tensor.js";
import { empty } from "../tensor/creation.js";
import { parameterRepr } from "../format/tensor_str.js";

export class Parameter extends Tensor {
  /**
   * @example new nn.Parameter(torch.zeros(3))                 // requires_grad=True
   * @example new nn.Parameter(torch.zeros(3), false)          // a frozen parameter
   */
  constructor(data?: Tensor | null, requires_grad = true) {
    const d = data ?? empty(0);
    // Shares d's storage (and version counter) as torch's Tensor._make_subclass does.
    super(d._storage, d._shape, d.dtype, d._strides, d._offset, d._versionCounter);
    if (requires_grad) this.requires_grad_(true);
  }
  override toString(): string {
    return parameterRepr(this._printData());
  }
  override get [Symbol.toStringTag](): string {
    return "Parameter";
  }
}

/** nn.Buffer-like marker is not needed: buffers are plain tensors registered with register_buffer. */
export function isParameter(v: unknown): v is Parameter {
  return v instanceof Parameter;
}
