/** The suite's cases, in run order. Adding a case: a module in this folder and one line here. */
import type { BenchCase, CaseSize } from "../case.js";
import { autogradChain } from "./autograd_chain.js";
import { conv2d } from "./conv2d.js";
import { elementwiseChain, reductions } from "./elementwise.js";
import { linearRegression } from "./linear_regression.js";
import { matmuls } from "./matmul.js";
import { mlpStep } from "./mlp_step.js";
import { resnet18, resnet18Memory } from "./resnet18.js";

export function cases(size: CaseSize = "full"): BenchCase[] {
  return [
    ...matmuls(size),
    elementwiseChain(size),
    ...reductions(size),
    ...conv2d(size),
    autogradChain(size),
    mlpStep(size),
    ...resnet18(size),
    linearRegression(size),
    resnet18Memory(size),
  ];
}
