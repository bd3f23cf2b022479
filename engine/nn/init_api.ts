/**
 * torch.nn.init as users see it: the functions of init.ts, each taking its PyTorch keyword
 * arguments in a trailing options object (`init.uniform_(w, {a: -0.1, b: 0.1})`; engine/api/keywords.ts).
 */
import { bindFunctions } from "../api/keywords.js";
import * as init from "./init.js";

export type { Nonlinearity, KaimingOptions } from "./init.js";
export { _calculate_fan_in_and_fan_out } from "./init.js";
export const {
  calculate_gain, uniform_, normal_, constant_, ones_, zeros_, xavier_uniform_, xavier_normal_, kaiming_uniform_, kaiming_normal_,
} = bindFunctions("nn.init", init);
