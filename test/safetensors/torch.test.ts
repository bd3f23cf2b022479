import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import * as torch from "../../engine/index.js";
import * as nn from "../../engine/nn/index.js";
import { safetensors } from "../../engine/index.js";
import { models } from "../../engine/vision/index.js";

type T = torch.Tensor;
const here = (f: string) => new URL(`./${f}`, import.meta.url);
// Written by generate_safetensors_files.py from real PyTorch 1.13.
const G = JSON.parse(readFileSync(here("safetensors_goldens.json"), "utf8"));
const num = (v: number | string) =>
  typeof v === "number" ? v : v === "inf" ? Infinity : v === "-inf" ? -Infinity : NaN;

function smallCnn(): nn.Sequential {
  return new nn.Sequential(
    new nn.Conv2d(2, 3, 3, { padding: 1 }),
    new nn.BatchNorm2d(3),
    new nn.ReLU(),
    new nn.MaxPool2d(2),
    new nn.Flatten(),
    new nn.Linear(3 * 2 * 2, 4),
  );
}

describe("safetensors.torch reads and writes state dicts", () => {
  test("a model loads PyTorch's trained state dict from a .safetensors file and gives PyTorch's eval output", () => {
    const g = G.small_cnn;
    torch.manual_seed(0); // different initial weights: everything must come from the file
    const model = smallCnn();
    expect(String(model)).toBe(g.repr);
    const sd = safetensors.torch.load_file(here("small_cnn.safetensors").pathname);
    expect([...sd.keys()]).toEqual(Object.keys(g.state_dict).sort());
    expect(String(model.load_state_dict(sd))).toBe("<All keys matched successfully>");
    for (const [k, v] of model.state_dict()) {
      expect(v.dtype.name, k).toBe(g.state_dict[k].dtype);
      expect([...v.shape], k).toEqual(g.state_dict[k].shape);
      expect(v.contiguous()._values(), k).toEqual(g.state_dict[k].values);
    }
    model.eval();
    const x = torch.tensor(g.x, { dtype: torch.float32 }).reshape(g.x_shape);
    const out = torch.no_grad(() => model(x) as T);
    const want = torch.tensor(g.eval_out, { dtype: torch.float32 }).reshape(g.out_shape);
    expect(torch.allclose(out, want, 1e-5, 1e-6)).toBe(true);
  });

  test("every dtype reads back PyTorch's values, and metadata is kept out of the tensors", () => {
    const sd = safetensors.torch.load(readFileSync(here("dtypes.safetensors")));
    expect([...sd.keys()]).toEqual(Object.keys(G.dtypes).sort());
    for (const [k, e] of Object.entries(
      G.dtypes as Record<string, { shape: number[]; dtype: string; values: (number | string)[] }>,
    )) {
      const t = sd.at(k);
      expect(t.dtype.name, k).toBe(e.dtype);
      expect([...t.shape], k).toEqual(e.shape);
      expect(t.contiguous()._values(), k).toEqual(e.values.map(num));
    }
  });

  test("save writes the bytes the safetensors library writes (dtype order, name order, metadata, padding)", () => {
    for (const file of ["small_cnn.safetensors", "dtypes.safetensors"]) {
      const bytes = readFileSync(here(file));
      const n = Number(bytes.readBigUInt64LE(0));
      const header = JSON.parse(bytes.subarray(8, 8 + n).toString("utf8"));
      const again = safetensors.torch.save(safetensors.torch.load(bytes), header.__metadata__ ?? null);
      expect(Buffer.from(again).equals(bytes), file).toBe(true);
    }
    // The Rust crate's own test vector (safetensors/src/tensor.rs, test_serialization).
    const t = torch.tensor([0, 1, 2, 3, 4, 5], { dtype: torch.float32 }).reshape(1, 2, 3);
    expect([...safetensors.torch.save({ "attn.0": t })]).toEqual([
      64, 0, 0, 0, 0, 0, 0, 0, 123, 34, 97, 116, 116, 110, 46, 48, 34, 58, 123, 34, 100, 116, 121, 112, 101, 34, 58, 34,
      70, 51, 50, 34, 44, 34, 115, 104, 97, 112, 101, 34, 58, 91, 49, 44, 50, 44, 51, 93, 44, 34, 100, 97, 116, 97, 95,
      111, 102, 102, 115, 101, 116, 115, 34, 58, 91, 48, 44, 50, 52, 93, 125, 125, 0, 0, 0, 0, 0, 0, 128, 63, 0, 0, 0,
      64, 0, 0, 64, 64, 0, 0, 128, 64, 0, 0, 160, 64,
    ]);
  });

  test("save_file then load_file round-trips a ResNet-18 state dict, views and float16 included", () => {
    const dir = mkdtempSync(join(tmpdir(), "gradlab-st-"));
    try {
      torch.manual_seed(0);
      const a = models.resnet18({ num_classes: 10 });
      const path = join(dir, "resnet18.safetensors");
      safetensors.torch.save_file(a.state_dict(), path);
      torch.manual_seed(1);
      const b = models.resnet18({ num_classes: 10 });
      b.load_state_dict(safetensors.torch.load_file(path));
      const sb = b.state_dict();
      for (const [k, v] of a.state_dict()) expect(torch.equal(sb.at(k), v), k).toBe(true);
      const h = torch.tensor(
        [
          [0.1, 65504],
          [-6e-8, 1e-3],
        ],
        { dtype: torch.float16 },
      );
      const view = torch.arange(6, { dtype: torch.float64 }).reshape(2, 3).t();
      const back = safetensors.torch.load(safetensors.torch.save({ h, view }));
      expect(torch.equal(back.at("h"), h)).toBe(true);
      expect(back.at("view").tolist()).toEqual(view.tolist());
    } finally {
      rmSync(dir, { recursive: true });
    }
  }, 60_000);

  test("a truncated or malformed file raises SafetensorError", () => {
    const bytes = readFileSync(here("dtypes.safetensors"));
    expect(() => safetensors.torch.load(bytes.subarray(0, 4))).toThrow(
      "Error while deserializing header: HeaderTooSmall",
    );
    expect(() => safetensors.torch.load(bytes.subarray(0, 40))).toThrow(
      "Error while deserializing header: InvalidHeaderLength",
    );
    expect(() => safetensors.torch.load(bytes.subarray(0, bytes.length - 1))).toThrow(
      "Error while deserializing header: MetadataIncompleteBuffer",
    );
    const bad = Buffer.from(bytes);
    bad[8] = 0x5b; // "[": the header is no longer a JSON object
    expect(() => safetensors.torch.load(bad)).toThrow("Error while deserializing header: InvalidHeaderDeserialization");
    try {
      safetensors.torch.load(bad);
    } catch (e) {
      expect((e as Error).name).toBe("SafetensorError");
    }
    const notTensors = safetensors.torch.save({});
    notTensors.set(new TextEncoder().encode('{"x":1} '), 8); // valid JSON, but not a tensor entry
    expect(() => safetensors.torch.load(notTensors)).toThrow(
      "Error while deserializing header: InvalidHeaderDeserialization",
    );
  });

  test("asking for pretrained weights explains how to load them from a file", () => {
    expect(() => models.resnet18({ pretrained: true })).toThrow(/cannot be downloaded.*safetensors\.torch\.load_file/s);
  });
});
