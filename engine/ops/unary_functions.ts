/** torch.exp(x), torch.sin(x), ...: the function forms of the unary table. */
import type { Tensor } from "../tensor/tensor.js";
import { unary } from "./unary.js";
import { tensorArg } from "../tensor/arg_parser.js";
export { logit } from "./unary.js";

// The message names the public function (torch.fix(s) is "fix()"), so each export passes its own name.
const u = (name: string, api = name) => (x: Tensor): Tensor => unary(name, tensorArg(api, x));
export const neg = u("neg"), negative = u("neg", "negative"), abs = u("abs"), absolute = u("abs", "absolute"), sign = u("sign"), sgn = u("sgn");
export const reciprocal = u("reciprocal"), exp = u("exp"), exp2 = u("exp2"), expm1 = u("expm1");
export const log = u("log"), log2 = u("log2"), log10 = u("log10"), log1p = u("log1p");
export const sqrt = u("sqrt"), rsqrt = u("rsqrt"), square = u("square");
export const sin = u("sin"), cos = u("cos"), tan = u("tan"), asin = u("asin"), acos = u("acos"), atan = u("atan");
export const arcsin = asin, arccos = acos, arctan = atan;
export const sinh = u("sinh"), cosh = u("cosh"), tanh = u("tanh"), asinh = u("asinh"), acosh = u("acosh"), atanh = u("atanh");
// NOTE: gelu, silu, mish, softplus (and elu, leaky_relu, hardtanh) exist only as
// torch.nn.functional.X in PyTorch (engine/nn/functional.ts), so they are not exported here.
export const sigmoid = u("sigmoid"), relu = u("relu");
export const erf = u("erf"), erfc = u("erfc"), floor = u("floor"), ceil = u("ceil"), trunc = u("trunc"), fix = u("trunc", "fix"), frac = u("frac");
export const isnan = u("isnan"), isinf = u("isinf"), isfinite = u("isfinite"), logical_not = u("logical_not");
