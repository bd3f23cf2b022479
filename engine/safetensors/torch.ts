/**
 * safetensors.torch (Hugging Face's safetensors/torch.py): state dicts to and from .safetensors
 * files, the safe way to bring trained weights into gradlab (no pickle, no download).
 *
 * The format: 8 bytes little-endian u64 N, N bytes of JSON header
 * `{"__metadata__": {...}, "name": {"dtype": "F32", "shape": [..], "data_offsets": [begin, end]}, ...}`
 * padded with spaces to a multiple of 8, then the raw little-endian, row-major tensor data.
 * `save` writes the bytes the Rust library writes (tensors ordered by descending dtype, then name).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { Tensor } from "../tensor/tensor.js";
import { isExact } from "../tensor/store.js";
import {
  type DType,
  type StorageArray,
  type TypedArray,
  bool,
  float16,
  float32,
  float64,
  int16,
  int32,
  int64,
  int8,
  uint8,
} from "../tensor/dtype.js";
import { StateDict, asEntries } from "../nn/state_dict.js";

/** safetensors' error type (Python: `safetensors_rust.SafetensorError`). */
export class SafetensorError extends Error {
  override name = "SafetensorError";
}

interface Codec {
  code: string;
  dtype: DType;
  size: number;
  get(v: DataView, at: number): number;
  set(v: DataView, at: number, x: number): void;
  /** The file's bytes as gradlab's storage, where they are the same element type (little-endian). */
  raw?: (b: ArrayBuffer) => TypedArray;
}

// NOTE: in safetensors' Dtype enum order (its sort key: files list larger-aligned dtypes first).
const CODECS: Codec[] = [
  {
    code: "BOOL",
    dtype: bool,
    size: 1,
    raw: (b) => new Uint8Array(b),
    get: (v, a) => (v.getUint8(a) ? 1 : 0),
    set: (v, a, x) => v.setUint8(a, x ? 1 : 0),
  },
  {
    code: "U8",
    dtype: uint8,
    size: 1,
    raw: (b) => new Uint8Array(b),
    get: (v, a) => v.getUint8(a),
    set: (v, a, x) => v.setUint8(a, x),
  },
  {
    code: "I8",
    dtype: int8,
    size: 1,
    raw: (b) => new Int8Array(b),
    get: (v, a) => v.getInt8(a),
    set: (v, a, x) => v.setInt8(a, x),
  },
  {
    code: "I16",
    dtype: int16,
    size: 2,
    raw: (b) => new Int16Array(b),
    get: (v, a) => v.getInt16(a, true),
    set: (v, a, x) => v.setInt16(a, x, true),
  },
  {
    code: "F16",
    dtype: float16,
    size: 2,
    get: (v, a) => halfToNumber(v.getUint16(a, true)),
    set: (v, a, x) => v.setUint16(a, numberToHalf(x), true),
  },
  // NOTE: gradlab has no bfloat16: BF16 weights load as float32 (exact, bfloat16 is float32's top half).
  {
    code: "BF16",
    dtype: float32,
    size: 2,
    get: (v, a) => bf16ToNumber(v.getUint16(a, true)),
    set: () => {
      throw new SafetensorError("bfloat16 cannot be written");
    },
  },
  {
    code: "I32",
    dtype: int32,
    size: 4,
    raw: (b) => new Int32Array(b),
    get: (v, a) => v.getInt32(a, true),
    set: (v, a, x) => v.setInt32(a, x, true),
  },
  {
    code: "F32",
    dtype: float32,
    size: 4,
    raw: (b) => new Float32Array(b),
    get: (v, a) => v.getFloat32(a, true),
    set: (v, a, x) => v.setFloat32(a, x, true),
  },
  {
    code: "F64",
    dtype: float64,
    size: 8,
    raw: (b) => new Float64Array(b),
    get: (v, a) => v.getFloat64(a, true),
    set: (v, a, x) => v.setFloat64(a, x, true),
  },
  {
    code: "I64",
    dtype: int64,
    size: 8,
    get: (v, a) => Number(v.getBigInt64(a, true)),
    set: (v, a, x) => v.setBigInt64(a, BigInt(x), true),
  },
];
const BY_CODE = new Map(CODECS.map((c) => [c.code, c]));
// NOTE: on a little-endian machine, dtypes whose gradlab storage is the file's own element type
// (codecs with `raw`; not int64, float16, bfloat16) are copied as bytes, not element by element.
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const rawCopy = (c: Codec): boolean => LITTLE_ENDIAN && c.raw !== undefined;
const BY_DTYPE = new Map(CODECS.filter((c) => c.code !== "BF16").map((c) => [c.dtype, c]));

export function halfToNumber(h: number): number {
  const s = h & 0x8000 ? -1 : 1,
    e = (h >> 10) & 0x1f,
    m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Round-to-nearest-even to IEEE half bits (gradlab's float16 values are already representable). */
export function numberToHalf(x: number): number {
  if (Number.isNaN(x)) return 0x7e00;
  const sign = x < 0 || Object.is(x, -0) ? 0x8000 : 0;
  const a = Math.abs(x);
  if (a >= 65520) return sign | 0x7c00;
  const rne = (v: number) => {
    const f = Math.floor(v),
      d = v - f;
    return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  };
  if (a < 2 ** -14) return sign | rne(a * 2 ** 24); // subnormal (rounding up to 0x400 gives the smallest normal)
  let e = Math.floor(Math.log2(a));
  if (2 ** e > a) e--;
  else if (2 ** (e + 1) <= a) e++;
  let m = rne((a / 2 ** e - 1) * 1024);
  if (m === 1024) {
    m = 0;
    e++;
  }
  return sign | ((e + 15) << 10) | m;
}

function bf16ToNumber(h: number): number {
  const v = new DataView(new ArrayBuffer(4));
  v.setUint32(0, h << 16);
  return v.getFloat32(0);
}

type Tensors = Map<string, Tensor> | Record<string, Tensor>;

/**
 * The bytes of a .safetensors file holding `tensors` (non-contiguous ones are packed).
 * @example const bytes = safetensors.torch.save(model.state_dict())
 */
export function save(tensors: Tensors, metadata: Record<string, string> | null = null): Uint8Array {
  const entries = [...asEntries(tensors)].map(([name, t]) => {
    const c = BY_DTYPE.get(t.dtype);
    if (!c) throw new SafetensorError(`${name}: dtype ${t.dtype.name} cannot be stored in safetensors`);
    return { name, t: t.detach().contiguous(), c };
  });
  const rank = (c: Codec) => CODECS.indexOf(c);
  entries.sort((a, b) => rank(b.c) - rank(a.c) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const header: Record<string, unknown> = {};
  if (metadata) header.__metadata__ = metadata;
  let offset = 0;
  for (const { name, t, c } of entries) {
    const n = t.numel() * c.size;
    header[name] = { dtype: c.code, shape: [...t.shape], data_offsets: [offset, offset + n] };
    offset += n;
  }
  // NOTE: "__metadata__" first, then tensors in data order, as the Rust serializer writes them.
  const text = JSON.stringify(header),
    enc = new TextEncoder();
  const json = enc.encode(text + " ".repeat((8 - (enc.encode(text).length % 8)) % 8)); // data starts 8-byte aligned
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  let at = 8 + json.length;
  for (const { t, c } of entries) {
    const o = t._offset,
      n = t.numel(),
      stored = t._storage.data;
    // int64 beyond 2^53 lives in exact (BigInt64Array) storage: its values go out as they are.
    if (isExact(stored)) {
      for (let i = 0; i < n; i++, at += c.size) view.setBigInt64(at, stored[o + i], true);
      continue;
    }
    const data = stored as TypedArray;
    if (rawCopy(c)) {
      out.set(new Uint8Array(data.buffer, data.byteOffset + o * c.size, n * c.size), at);
      at += n * c.size;
      continue;
    }
    for (let i = 0; i < n; i++, at += c.size) c.set(view, at, data[o + i]);
  }
  return out;
}

/**
 * The tensors of a .safetensors file's bytes, by name (sorted, as safe_open's keys()).
 * @example model.load_state_dict(safetensors.torch.load(bytes))
 */
export function load(bytes: Uint8Array): StateDict {
  const fail = (what: string): never => {
    throw new SafetensorError(`Error while deserializing header: ${what}`);
  };
  if (bytes.length < 8) fail("HeaderTooSmall");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = Number(view.getBigUint64(0, true));
  if (n > 100_000_000) fail("HeaderTooLarge");
  if (8 + n > bytes.length) fail("InvalidHeaderLength");
  let header: Record<string, { dtype: string; shape: number[]; data_offsets: [number, number] }>;
  try {
    header = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(8, 8 + n)));
  } catch {
    return fail("InvalidHeaderDeserialization");
  }
  const isInfo = (v: unknown): boolean => {
    const i = v as { dtype?: unknown; shape?: unknown; data_offsets?: unknown } | null;
    return (
      !!i &&
      typeof i.dtype === "string" &&
      Array.isArray(i.shape) &&
      Array.isArray(i.data_offsets) &&
      i.data_offsets.length === 2
    );
  };
  if (
    typeof header !== "object" ||
    header === null ||
    Array.isArray(header) ||
    Object.entries(header).some(([k, v]) => k !== "__metadata__" && !isInfo(v))
  )
    fail("InvalidHeaderDeserialization");
  // As the Rust reader validates: data in offset order, back to back, exactly filling the file.
  const infos = Object.entries(header)
    .filter(([k]) => k !== "__metadata__")
    .sort(([, a], [, b]) => a.data_offsets[0] - b.data_offsets[0] || a.data_offsets[1] - b.data_offsets[1]);
  let end = 0;
  for (const [
    name,
    {
      dtype,
      shape,
      data_offsets: [b, e],
    },
  ] of infos) {
    if (b !== end || e < b) fail(`InvalidOffset("${name}")`);
    const c = BY_CODE.get(dtype) ?? fail(`unknown dtype ${dtype} for "${name}"`);
    if (e - b !== shape.reduce((x, y) => x * y, 1) * c.size) fail("TensorInvalidInfo");
    end = e;
  }
  if (8 + n + end !== bytes.length) fail("MetadataIncompleteBuffer");
  const base = 8 + n,
    out = new StateDict();
  for (const name of infos.map(([k]) => k).sort()) {
    const {
      dtype,
      shape,
      data_offsets: [begin],
    } = header[name];
    const c = BY_CODE.get(dtype)!,
      numel = shape.reduce((x, y) => x * y, 1);
    let data: StorageArray;
    // NOTE: a copy (new Uint8Array), not bytes.slice: a Node Buffer's slice is a view into a shared pool.
    if (rawCopy(c)) data = c.raw!(new Uint8Array(bytes.subarray(base + begin, base + begin + numel * c.size)).buffer);
    else if (c.dtype === int64) {
      // Read exactly; storage narrows back to numbers when every value is a safe integer.
      const exact = new BigInt64Array(numel);
      for (let i = 0, at = base + begin; i < numel; i++, at += c.size) exact[i] = view.getBigInt64(at, true);
      data = exact;
    } else {
      data = new c.dtype.ArrayType(numel);
      for (let i = 0, at = base + begin; i < numel; i++, at += c.size) data[i] = c.get(view, at);
    }
    out.set(name, Tensor._fromData(data, shape, c.dtype));
  }
  return out;
}

/**
 * Write `tensors` (e.g. `model.state_dict()`) to a .safetensors file.
 * @example safetensors.torch.save_file(model.state_dict(), "model.safetensors")
 */
export function save_file(tensors: Tensors, filename: string, metadata: Record<string, string> | null = null): void {
  writeFileSync(filename, save(tensors, metadata));
}

/**
 * Read a .safetensors file; pass the result to `model.load_state_dict`.
 * @example const model = torchvision.models.resnet18(); model.load_state_dict(safetensors.torch.load_file("resnet18.safetensors"))
 */
export function load_file(filename: string): StateDict {
  return load(readFileSync(filename));
}
