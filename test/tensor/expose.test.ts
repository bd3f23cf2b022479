/**
 * tensor/expose.ts makes each family's functions Tensor methods, written once: `x.sum(...)` is
 * `sum(x, ...)`. At run time every exposed function has the method of its name on Tensor.prototype,
 * giving the function's result (one sample call each; a new exposed function without a sample fails
 * here). At compile time (fixtures/expose_typing.ts) the method types are the functions' minus their
 * first parameter plus the options-object forms, and overloaded methods keep every overload.
 */
import { describe, expect, test } from "vitest";
import ts from "typescript";
import { fileURLToPath } from "node:url";
import * as torch from "../../engine/index.js";
import { exposedFunctions } from "../../engine/tensor/expose.js";

type T = torch.Tensor;
const f = () =>
  torch.tensor([
    [0.5, -1.5, 2.0],
    [3.0, 0.25, -0.75],
  ]);
const sq = () =>
  torch.tensor([
    [1.0, 2.0, 0.5],
    [0.0, -1.0, 3.0],
    [2.0, 1.0, 1.5],
  ]);
const v = () => torch.tensor([1.5, -2.0, 3.0]);
const idx = () =>
  torch.tensor([
    [0, 1, 0],
    [1, 0, 1],
  ]);
const mask = () =>
  torch.tensor([
    [true, false, true],
    [false, true, false],
  ]);
const long = (xs: number[]) => torch.tensor(xs);

/** Exposed name -> a fresh [self, ...args] for one call. */
const SAMPLES: Record<string, () => unknown[]> = {
  // reduce.ts
  sum: () => [f(), 1, true],
  mean: () => [f(), { dim: 0 }],
  prod: () => [f(), 1],
  amax: () => [f(), 0],
  amin: () => [f(), 1, true],
  argmax: () => [f(), 1],
  argmin: () => [f()],
  std: () => [f(), 1],
  norm: () => [f(), 2, 1],
  logsumexp: () => [f(), 1],
  all: () => [mask()],
  any: () => [mask(), 1],
  count_nonzero: () => [f()],
  cumsum: () => [f(), 1],
  cumprod: () => [f(), 0],
  // linalg.ts
  dot: () => [v(), v()],
  mv: () => [sq(), v()],
  mm: () => [f(), sq()],
  bmm: () => [f().reshape(1, 2, 3), sq().reshape(1, 3, 3)],
  matmul: () => [f(), sq()],
  outer: () => [v(), v()],
  addmm: () => [f(), f(), sq(), { beta: 0.5 }],
  // movement.ts
  view: () => [f(), 3, 2],
  reshape: () => [f(), [6]],
  transpose: () => [f(), 0, 1],
  t: () => [f()],
  permute: () => [f(), 1, 0],
  expand: () => [v().reshape(1, 3), 2, 3],
  squeeze: () => [f().reshape(1, 2, 3)],
  unsqueeze: () => [f(), 0],
  flatten: () => [f()],
  select: () => [f(), 1, 2],
  narrow: () => [f(), 1, 0, 2],
  contiguous: () => [f().t()],
  clone: () => [f()],
  detach: () => [f()],
  to: () => [f(), torch.float64],
  as_strided: () => [f(), [2, 2], [1, 2]],
  diagonal: () => [sq(), 1],
  sum_to_size: () => [f(), 1, 3],
  copy_: () => [f(), v()],
  // shape_ops.ts
  flip: () => [f(), 0],
  fliplr: () => [f()],
  flipud: () => [f()],
  roll: () => [f(), 1, 1],
  repeat: () => [f(), 2, 1],
  tile: () => [f(), [2]],
  diagonal_scatter: () => [sq(), v()],
  select_scatter: () => [f(), v(), 0, 1],
  slice_scatter: () => [f(), f().narrow(1, 0, 1), 1, 0, 1],
  tril: () => [sq()],
  triu: () => [sq(), 1],
  diag: () => [v()],
  trace: () => [sq()],
  // sort.ts
  sort: () => [f(), 1],
  argsort: () => [f(), 1, true],
  msort: () => [f()],
  topk: () => [f(), 2],
  kthvalue: () => [f(), 2, 1],
  mode: () => [f().round(), 1],
  // gather_scatter.ts
  gather: () => [f(), 1, idx()],
  scatter: () => [f(), 1, idx(), f()],
  scatter_add: () => [f(), 1, idx(), f()],
  index_select: () => [f(), 1, long([2, 0])],
  index_fill: () => [f(), 1, long([0]), -1],
  index_add: () => [f(), 1, long([0, 2]), f().narrow(1, 0, 2)],
  index_copy: () => [f(), 1, long([0, 2]), f().narrow(1, 0, 2)],
  masked_select: () => [f(), mask()],
  masked_scatter: () => [f(), mask(), f()],
  take: () => [f(), long([0, 5])],
  argwhere: () => [mask()],
  // indexing.ts
  __getitem__: () => [f(), ":, 1"],
  __setitem__: () => [f(), "0", 7],
  index_put: () => [f(), [long([0, 1])], torch.tensor(9.5)],
  index_put_: () => [f(), [long([1])], torch.tensor(9.5), true],
  // join.ts
  split: () => [f(), 2, 1],
  chunk: () => [f(), 2, 1],
  unbind: () => [f(), 1],
  // softmax.ts
  softmax: () => [f(), 1],
  log_softmax: () => [f(), 0],
  // fill.ts
  masked_fill: () => [f(), mask(), 0],
  // random_ops.ts (each call after manual_seed(0))
  uniform_: () => [f(), -1, 1],
  normal_: () => [f()],
  bernoulli_: () => [f(), 0.5],
  exponential_: () => [f()],
  random_: () => [f(), 0, 10],
  bernoulli: () => [torch.full([2, 3], 0.5)],
  multinomial: () => [torch.tensor([0.2, 0.3, 0.5]), 2],
  // unary.ts (beside its rows)
  clamp: () => [f(), { min: 0 }],
  round: () => [f(), { decimals: 1 }],
  nan_to_num: () => [torch.tensor([Number.NaN, Number.POSITIVE_INFINITY, 1]), 0.5],
  logit: () => [torch.tensor([0.25, 0.5, 1]), 1e-6],
  // binary.ts
  add: () => [f(), f(), { alpha: 2 }],
  sub: () => [f(), 1],
  rsub: () => [f(), 2],
  mul: () => [f(), 3],
  div: () => [f(), 2, { rounding_mode: "floor" }],
  true_divide: () => [f(), 2],
  floor_divide: () => [f(), 2],
  remainder: () => [f(), 2],
  fmod: () => [f(), 2],
  pow: () => [f(), 2],
  isclose: () => [f(), f()],
  allclose: () => [f(), f()],
  equal: () => [f(), f()],
  lerp: () => [f(), f().neg(), 0.5],
  // autograd/tensor_methods.ts
  retain_grad: () => [f().requires_grad_().mul(2)],
  register_hook: () => [f().requires_grad_(), (g: T) => g],
};

/** A result as plain data: tensors by shape, dtype, values and grad_fn name; tuples element by element. */
function plain(r: unknown): unknown {
  if (r instanceof torch.Tensor)
    return { shape: [...r.shape], dtype: String(r.dtype), values: r.detach().tolist(), grad_fn: r.grad_fn?.name() };
  if (Array.isArray(r) || (r !== null && typeof r === "object" && Symbol.iterator in r))
    return [...(r as Iterable<unknown>)].map(plain);
  if (r !== null && typeof r === "object") return r.constructor.name;
  return r;
}

describe("exposed functions are Tensor methods", () => {
  test("every exposed function has a sample call here", () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...exposedFunctions().keys()].sort());
  });

  test.each(Object.keys(SAMPLES))(
    "x.%s(...args) is its function called with x first: same result, same effect on x",
    (name) => {
      const fn = exposedFunctions().get(name)!;
      const method = (torch.Tensor.prototype as unknown as Record<string, (...a: unknown[]) => unknown>)[name];
      const descriptor = Object.getOwnPropertyDescriptor(torch.Tensor.prototype, name)!;
      expect(descriptor.enumerable).toBe(false);
      expect(method.name).toBe(name);
      const viaFunction = SAMPLES[name]();
      torch.manual_seed(0);
      const fromFunction = plain((fn as (...a: unknown[]) => unknown)(...viaFunction));
      const [self, ...args] = SAMPLES[name]();
      torch.manual_seed(0);
      const fromMethod = plain(method.apply(self, args));
      expect(fromMethod).toEqual(fromFunction);
      expect(plain(self)).toEqual(plain(viaFunction[0]));
    },
  );

  test("argument errors count from the method's first argument, keywords are bound: as PyTorch's methods say", () => {
    const x = f();
    const bad = 5 as unknown as T;
    expect(() => torch.take(x, bad)).toThrow("take(): argument 'index' (position 2) must be Tensor, not int");
    expect(() => x.take(bad)).toThrow("take(): argument 'index' (position 1) must be Tensor, not int");
    expect(() => x.index_select(0, bad)).toThrow(
      "index_select(): argument 'index' (position 2) must be Tensor, not int",
    );
    expect(() => x.outer(bad)).toThrow("outer(): argument 'vec2' (position 1) must be Tensor, not int");
    expect(() => x.sum({ dims: 1 } as never)).toThrow(
      "sum() received an invalid combination of arguments - got (dims=int, )",
    );
    expect(plain(x.sum({ dim: 1, keepdim: true }))).toEqual(plain(x.sum(1, true)));
    expect(plain(x.gather({ dim: 1, index: idx() }))).toEqual(plain(x.gather(1, idx())));
  });
});

describe("method types come from the functions", () => {
  test("derived signatures equal the functions' minus the tensor; overloads are kept; overloaded functions are refused", () => {
    const file = fileURLToPath(new URL("./fixtures/expose_typing.ts", import.meta.url));
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: ["lib.es2022.d.ts", "lib.esnext.disposable.d.ts"],
      skipLibCheck: true,
      types: ["node"],
    });
    // Every `@ts-expect-error` in the fixture must meet an error (else TS2578), and nothing else may fail.
    const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(errors).toEqual([]);
    expect(ts.sys.readFile(file)!.match(/^\s*\/\/ @ts-expect-error/gm)).toHaveLength(4);
  }, 180_000); // type-checks the whole engine: slow on a loaded machine
});
