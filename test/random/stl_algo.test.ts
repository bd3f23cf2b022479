/**
 * The libstdc++ sort/select port orders equal keys exactly as torch.topk does on the CPU
 * (goldens from real torch.topk on tensors full of ties, covering the nth_element + sort and the
 * partial_sort branches of TopKImpl.h).
 */
import { describe, expect, it } from "vitest";
import { nthElement, partialSort, stdSort, topkIndices } from "../../engine/random/stl_algo.js";
import { goldens } from "./golden.js";

describe("topkIndices matches torch.topk tie order", () => {
  for (const tc of goldens.topk) {
    const branch = tc.k * 64 <= tc.n ? "partial_sort" : "nth_element + sort";
    it(`n=${tc.n} k=${tc.k} largest=${tc.largest} (${branch})`, () => {
      expect(Array.from(topkIndices(tc.input, tc.k, tc.largest))).toEqual(tc.indices);
    });
  }
});

describe("std algorithms sort correctly", () => {
  const keys = Array.from({ length: 500 }, (_, i) => (i * 7919) % 101);
  const less = (x: number, y: number): boolean => keys[x]! < keys[y]!;
  const idx = (): Int32Array => Int32Array.from(keys, (_, i) => i);
  const sortedKeys = [...keys].sort((a, b) => a - b);

  it("stdSort sorts", () => {
    const a = idx();
    stdSort(a, 0, a.length, less);
    expect(Array.from(a, (i) => keys[i])).toEqual(sortedKeys);
  });

  it("partialSort puts the smallest k in order first", () => {
    const a = idx();
    partialSort(a, 0, 20, a.length, less);
    expect(Array.from(a.subarray(0, 20), (i) => keys[i])).toEqual(sortedKeys.slice(0, 20));
  });

  it("nthElement puts the nth in place with smaller ones before", () => {
    const a = idx();
    nthElement(a, 0, 250, a.length, less);
    expect(keys[a[250]!]).toBe(sortedKeys[250]);
    for (let i = 0; i < 250; i++) expect(keys[a[i]!]!).toBeLessThanOrEqual(sortedKeys[250]!);
  });
});
