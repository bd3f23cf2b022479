/**
 * The contract between the op table (ops/define.ts) and autograd (op_node.ts): what an op entry
 * declares (inputs, saved values, forward, per-input backward formulas) and what its formulas are
 * given. Types only; they live here so that imports run one way, ops → autograd → tensor.
 */
import type { DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";

/** What backward formulas get besides the saved tensors: the op's attributes and input metadata. */
export interface OpMeta<I extends InputNames = InputNames, O extends string = string> {
  /** Shapes of the tensor inputs (null for absent optional inputs), in `inputs` order. */
  shapes: PerInput<I, O, number[]>;
  dtypes: PerInput<I, O, DType>;
  /** @internal zeros shaped like output i (for multi-output ops whose other outputs got no gradient) */
  _zerosLikeOutput(i: number): Tensor;
}

/** Names of an op's tensor inputs, in next_functions order (a literal tuple: `["self", "other"]`). */
export type InputNames = readonly string[];
/** What `forward` receives: one Tensor per input name, `Tensor | null` for the optional ones. */
export type InputTensors<I extends InputNames, O extends string = never> = PerInput<I, O, Tensor>;
/** One T per input, `T | null` for the optional ones. */
type PerInput<I extends InputNames, O extends string, T> = { -readonly [K in keyof I]: I[K] extends O ? T | null : T };
/** The saved tensors a formula reads, by the names in `save` (a name not saved is a compile error). */
export type Saved<S extends string = string> = { readonly [K in S]: Tensor };
// NOTE: method syntax makes the formulas' parameters bivariant, so an entry typed by its own inputs
// still fits the table's OpDef (as `forward` does).
export type Formula<A, S extends string = string, I extends InputNames = InputNames, O extends string = string> = {
  f(grad: Tensor, saved: Saved<S>, meta: A & OpMeta<I, O>): Tensor | null;
}["f"];
export type JointFormula<A, S extends string = string, I extends InputNames = InputNames, O extends string = string> = {
  f(grads: Tensor[], saved: Saved<S>, meta: A & OpMeta<I, O>): (Tensor | null)[];
}["f"];

/**
 * One op of the table. Typed by its entry: `inputs` fixes the tuple `forward` receives and the keys
 * `backward` may have (a misspelled key is a compile error, not a silently null gradient); `save`
 * fixes the names the formulas read; the attributes' type comes from `forward`'s second parameter.
 */
export interface OpDef<
  A extends object = any,
  I extends InputNames = InputNames,
  S extends string = string,
  O extends string = string,
> {
  /** Table key; also the backend kernel name where one kernel implements it, and the golden name. */
  name: string;
  /** The grad_fn class name users see (`MulBackward0`), possibly depending on the attributes. */
  gradFn: string | ((attrs: A) => string);
  /** Names of the tensor inputs, in next_functions order. */
  inputs: I;
  /** Inputs to save for backward (by name), and "result" for output 0 (or "result1"...). */
  save?: readonly S[];
  /** Computes the outputs, without recording (grad mode is off inside). */
  forward(inputs: InputTensors<I, O>, attrs: A): Tensor | Tensor[];
  /** Per-input formulas (single output), or one joint formula over all outputs' gradients. */
  backward?: { [K in I[number]]?: Formula<A, S, I, O> } | JointFormula<A, S, I, O>;
  /** Inputs that may be absent (null), as conv's bias; any other input must be a Tensor. */
  optional?: readonly O[];
  /** Outputs are views of input 0 (they share its storage). */
  isView?: boolean;
  /** How many leading outputs are differentiable (e.g. 1 for max(dim): values yes, indices no). */
  differentiableOutputs?: number;
  /**
   * Why an internal entry is exempt from a table-wide test: `goldens` (no public call reaches it,
   * test/golden/ops.test.ts), `gradcheck` (differentiated through the public op that records it,
   * test/autograd/gradcheck_table.test.ts).
   */
  internal?: { goldens?: string; gradcheck?: string };
}

/**
 * An entry's type where it must be written out (entries that refer to each other, factories):
 * its attributes and input names, every input required.
 */
export type OpOf<A extends object, I extends InputNames = readonly ["self"]> = OpDef<A, I, string, never>;
