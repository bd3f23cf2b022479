/**
 * torch.nn.init as users see it: the functions of init.ts with their keyword arguments bound
 * (`init.uniform_(w, {a: -0.1, b: 0.1})`; engine/api/keywords.ts).
 */
export type { Nonlinearity, KaimingOptions } from "./init.js";
export { _calculate_fan_in_and_fan_out } from "./init.js";
export {
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
} from "../api/init_functions.js";
