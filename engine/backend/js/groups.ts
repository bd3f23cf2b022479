/** The TypeScript method groups: used by the TypeScript backend, and by any backend that leaves a group out. */
import type { BackendGroups } from "../backend.js";
import { jsNnKernels } from "./nn_kernels.js";
import { adamKernel, sgdKernel } from "./optim_kernels.js";
import { jsSoftmaxKernels } from "./softmax_kernel.js";
import { jsIndexKernels } from "./index_kernels.js";

export const TS_GROUPS: BackendGroups = {
  nn: jsNnKernels,
  optim: { sgd: sgdKernel, adam: adamKernel },
  softmax: jsSoftmaxKernels,
  indexing: jsIndexKernels,
};
