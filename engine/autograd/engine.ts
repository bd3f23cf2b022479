/**
 * The backward pass: find the nodes reachable from the roots, count each node's dependencies,
 * then run nodes whose gradients are complete, latest-created first (PyTorch's order on CPU).
 * Iterative throughout, so a chain of 200,000 ops does not overflow the stack.
 */
import { isOptions } from "../tensor/arg_parser.js";
import { RuntimeError, warnOnce } from "../errors.js";
import { Tensor } from "../tensor/tensor.js";
import { isNonOverlappingAndDense } from "../tensor/memory_format.js";
import { AccumulateGrad, type Node, gradientEdge } from "./node.js";
import { enable_grad, no_grad, set_grad_enabled } from "./grad_mode.js";
import { backend } from "../backend/index.js";
import { formatShape } from "../format/shape_text.js";

/** Max-heap of ready nodes by sequence number. */
class ReadyQueue {
  private heap: Node[] = [];
  get size(): number {
    return this.heap.length;
  }
  push(n: Node): void {
    const h = this.heap;
    h.push(n);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (h[p]._sequenceNr >= h[i]._sequenceNr) break;
      [h[p], h[i]] = [h[i], h[p]];
      i = p;
    }
  }
  pop(): Node {
    const h = this.heap,
      top = h[0],
      last = h.pop()!;
    if (h.length) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < h.length && h[l]._sequenceNr > h[m]._sequenceNr) m = l;
        if (r < h.length && h[r]._sequenceNr > h[m]._sequenceNr) m = r;
        if (m === i) break;
        [h[m], h[i]] = [h[i], h[m]];
        i = m;
      }
    }
    return top;
  }
}

function addGrads(a: Tensor | null, b: Tensor | null): Tensor | null {
  if (!a) return b;
  if (!b) return a;
  return a.add(b);
}

export interface RunOptions {
  retain_graph: boolean;
  create_graph: boolean;
  /** autograd.grad: capture gradients flowing into these edges instead of accumulating into .grad. */
  capture?: { node: Node; inputNr: number }[];
  /** backward(inputs=...): accumulate only into these leaves. */
  accumulateOnly?: Set<Node>;
}

/**
 * The backward pass keeps its per-node bookkeeping (dependency count, gradient buffer, queued
 * flag) in fields of the nodes, stamped with the run's id, instead of Maps and Sets keyed by node:
 * for a chain of small ops the hash lookups cost more than the gradients. A backward started
 * inside another (from a hook or a custom Function) saves the fields of the nodes it takes over
 * and gives them back when it ends.
 */
let lastRunId = 0;
const activeRuns = new Set<number>();

interface Scratch {
  node: Node;
  runId: number;
  deps: number;
  grads: (Tensor | null)[] | null;
  queued: boolean;
}

class RunState {
  readonly id = ++lastRunId;
  /** Nodes this run stamped, to drop leftover gradients at the end. */
  readonly claimed: Node[] = [];
  /** Fields of nodes an enclosing run was using, restored at the end. */
  readonly taken: Scratch[] = [];
  /** Stamp `n` for this run; false when it already was. */
  claim(n: Node): boolean {
    if (n._runId === this.id) return false;
    if (activeRuns.has(n._runId))
      this.taken.push({ node: n, runId: n._runId, deps: n._deps, grads: n._grads, queued: n._queued });
    n._runId = this.id;
    n._deps = 0;
    n._grads = null;
    n._queued = false;
    this.claimed.push(n);
    return true;
  }
  finish(): void {
    for (const n of this.claimed) {
      n._grads = null;
      n._runId = 0;
    }
    for (const t of this.taken) {
      t.node._runId = t.runId;
      t.node._deps = t.deps;
      t.node._grads = t.grads;
      t.node._queued = t.queued;
    }
    activeRuns.delete(this.id);
  }
}

/** The gradient buffer of node `n` (one slot per output), made when its first gradient arrives. */
function bufferFor(n: Node): (Tensor | null)[] {
  let b = n._grads;
  if (!b) {
    b = n._numOutputs === 1 ? [null] : new Array<Tensor | null>(n._numOutputs).fill(null);
    n._grads = b;
  }
  return b;
}

/** Run backward from `roots` (edges) seeded with `grads`; returns captured gradients if asked. */
export function runBackward(roots: [Node, number][], grads: Tensor[], opts: RunOptions): (Tensor | null)[] {
  const run = new RunState();
  activeRuns.add(run.id);
  try {
    return runNodes(run, roots, grads, opts);
  } finally {
    run.finish();
  }
}

function runNodes(run: RunState, roots: [Node, number][], grads: Tensor[], opts: RunOptions): (Tensor | null)[] {
  // 1. dependencies: how many edges point at each node, over the reachable graph.
  const stack: Node[] = [];
  for (const [n] of roots) if (run.claim(n)) stack.push(n);
  while (stack.length) {
    const n = stack.pop()!;
    const edges = n._next;
    for (let i = 0; i < edges.length; i++) {
      const next = edges[i][0];
      if (!next) continue;
      if (run.claim(next)) stack.push(next);
      next._deps++;
    }
  }
  // 2. input buffers: the gradient for each output of each node, summed as it arrives.
  roots.forEach(([n, nr], i) => {
    const b = bufferFor(n);
    b[nr] = addGrads(b[nr], grads[i]);
  });

  const captured: (Tensor | null)[] = opts.capture ? opts.capture.map(() => null) : [];
  const captureIndex = new Map<Node, number[]>();
  opts.capture?.forEach((c, i) => {
    const l = captureIndex.get(c.node) ?? [];
    l.push(i);
    captureIndex.set(c.node, l);
  });

  const queue = new ReadyQueue();
  for (const [n] of roots)
    if (n._deps === 0 && !n._queued) {
      n._queued = true;
      queue.push(n);
    }

  const guard = set_grad_enabled(opts.create_graph);
  try {
    while (queue.size) {
      const node = queue.pop();
      let gradOutputs = node._grads ?? new Array(node._numOutputs).fill(null);
      node._grads = null;
      // Tensor hooks (register_hook on non-leaves) and retain_grad, per output.
      const tensorHooks = node._tensorPreHooks,
        retained = node._retainedOutputs;
      if (tensorHooks || retained)
        gradOutputs = gradOutputs.map((g, nr) => {
          if (!g) return g;
          for (const h of tensorHooks?.get(nr) ?? []) {
            markHeld(g);
            const r = h(g);
            markHeld(r);
            if (r instanceof Tensor) g = r;
          }
          const kept = retained?.get(nr);
          if (kept) kept._grad = kept._grad ? kept._grad.add(g) : g.detach().clone();
          return g;
        });
      if (node._preHooks)
        for (const h of node._preHooks) {
          markHeld(gradOutputs);
          const r = h(gradOutputs);
          markHeld(r);
          if (Array.isArray(r)) gradOutputs = r;
        }
      if (opts.capture)
        for (const i of captureIndex.get(node) ?? []) {
          const g = gradOutputs[opts.capture[i].inputNr];
          captured[i] = addGrads(captured[i], g);
        }
      let gradInputs: (Tensor | null)[];
      if (node instanceof AccumulateGrad) {
        if (!opts.capture && (!opts.accumulateOnly || opts.accumulateOnly.has(node)))
          accumulate(node, gradOutputs[0], opts.create_graph);
        gradInputs = [];
      } else {
        gradInputs = node._apply(gradOutputs);
        if (!opts.retain_graph) node._release();
      }
      if (node._hooks)
        for (const h of node._hooks) {
          markHeld(gradInputs);
          markHeld(gradOutputs);
          const r = h(gradInputs, gradOutputs);
          markHeld(r);
          if (Array.isArray(r)) gradInputs = r;
        }
      if (node._runsUserCode) {
        markHeld(gradOutputs);
        markHeld(gradInputs);
      } else if (gradInputs.length > 1) markShared(gradInputs);
      const edges = node._next;
      for (let i = 0; i < edges.length; i++) {
        const next = edges[i][0];
        if (!next) continue;
        const g = gradInputs[i] ?? null;
        if (g) {
          const b = bufferFor(next);
          const nr = edges[i][1];
          b[nr] = addGrads(b[nr], g);
        }
        if (--next._deps === 0 && !next._queued) {
          next._queued = true;
          queue.push(next);
        }
      }
    }
  } finally {
    guard[Symbol.dispose]();
  }
  return captured;
}

/** PyTorch's gradient layout contract: a dense leaf's grad has the leaf's strides (size-1 dims aside), any other leaf's grad is row-major. */
function obeysLayoutContract(g: Tensor, leaf: Tensor): boolean {
  if (!isNonOverlappingAndDense(leaf._shape, leaf._strides)) return g.is_contiguous();
  return g._shape.every((s, i) => (s !== 1 ? g._strides[i] === leaf._strides[i] : g._strides[i] !== 0));
}
/** An uninitialised tensor shaped like `g` in the layout the contract asks for (clone_obey_contract). */
function emptyObeyingContract(g: Tensor, leaf: Tensor): Tensor {
  const t = Tensor._fromData(backend().alloc(g.dtype, g.numel()), g._shape, g.dtype);
  if (isNonOverlappingAndDense(leaf._shape, leaf._strides)) t._strides = [...leaf._strides];
  return t;
}

/**
 * Gradients held elsewhere: passed to backward, seen or returned by a hook or a custom Function's
 * backward, or sent by one node to several edges. PyTorch's AccumulateGrad takes a gradient only
 * when its use count says nobody else holds it; this is that count's "somebody else": such a
 * gradient (or a view of one) is copied into .grad.
 */
const heldElsewhere = new WeakSet<Tensor>();
function isHeldElsewhere(g: Tensor): boolean {
  return heldElsewhere.has(g) || (g._base !== null && heldElsewhere.has(g._base));
}
/**
 * Gradients a node sends to more than one edge (AddBackward passes its gradient to both inputs;
 * views of one storage count as the same): each receiver holds it, so no leaf may take it.
 */
function markShared(grads: (Tensor | null)[]): void {
  for (let i = 0; i < grads.length; i++) {
    const a = grads[i];
    if (!a) continue;
    for (let j = i + 1; j < grads.length; j++) {
      const b = grads[j];
      if (b && b._storage === a._storage) {
        markHeld(a);
        markHeld(b);
      }
    }
  }
}

/** Marks tensors (or arrays of them) as held elsewhere: what user code saw or returned. */
function markHeld(v: unknown): void {
  if (Array.isArray(v)) for (const t of v) markHeld(t);
  else if (v instanceof Tensor) {
    heldElsewhere.add(v);
    if (v._base) heldElsewhere.add(v._base); // views of v have v's base as theirs
  }
}

/** AccumulateGrad: run the leaf's hooks, then add into .grad (a new tensor the first time). */
function accumulate(node: AccumulateGrad, g: Tensor | null, createGraph: boolean): void {
  if (!g) return;
  const leaf = node.variable;
  if (leaf._hooks)
    for (const h of leaf._hooks) {
      markHeld(g);
      const r = h(g);
      markHeld(r);
      if (r instanceof Tensor) g = r;
    }
  if (leaf._grad === null) {
    // With create_graph the stored grad is a recorded copy (grad_fn=<CopyBackwards>), as in PyTorch.
    // The grad takes the leaf's layout (torch/csrc/autograd/utils/grad_layout_contract.h). A
    // gradient already in that layout that only the engine holds is taken, not copied, as
    // AccumulateGrad's `variable.grad = new_grad.detach()` (a view, such as a Linear weight's
    // gradient, the transpose of a fresh product, becomes a plain tensor on the same storage).
    leaf._grad = createGraph
      ? emptyObeyingContract(g, leaf).copy_(g)
      : no_grad(() =>
          obeysLayoutContract(g!, leaf) && !g!.requires_grad && !isHeldElsewhere(g!)
            ? g!._base === null
              ? g!
              : g!.detach()
            : emptyObeyingContract(g!, leaf).copy_(g!),
        );
    if (!createGraph && leaf._grad.requires_grad) leaf._grad = leaf._grad.detach();
  } else if (createGraph) {
    leaf._grad = leaf._grad.add(g);
  } else {
    no_grad(() => leaf._grad!.add_(g!));
  }
}

/** Seed gradients: implicit ones for scalars, checked shapes otherwise. */
function seedGrads(outputs: Tensor[], grads: (Tensor | null | undefined)[]): Tensor[] {
  return outputs.map((o, i) => {
    const g = grads[i];
    if (g === null || g === undefined) {
      if (o.numel() !== 1) throw new RuntimeError("grad can be implicitly created only for scalar outputs");
      return Tensor._fromData(new o.dtype.ArrayType([1]), o._shape, o.dtype);
    }
    if (g._shape.join() !== o._shape.join())
      throw new RuntimeError(
        `Mismatch in shape: grad_output[${i}] has a shape of ${formatShape(g._shape, "Size")} and output[${i}] has a shape of ${formatShape(o._shape, "Size")}.`,
      );
    markHeld(g);
    return g;
  });
}

function rootEdges(outputs: Tensor[]): [Node, number][] {
  return outputs.map((o, i) => {
    if (!o.requires_grad)
      throw new RuntimeError(`element ${i} of tensors does not require grad and does not have a grad_fn`);
    const [n, nr] = gradientEdge(o);
    return [n!, nr];
  });
}

export interface BackwardOptions {
  retain_graph?: boolean | null;
  create_graph?: boolean;
  inputs?: Tensor | Tensor[] | null;
}
/** All of torch.autograd.backward's keyword arguments, as an options object. */
export interface AutogradBackwardOptions extends BackwardOptions {
  grad_tensors?: Tensor | (Tensor | null)[] | null;
}

/**
 * torch.autograd.backward(tensors, grad_tensors, retain_graph, create_graph, grad_variables, inputs),
 * positionally as in PyTorch or as a trailing options object: `backward(y, {retain_graph: true})`.
 */
export function backward(tensors: Tensor | Tensor[], options?: AutogradBackwardOptions | null): void;
export function backward(
  tensors: Tensor | Tensor[],
  grad_tensors?: Tensor | (Tensor | null)[] | null,
  retain_graph?: boolean | null,
  create_graph?: boolean,
  grad_variables?: null,
  inputs?: Tensor | Tensor[] | null,
): void;
export function backward(
  tensors: Tensor | Tensor[],
  grad_tensors?: Tensor | (Tensor | null)[] | null,
  opts?: BackwardOptions | null,
): void;
export function backward(
  tensors: Tensor | Tensor[],
  grad_tensors?: Tensor | (Tensor | null)[] | AutogradBackwardOptions | null,
  retain?: boolean | BackwardOptions | null,
  create?: boolean,
  _grad_variables?: null,
  inputs?: Tensor | Tensor[] | null,
): void {
  if (isOptions(grad_tensors)) {
    const o = grad_tensors as AutogradBackwardOptions;
    retain = o;
    grad_tensors = o.grad_tensors;
  }
  const opts: BackwardOptions = isOptions(retain)
    ? (retain as BackwardOptions)
    : { retain_graph: retain as boolean | null | undefined, create_graph: create, inputs };
  const outs = Array.isArray(tensors) ? tensors : [tensors];
  const gs =
    grad_tensors === undefined || grad_tensors === null
      ? []
      : Array.isArray(grad_tensors)
        ? grad_tensors
        : [grad_tensors];
  const create_graph = opts.create_graph ?? false;
  const retain_graph = opts.retain_graph ?? create_graph;
  if (create_graph) {
    warnOnce(
      "Using backward() with create_graph=True will create a reference cycle between the parameter and its gradient which can cause a memory leak. We recommend using autograd.grad when creating the graph to avoid this. If you have to use this function, make sure to reset the .grad fields of your parameters to None after use to break the cycle and avoid the leak. (Triggered internally at  ./torch/csrc/autograd/engine.cpp:1059.)",
    );
  }
  const roots = rootEdges(outs);
  const seeds = seedGrads(outs, gs);
  let accumulateOnly: Set<Node> | undefined;
  if (opts.inputs) {
    const ins = Array.isArray(opts.inputs) ? opts.inputs : [opts.inputs];
    accumulateOnly = new Set(ins.map((t) => gradientEdge(t)[0]!).filter((n) => n));
  }
  runBackward(roots, seeds, { retain_graph, create_graph, accumulateOnly });
}

export interface GradOptions {
  grad_outputs?: Tensor | (Tensor | null)[] | null;
  retain_graph?: boolean | null;
  create_graph?: boolean;
  allow_unused?: boolean;
}

/**
 * torch.autograd.grad(outputs, inputs, grad_outputs, retain_graph, create_graph, only_inputs, allow_unused),
 * positionally as in PyTorch or with a trailing options object: `grad(y, x, {create_graph: true})`.
 */
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  opts?: GradOptions | null,
): (Tensor | null)[];
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  grad_outputs?: Tensor | (Tensor | null)[] | null,
  retain_graph?: boolean | null,
  create_graph?: boolean,
  only_inputs?: boolean,
  allow_unused?: boolean,
): (Tensor | null)[];
export function grad(
  outputs: Tensor | Tensor[],
  inputs: Tensor | Tensor[],
  grad_outputs?: GradOptions | Tensor | (Tensor | null)[] | null,
  retain?: boolean | null,
  create?: boolean,
  _only_inputs?: boolean,
  allow_unused?: boolean,
): (Tensor | null)[] {
  const opts: GradOptions = isOptions(grad_outputs)
    ? (grad_outputs as GradOptions)
    : {
        grad_outputs: grad_outputs as Tensor | (Tensor | null)[] | null,
        retain_graph: retain,
        create_graph: create,
        allow_unused,
      };
  const outs = Array.isArray(outputs) ? outputs : [outputs];
  const ins = Array.isArray(inputs) ? inputs : [inputs];
  const gs =
    opts.grad_outputs === undefined || opts.grad_outputs === null
      ? []
      : Array.isArray(opts.grad_outputs)
        ? opts.grad_outputs
        : [opts.grad_outputs];
  const create_graph = opts.create_graph ?? false;
  const retain_graph = opts.retain_graph ?? create_graph;
  const capture = ins.map((t) => {
    if (!t.requires_grad) throw new RuntimeError("One of the differentiated Tensors does not require grad");
    const [node, nr] = gradientEdge(t);
    return { node: node!, inputNr: nr };
  });
  const roots = rootEdges(outs);
  const seeds = seedGrads(outs, gs);
  const result = runBackward(roots, seeds, { retain_graph, create_graph, capture });
  return result.map((g, i) => {
    if (!g) {
      if (!opts.allow_unused)
        throw new RuntimeError(
          "One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.",
        );
      return null;
    }
    // Without create_graph the result is cut from any graph.
    return create_graph ? g : g.requires_grad ? g.detach() : g;
  });
}
export { enable_grad };
