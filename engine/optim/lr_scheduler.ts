/**
 * torch.optim.lr_scheduler (1.13's _LRScheduler and its chainable get_lr forms): StepLR,
 * MultiStepLR, ExponentialLR, CosineAnnealingLR, LambdaLR. Constructing a scheduler records
 * `initial_lr` in every param group and performs the initial step, as PyTorch does.
 */
import { TypeError as PyTypeError, ValueError, warnOnce } from "../errors.js";
import { KeyError } from "../errors.js";
import { Optimizer } from "./optimizer.js";

export abstract class LRScheduler {
  optimizer: Optimizer;
  base_lrs: number[];
  last_epoch: number;
  /** @internal */ _step_count = 0;
  /** @internal */ _last_lr: number[] = [];

  constructor(optimizer: Optimizer, last_epoch = -1) {
    if (!(optimizer instanceof Optimizer))
      throw new PyTypeError(`${(optimizer as object)?.constructor?.name ?? typeof optimizer} is not an Optimizer`);
    this.optimizer = optimizer;
    optimizer.param_groups.forEach((g, i) => {
      if (last_epoch === -1) {
        if (!("initial_lr" in g)) g.initial_lr = g.lr;
      } else if (!("initial_lr" in g))
        throw new KeyError(`param 'initial_lr' is not specified in param_groups[${i}] when resuming an optimizer`);
    });
    this.base_lrs = optimizer.param_groups.map((g) => g.initial_lr as number);
    this.last_epoch = last_epoch;
  }

  /** Subclasses call this at the end of their constructor (PyTorch's `_initial_step`). */
  protected initialStep(): void {
    this.optimizer._step_count = 0;
    this._step_count = 0;
    this.step();
  }

  /** The learning rates for `last_epoch`, from the current ones (chainable form). */
  abstract get_lr(): number[];
  /** The learning rates set by the last step. */
  get_last_lr(): number[] {
    return [...this._last_lr];
  }

  /** Advance one epoch and write the new learning rates into the optimizer's groups. */
  step(): void {
    if (this._step_count === 1 && this.optimizer._step_count < 1)
      warnOnce(
        "Detected call of `lr_scheduler.step()` before `optimizer.step()`. In PyTorch 1.1.0 and later, you should call them in the opposite order: `optimizer.step()` before `lr_scheduler.step()`.  Failure to do this will result in PyTorch skipping the first value of the learning rate schedule. See more details at https://pytorch.org/docs/stable/optim.html#how-to-adjust-learning-rate",
      );
    this._step_count++;
    this.last_epoch++;
    const values = this.get_lr();
    this.optimizer.param_groups.forEach((g, i) => {
      g.lr = values[i];
    });
    this._last_lr = this.optimizer.param_groups.map((g) => g.lr as number);
  }

  protected lrs(): number[] {
    return this.optimizer.param_groups.map((g) => g.lr as number);
  }

  /** Everything but the optimizer, as PyTorch's scheduler state_dict. */
  state_dict(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(this)) if (k !== "optimizer" && typeof v !== "function") out[k] = v;
    return out;
  }
  load_state_dict(sd: Record<string, unknown>): void {
    Object.assign(this, sd);
  }
}

/**
 * Multiply the learning rate by gamma every step_size epochs.
 * @example const sched = new torch.optim.lr_scheduler.StepLR(opt, 30, 0.1)
 */
export class StepLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    public step_size: number,
    public gamma = 0.1,
    last_epoch = -1,
  ) {
    super(optimizer, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0 || this.last_epoch % this.step_size !== 0) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
}

/** Multiply by gamma at each milestone epoch (repeated milestones compound). */
export class MultiStepLR extends LRScheduler {
  milestones: Map<number, number>;
  constructor(
    optimizer: Optimizer,
    milestones: readonly number[],
    public gamma = 0.1,
    last_epoch = -1,
  ) {
    super(optimizer, last_epoch);
    this.milestones = new Map();
    for (const m of milestones) this.milestones.set(m, (this.milestones.get(m) ?? 0) + 1);
    this.initialStep();
  }
  get_lr(): number[] {
    const n = this.milestones?.get(this.last_epoch);
    if (!n) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma ** n);
  }
}

/** Multiply by gamma every epoch. */
export class ExponentialLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    public gamma: number,
    last_epoch = -1,
  ) {
    super(optimizer, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    if (this.last_epoch === 0) return this.lrs();
    return this.lrs().map((lr) => lr * this.gamma);
  }
}

/** Cosine annealing from the base lr to eta_min over T_max epochs (SGDR without restarts). */
export class CosineAnnealingLR extends LRScheduler {
  constructor(
    optimizer: Optimizer,
    public T_max: number,
    public eta_min = 0,
    last_epoch = -1,
  ) {
    super(optimizer, last_epoch);
    this.initialStep();
  }
  get_lr(): number[] {
    const e = this.last_epoch,
      T = this.T_max,
      lo = this.eta_min,
      groups = this.optimizer.param_groups;
    if (e === 0) return this.lrs();
    if (this._step_count === 1 && e > 0)
      return this.base_lrs.map((b) => lo + ((b - lo) * (1 + Math.cos((e * Math.PI) / T))) / 2);
    if ((e - 1 - T) % (2 * T) === 0)
      return groups.map((g, i) => (g.lr as number) + ((this.base_lrs[i] - lo) * (1 - Math.cos(Math.PI / T))) / 2);
    return groups.map(
      (g) =>
        ((1 + Math.cos((Math.PI * e) / T)) / (1 + Math.cos((Math.PI * (e - 1)) / T))) * ((g.lr as number) - lo) + lo,
    );
  }
}

/** lr = base_lr * lr_lambda(epoch), one function for all groups or one per group. */
export class LambdaLR extends LRScheduler {
  lr_lambdas: ((epoch: number) => number)[];
  constructor(
    optimizer: Optimizer,
    lr_lambda: ((epoch: number) => number) | ((epoch: number) => number)[],
    last_epoch = -1,
  ) {
    super(optimizer, last_epoch);
    const n = optimizer.param_groups.length;
    if (Array.isArray(lr_lambda)) {
      if (lr_lambda.length !== n) throw new ValueError(`Expected ${n} lr_lambdas, but got ${lr_lambda.length}`);
      this.lr_lambdas = [...lr_lambda];
    } else this.lr_lambdas = new Array(n).fill(lr_lambda);
    this.initialStep();
  }
  get_lr(): number[] {
    return this.base_lrs.map((b, i) => b * this.lr_lambdas[i](this.last_epoch));
  }
}

/** PyTorch 1.13's name for the base class. */
export { LRScheduler as _LRScheduler };
