/**
 * Every Tensor method: the op families' (through the op table, which imports them all), the random
 * in-place fills, autograd's and numpy's. Each family installs its methods when it loads, so this
 * module is what every entry point imports (engine/index.ts and the package's kernel/display
 * entries): whichever one a program starts from, a Tensor has all its methods.
 */
import "./ops/table.js";
import "./ops/random_ops.js";
import "./autograd/tensor_methods.js";
import "./numpy/bridge.js";
