/**
 * torch.nn.functional as users see it: the functions of functional.ts with their keyword arguments
 * bound (`F.softmax(x, {dim: 1})`, `F.mse_loss(a, b, {reduction: "sum"})`; engine/api/keywords.ts).
 * The list of names lives once, in api/functional_functions.ts.
 */
export * from "../api/functional_functions.js";
