import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import { nn, cuda } from "../../engine/index.js";
import { pyRepr } from "../../engine/format/py_repr.js";

// Written by generate_device_goldens.py from real PyTorch 1.13 (a CPU-only build).
const G = JSON.parse(readFileSync(new URL("./device_goldens.json", import.meta.url), "utf8"));

function run(f: () => unknown): Record<string, string> {
  try {
    const r = f();
    return { repr: pyRepr(r), str: r === undefined ? "None" : typeof r === "boolean" ? pyRepr(r) : String(r) };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

const f64 = { dtype: torch.float64 };
const cases: Record<string, () => unknown> = {
  device_cpu: () => torch.device("cpu"),
  device_cpu0: () => torch.device("cpu:0"),
  device_cpu_index: () => torch.device("cpu", 1),
  device_cuda: () => torch.device("cuda"),
  device_cuda1: () => torch.device("cuda:1"),
  device_of_device: () => torch.device(torch.device("cpu")),
  device_gpu: () => torch.device("gpu"),
  device_bad_index: () => torch.device("cuda:x"),
  zeros_cuda: () => torch.zeros(2, { device: "cuda" }),
  tensor_cuda: () => torch.tensor([1.5], { device: "cuda" }),
  randn_cuda: () => torch.randn(2, { device: "cuda" }),
  to_cuda: () => torch.zeros(2).to("cuda"),
  to_cuda_device: () => torch.zeros(2).to(torch.device("cuda:0")),
  tensor_cuda_method: () => torch.zeros(2).cuda(),
  module_to_cuda: () => new nn.Linear(2, 2).to("cuda"),
  module_cuda: () => new nn.Linear(2, 2).cuda(),
  to_cpu_dtype: () => torch.zeros(2).to("cpu", torch.float64),
  to_kw: () => torch.zeros(2).to({ device: "cpu", dtype: torch.float64 }),
  to_other: () => torch.zeros(2).to(torch.zeros(1, f64)),
  zeros_cpu_device: () => torch.zeros(2, { device: torch.device("cpu") }),
  tensor_device: () => torch.zeros(2).device,
  tensor_device_type: () => torch.zeros(2).device.type,
  tensor_is_cuda: () => torch.zeros(2).is_cuda,
  cuda_is_available: () => cuda.is_available(),
  cuda_device_count: () => cuda.device_count(),
  cuda_manual_seed: () => cuda.manual_seed(0),
  cuda_current_device: () => cuda.current_device(),
  tutorial_idiom: () => torch.ones(2, { device: cuda.is_available() ? "cuda" : "cpu" }),
};

describe("devices behave as in a CPU-only PyTorch", () => {
  for (const [name, f] of Object.entries(cases)) test(name, () => expect(run(f)).toEqual(G[name]));
  test("a tensor's device is a torch.device, and torch.device works with new", () => {
    expect(torch.zeros(1).device).toBeInstanceOf(torch.device);
    expect(String(new torch.device("cpu"))).toBe("cpu");
  });
  test("module.to(device) keeps parameters and buffers in place (a CPU-only move), with a dtype it casts them", () => {
    const bn = new nn.BatchNorm1d(3);
    const w = bn.weight;
    expect(bn.to(torch.device("cpu"))).toBe(bn);
    expect(bn.weight).toBe(w);
    bn.to({ device: "cpu", dtype: torch.float64 });
    expect(String(bn.weight!.dtype)).toBe("torch.float64");
    expect(String(bn.running_mean!.dtype)).toBe("torch.float64");
  });
});
