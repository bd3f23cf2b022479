/** Activation modules (torch/nn/modules/activation.py): ReLU, LeakyReLU, GELU, Sigmoid, Tanh, Softmax, LogSoftmax, ELU, SiLU, Softplus. */
import type { Tensor } from "../tensor/tensor.js";
import { Module, pyArg } from "./module.js";
import * as F from "./functional.js";

/** max(0, x); `inplace` overwrites the input. */
export class ReLU extends Module {
  inplace: boolean;
  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.relu(input, this.inplace);
  }
  override extra_repr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

/** x for x >= 0, negative_slope * x otherwise. */
export class LeakyReLU extends Module {
  negative_slope: number;
  inplace: boolean;
  constructor(negative_slope = 0.01, inplace = false) {
    super();
    this.negative_slope = negative_slope;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.leaky_relu(input, this.negative_slope, this.inplace);
  }
  override extra_repr(): string {
    return `negative_slope=${pyArg(this.negative_slope, true)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

/** Gaussian error linear unit; approximate "tanh" uses the tanh formula. */
export class GELU extends Module {
  approximate: "none" | "tanh";
  constructor(approximate: "none" | "tanh" | { approximate?: "none" | "tanh" } = "none") {
    super();
    this.approximate = typeof approximate === "string" ? approximate : (approximate.approximate ?? "none");
  }
  override forward(input: Tensor): Tensor {
    return F.gelu(input, { approximate: this.approximate });
  }
  override extra_repr(): string {
    return `approximate='${this.approximate}'`;
  }
}

export class Sigmoid extends Module {
  override forward(input: Tensor): Tensor {
    return input.sigmoid();
  }
}
export class Tanh extends Module {
  override forward(input: Tensor): Tensor {
    return input.tanh();
  }
}
export class SiLU extends Module {
  inplace: boolean;
  constructor(inplace = false) {
    super();
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.silu(input);
  }
  override extra_repr(): string {
    return this.inplace ? "inplace=True" : "";
  }
}

/** alpha * (exp(x) - 1) for x < 0. */
export class ELU extends Module {
  alpha: number;
  inplace: boolean;
  constructor(alpha = 1.0, inplace = false) {
    super();
    this.alpha = alpha;
    this.inplace = inplace;
  }
  override forward(input: Tensor): Tensor {
    return F.elu(input, this.alpha);
  }
  override extra_repr(): string {
    return `alpha=${pyArg(this.alpha, true)}${this.inplace ? ", inplace=True" : ""}`;
  }
}

/** log(1 + exp(beta x)) / beta, linear above threshold. */
export class Softplus extends Module {
  beta: number;
  threshold: number;
  constructor(beta = 1, threshold = 20) {
    super();
    this.beta = beta;
    this.threshold = threshold;
  }
  override forward(input: Tensor): Tensor {
    return F.softplus(input, this.beta, this.threshold);
  }
  override extra_repr(): string {
    return `beta=${pyArg(this.beta)}, threshold=${pyArg(this.threshold)}`;
  }
}

/** Softmax along `dim` (omitting dim picks one with PyTorch's deprecation warning). */
export class Softmax extends Module {
  dim: number | null;
  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return F.softmax(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${pyArg(this.dim)}`;
  }
}

/** log(softmax(x)) along `dim`, computed stably. */
export class LogSoftmax extends Module {
  dim: number | null;
  constructor(dim: number | null = null) {
    super();
    this.dim = dim;
  }
  override forward(input: Tensor): Tensor {
    return F.log_softmax(input, this.dim);
  }
  override extra_repr(): string {
    return `dim=${pyArg(this.dim)}`;
  }
}
