/** The suite's cases, in run order. Adding a case: a module in this folder and one line here. */
import type { BenchCase } from "../case.js";
import { autogradChain } from "./autograd_chain.js";
import { matmuls } from "./matmul.js";
import { mlpStep } from "./mlp_step.js";
import { elementwiseChain, reduction } from "./elementwise.js";

export const CASES: BenchCase[] = [
  ...matmuls,
  elementwiseChain,
  reduction,
  autogradChain,
  mlpStep,
];
