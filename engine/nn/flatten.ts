/** nn.Flatten and nn.Unflatten (torch/nn/modules/flatten.py). */
import type { Tensor } from "../tensor/tensor.js";
import { Module, pyArg } from "./module.js";

/** Flattens dims start_dim..end_dim (default: all but the batch dim). */
export class Flatten extends Module {
  start_dim: number;
  end_dim: number;
  constructor(start_dim = 1, end_dim = -1) {
    super();
    this.start_dim = start_dim;
    this.end_dim = end_dim;
  }
  override forward(input: Tensor): Tensor {
    return input.flatten(this.start_dim, this.end_dim);
  }
  override extra_repr(): string {
    return `start_dim=${this.start_dim}, end_dim=${this.end_dim}`;
  }
}

/** Splits one dim into `unflattened_size`. */
export class Unflatten extends Module {
  dim: number;
  unflattened_size: number[];
  constructor(dim: number, unflattened_size: readonly number[]) {
    super();
    this.dim = dim;
    this.unflattened_size = [...unflattened_size];
  }
  override forward(input: Tensor): Tensor {
    return input.unflatten(this.dim, this.unflattened_size);
  }
  override extra_repr(): string {
    return `dim=${this.dim}, unflattened_size=${pyArg(this.unflattened_size)}`;
  }
}
