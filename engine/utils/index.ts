/** torch.utils: the `data` namespace (datasets and DataLoader). */
export * as data from "./data/index.js";
