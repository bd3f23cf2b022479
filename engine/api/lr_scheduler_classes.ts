/** torch.optim.lr_scheduler with its constructors' keyword arguments bound (`new StepLR(opt, {step_size: 2})`; api/keywords.ts). */
import { bindClass } from "./keywords.js";
import * as s from "../optim/lr_scheduler.js";

export { LRScheduler, _LRScheduler } from "../optim/lr_scheduler.js";
export const StepLR = bindClass("optim.lr_scheduler.StepLR", s.StepLR);
export type StepLR = s.StepLR;
export const MultiStepLR = bindClass("optim.lr_scheduler.MultiStepLR", s.MultiStepLR);
export type MultiStepLR = s.MultiStepLR;
export const ExponentialLR = bindClass("optim.lr_scheduler.ExponentialLR", s.ExponentialLR);
export type ExponentialLR = s.ExponentialLR;
export const CosineAnnealingLR = bindClass("optim.lr_scheduler.CosineAnnealingLR", s.CosineAnnealingLR);
export type CosineAnnealingLR = s.CosineAnnealingLR;
export const LambdaLR = bindClass("optim.lr_scheduler.LambdaLR", s.LambdaLR);
export type LambdaLR = s.LambdaLR;
