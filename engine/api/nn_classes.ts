/**
 * torch.nn's layer classes with their constructors' keyword arguments bound (`new nn.Conv2d(1, 6, 3, {padding: 1})`
 * and PyTorch's positional `new nn.Conv2d(1, 6, 3, 1, 1)`; api/keywords.ts `bindClass`). Each name is
 * both the bound class (a value) and its instance type, as the class itself is.
 */
import { bindClass } from "./keywords.js";
import * as m0 from "../nn/linear.js";
import * as m1 from "../nn/conv.js";
import * as m2 from "../nn/pooling.js";
import * as m3 from "../nn/batchnorm.js";
import * as m4 from "../nn/normalization.js";
import * as m5 from "../nn/dropout.js";
import * as m6 from "../nn/sparse.js";
import * as m7 from "../nn/flatten.js";
import * as m8 from "../nn/activation.js";
import * as m9 from "../nn/loss.js";
import * as m10 from "../nn/container.js";

export const Sequential = bindClass("nn.Sequential", m10.Sequential); export type Sequential = m10.Sequential;
export const ModuleList = bindClass("nn.ModuleList", m10.ModuleList); export type ModuleList = m10.ModuleList;
export const ModuleDict = bindClass("nn.ModuleDict", m10.ModuleDict); export type ModuleDict = m10.ModuleDict;
export const Identity = bindClass("nn.Identity", m0.Identity); export type Identity = m0.Identity;
export const Sigmoid = bindClass("nn.Sigmoid", m8.Sigmoid); export type Sigmoid = m8.Sigmoid;
export const Tanh = bindClass("nn.Tanh", m8.Tanh); export type Tanh = m8.Tanh;
export const Linear = bindClass("nn.Linear", m0.Linear); export type Linear = m0.Linear;
export const Bilinear = bindClass("nn.Bilinear", m0.Bilinear); export type Bilinear = m0.Bilinear;
export const Conv1d = bindClass("nn.Conv1d", m1.Conv1d); export type Conv1d = m1.Conv1d;
export const Conv2d = bindClass("nn.Conv2d", m1.Conv2d); export type Conv2d = m1.Conv2d;
export const ConvTranspose1d = bindClass("nn.ConvTranspose1d", m1.ConvTranspose1d); export type ConvTranspose1d = m1.ConvTranspose1d;
export const ConvTranspose2d = bindClass("nn.ConvTranspose2d", m1.ConvTranspose2d); export type ConvTranspose2d = m1.ConvTranspose2d;
export const MaxPool2d = bindClass("nn.MaxPool2d", m2.MaxPool2d); export type MaxPool2d = m2.MaxPool2d;
export const AvgPool2d = bindClass("nn.AvgPool2d", m2.AvgPool2d); export type AvgPool2d = m2.AvgPool2d;
export const AdaptiveAvgPool2d = bindClass("nn.AdaptiveAvgPool2d", m2.AdaptiveAvgPool2d); export type AdaptiveAvgPool2d = m2.AdaptiveAvgPool2d;
export const BatchNorm1d = bindClass("nn.BatchNorm1d", m3.BatchNorm1d); export type BatchNorm1d = m3.BatchNorm1d;
export const BatchNorm2d = bindClass("nn.BatchNorm2d", m3.BatchNorm2d); export type BatchNorm2d = m3.BatchNorm2d;
export const LayerNorm = bindClass("nn.LayerNorm", m4.LayerNorm); export type LayerNorm = m4.LayerNorm;
export const Dropout = bindClass("nn.Dropout", m5.Dropout); export type Dropout = m5.Dropout;
export const Embedding = bindClass("nn.Embedding", m6.Embedding); export type Embedding = m6.Embedding;
export const Flatten = bindClass("nn.Flatten", m7.Flatten); export type Flatten = m7.Flatten;
export const Unflatten = bindClass("nn.Unflatten", m7.Unflatten); export type Unflatten = m7.Unflatten;
export const ReLU = bindClass("nn.ReLU", m8.ReLU); export type ReLU = m8.ReLU;
export const SiLU = bindClass("nn.SiLU", m8.SiLU); export type SiLU = m8.SiLU;
export const LeakyReLU = bindClass("nn.LeakyReLU", m8.LeakyReLU); export type LeakyReLU = m8.LeakyReLU;
export const GELU = bindClass("nn.GELU", m8.GELU); export type GELU = m8.GELU;
export const ELU = bindClass("nn.ELU", m8.ELU); export type ELU = m8.ELU;
export const Softplus = bindClass("nn.Softplus", m8.Softplus); export type Softplus = m8.Softplus;
export const Softmax = bindClass("nn.Softmax", m8.Softmax); export type Softmax = m8.Softmax;
export const LogSoftmax = bindClass("nn.LogSoftmax", m8.LogSoftmax); export type LogSoftmax = m8.LogSoftmax;
export const MSELoss = bindClass("nn.MSELoss", m9.MSELoss); export type MSELoss = m9.MSELoss;
export const L1Loss = bindClass("nn.L1Loss", m9.L1Loss); export type L1Loss = m9.L1Loss;
export const SmoothL1Loss = bindClass("nn.SmoothL1Loss", m9.SmoothL1Loss); export type SmoothL1Loss = m9.SmoothL1Loss;
export const NLLLoss = bindClass("nn.NLLLoss", m9.NLLLoss); export type NLLLoss = m9.NLLLoss;
export const CrossEntropyLoss = bindClass("nn.CrossEntropyLoss", m9.CrossEntropyLoss); export type CrossEntropyLoss = m9.CrossEntropyLoss;
export const BCELoss = bindClass("nn.BCELoss", m9.BCELoss); export type BCELoss = m9.BCELoss;
export const BCEWithLogitsLoss = bindClass("nn.BCEWithLogitsLoss", m9.BCEWithLogitsLoss); export type BCEWithLogitsLoss = m9.BCEWithLogitsLoss;
