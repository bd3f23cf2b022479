import { beforeAll, expect, test } from "vitest";
import type { GradlabSession } from "../../kernel/session/session.js";
import { notebookSession } from "./fixtures.js";
import { fails, ok } from "./sink.js";
import { goldens } from "../numpy/golden.js";

/** numpy arrays in cells: the course's data preparation (seed002's linear regression). */
let s: GradlabSession;
beforeAll(() => {
  s = notebookSession();
});

test("arithmetic with numbers on either side, as numpy's operators", async () => {
  await ok(s, "const a = np.array([1, 2, 3])");
  expect((await ok(s, "a * 2")).text).toBe("array([2, 4, 6])");
  expect((await ok(s, "10 - a")).text).toBe("array([9, 8, 7])");
  expect((await ok(s, "1 / a")).text).toBe("array([1.        , 0.5       , 0.33333333])");
  expect((await ok(s, "a ** 2 + a")).text).toBe("array([ 2,  6, 12])");
  expect((await ok(s, "-a")).text).toBe("array([-1, -2, -3])");
});

test("the linear regression's data: Y = 2 + 3 * X + 0.1 * noise, then torch.from_numpy", async () => {
  await ok(s, "np.random.seed(0)\nconst X = np.random.rand(4, 1)\nconst Y = 2 + 3 * X + 0.1 * np.random.randn(4, 1)");
  const check = await ok(
    s,
    "const xs = (X.tolist() as number[][]).flat(), ys = (Y.tolist() as number[][]).flat()\nys.every((y, i) => Math.abs(y - 2 - 3 * xs[i]) < 0.5) && Y.shape.join()",
  );
  expect(check.text).toBe("'4,1'");
  expect((await ok(s, "const Xt = torch.from_numpy(Y).float()\nXt.shape")).text).toBe("torch.Size([4, 1])");
});

test("comparisons give bool arrays; an array in a condition is Python's bool()", async () => {
  expect((await ok(s, "a < 2")).text).toBe("array([ True, False, False])");
  expect((await ok(s, "a == np.array([1, 0, 3])")).text).toBe("array([ True, False,  True])");
  expect((await ok(s, "np.array([5]) > 4 ? 'yes' : 'no'")).text).toBe("'yes'");
  const e = await fails(s, "if (a > 1) { print('never') }");
  expect([e.ename, e.evalue]).toEqual([
    "ValueError",
    "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
  ]);
});

test("compound assignment is in place (a const array too), with numpy's casting rule", async () => {
  await ok(s, "const c = np.array([1, 2, 3])\nconst view = c\nc += 1");
  expect((await ok(s, "view")).text).toBe("array([2, 3, 4])");
  await ok(s, "const m = np.zeros([2, 2])\nm[0] += 5\nm[1] = 7");
  expect((await ok(s, "m")).text).toBe("array([[5., 5.],\n       [7., 7.]])");
  const e = await fails(s, "c += 0.5");
  expect([e.ename, e.evalue]).toEqual([
    "UFuncTypeError",
    "Cannot cast ufunc 'add' output from dtype('float64') to dtype('int64') with casting rule 'same_kind'",
  ]);
});

test("indexing reads elements and rows", async () => {
  expect((await ok(s, "const g = np.array([[1, 2], [3, 4]])\ng[1]")).text).toBe("array([3, 4])");
  expect((await ok(s, "g[1][0] + 1")).text).toBe("4");
});

test("a tensor with an array gives a tensor, as in PyTorch", async () => {
  expect((await ok(s, "torch.ones(2) + np.array([1., 2.])")).text).toBe("tensor([2., 3.], dtype=torch.float64)");
  expect((await ok(s, "np.array([1., 2.]) * torch.ones(2, {dtype: torch.float64})")).text).toBe(
    "tensor([1., 2.], dtype=torch.float64)",
  );
  expect((await ok(s, "torch.ones(2) < np.array([0., 2.])")).text).toBe("tensor([False,  True])");
});

test("indexing as numpy: slices (views), None, ..., masks and index lists, reads and writes", async () => {
  const np = goldens.np;
  await ok(s, "const ia = np.arange(10)\nconst ib = np.arange(12).reshape(3, 4)");
  const reads: [string, string][] = [
    ['ia["2:5"]', "index_slice"],
    ['ia["::2"]', "index_step"],
    ["ia[-1]", "index_neg"],
    ["ia[ia > 5]", "index_mask"],
    ["ia[[[0, 2]]]", "index_list"],
    ['ib[":, 1"]', "index_col"],
    ['ib["1:, ::2"]', "index_2d_slices"],
    ['ib[":, None, 0"]', "index_newaxis"],
    ['ib["..., 1"]', "index_ellipsis"],
    ["ib[1][2]", "index_row_then_item"],
  ];
  for (const [code, name] of reads) expect((await ok(s, code)).text, code).toBe(np[name]);
  const writes: [string, string][] = [
    ['ib[":, 1"] = 0', "setitem_col"],
    ["ib[0] = 7", "setitem_row"],
    ['ib["1:, 0"] += 1', "isetitem_slice"],
    ['const iv = ib["1:"]\niv[0] = -1', "setitem_through_view"],
  ];
  for (const [code, name] of writes) {
    await ok(s, code);
    expect((await ok(s, "ib")).text, code).toBe(np[name]);
  }
  await ok(s, "ia[ia > 5] += 100");
  expect((await ok(s, "ia")).text).toBe(np["isetitem_mask"]);
  await ok(s, 'const f = np.zeros([2, 3])\nf["1:"] = 0\nf[":, 1:"] = np.array([1.5, 2.5])');
  expect((await ok(s, "f")).text).toBe(np["setitem_array_broadcast"]);
});
