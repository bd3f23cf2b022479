/**
 * Graph nodes users inspect: `y.grad_fn` (a Node), `grad_fn.next_functions`,
 * `AccumulateGrad` for leaves, and hooks. The backward pass itself is in engine.ts.
 */
import { RuntimeError } from "../errors.js";
import type { Tensor } from "../tensor/tensor.js";
import { tuple } from "../format/py_repr.js";
import { formatShape } from "../format/shape_text.js";

/** One incoming gradient edge: the node that receives it and which of its outputs it feeds. */
export type Edge = [Node | null, number];

let nextSequenceNr = 0;
/** The fake address of the node numbered 0 in `<MulBackward0 object at 0x7f3a1c000060>`: nodes are 0x60 apart, in creation order. */
const FIRST_ADDRESS = 0x7f3a1c000060;

export const RELEASED_MESSAGE =
  "Trying to backward through the graph a second time (or directly access saved tensors after they have already been freed). Saved intermediate values of the graph are freed when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to backward through the graph a second time or if you need to access saved tensors after calling backward.";

/** A tensor saved for backward, with the version it had when saved (to detect in-place edits). */
export class SavedTensor {
  readonly version: number;
  constructor(
    readonly tensor: Tensor,
    readonly isOutput: boolean,
  ) {
    this.version = tensor._version;
  }
  unpack(node: Node): Tensor {
    const t = this.tensor;
    if (t._version !== this.version) {
      const shape = formatShape(t._shape);
      const who =
        this.isOutput || !t.is_leaf
          ? `, which is output ${t.output_nr} of ${this.isOutput ? node.name() : t.grad_fn!.name()},`
          : "";
      throw new RuntimeError(
        `one of the variables needed for gradient computation has been modified by an inplace operation: [${t.dtype.legacyName} ${shape}]${who} is at version ${t._version}; expected version ${this.version} instead. Hint: enable anomaly detection to find the operation that failed to compute its gradient, with torch.autograd.set_detect_anomaly(True).`,
      );
    }
    return t;
  }
}

/**
 * `hook(grad_inputs, grad_outputs) -> tuple[Tensor] or None`, as torch.autograd.graph.Node.register_hook
 * documents it: grad_inputs are the gradients this node computed (next_functions order), a returned
 * array replaces them.
 */
export type GradHook = (
  gradInputs: (Tensor | null)[],
  gradOutputs: (Tensor | null)[],
) => (Tensor | null)[] | void | undefined;
/** `hook(grad_outputs) -> tuple[Tensor] or None`, run before the node; a returned array replaces grad_outputs. */
export type GradPreHook = (gradOutputs: (Tensor | null)[]) => (Tensor | null)[] | void | undefined;

export class RemovableHandle {
  constructor(private readonly remove_: () => void) {}
  remove(): void {
    this.remove_();
  }
}

/**
 * NOTE: node classes declare their fields (`declare`) and assign them in the constructor instead of
 * using class fields. A class field is defined with [[Define]] semantics, and Node's and OpNode's
 * field definitions run for every node class (one per op that saves tensors): past a few classes
 * V8's define-property sites go megamorphic, which it handles in the runtime. Measured: 12 fields
 * in a base class of 30 classes cost 1.5 us per object as class fields, 0.16 us as assignments; a
 * notebook that had run a Linear layer recorded the autograd chain at 3.4 us per op instead of 0.9.
 */
export abstract class Node {
  /** Creation order: the engine runs later nodes first, as PyTorch does. */
  declare readonly _sequenceNr: number;
  /** @internal */ declare _next: Edge[];
  // Hooks, retained outputs and metadata are rare: made on first use, so that recording an op
  // allocates none of them (the per-op cost of small tensors is mostly allocation).
  /** @internal hooks on this node's outputs from tensor.register_hook, by output number */
  declare _tensorPreHooks: Map<number, ((grad: Tensor) => Tensor | void | undefined)[]> | null;
  /** @internal non-leaf outputs with retain_grad(), by output number */
  declare _retainedOutputs: Map<number, Tensor> | null;
  /** @internal */ declare _hooks: GradHook[] | null;
  /** @internal */ declare _preHooks: GradPreHook[] | null;
  declare private _metadata: Record<string, unknown> | null;
  /** @internal backward's bookkeeping for this node (engine.ts): the run that owns these fields */
  declare _runId: number;
  /** @internal edges still to deliver a gradient here in the current backward */ declare _deps: number;
  /** @internal gradients received so far in the current backward, one per output */ declare _grads:
    | (Tensor | null)[]
    | null;
  /** @internal in the ready queue of the current backward */ declare _queued: boolean;
  /** @internal the edge [this, 0], made once: every op recorded on this node's first output reuses it */
  declare private _edge0: Edge | null;
  /**
   * The leaf an `AccumulateGrad` node accumulates into; absent (undefined) on every other node, as
   * the Python attribute exists only on AccumulateGrad. Declared here so that a walk down the graph,
   * `z.grad_fn.next_functions[0][0].next_functions[0][0].variable`, type-checks without casts.
   */
  declare readonly variable?: Tensor;

  constructor(next: Edge[]) {
    this._sequenceNr = nextSequenceNr++;
    this._next = next;
    this._tensorPreHooks = null;
    this._retainedOutputs = null;
    this._hooks = null;
    this._preHooks = null;
    this._metadata = null;
    this._runId = 0;
    this._deps = 0;
    this._grads = null;
    this._queued = false;
    this._edge0 = null;
  }
  /** @internal The edge into output `nr` of this node (edges are never modified in place, so output 0's is shared). */
  _edgeTo(nr: number): Edge {
    return nr === 0 ? (this._edge0 ??= [this, 0]) : [this, nr];
  }
  /** The fake address in reprs, from the creation number (a field would box a double per node). */
  get _address(): number {
    return FIRST_ADDRESS + 0x60 * this._sequenceNr;
  }
  /** A dict for the user's own annotations (grad_fn.metadata). */
  get metadata(): Record<string, unknown> {
    return (this._metadata ??= {});
  }
  /** `((node, input_nr), ...)`: where this node sends gradients, in the forward op's input order. */
  get next_functions(): Edge[] {
    return tuple(this._next.map((e) => tuple([e[0], e[1]]) as Edge));
  }

  /** The node's class name as PyTorch shows it: `MulBackward0`. */
  abstract name(): string;
  /** @internal Whether _apply runs user code (a custom Function's backward): what it sees and returns, user code may keep. */
  get _runsUserCode(): boolean {
    return false;
  }
  /** Number of outputs of the forward op this node differentiates. */
  get _numOutputs(): number {
    return 1;
  }
  /** Gradients w.r.t. the forward op's outputs in, gradients w.r.t. its inputs out (next_functions order). */
  abstract _apply(gradOutputs: (Tensor | null)[]): (Tensor | null)[];
  /** Free saved tensors (after a backward without retain_graph). */
  _release(): void {}
  /** Saved tensors, as `grad_fn.saved_tensors` would show them (raises after release). */
  get _savedTensors(): Tensor[] {
    return [];
  }

  /** Register `hook(grad_inputs, grad_outputs)`, run after this node computes its gradients. */
  register_hook(hook: GradHook): RemovableHandle {
    (this._hooks ??= []).push(hook);
    return new RemovableHandle(() => {
      this._hooks = this._hooks!.filter((h) => h !== hook);
    });
  }
  /** Register `hook(grad_outputs)`, run before this node computes; may replace grad_outputs. */
  register_prehook(hook: GradPreHook): RemovableHandle {
    (this._preHooks ??= []).push(hook);
    return new RemovableHandle(() => {
      this._preHooks = this._preHooks!.filter((h) => h !== hook);
    });
  }

  /** Python class name used in reprs (AccumulateGrad's name() differs from its class name). */
  get _className(): string {
    return this.name();
  }
  /** The qualified class name in reprs (custom Functions show `torch.autograd.function.MyExpBackward`). */
  get _reprName(): string {
    return this._className;
  }
  /** Python's repr: `<MulBackward0 object at 0x7f3a1c0000c0>`. */
  toString(): string {
    return `<${this._reprName} object at 0x${this._address.toString(16)}>`;
  }
  /** IPython's pretty form used for cell results: `<MulBackward0 at 0x7f3a1c0000c0>`. */
  _reprPretty(): string {
    return `<${this._reprName} at 0x${this._address.toString(16)}>`;
  }
  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}

/** The node that adds incoming gradients into a leaf's `.grad`. `acc.variable === leaf`. */
export class AccumulateGrad extends Node {
  constructor(override readonly variable: Tensor) {
    super([]);
  }
  name(): string {
    return "torch::autograd::AccumulateGrad";
  }
  override get _className(): string {
    return "AccumulateGrad";
  }
  _apply(): (Tensor | null)[] {
    return [];
  }
}

/** The AccumulateGrad node of a leaf that requires grad (one per leaf, shared by all uses). */
export function gradAccumulator(leaf: Tensor): Node {
  if (!leaf._accumulator) leaf._accumulator = new AccumulateGrad(leaf);
  return leaf._accumulator;
}

/** The edge of inputs that need no gradient: one shared (edges are never modified in place). */
const NO_EDGE: Edge = Object.freeze([null, 0]) as unknown as Edge;

/** The edge through which gradient flows into `t`, or [null, 0] if t needs no gradient. */
export function gradientEdge(t: Tensor | null | undefined): Edge {
  if (!t || !t._requiresGrad) return NO_EDGE;
  return t.grad_fn ? t.grad_fn._edgeTo(t.output_nr) : gradAccumulator(t)._edgeTo(0);
}
