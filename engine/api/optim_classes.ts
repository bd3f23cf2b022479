/**
 * torch.optim's optimizers and lr schedulers with their constructors' keyword arguments bound
 * (`new optim.SGD(params, 0.1, 0.9)` is `new optim.SGD(params, {lr: 0.1, momentum: 0.9})`; api/keywords.ts).
 */
import { bindClass } from "./keywords.js";
import * as o0 from "../optim/sgd.js";
import * as o1 from "../optim/adam.js";
import * as o2 from "../optim/adamw.js";
import * as o3 from "../optim/rmsprop.js";
import * as o4 from "../optim/adagrad.js";

export const SGD = bindClass("optim.SGD", o0.SGD);
export type SGD = o0.SGD;
export const Adam = bindClass("optim.Adam", o1.Adam);
export type Adam = o1.Adam;
export const AdamW = bindClass("optim.AdamW", o2.AdamW);
export type AdamW = o2.AdamW;
export const RMSprop = bindClass("optim.RMSprop", o3.RMSprop);
export type RMSprop = o3.RMSprop;
export const Adagrad = bindClass("optim.Adagrad", o4.Adagrad);
export type Adagrad = o4.Adagrad;
