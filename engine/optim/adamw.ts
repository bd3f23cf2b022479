/** torch.optim.AdamW: Adam with decoupled weight decay (torch/optim/adamw.py). */
import { Adam } from "./adam.js";

/**
 * AdamW: the weights decay by lr * weight_decay before the Adam step (default weight_decay 1e-2).
 * @example new torch.optim.AdamW(model.parameters(), {lr: 1e-3, weight_decay: 0.01})
 */
export class AdamW extends Adam {
  static override readonly variant = {
    weight_decay: 1e-2,
    // PyTorch 2.4's keys and order (1.13 ended at capturable).
    keys: [
      "lr",
      "betas",
      "eps",
      "weight_decay",
      "amsgrad",
      "foreach",
      "maximize",
      "capturable",
      "differentiable",
      "fused",
    ],
    decoupled: true,
  } as const;
}
