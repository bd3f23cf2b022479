/**
 * torch.nn: modules, containers, losses, parameters, and the `functional` and `init` namespaces.
 * @example import { nn } from "gradlab"; const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU())
 */
export { Module } from "./module.js";
export { Parameter } from "./parameter.js";
export { StateDict, IncompatibleKeys } from "./state_dict.js";
// Layers whose constructors take PyTorch's positional arguments or an options object (engine/api/keywords.ts).
export {
  Sequential,
  ModuleList,
  ModuleDict,
  Identity,
  Sigmoid,
  Tanh,
  Linear,
  Bilinear,
  Conv1d,
  Conv2d,
  ConvTranspose1d,
  ConvTranspose2d,
  MaxPool2d,
  AvgPool2d,
  AdaptiveAvgPool2d,
  BatchNorm1d,
  BatchNorm2d,
  LayerNorm,
  Dropout,
  Embedding,
  Flatten,
  Unflatten,
  ReLU,
  SiLU,
  LeakyReLU,
  GELU,
  ELU,
  Softplus,
  Softmax,
  LogSoftmax,
  MSELoss,
  L1Loss,
  SmoothL1Loss,
  NLLLoss,
  CrossEntropyLoss,
  BCELoss,
  BCEWithLogitsLoss,
} from "../api/nn_classes.js";
export * as functional from "./functional_api.js";
export * as init from "./init_api.js";
