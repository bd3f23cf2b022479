/**
 * numpy's legacy RandomState against real numpy output (random_goldens.json): uniform, integer and
 * permutation streams bit for bit, Gaussians (Math.log vs glibc log) within 4 ulp.
 */
import { describe, expect, it } from "vitest";
import { TypeError, ValueError } from "../../engine/errors.js";
import { MT19937 } from "../../engine/random/mt19937.js";
import { RandomState, numpyGlobalState } from "../../engine/random/numpy_random.js";
import { goldens, type NumpyCall } from "./golden.js";
import { affineWithinUlps, maxUlp } from "./ulp.js";

function replay(rs: RandomState, c: NumpyCall): ArrayLike<number> {
  const a = c.args;
  switch (c.op) {
    case "rand":
      return rs.rand(a[0]!);
    case "random_sample":
      return rs.random_sample(a[0]!);
    case "randn":
      return rs.randn(a[0]!);
    case "normal":
      return rs.normal(a[0]!, a[1]!, a[2]!);
    case "uniform":
      return rs.uniform(a[0]!, a[1]!, a[2]!);
    case "randint":
      return rs.randint(a[0]!, a[1]!, a[2]!);
    case "permutation":
      return rs.permutation(a[0]!);
    case "shuffle": {
      const x = Array.from({ length: a[0]! }, (_, i) => i);
      rs.shuffle(x);
      return x;
    }
  }
  throw new Error(`unknown numpy op ${c.op}`);
}

describe("numpy legacy RandomState matches numpy 1.24 goldens", () => {
  for (const nc of goldens.numpy) {
    it(nc.name, () => {
      const rs = new RandomState(nc.seed);
      nc.calls.forEach((c, i) => {
        const got = replay(rs, c),
          where = `${nc.name} / call ${i} (${c.op})`;
        if (c.op === "randn") expect(maxUlp(got, c.values), where).toBeLessThanOrEqual(4);
        else if (c.op === "normal") expect(affineWithinUlps(got, c.values, c.args[0]!, c.args[1]!), where).toBe(true);
        else expect(Array.from(got), where).toEqual(c.values);
      });
    });
  }
});

describe("RandomState behaviour", () => {
  it("np.random.seed(s) and torch.manual_seed(s) share the raw mt19937 stream", () => {
    const rs = new RandomState(0),
      mt = new MT19937(0);
    const a = rs.randint(0, 2 ** 32, 5);
    expect(Array.from(a)).toEqual([0, 1, 2, 3, 4].map(() => mt.nextU32()));
  });

  it("seed() clears the cached Gaussian", () => {
    const rs = new RandomState(5);
    const first = rs.randn(2);
    rs.seed(5);
    rs.randn(1); // leaves a cached value
    rs.seed(5);
    expect(Array.from(rs.randn(2))).toEqual(Array.from(first));
  });

  it("validates seeds and bounds with numpy's messages", () => {
    const rs = new RandomState(0);
    expect(() => rs.seed(-1)).toThrow(ValueError);
    expect(() => rs.seed(2 ** 32)).toThrow("Seed must be between 0 and 2**32 - 1");
    expect(() => rs.seed(1.5)).toThrow(TypeError);
    expect(() => rs.randint(5, 5, 1)).toThrow("low >= high");
    expect(() => rs.normal(0, -1, 1)).toThrow("scale < 0");
  });

  it("randint(high, null, n) draws from [0, high) like np.random.randint(high, size=n)", () => {
    expect(Array.from(new RandomState(0).randint(10, null, 8))).toEqual(
      Array.from(new RandomState(0).randint(0, 10, 8)),
    );
  });

  it("the global state is seeded and usable like np.random", () => {
    numpyGlobalState.seed(0);
    expect(numpyGlobalState.rand(1)[0]).toBe(0.5488135039273248);
  });
});
