/**
 * torch.autograd.functional with its keyword arguments bound: `jacobian(f, x, {create_graph: true})`,
 * `hvp(f, x, v, {strict: true})`, and PyTorch's positional forms (`jacobian(f, x, true)`; api/keywords.ts).
 */
import { bindFunctions } from "./keywords.js";
import * as functional from "../autograd/functional.js";

export const { jacobian, hessian, vjp, jvp, hvp, vhp } = bindFunctions("autograd.functional", functional);
