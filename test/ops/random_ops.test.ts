import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";

describe("in-place random fills write views in PyTorch's order", () => {
  test("a contiguous view with an offset (a row) gets the stream in element order and nothing else changes", () => {
    torch.manual_seed(3);
    const expected = torch.rand(4).tolist();
    torch.manual_seed(3);
    const base = torch.zeros(3, 4);
    base.select(0, 1).uniform_();
    expect(base.select(0, 1).tolist()).toEqual(expected);
    expect(base.select(0, 0).tolist()).toEqual([0, 0, 0, 0]);
    expect(base.select(0, 2).tolist()).toEqual([0, 0, 0, 0]);
  });
  test("a transposed view is filled in memory order, as TensorIterator walks it", () => {
    torch.manual_seed(5);
    const plain = torch.empty(4, 3).normal_();
    torch.manual_seed(5);
    const storage = torch.empty(4, 3);
    storage.t().normal_();
    expect(storage.tolist()).toEqual(plain.tolist());
  });
});
