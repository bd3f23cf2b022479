/**
 * Differential tests against real PyTorch 1.13 (CPU, AVX2): every case of random_goldens.json is
 * replayed on one Generator, call by call. float32 and all integer/uniform streams must match bit
 * for bit; float64 values that go through log/sin/cos within 4 ulp (V8's Math vs glibc).
 */
import { describe, expect, it } from "vitest";
import {
  bernoulliScalarFill,
  bernoulliTensorFill,
  exponentialFill,
  multinomial,
  normalFill,
  randintFill,
  randomFill,
  randpermValues,
  uniformFill,
  type RandomDType,
} from "../../engine/random/distributions.js";
import { Generator } from "../../engine/random/generator.js";
import { f32hex, goldens, type TorchCall } from "./golden.js";
import { affineWithinUlps, maxUlp } from "./ulp.js";

type FloatArr = Float32Array | Float64Array;
const alloc = (dtype: unknown, n: number): FloatArr =>
  dtype === "float64" ? new Float64Array(n) : new Float32Array(n);
const num = (v: unknown): number => v as number;

/** Ops whose float64 results pass through Math.log/sin/cos and may differ from glibc by a few ulp. */
const TRANSCENDENTAL = new Set(["randn", "normal_", "normal_noncontig", "exponential_"]);

/** Run one golden call on `g`; returns the produced values (float arrays or plain numbers). */
function replay(g: Generator, c: TorchCall): FloatArr | number[] | Float64Array {
  const n = num(c["n"]);
  switch (c.op) {
    case "rand": {
      const a = alloc(c["dtype"], n);
      uniformFill(g, a, 0, 1);
      return a;
    }
    case "randn": {
      const a = alloc(c["dtype"], n);
      normalFill(g, a, 0, 1);
      return a;
    }
    case "normal_": {
      const a = alloc(c["dtype"], n);
      normalFill(g, a, num(c["mean"]), num(c["std"]));
      return a;
    }
    case "normal_noncontig": {
      const a = alloc(c["dtype"], num(c["rows"]) * num(c["cols"]));
      normalFill(g, a, num(c["mean"]), num(c["std"]), false);
      return a;
    }
    case "uniform_": {
      const a = alloc(c["dtype"], n);
      uniformFill(g, a, num(c["low"]), num(c["high"]));
      return a;
    }
    case "kaiming_uniform": {
      // torch.nn.init.kaiming_uniform_(w, a=sqrt(5)): bound computed in double, as in torch/nn/init.py
      const rows = num(c["rows"]),
        cols = num(c["cols"]);
      const gain = Math.sqrt(2.0 / (1 + Math.sqrt(5) ** 2));
      const bound = Math.sqrt(3.0) * (gain / Math.sqrt(cols));
      expect(bound).toBe(c["bound"]);
      const a = new Float32Array(rows * cols);
      uniformFill(g, a, -bound, bound);
      return a;
    }
    case "randint": {
      const a = new Float64Array(n);
      randintFill(g, a, num(c["low"]), num(c["high"]));
      return a;
    }
    case "randperm":
      return randpermValues(g, n);
    case "random_": {
      const dt = c["dtype"] as RandomDType;
      if (dt === "float32" || dt === "float64") {
        const a = alloc(dt, n);
        randomFill(g, a, dt);
        return a;
      }
      const a = new Float64Array(n);
      randomFill(g, a, dt);
      return a;
    }
    case "bernoulli_": {
      const a = alloc(c["dtype"], n);
      bernoulliScalarFill(g, a, num(c["p"]));
      return a;
    }
    case "bernoulli": {
      const probs =
        c["dtype"] === "float64"
          ? Float64Array.from(c["probs"] as number[])
          : Float32Array.from(c["probs"] as number[]);
      const a = alloc(c["dtype"], probs.length);
      bernoulliTensorFill(g, probs, a);
      return a;
    }
    case "exponential_": {
      const a = alloc(c["dtype"], n);
      exponentialFill(g, a, num(c["lambd"]));
      return a;
    }
    case "multinomial": {
      const p = c["probs"] as number[] | number[][];
      const rows = Array.isArray(p[0]) ? (p as number[][]) : [p as number[]];
      const out: number[] = [];
      for (const row of rows) {
        const probs = c["dtype"] === "float64" ? Float64Array.from(row) : Float32Array.from(row);
        out.push(...multinomial(g, probs, num(c["num_samples"]), c["replacement"] as boolean));
      }
      return out;
    }
  }
  throw new Error(`unknown golden op ${c.op}`);
}

function check(c: TorchCall, got: FloatArr | number[], where: string): void {
  const r = c.result;
  if (r.dtype === "float32") {
    expect(got, where).toBeInstanceOf(Float32Array);
    expect(f32hex(got as Float32Array), where).toBe(r.f32hex);
    return;
  }
  const want = r.values!.map(Number);
  if (r.dtype === "float64" && TRANSCENDENTAL.has(c.op)) {
    const mean = (c["mean"] as number | undefined) ?? 0,
      std = (c["std"] as number | undefined) ?? 1;
    if (mean === 0 && std === 1) expect(maxUlp(got, want), where).toBeLessThanOrEqual(4);
    else expect(affineWithinUlps(got, want, mean, std), where).toBe(true);
  } else {
    expect(Array.from(got), where).toEqual(want);
  }
}

describe("torch streams match PyTorch 1.13 CPU goldens", () => {
  it("goldens come from an AVX2 build of torch 1.13", () => {
    expect(goldens.header["torch"]).toMatch(/^1\.13/);
    expect(goldens.header["cpu_capability"]).toContain("AVX2");
  });

  for (const tc of goldens.torch) {
    it(tc.name, () => {
      const g = new Generator().manual_seed(tc.seed);
      tc.calls.forEach((c, i) => check(c, replay(g, c), `${tc.name} / call ${i} (${c.op})`));
    });
  }

  it("random_() on int64 is exact into a BigInt64Array and rounds like Number(bigint) otherwise", () => {
    const tc = goldens.torch.find((t) => t.name.startsWith("random_()"))!;
    const c = tc.calls[0]!;
    expect(c.op).toBe("random_");
    const exact = new BigInt64Array(5);
    randomFill(new Generator().manual_seed(tc.seed), exact, "int64");
    expect(Array.from(exact, String)).toEqual(c.result.values!.map(String));
    const rounded = new Float64Array(5);
    randomFill(new Generator().manual_seed(tc.seed), rounded, "int64");
    expect(Array.from(rounded)).toEqual(c.result.values!.map((v) => Number(BigInt(v))));
  });
});

describe("normal paths", () => {
  it("randn(n >= 16) does not touch the cached normal, randn(n < 16) consumes it first", () => {
    const g = new Generator().manual_seed(0);
    const a = new Float64Array(1);
    normalFill(g, a, 0, 1); // caches r*sin
    expect(g.hasNormal).toBe(true);
    normalFill(g, new Float32Array(16), 0, 1);
    expect(g.hasNormal).toBe(true);
    const b = new Float64Array(1);
    normalFill(g, b, 0, 1);
    expect(g.hasNormal).toBe(false);
    expect(b[0]).toBe(g.normal);
  });

  it("manual_seed clears the cached normal", () => {
    const g = new Generator().manual_seed(0);
    normalFill(g, new Float32Array(1), 0, 1);
    g.manual_seed(0);
    const x = new Float32Array(3);
    normalFill(g, x, 0, 1);
    expect(Array.from(x, (v) => v.toFixed(4))).toEqual(["1.5410", "-0.2934", "-2.1788"]);
  });
});
