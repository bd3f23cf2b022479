/** torch.autograd.backward and grad with their keyword arguments bound (`grad(y, x, {create_graph: true})`; api/keywords.ts). */
import { bindFunctions } from "./keywords.js";
import * as engine from "../autograd/engine.js";

export const { backward, grad } = bindFunctions("autograd", engine);
