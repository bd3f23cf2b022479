/**
 * Reusing arrays ops hand back (backend/scratch_pool.ts, ops/scratch.ts): what the pool keeps and
 * returns, and that convolutions hand back their temporaries and only those, so a training loop
 * reuses its columns instead of allocating them every step, with unchanged results.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import * as torch from "../../engine/index.js";
import { ScratchPool, MIN_BYTES } from "../../engine/backend/scratch_pool.js";
import { backend } from "../../engine/backend/index.js";
import { releaseScratch } from "../../engine/ops/scratch.js";

const big = MIN_BYTES / 4; // float32 elements in the smallest kept array

describe("ScratchPool", () => {
  it("hands a given array back, zero-filled, for the same type and length only", () => {
    const pool = new ScratchPool();
    const a = new Float32Array(big).fill(7);
    pool.give(a);
    expect(pool.keptBytes).toBe(MIN_BYTES);
    expect(pool.take(Float64Array, big)).not.toBe(a);
    expect(pool.take(Float32Array, big + 1)).not.toBe(a);
    const b = pool.take(Float32Array, big);
    expect(b).toBe(a);
    expect(b.every((v) => v === 0)).toBe(true);
    expect(pool.keptBytes).toBe(0);
    expect(pool.take(Float32Array, big)).not.toBe(a); // taken once only
  });

  it("keeps neither small arrays, nor subarrays, nor one array twice, nor past its limit", () => {
    const pool = new ScratchPool(3 * MIN_BYTES);
    pool.give(new Float32Array(big / 2));
    pool.give(new Float32Array(2 * big).subarray(0, big));
    pool.give(new BigInt64Array(big));
    expect(pool.keptBytes).toBe(0);
    const a = new Float32Array(big);
    pool.give(a);
    pool.give(a);
    expect(pool.keptBytes).toBe(MIN_BYTES);
    for (let i = 0; i < 4; i++) pool.give(new Float32Array(big));
    expect(pool.keptBytes).toBe(3 * MIN_BYTES);
    pool.clear();
    expect(pool.keptBytes).toBe(0);
  });
});

describe("releaseScratch", () => {
  afterEach(() => vi.restoreAllMocks());

  it("releases only outside grad mode and only arrays no kept tensor shares", () => {
    const release = vi.spyOn(backend(), "release");
    const t = torch.zeros(4),
      view = t.view(2, 2);
    releaseScratch(t); // grad mode is on: a recorded op may have saved t
    torch.no_grad(() => releaseScratch(t, view));
    expect(release).not.toHaveBeenCalled();
    torch.no_grad(() => releaseScratch(t, torch.zeros(4)));
    expect(release).toHaveBeenCalledWith(t._storage.data);
  });
});

describe("convolutions hand back their temporaries", () => {
  afterEach(() => vi.restoreAllMocks());

  /** Every array a conv2d step released, and every tensor's array that must stay alive. */
  function released(batch: number, hw: number): { freed: Set<unknown>; live: unknown[] } {
    torch.manual_seed(0);
    const conv = new torch.nn.Conv2d(8, 16, 3, { padding: 1, bias: true });
    const x = torch.rand(batch, 8, hw, hw, { requires_grad: true });
    const freed = new Set<unknown>();
    const release = backend().release.bind(backend());
    vi.spyOn(backend(), "release").mockImplementation((d) => {
      freed.add(d);
      release(d);
    });
    const y = conv(x);
    y.sum().backward();
    const live = [x, y, conv.weight, conv.bias!, x.grad!, conv.weight.grad!, conv.bias!.grad!].map(
      (t) => t._storage.data,
    );
    return { freed, live };
  }

  // Small maps run batch-folded, large ones per image: both paths release their columns.
  for (const [batch, hw] of [
    [4, 8],
    [2, 24],
    [1, 24],
  ])
    it(`batch ${batch}, ${hw}x${hw} maps: columns released, results and gradients not`, () => {
      const { freed, live } = released(batch, hw);
      expect(freed.size).toBeGreaterThanOrEqual(2); // forward columns, weight-gradient columns
      for (const d of live) expect(freed.has(d)).toBe(false);
    });

  it("a reused array gives the same results as fresh ones", () => {
    torch.manual_seed(1);
    const conv = new torch.nn.Conv2d(8, 16, 3, { padding: 1 });
    const x = torch.rand(4, 8, 8, 8);
    const first = torch.no_grad(() => conv(x)).clone();
    for (let i = 0; i < 3; i++)
      expect(
        torch.equal(
          torch.no_grad(() => conv(x)),
          first,
        ),
      ).toBe(true);
    const y = torch.rand(4, 8, 8, 8);
    const other = torch.no_grad(() => conv(y));
    expect(
      torch.allclose(
        other,
        torch.nn.functional.conv2d(y.double(), conv.weight.double(), conv.bias!.double(), 1, 1).float(),
        1e-5,
        1e-6,
      ),
    ).toBe(true);
  });
});

describe("empty arrays from the pool hold stale values, which every kernel overwrites", () => {
  afterEach(() => vi.restoreAllMocks());

  it("take(zeroed = false) hands the kept array back as it is", () => {
    const pool = new ScratchPool();
    const a = new Float32Array(big).fill(3);
    pool.give(a);
    const b = pool.take(Float32Array, big, false);
    expect(b).toBe(a);
    expect(b[0]).toBe(3);
    expect(pool.take(Float64Array, big, false)).toHaveLength(big); // a new one
  });

  /**
   * Runs `fn` once to learn the empty() sizes it asks for, fills the pool with NaN arrays of
   * exactly those sizes, and runs it again: any element a kernel leaves unwritten shows as NaN.
   */
  function poisoned(fn: () => torch.Tensor[]): void {
    const b = backend();
    const sizes: [torch.dtype, number][] = [];
    const empty = b.empty.bind(b);
    const spy = vi.spyOn(b, "empty").mockImplementation((d, n) => {
      sizes.push([d, n]);
      return empty(d, n);
    });
    const clean = fn().map((t) => t.clone());
    spy.mockRestore();
    expect(sizes.some(([d, n]) => n * d.ArrayType.BYTES_PER_ELEMENT >= MIN_BYTES)).toBe(true);
    const poison = new Set<unknown>();
    for (const [d, n] of sizes) {
      const a = new d.ArrayType(n).fill(Number.NaN as never);
      poison.add(a);
      b.release(a);
    }
    let reused = 0;
    vi.spyOn(b, "empty").mockImplementation((d, n) => {
      const a = empty(d, n);
      if (poison.has(a)) reused++;
      return a;
    });
    const again = fn();
    vi.restoreAllMocks();
    expect(reused).toBeGreaterThan(0);
    again.forEach((t, i) => expect(torch.equal(t, clean[i])).toBe(true));
  }

  it("matmul, elementwise, reductions, softmax, copies", () => {
    torch.manual_seed(2);
    const a = torch.rand(96, 200),
      b = torch.rand(200, 120);
    poisoned(() => [a.matmul(b), a.exp(), a.add(a), a.sum(1), a.softmax(1), a.t().contiguous(), a.gt(0.5)]);
  });

  // The TypeScript backend's nn kernels allocate zero-filled arrays; the native ones take empty ones.
  it.runIf(backend().name === "native")("convolution, pooling and batch norm, forward and backward", () => {
    for (const [N, hw] of [
      [4, 8],
      [2, 24],
    ]) {
      torch.manual_seed(3);
      const conv = new torch.nn.Conv2d(8, 16, 3, { padding: 1 }),
        bn = new torch.nn.BatchNorm2d(16),
        pool = new torch.nn.MaxPool2d(2);
      const x = torch.rand(N, 8, hw, hw, { requires_grad: true });
      poisoned(() => {
        for (const p of [x, conv.weight, conv.bias!, bn.weight!, bn.bias!]) p.grad = null;
        const y = pool(bn(conv(x))) as torch.Tensor;
        y.square().sum().backward();
        return [y, x.grad!, conv.weight.grad!, bn.weight!.grad!];
      });
    }
  });
});
