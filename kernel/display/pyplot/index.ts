/**
 * `import { plt } from "gradlab/pyplot"`: matplotlib.pyplot's API, drawn with plotly.js (see
 * pyplot.ts). Also `import * as plt from "gradlab/pyplot"` minus the wrapper, and the Figure and
 * Axes classes for type annotations.
 */
// A package entry of its own: the Tensors it is given have all their methods (engine/methods.ts).
import "../../../engine/methods.js";
export * as plt from "./pyplot.js";
export * from "./pyplot.js";
export type { AxesArray, SubplotsOptions } from "./pyplot.js";
export type { FigureOptions } from "./figure.js";
export type { PlotlyFigure } from "./plotly_json.js";
