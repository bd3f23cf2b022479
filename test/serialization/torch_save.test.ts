import { readFileSync, mkdtempSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import { load, save, saveToBytes, PickledObject } from "../../engine/serialization/index.js";
import { tuple, isTuple } from "../../engine/format/py_repr.js";
import { DataLoader, TensorDataset } from "../../engine/utils/data/index.js";

// fixtures/*.pt and fixtures.json are written by generate_fixtures.py with real PyTorch 1.13;
// describe_pt.py describes what real PyTorch reads from a file gradlab wrote.
const here = (f: string) => new URL(`./${f}`, import.meta.url).pathname;
const G = JSON.parse(readFileSync(here("fixtures.json"), "utf8"));
const fixture = (name: string) => here(`fixtures/${name}.pt`);
const PY = "/usr/bin/python3";
const hasTorch = spawnSync(PY, ["-c", "import torch"]).status === 0;
// In CI PyTorch is installed (.ci/run) and these tests must run; elsewhere they need Debian's python3-torch.
const withTorch = test.skipIf(!hasTorch && !process.env.CI);
const tmp = mkdtempSync(join(tmpdir(), "gradlab-save-"));

type D = Record<string, unknown>;
const special = (v: unknown): unknown => {
  if (typeof v === "bigint")
    return v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER) ? String(v) : Number(v);
  if (typeof v !== "number") return v;
  if (Number.isNaN(v)) return "nan";
  if (v === Infinity) return "inf";
  if (v === -Infinity) return "-inf";
  if (Object.is(v, -0)) return "-0";
  return v;
};
const deep = (v: unknown): unknown => (Array.isArray(v) ? v.map(deep) : special(v));

/** gradlab's value in describe_pt.py's terms (numbers as {num}: JavaScript has one number type). */
function desc(v: unknown, storages = new Map<unknown, number>()): D {
  if (v instanceof torch.Tensor) {
    if (!storages.has(v._storage)) storages.set(v._storage, storages.size);
    return {
      tensor: deep(v.tolist()),
      dtype: String(v.dtype),
      shape: [...v.shape],
      stride: v.stride(),
      offset: v.storage_offset(),
      requires_grad: v.requires_grad,
      param: v instanceof nn.Parameter,
      storage: storages.get(v._storage),
    };
  }
  if (v instanceof nn.StateDict) return { OrderedDict: [...v].map(([k, x]) => [desc(k, storages), desc(x, storages)]) };
  if (v instanceof Map) return { dict: [...v].map(([k, x]) => [desc(k, storages), desc(x, storages)]) };
  if (Array.isArray(v)) return { [isTuple(v) ? "tuple" : "list"]: v.map((x) => desc(x, storages)) };
  if (v === null || typeof v === "boolean") return { value: v };
  if (typeof v === "number" || typeof v === "bigint") return { num: special(v) };
  if (typeof v === "string") return { str: v };
  if (v instanceof torch.dtype) return { dtype: String(v) };
  if (v instanceof PickledObject) return { object: `${v.module}.${v.name}` };
  return { dict: Object.entries(v as object).map(([k, x]) => [desc(k, storages), desc(x, storages)]) };
}

/** PyTorch's description with int/float merged into {num}, as JavaScript sees numbers. */
function norm(d: unknown): unknown {
  if (Array.isArray(d)) return d.map(norm);
  if (typeof d !== "object" || d === null) return d;
  const o = d as D;
  if ("int" in o) {
    const s = o.int as string;
    return { num: Math.abs(Number(s)) > Number.MAX_SAFE_INTEGER ? s : Number(s) };
  }
  if ("float" in o) return { num: o.float };
  if ("tensor" in o) return o;
  return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, norm(x)]));
}

/** What real PyTorch reads from a file. */
function torchReads(file: string, ...flags: string[]): D {
  const r = spawnSync(PY, [here("describe_pt.py"), file, ...flags], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

function mlp(): nn.Sequential {
  return new nn.Sequential(new nn.Linear(4, 8), new nn.ReLU(), new nn.BatchNorm1d(8), new nn.Linear(8, 3));
}

function expectClose(a: number[][], b: number[][], tol = 1e-5): void {
  expect(a.length).toBe(b.length);
  a.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - b[i][j])).toBeLessThan(tol)));
}

describe("torch.load reads files PyTorch saved", () => {
  for (const name of ["dtypes", "views", "mlp_state", "checkpoint", "param", "protocol4", "mlp_state_deflated"]) {
    test(`${name}.pt loads as PyTorch reads it (values, dtypes, strides, shared storages)`, () => {
      let expected = norm(G[name]);
      // gradlab has no bfloat16: it loads as float32 (exactly the same values).
      expected = JSON.parse(JSON.stringify(expected).replace('"torch.bfloat16"', '"torch.float32"'));
      expect(desc(load(fixture(name)))).toEqual(expected);
    });
  }
  test("a file in the legacy (pre-1.6) format is refused with what to do", () => {
    expect(() => load(fixture("legacy"))).toThrow(
      "this file is in the legacy format. Load it in PyTorch and save it again.",
    );
  });
  test("views loaded from a file still share their storage", () => {
    const d = load<Record<string, torch.Tensor>>(fixture("views"));
    d.base.fill_(1);
    expect(d.row.tolist()).toEqual([1, 1, 1, 1]);
    expect(d.t._storage).toBe(d.cols._storage);
  });
  test("a state dict PyTorch trained loads into a gradlab model and gives PyTorch's outputs", () => {
    const model = mlp();
    expect(String(model.load_state_dict(load(fixture("mlp_state"))))).toBe("<All keys matched successfully>");
    model.eval();
    torch.manual_seed(123);
    expectClose(model.forward(torch.randn(5, 4)).tolist() as number[][], G.mlp_output);
  });
  test("a checkpoint's optimizer state dict loads into a gradlab optimizer", () => {
    const ckpt = load<{
      model: nn.StateDict;
      optimizer: { state: Map<number, Record<string, unknown>>; param_groups: Record<string, unknown>[] };
      epoch: number;
    }>(fixture("checkpoint"));
    const model = mlp();
    model.load_state_dict(ckpt.model);
    const opt = new torch.optim.Adam(model.parameters(), { lr: 0.5 });
    opt.load_state_dict(ckpt.optimizer);
    expect(opt.param_groups[0].lr).toBe(0.01);
    expect(ckpt.epoch).toBe(3);
    expect(ckpt.optimizer.state instanceof Map && [...ckpt.optimizer.state.keys()]).toEqual([0, 1, 2, 3, 4, 5]);
  });
  test("weights_only refuses a class outside PyTorch's allow-list with PyTorch's error", () => {
    let msg = "";
    try {
      load(fixture("unsafe"), { weights_only: true });
    } catch (e) {
      msg = `${(e as Error).name}: ${(e as Error).message}`;
    }
    expect(msg).toBe(G.unsafe_weights_only_error);
    const d = load<{ args: PickledObject; w: torch.Tensor }>(fixture("unsafe"));
    expect(d.args).toBeInstanceOf(PickledObject);
    expect(`${d.args.module}.${d.args.name}`).toBe("argparse.Namespace");
    expect(d.w.tolist()).toEqual([1, 1]);
    for (const name of ["dtypes", "views", "mlp_state", "checkpoint", "param", "protocol4"])
      expect(() => load(fixture(name), { weights_only: true })).not.toThrow();
  });
  test("map_location: the CPU is accepted; a CUDA target fails as in a CPU-only PyTorch", () => {
    expect(desc(load(fixture("views"), { map_location: "cpu" }))).toEqual(norm(G.views));
    expect(desc(load(fixture("views"), { map_location: torch.device("cpu") }))).toEqual(norm(G.views));
    expect(() => load(fixture("views"), { map_location: "cuda:0" })).toThrow(
      "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False.",
    );
  });
  test("load_state_dict reports missing and unexpected keys as PyTorch does", () => {
    const sd = mlp().state_dict();
    sd.delete("3.bias");
    sd.set("extra.weight", torch.zeros(1));
    expect(String(mlp().load_state_dict(sd, { strict: false }))).toBe(G.incompatible_keys);
    let msg = "";
    try {
      mlp().load_state_dict(sd);
    } catch (e) {
      msg = `${(e as Error).name}: ${(e as Error).message}`;
    }
    expect(msg).toBe(G.strict_error);
  });
});

describe("PyTorch reads files gradlab saved", () => {
  withTorch("tensors of every dtype, with the values that are easy to get wrong", () => {
    const obj = {
      bool: torch.tensor([true, false, true]),
      uint8: torch.tensor([0, 1, 255], { dtype: torch.uint8 }),
      int8: torch.tensor([-128, 0, 127], { dtype: torch.int8 }),
      int16: torch.tensor([-32768, 7, 32767], { dtype: torch.int16 }),
      int32: torch.tensor([-(2 ** 31), 12345, 2 ** 31 - 1], { dtype: torch.int32 }),
      int64: torch.tensor([-(2n ** 63n), 2n ** 53n + 1n, 2n ** 63n - 1n, 42n]),
      float16: torch.tensor([1.5, -0, 65504, 6e-8, Infinity, NaN], { dtype: torch.float16 }),
      float32: torch.tensor(
        [
          [0.1, -2.5],
          [-Infinity, 3.4e38],
        ],
        { dtype: torch.float32 },
      ),
      float64: torch.tensor([0.1, 1e-300, -0], { dtype: torch.float64 }),
      scalar: torch.tensor(7.25, { dtype: torch.float32 }),
      empty: torch.zeros(0, 3),
    };
    const file = join(tmp, "dtypes.pt");
    save(obj, file);
    const got = torchReads(file, "--weights-only");
    expect(got.error).toBeUndefined();
    expect(norm(got.value)).toEqual(desc(obj));
  });
  withTorch("views stay views of one storage, and nested containers keep their kinds", () => {
    const x = torch.arange(12, { dtype: torch.float32 }).reshape(3, 4);
    const obj = {
      base: x,
      row: x.select(0, 1),
      t: x.t(),
      cols: x.narrow(1, 1, 2),
      same: [x, x],
      nested: [1, tuple([2.5, "x"]), { k: null, b: true }],
      big: 2n ** 60n,
      neg: -7,
      map: new Map([
        [0, "zero"],
        [1, "one"],
      ]),
    };
    const file = join(tmp, "views.pt");
    save(obj, file);
    // NOTE: not weights_only: PyTorch 1.13's weights-only unpickler has no BINFLOAT (Python floats).
    const got = torchReads(file);
    expect(norm(got.value)).toEqual(desc(obj));
    // and gradlab reads its own file back the same way
    expect(desc(load(file))).toEqual(desc(obj));
  });
  withTorch("a Parameter and a tensor that requires grad", () => {
    const obj = {
      p: new nn.Parameter(torch.tensor([1, 2], { dtype: torch.float32 })),
      g: torch.tensor([3], { dtype: torch.float32, requires_grad: true }),
    };
    const file = join(tmp, "param.pt");
    save(obj, file);
    expect(norm(torchReads(file, "--weights-only").value)).toEqual(desc(obj));
  });
  withTorch("a checkpoint with a state dict and an optimizer state dict", () => {
    torch.manual_seed(0);
    const model = mlp();
    const opt = new torch.optim.Adam(model.parameters(), { lr: 0.01 });
    const data = torch.randn(16, 4);
    for (let i = 0; i < 3; i++) {
      opt.zero_grad();
      model.forward(data).pow(2).mean().backward();
      opt.step();
    }
    const ckpt = { epoch: 3, model: model.state_dict(), optimizer: opt.state_dict() };
    const file = join(tmp, "ckpt.pt");
    save(ckpt, file);
    const got = torchReads(file, "--load-into", "mlp"); // floats (lr): not weights_only in 1.13
    expect(got.load_result).toBe("<All keys matched successfully>");
    expect(got.optimizer).toEqual({ lr: 0.01, state_keys: ["exp_avg", "exp_avg_sq", "step"], step: 3 });
    expect(norm(got.value)).toEqual(desc(ckpt));
    model.eval();
    torch.manual_seed(123);
    expectClose(got.output as number[][], model.forward(torch.randn(5, 4)).tolist() as number[][]);
  });
  test("saving a module itself says to save its state_dict", () => {
    expect(() => saveToBytes(mlp())).toThrow(/torch.save\(model.state_dict\(\), path\)/);
  });
});

describe("the tutorial loop, end to end", () => {
  withTorch(
    "TensorDataset + shuffled DataLoader + MLP + SGD gives PyTorch's losses; the saved weights load in PyTorch",
    () => {
      torch.manual_seed(0);
      const X = torch.randn(64, 4);
      const y = X.select(1, 0).gt(0).long().add(X.select(1, 1).gt(0).long());
      const loader = new DataLoader(new TensorDataset(X, y), { batch_size: 16, shuffle: true });
      const model = mlp();
      const loss_fn = new nn.CrossEntropyLoss();
      const opt = new torch.optim.SGD(model.parameters(), { lr: 0.1 });
      const losses: number[] = [];
      for (let epoch = 0; epoch < 3; epoch++) {
        model.train();
        for (const [xb, yb] of loader) {
          const loss = loss_fn.forward(model.forward(xb), yb);
          opt.zero_grad();
          loss.backward();
          opt.step();
          losses.push(loss.item() as number);
        }
      }
      expect(losses.length).toBe(G.tutorial.losses.length);
      losses.forEach((l, i) => expect(Math.abs(l - G.tutorial.losses[i])).toBeLessThan(1e-5));
      const file = join(tmp, "tutorial.pt");
      save(model.state_dict(), file);
      model.eval();
      torch.manual_seed(123);
      const ours = model.forward(torch.randn(5, 4)).tolist() as number[][];
      expectClose(ours, G.tutorial.output);
      const got = torchReads(file, "--load-into", "mlp");
      expect(got.load_result).toBe("<All keys matched successfully>");
      expectClose(got.output as number[][], ours);
    },
  );
});
