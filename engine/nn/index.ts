/**
 * torch.nn: modules, containers, losses, parameters, and the `functional` and `init` namespaces.
 * @example import { nn } from "gradlab"; const model = new nn.Sequential(new nn.Linear(3, 4), new nn.ReLU())
 */
export { Module } from "./module.js";
export { Parameter } from "./parameter.js";
export { StateDict, IncompatibleKeys } from "./state_dict.js";
export { Sequential, ModuleList, ModuleDict } from "./container.js";
export { Identity, Linear, Bilinear } from "./linear.js";
export { Conv1d, Conv2d, ConvTranspose1d, ConvTranspose2d } from "./conv.js";
export { MaxPool2d, AvgPool2d, AdaptiveAvgPool2d } from "./pooling.js";
export { BatchNorm1d, BatchNorm2d } from "./batchnorm.js";
export { LayerNorm } from "./normalization.js";
export { Dropout } from "./dropout.js";
export { Embedding } from "./sparse.js";
export { Flatten, Unflatten } from "./flatten.js";
export { ReLU, LeakyReLU, GELU, Sigmoid, Tanh, SiLU, ELU, Softplus, Softmax, LogSoftmax } from "./activation.js";
export { MSELoss, L1Loss, SmoothL1Loss, NLLLoss, CrossEntropyLoss, BCELoss, BCEWithLogitsLoss } from "./loss.js";
export * as functional from "./functional_api.js";
export * as init from "./init_api.js";
