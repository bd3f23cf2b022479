import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { printOptions, set_printoptions, type PrintOptions } from "../../engine/format/print_options.js";
import { parameterRepr, tensorRepr, type PrintDType, type TensorPrintData } from "../../engine/format/tensor_str.js";
import { float32, float64, set_default_dtype } from "../../engine/tensor/dtype.js";

const f = Math.fround;

function readJson<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), "utf8")) as T;
}

interface Grad {
  requires_grad?: boolean;
  grad_fn?: string;
}

/** A print view over row-major values; float32 values are rounded to float32 like a real tensor. */
function mk(shape: number[], flat: readonly number[], dtype: PrintDType = "float32", grad: Grad = {}): TensorPrintData {
  const values = dtype === "float32" ? flat.map(f) : [...flat];
  return {
    shape,
    dtype,
    at: (i) => values[i]!,
    requires_grad: grad.requires_grad ?? grad.grad_fn !== undefined,
    grad_fn_name: grad.grad_fn ?? null,
    default_dtype: "float32",
  };
}

type Nested = number | boolean | Nested[];
/** `torch.tensor(literal)`: shape inferred from the nesting, bools stored as 0/1. */
function lit(value: Nested, dtype: PrintDType = "float32", grad: Grad = {}): TensorPrintData {
  const shape: number[] = [];
  for (let v: Nested = value; Array.isArray(v); v = v[0] ?? 0) {
    shape.push(v.length);
    if (v.length === 0) break;
  }
  const flat = [value].flat(Infinity as 1).map((v) => Number(v as number | boolean));
  return mk(shape, flat, dtype, grad);
}

const iota = (n: number, fn: (i: number) => number = (i) => i): number[] => Array.from({ length: n }, (_, i) => fn(i));
const arange = (n: number, dtype: PrintDType = "float32", shape: number[] = [n], grad: Grad = {}) =>
  mk(shape, iota(n), dtype, grad);

// Exact values of torch.randn(..., generator=torch.Generator().manual_seed(0)), printed by torch.
const RANDN8_F32 = [
  1.5409960746765137, -0.293428897857666, -2.1787893772125244, 0.5684312582015991, -1.0845223665237427,
  -1.3985954523086548, 0.40334683656692505, 0.8380263447761536,
];
const RANDN8_F64 = [
  1.5409961082440433, -0.2934289057609464, -2.1787893820745574, 0.5684312772806678, -1.084522342424021,
  -1.3985953953708767, 0.4033468476292993, 0.8380263329976598,
];

/** How to rebuild each example of repr_examples.json (keyed by its Python code). */
const EXAMPLES: Record<string, () => TensorPrintData> = {
  "torch.tensor(28.)": () => lit(28),
  "torch.tensor(3.5)": () => lit(3.5),
  "torch.tensor(1e-5)": () => lit(1e-5),
  "torch.tensor(5)": () => lit(5, "int64"),
  "torch.tensor(True)": () => lit(true, "bool"),
  "torch.tensor([0., 4., 8., 12.])": () => lit([0, 4, 8, 12]),
  "torch.tensor([1.12345, 2.])": () => lit([1.12345, 2]),
  "torch.tensor([0.1, -2.5, 100.25])": () => lit([0.1, -2.5, 100.25]),
  "torch.tensor([0.5, -2.5, 100.25])": () => lit([0.5, -2.5, 100.25]),
  "torch.tensor([0.03125, 0.09375])": () => lit([0.03125, 0.09375]),
  "torch.tensor([1, 2, 3])": () => lit([1, 2, 3], "int64"),
  "torch.tensor([-1, 100, 3])": () => lit([-1, 100, 3], "int64"),
  "torch.tensor([True, False, True])": () => lit([true, false, true], "bool"),
  "torch.tensor([1, 2], dtype=torch.int32)": () => lit([1, 2], "int32"),
  "torch.tensor([1, 2], dtype=torch.uint8)": () => lit([1, 2], "uint8"),
  "torch.tensor([1., 2.], dtype=torch.float64)": () => lit([1, 2], "float64"),
  "torch.tensor([1.5, 2.], dtype=torch.float16)": () => lit([1.5, 2], "float16"),
  "torch.tensor([1e-4, 1.])": () => lit([1e-4, 1]),
  "torch.tensor([1., 1000.])": () => lit([1, 1000]),
  "torch.tensor([1., 1001.])": () => lit([1, 1001]),
  "torch.tensor([1e8])": () => lit([1e8]),
  "torch.tensor([1e9])": () => lit([1e9]),
  "torch.tensor([123456.789])": () => lit([123456.789]),
  "torch.tensor([-123456.7, 0.001])": () => lit([-123456.7, 0.001]),
  "torch.tensor([0.00005, 1.])": () => lit([0.00005, 1]),
  "torch.tensor([float('nan'), float('inf'), -float('inf')])": () => lit([NaN, Infinity, -Infinity]),
  "torch.tensor([1., float('nan')])": () => lit([1, NaN]),
  "torch.tensor([1.5, float('nan'), -float('inf')])": () => lit([1.5, NaN, -Infinity]),
  "torch.tensor([1e-5, float('inf')])": () => lit([1e-5, Infinity]),
  "torch.tensor([0., -0.])": () => lit([0, -0]),
  "torch.tensor([-0., 1.5])": () => lit([-0, 1.5]),
  "torch.tensor([0., -1.5])": () => lit([0, -1.5]),
  "torch.zeros(3)": () => lit([0, 0, 0]),
  "torch.tensor([])": () => lit([]),
  "torch.zeros(0, 3)": () => mk([0, 3], []),
  "torch.tensor([], dtype=torch.int64)": () => lit([], "int64"),
  "torch.zeros(2, 0, dtype=torch.float64, requires_grad=True)": () =>
    mk([2, 0], [], "float64", { requires_grad: true }),
  "torch.tensor([1., 2.], requires_grad=True)": () => lit([1, 2], "float32", { requires_grad: true }),
  "torch.tensor([1., 2.], dtype=torch.float64, requires_grad=True)": () =>
    lit([1, 2], "float64", { requires_grad: true }),
  "(lambda x: (x * x).sum() * 2)(torch.tensor([1., 2., 3.], requires_grad=True))": () =>
    lit(28, "float32", { grad_fn: "MulBackward0" }),
  "(lambda x: x * 2)(torch.tensor([1., 2., 3.], dtype=torch.float64, requires_grad=True))": () =>
    lit([2, 4, 6], "float64", { grad_fn: "MulBackward0" }),
  "torch.arange(6.).reshape(2, 3)": () => arange(6, "float32", [2, 3]),
  "torch.arange(12).reshape(2, 2, 3)": () => arange(12, "int64", [2, 2, 3]),
  "torch.arange(24.).reshape(2, 3, 2, 2)": () => arange(24, "float32", [2, 3, 2, 2]),
  "torch.tensor([[1.]])": () => lit([[1]]),
  "torch.arange(30.)": () => arange(30),
  // float32 tensor op Python scalar: the scalar is cast to float32 and the result rounded to float32.
  "torch.arange(30.) / 7": () =>
    mk(
      [30],
      iota(30, (i) => i / 7),
    ),
  "torch.arange(12.).reshape(2, 6) * 1000.123": () =>
    mk(
      [2, 6],
      iota(12, (i) => i * f(1000.123)),
    ),
  "torch.arange(20.) * 1e-3 + 1e-5": () =>
    mk(
      [20],
      iota(20, (i) => f(i * f(1e-3)) + f(1e-5)),
    ),
  "torch.arange(2000)": () => arange(2000, "int64"),
  "torch.arange(1001.)": () => arange(1001),
  "torch.arange(10000.).reshape(100, 100)": () => arange(10000, "float32", [100, 100]),
  "torch.arange(2000.).reshape(10, 10, 20)": () => arange(2000, "float32", [10, 10, 20]),
  "torch.arange(1000)": () => arange(1000, "int64"),
  "torch.ones(2, 3, requires_grad=True) + 0": () =>
    mk(
      [2, 3],
      iota(6, () => 1),
      "float32",
      { grad_fn: "AddBackward0" },
    ),
  "torch.arange(11., requires_grad=True) * 1.5": () =>
    mk(
      [11],
      iota(11, (i) => i * 1.5),
      "float32",
      { grad_fn: "MulBackward0" },
    ),
  "torch.arange(16., requires_grad=True) * 1.5": () =>
    mk(
      [16],
      iota(16, (i) => i * 1.5),
      "float32",
      { grad_fn: "MulBackward0" },
    ),
  "torch.randn(8, requires_grad=True, generator=torch.Generator().manual_seed(0))": () =>
    mk([8], RANDN8_F32, "float32", { requires_grad: true }),
  "torch.randn(8, dtype=torch.float64, requires_grad=True, generator=torch.Generator().manual_seed(0))": () =>
    mk([8], RANDN8_F64, "float64", { requires_grad: true }),
  "torch.randn(2, 3, requires_grad=True, generator=torch.Generator().manual_seed(0)).sum(1)": () =>
    mk([2], [-0.9312222003936768, -1.9146865606307983], "float32", { grad_fn: "SumBackward1" }),
  "torch.randn(2, 3, generator=torch.Generator().manual_seed(0))": () => mk([2, 3], RANDN8_F32.slice(0, 6)),
  "torch.tensor(float('nan'))": () => lit(NaN),
  "torch.tensor(-0.)": () => lit(-0),
  "torch.tensor([2**40, -7])": () => lit([2 ** 40, -7], "int64"),
  "torch.tensor([1.0000001, 2.])": () => lit([1.0000001, 2]),
  "torch.tensor([0.1, 0.2]) + torch.tensor([0.2, 0.1])": () => lit([f(0.1) + f(0.2), f(0.2) + f(0.1)]),
  "torch.tensor([[1, -2], [30, 4]])": () =>
    lit(
      [
        [1, -2],
        [30, 4],
      ],
      "int64",
    ),
  "torch.tensor([[True], [False]])": () => lit([[true], [false]], "bool"),
};
const PARAMETER_EXAMPLES: Record<string, () => TensorPrintData> = {
  "torch.nn.Parameter(torch.tensor([1., 2.]))": () => lit([1, 2], "float32", { requires_grad: true }),
};
const SKIPPED = new Set(["torch.tensor([1+2j, -3.5j])"]); // no complex dtype in gradlab

afterEach(() => {
  set_printoptions({ profile: "default" });
  set_default_dtype(float32);
});

describe("tensorRepr reproduces torch's repr_examples.json", () => {
  const examples = readJson<{ code: string; note: string; repr: string }[]>("./repr_examples.json");
  for (const ex of examples) {
    const build = EXAMPLES[ex.code] ?? PARAMETER_EXAMPLES[ex.code];
    const test = SKIPPED.has(ex.code) ? it.skip : it;
    test(`${ex.code}  (${ex.note})`, () => {
      expect(build, "no builder for this example").toBeDefined();
      const got = ex.code in PARAMETER_EXAMPLES ? parameterRepr(build!()) : tensorRepr(build!());
      expect(got).toBe(ex.repr);
    });
  }
});

describe("tensorRepr", () => {
  it("reads only the displayed elements of a summarized tensor, each once", () => {
    const t = arange(10000, "float32", [100, 100]);
    const read: number[] = [];
    const counting = { ...t, at: (i: number) => (read.push(i), t.at(i)) };
    tensorRepr(counting);
    expect(read.length).toBe(36);
    expect(new Set(read).size).toBe(36);
    expect(read.slice(0, 7)).toEqual([0, 1, 2, 97, 98, 99, 100]);
  });

  it("prints int64 beyond 2^53 with all its digits", () => {
    expect(tensorRepr(lit([2 ** 60, 3], "int64"))).toBe("tensor([1152921504606846976,                   3])");
  });

  it("takes the dtype suffix rule from the default dtype its caller passes", () => {
    const d64 = (t: TensorPrintData): TensorPrintData => ({ ...t, default_dtype: "float64" });
    expect(tensorRepr(d64(lit([1, 2], "float64")))).toBe("tensor([1., 2.])");
    expect(tensorRepr(d64(lit([1, 2], "float32")))).toBe("tensor([1., 2.], dtype=torch.float32)");
    expect(tensorRepr(d64(lit([], "float32")))).toBe("tensor([], dtype=torch.float32)");
  });

  it("uses explicit options without touching the live ones", () => {
    const opts: PrintOptions = { precision: 2, threshold: 5, edgeitems: 3, linewidth: 80, sci_mode: null };
    expect(tensorRepr(arange(10, "int64"), opts)).toBe("tensor([0, 1, 2,  ..., 7, 8, 9])");
    expect(tensorRepr(lit([1.12345]), opts)).toBe("tensor([1.12])");
    expect(tensorRepr(lit([1.12345]))).toBe("tensor([1.1235])");
  });
});

describe("set_printoptions", () => {
  it("applies torch's documented examples to the live options", () => {
    set_printoptions({ precision: 2 });
    expect(tensorRepr(lit([1.12345]))).toBe("tensor([1.12])");
    set_printoptions({ threshold: 5 });
    expect(tensorRepr(arange(10, "int64"))).toBe("tensor([0, 1, 2,  ..., 7, 8, 9])");
    set_printoptions({ profile: "default" });
    expect(tensorRepr(lit([1.12345]))).toBe("tensor([1.1235])");
    expect(tensorRepr(arange(10, "int64"))).toBe("tensor([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])");
  });

  it("applies a profile, then the individual options over it", () => {
    set_printoptions({ profile: "short" });
    expect(printOptions).toEqual({ precision: 2, threshold: 1000, edgeitems: 2, linewidth: 80, sci_mode: null });
    expect(
      tensorRepr(
        mk(
          [2000],
          iota(2000, (i) => i / 3),
        ),
      ),
    ).toBe("tensor([0.00e+00, 3.33e-01,  ..., 6.66e+02, 6.66e+02])");
    set_printoptions({ profile: "full", linewidth: 30 });
    expect(printOptions).toEqual({ precision: 4, threshold: Infinity, edgeitems: 3, linewidth: 30, sci_mode: null });
    expect(
      tensorRepr(
        mk(
          [12],
          iota(12, (i) => i * 1.5),
        ),
      ),
    ).toBe(
      "tensor([ 0.0000,  1.5000,\n         3.0000,  4.5000,\n         6.0000,  7.5000,\n" +
        "         9.0000, 10.5000,\n        12.0000, 13.5000,\n        15.0000, 16.5000])",
    );
  });

  it("resets sci_mode to automatic whenever it is omitted, as torch does", () => {
    set_printoptions({ sci_mode: true });
    expect(tensorRepr(lit([1.5, 2]))).toBe("tensor([1.5000e+00, 2.0000e+00])");
    set_printoptions({ precision: 4 });
    expect(printOptions.sci_mode).toBeNull();
    expect(tensorRepr(lit([1.5, 2]))).toBe("tensor([1.5000, 2.0000])");
  });
});

interface FuzzCase {
  id: number;
  shape: number[];
  dtype: PrintDType;
  values?: string[];
  sparse?: Record<string, string>;
  requires_grad: boolean;
  grad_fn: string | null;
  parameter: boolean;
  options: Partial<PrintOptions> & { profile?: "default" | "short" | "full" };
  default_dtype: "float64" | null;
  repr: string;
}

/** Python value text (repr of a float or str of an int) to a JS number. */
function pyNumber(text: string): number {
  if (text === "nan") return NaN;
  if (text === "inf") return Infinity;
  if (text === "-inf") return -Infinity;
  return Number(text);
}

describe("tensorRepr agrees with torch on generated tensors (repr_fuzz_cases.json)", () => {
  const { cases } = readJson<{ cases: FuzzCase[] }>("./repr_fuzz_cases.json");
  it("has a few hundred cases", () => expect(cases.length).toBeGreaterThanOrEqual(300));
  for (const c of cases) {
    const label =
      `#${c.id} ${c.dtype}[${c.shape.join(", ")}] ${JSON.stringify(c.options)}` +
      `${c.sparse ? " summarized" : ""}${c.grad_fn ? " " + c.grad_fn : c.requires_grad ? " requires_grad" : ""}` +
      `${c.parameter ? " Parameter" : ""}${c.default_dtype ? " default=" + c.default_dtype : ""}`;
    it(label, () => {
      const values = (c.values ?? []).map(pyNumber);
      const sparse = new Map(Object.entries(c.sparse ?? {}).map(([k, v]) => [Number(k), pyNumber(v)]));
      const t: TensorPrintData = {
        shape: c.shape,
        dtype: c.dtype,
        requires_grad: c.requires_grad,
        grad_fn_name: c.grad_fn,
        // The caller's default dtype (the printer imports nothing from tensor/).
        default_dtype: c.default_dtype === "float64" ? "float64" : "float32",
        at: (i) => {
          if (c.values) return values[i]!;
          const v = sparse.get(i);
          if (v === undefined) throw new Error(`read element ${i}, which is not displayed`);
          return v;
        },
      };
      set_printoptions(c.options);
      if (c.default_dtype === "float64") set_default_dtype(float64);
      expect(c.parameter ? parameterRepr(t) : tensorRepr(t)).toBe(c.repr);
    });
  }
});
