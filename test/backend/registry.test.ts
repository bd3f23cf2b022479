/**
 * The backend door: the registry (which backends exist, GRADLAB_BACKEND, set_backend), the one
 * place where missing method groups fall back to TypeScript, ops reaching a backend's own groups,
 * and the typed kernel vocabulary (a backend or call site outside it does not compile).
 */
import { afterEach, describe, expect, test } from "vitest";
import ts from "typescript";
import { fileURLToPath } from "node:url";
import { messageText, typeDiagnostics } from "../support/typecheck.js";
import * as torch from "../../engine/index.js";
import * as F from "../../engine/nn/functional.js";
import { available_backends, backend, get_backend, register_backend, set_backend } from "../../engine/backend/index.js";
import { JsBackend } from "../../engine/backend/js/js_backend.js";
import { TS_GROUPS } from "../../engine/backend/js/groups.js";
import type { Backend, SoftmaxKernels } from "../../engine/backend/backend.js";
import { NotImplementedError } from "../../engine/errors.js";
import type { DType } from "../../engine/tensor/dtype.js";

const original = backend();
afterEach(() => {
  set_backend(original);
});

describe("backend registry", () => {
  test("the TypeScript backend is registered and loads", () => {
    expect(available_backends()).toContain("ts");
    expect(get_backend("ts").name).toBe("ts");
  });

  test("an unknown backend name says which ones exist", () => {
    expect(() => get_backend("cuda")).toThrow(/unknown backend 'cuda': the registered backends are ('native', )?'ts'/);
  });

  test("a registered backend that cannot load is not available, and choosing it says why", () => {
    register_backend("broken_for_test", () => {
      throw new Error("addon not built");
    });
    expect(available_backends()).not.toContain("broken_for_test");
    expect(() => get_backend("broken_for_test")).toThrow(/backend 'broken_for_test' cannot be used: addon not built/);
  });

  test("a backend without method groups gets the TypeScript ones, in one place", () => {
    const bare: Backend = new JsBackend();
    set_backend(bare);
    expect(backend().softmax).toBe(TS_GROUPS.softmax);
    expect(backend().nn).toBe(TS_GROUPS.nn);
    expect(backend().optim).toBe(TS_GROUPS.optim);
    expect(backend().indexing).toBe(TS_GROUPS.indexing);
  });

  test("ops call a backend's own method group when it has one", () => {
    const calls: string[] = [];
    const own: SoftmaxKernels = {
      softmax(x, outer, size, inner, log, out) {
        calls.push(`${outer}x${size}x${inner} log=${log}`);
        return TS_GROUPS.softmax.softmax(x, outer, size, inner, log, out);
      },
    };
    set_backend(Object.assign(new JsBackend(), { softmax: own }));
    const y = F.log_softmax(
      torch.tensor(
        [
          [1, 2, 3],
          [4, 5, 6],
        ],
        { dtype: torch.float32 },
      ),
      1,
    );
    expect(calls).toEqual(["2x3x1 log=true"]);
    expect(y.exp().sum(1).tolist()).toEqual([expect.closeTo(1, 6), expect.closeTo(1, 6)]);
  });

  test("tensors take their storage from the active backend's alloc", () => {
    const sizes: number[] = [];
    const b = new JsBackend();
    set_backend(
      Object.assign(b, {
        alloc: (dtype: DType, n: number) => {
          sizes.push(n);
          return new dtype.ArrayType(n);
        },
      }),
    );
    torch.zeros(2, 3);
    torch.ones(4).contiguous();
    expect(sizes).toEqual(expect.arrayContaining([6, 4]));
  });
});

describe("the kernel vocabulary is typed", () => {
  test("a backend table missing kernels, a misspelt kernel and a backend without alloc do not compile", () => {
    const file = fileURLToPath(new URL("./fixtures/incomplete_backend.ts", import.meta.url));
    const errors = typeDiagnostics(file);
    const lines = errors.map((d) => d.file!.getLineAndCharacterOfPosition(d.start!).line + 1).sort((a, b) => a - b);
    const source = ts.sys.readFile(file)!.split("\n");
    const marked = source.flatMap((l, i) => (l.includes("// ERROR") ? [i + 1] : []));
    expect([...new Set(lines)]).toEqual(marked);
    expect(errors.map((d) => messageText(d)).join("\n")).toMatch(/"expp"/);
  });
});

describe("a kernel a backend lacks", () => {
  test("is a NotImplementedError naming the backend, the family and the kernel, as a cell shows it", () => {
    const x = { data: new Float64Array([1, 2]), offset: 0, shape: [2], strides: [1], dtype: torch.float64 };
    let caught: unknown;
    try {
      new JsBackend().reduce("no_such_kernel" as never, x, [0], torch.float64);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(NotImplementedError);
    expect(`${(caught as Error).name}: ${(caught as Error).message}`).toBe(
      "NotImplementedError: backend 'ts' has no reduce kernel 'no_such_kernel'",
    );
  });
});
