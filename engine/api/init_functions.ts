/** torch.nn.init's functions with their keyword arguments bound (`init.uniform_(w, {a: -0.1, b: 0.1})`; api/keywords.ts). */
import { bindFunctions } from "./keywords.js";
import * as init from "../nn/init.js";

export const {
  calculate_gain,
  uniform_,
  normal_,
  constant_,
  ones_,
  zeros_,
  xavier_uniform_,
  xavier_normal_,
  kaiming_uniform_,
  kaiming_normal_,
} = bindFunctions("nn.init", init);
