/**
 * torch.nn.init as users see it: the functions of init.ts with their keyword arguments bound
 * (`init.uniform_(w, {a: -0.1, b: 0.1})`; engine/api/keywords.ts). The list of names lives once,
 * in api/init_functions.ts.
 */
export type { Nonlinearity, KaimingOptions } from "./init.js";
export { _calculate_fan_in_and_fan_out } from "./init.js";
export * from "../api/init_functions.js";
