/**
 * int64 over its whole range (engine/tensor/store.ts): BigInt input forms, what item()/tolist()
 * give back, and the storage forms behind the fast path. Values and reprs against PyTorch are in the
 * golden cases (test/golden/cases.py, area int64_exact).
 */
import { describe, expect, it } from "vitest";
import * as torch from "../../engine/index.js";

const BIG = 2n ** 53n + 1n; // 9007199254740993: a JS number would round it to 2**53
const storageOf = (t: torch.Tensor) => t._storage.data;

describe("torch.tensor with BigInt input", () => {
  it("keeps bigint values exact in an int64 tensor", () => {
    const t = torch.tensor([BIG, -(2n ** 62n) - 3n]);
    expect(t.dtype).toBe(torch.int64);
    expect(t.tolist()).toEqual([BIG, -(2n ** 62n) - 3n]);
    expect(String(t)).toBe("tensor([    9007199254740993, -4611686018427387907])");
  });

  it("accepts bigints mixed with numbers and booleans, nested", () => {
    const t = torch.tensor([
      [1, BIG],
      [3n, true],
    ]);
    expect(t.dtype).toBe(torch.int64);
    expect(t.tolist()).toEqual([
      [1, BIG],
      [3, 1],
    ]);
  });

  it("makes a 0-dim int64 tensor from one bigint", () => {
    const t = torch.tensor(5n);
    expect(t.dtype).toBe(torch.int64);
    expect(t.shape).toEqual([]);
    expect(t.item()).toBe(5);
  });

  it("reads a BigInt64Array exactly", () => {
    const t = torch.tensor(new BigInt64Array([BIG, 2n ** 63n - 1n, -(2n ** 63n)]));
    expect(t.dtype).toBe(torch.int64);
    expect(t.tolist()).toEqual([BIG, 2n ** 63n - 1n, -(2n ** 63n)]);
  });

  it("rejects a bigint beyond int64 as PyTorch rejects a Python int", () => {
    expect(() => torch.tensor([2n ** 63n])).toThrow("Overflow when unpacking long");
    expect(() => torch.tensor(-(2n ** 63n) - 1n)).toThrow("Overflow when unpacking long");
  });

  it("rounds a bigint once into float32 (a double first would round twice)", () => {
    // 2**60 + 2**36 + 1 is just above a float32 tie: one rounding goes up, two would go to even (down).
    const v = 2n ** 60n + 2n ** 36n + 1n;
    expect(torch.tensor([v], { dtype: torch.float32 }).item()).toBe(2 ** 60 + 2 ** 37);
    expect(torch.tensor([v]).to(torch.float32).item()).toBe(2 ** 60 + 2 ** 37);
  });
});

describe("item() and tolist() of int64", () => {
  it("give numbers for safe integers (everyday code needs no bigint) and a bigint beyond 2**53, exact as Python's int", () => {
    const t = torch.tensor([3, -(2 ** 53) + 1]);
    expect(typeof t.index(0).item()).toBe("number");
    expect(t.tolist()).toEqual([3, -(2 ** 53) + 1]);
    expect(t.sum().item() + 1).toBe(-(2 ** 53) + 5);
    const s = torch.tensor([BIG]).sum();
    expect(s.item()).toBe(BIG);
    expect(typeof s.item()).toBe("bigint");
    expect(torch.tensor([BIG, 5]).tolist()).toEqual([BIG, 5]);
    expect(torch.tensor([2 ** 53]).tolist()).toEqual([2n ** 53n]);
  });

  it("Number(t) still gives a number (Python's float(t))", () => {
    expect(Number(torch.tensor(BIG))).toBe(2 ** 53);
  });
});

describe("int64 storage forms", () => {
  it("stay Float64Array for ordinary work, switch to BigInt64Array when a result leaves 2**53, and back when it fits", () => {
    expect(storageOf(torch.arange(10))).toBeInstanceOf(Float64Array);
    expect(storageOf(torch.tensor([1, 2]).mul(torch.tensor([3, 4])))).toBeInstanceOf(Float64Array);
    expect(storageOf(torch.randn(3, 4).argmax(1))).toBeInstanceOf(Float64Array);
    const big = torch.tensor([2 ** 40, 3]).mul(torch.tensor([2 ** 20, 3]));
    expect(storageOf(big)).toBeInstanceOf(BigInt64Array);
    expect(big.tolist()).toEqual([2n ** 60n, 9]);
    const small = big.sub(torch.tensor([2 ** 60, 0]));
    expect(storageOf(small)).toBeInstanceOf(Float64Array);
    expect(small.tolist()).toEqual([0, 9]);
  });

  it("an in-place write of a large value switches the storage every view shares", () => {
    const x = torch.tensor([1, 2, 3]);
    const tail = x.index("1:");
    x.index("0:1").copy_(torch.tensor([BIG]));
    tail.add_(torch.tensor([2n ** 62n, 0n]));
    expect(x.tolist()).toEqual([BIG, 2n ** 62n + 2n, 3]);
    expect(tail.tolist()).toEqual([2n ** 62n + 2n, 3]);
  });

  it("a float cast beyond 2**53 lands in exact storage", () => {
    const t = torch.tensor([1e18, NaN], { dtype: torch.float64 }).to(torch.int64);
    expect(t.tolist()).toEqual([10n ** 18n, -(2n ** 63n)]);
  });

  it("an op without exact int64 support fails by name instead of rounding", () => {
    expect(() => torch.nn.functional.one_hot(torch.tensor([BIG, 1n]), 3)).toThrow(/int64 values beyond 2\*\*53/);
  });
});

describe("data movement and selection on exact storage", () => {
  // 2**53 and 2**53 + 1 are one double: any trip through numbers would merge them.
  const M = torch.tensor([
    [BIG, 2n ** 53n, 3n],
    [-(2n ** 62n), 2n ** 53n + 2n, BIG],
  ]);

  it("moves values in their storage form: exact results stay exact, results that fit are numbers again", () => {
    const picked = M.gather(
      1,
      torch.tensor([
        [1, 0],
        [0, 2],
      ]),
    );
    expect(storageOf(picked)).toBeInstanceOf(BigInt64Array);
    expect(picked.tolist()).toEqual([
      [2n ** 53n, BIG],
      [-(2n ** 62n), BIG],
    ]);
    const safe = M.gather(1, torch.tensor([[2, 2]]));
    expect(storageOf(safe)).toBeInstanceOf(Float64Array);
    expect(safe.tolist()).toEqual([[3, 3]]);
  });

  it("selects along dim 0 of a strided (transposed) exact tensor", () => {
    const t = M.t(); // [3, 2], not contiguous
    expect(t.topk(1, 1).values.tolist()).toEqual([[BIG], [2n ** 53n + 2n], [BIG]]);
    expect(t.kthvalue(1, 0).values.tolist()).toEqual([3, -(2n ** 62n)]);
    expect(t.median(0).indices.tolist()).toEqual([1, 2]); // as PyTorch: 2**53 and 2**53 + 1 are the medians
    expect(t.sort(0, true).values.tolist()).toEqual([
      [BIG, 2n ** 53n + 2n],
      [2n ** 53n, BIG],
      [3, -(2n ** 62n)],
    ]);
    expect(torch.unique(t.reshape(-1)).tolist()).toEqual([-(2n ** 62n), 3, 2n ** 53n, BIG, 2n ** 53n + 2n]);
  });

  it("scatter_add of safe values whose sum leaves 2**53 switches to exact storage", () => {
    const r = torch.tensor([2 ** 53 - 1]).scatter_add(0, torch.tensor([0, 0]), torch.tensor([1, 1]));
    expect(storageOf(r)).toBeInstanceOf(BigInt64Array);
    expect(r.item()).toBe(BIG);
  });

  it("masked_scatter of exact values into number storage widens the result only", () => {
    const x = torch.tensor([1, 2, 3]);
    const r = x.masked_scatter(torch.tensor([false, true, false]), torch.tensor([BIG]));
    expect(r.tolist()).toEqual([1, BIG, 3]);
    expect(storageOf(x)).toBeInstanceOf(Float64Array);
  });
});

describe("bigint scalars", () => {
  it("are integer scalars in promotion: int64 with int64, the tensor's dtype with smaller ints and floats", () => {
    expect(torch.tensor([1, 2]).add(5n).dtype).toBe(torch.int64);
    expect(torch.tensor([1, 2], { dtype: torch.int8 }).add(5n).dtype).toBe(torch.int8);
    expect(torch.tensor([1.5]).mul(2n).dtype).toBe(torch.float32);
    expect(torch.tensor([true]).add(1n).dtype).toBe(torch.int64);
    expect(torch.tensor([1, 2]).add(5n).tolist()).toEqual([6, 7]);
  });

  it("fill a view in place, widening the storage its base shares", () => {
    const x = torch.tensor([1, 2, 3, 4]);
    x.index("1:3").fill_(2n ** 60n + 1n);
    x.index("3:").masked_fill_(torch.tensor([true]), -(2n ** 62n) - 1n);
    expect(x.tolist()).toEqual([1, 2n ** 60n + 1n, 2n ** 60n + 1n, -(2n ** 62n) - 1n]);
    x.__setitem__(0, 2n ** 55n + 1n);
    expect(x.index(0).item()).toBe(2n ** 55n + 1n);
  });
});

describe("numpy() of exact int64", () => {
  // Expected text from numpy 1.24 on torch 1.13's tensor.numpy().
  const t = () =>
    torch.tensor([
      [BIG, 5n],
      [-(2n ** 62n), 7n],
    ]);

  it("prints, reads and lists the exact values", () => {
    const a = t().numpy();
    expect(a.toString()).toBe(
      "array([[    9007199254740993,                    5],\n       [-4611686018427387904,                    7]])",
    );
    expect(a.str()).toBe("[[    9007199254740993                    5]\n [-4611686018427387904                    7]]");
    expect(a.tolist()).toEqual([
      [BIG, 5],
      [-(2n ** 62n), 7],
    ]);
    expect(a.get(0, 0)).toBe(BIG);
    expect(a.item(2)).toBe(-(2n ** 62n));
    expect(a.T.copy().tolist()).toEqual([
      [BIG, -(2n ** 62n)],
      [5, 7],
    ]);
    expect(
      torch
        .tensor(2n ** 60n + 1n)
        .numpy()
        .toString(),
    ).toBe("array(1152921504606846977)");
  });

  it("casts with astype as C does, and shares memory with the tensor both ways", () => {
    const x = t(),
      a = x.numpy();
    expect(a.astype("int32").tolist()).toEqual([
      [1, 5],
      [0, 7],
    ]);
    expect(a.astype("float32").toString()).toBe(
      "array([[ 9.007199e+15,  5.000000e+00],\n       [-4.611686e+18,  7.000000e+00]], dtype=float32)",
    );
    a.set([1, 1], 3);
    expect(x.tolist()).toEqual([
      [BIG, 5],
      [-(2n ** 62n), 3],
    ]);
    expect(torch.from_numpy(a).tolist()).toEqual([
      [BIG, 5],
      [-(2n ** 62n), 3],
    ]);
  });
});
