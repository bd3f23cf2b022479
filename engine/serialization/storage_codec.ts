/**
 * Storage records of PyTorch's files: each `data/<key>` entry is one storage's elements,
 * little-endian, named in the pickle by its legacy storage class (`torch.FloatStorage`). One
 * table maps those classes to gradlab's dtypes and converts the bytes both ways.
 */
import { type DType, type StorageArray, type TypedArray, ALL_DTYPES, float32 } from "../tensor/dtype.js";
import { finishStore, isExact } from "../tensor/store.js";
import { halfToNumber, numberToHalf } from "../safetensors/torch.js";

const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** torch.FloatStorage for float32 ..., as PyTorch names storages in data.pkl. */
export function storageClassName(dtype: DType): string {
  return dtype.legacyName.replace(/^torch\./, "").replace(/Tensor$/, "Storage");
}

const BY_CLASS = new Map<string, DType>(ALL_DTYPES.map((d) => [storageClassName(d), d]));

/** The dtype a storage class holds (BFloat16Storage loads as float32: gradlab has no bfloat16, and the widening is exact). */
export function dtypeOfStorageClass(name: string): { dtype: DType; itemsize: number; bfloat16?: true } | undefined {
  if (name === "BFloat16Storage") return { dtype: float32, itemsize: 2, bfloat16: true };
  const d = BY_CLASS.get(name);
  return d && { dtype: d, itemsize: d.itemsize };
}

/** A storage's elements as the bytes of its record. */
export function storageToBytes(data: StorageArray, dtype: DType): Uint8Array {
  const n = data.length,
    out = new Uint8Array(n * dtype.itemsize),
    v = new DataView(out.buffer);
  switch (dtype.name) {
    case "float16":
      for (let i = 0; i < n; i++) v.setUint16(2 * i, numberToHalf((data as TypedArray)[i]), true);
      return out;
    case "int64":
      if (isExact(data)) for (let i = 0; i < n; i++) v.setBigInt64(8 * i, data[i], true);
      else for (let i = 0; i < n; i++) v.setBigInt64(8 * i, BigInt((data as TypedArray)[i]), true);
      return out;
  }
  const a = data as TypedArray;
  if (LITTLE_ENDIAN) {
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    return out;
  }
  const set: Record<string, (i: number, x: number) => void> = {
    float32: (i, x) => v.setFloat32(4 * i, x, true),
    float64: (i, x) => v.setFloat64(8 * i, x, true),
    int32: (i, x) => v.setInt32(4 * i, x, true),
    int16: (i, x) => v.setInt16(2 * i, x, true),
    int8: (i, x) => v.setInt8(i, x),
    uint8: (i, x) => v.setUint8(i, x),
    bool: (i, x) => v.setUint8(i, x),
  };
  for (let i = 0; i < n; i++) set[dtype.name](i, a[i]);
  return out;
}

/** A record's bytes as gradlab storage of `numel` elements. */
export function storageFromBytes(
  bytes: Uint8Array,
  cls: { dtype: DType; itemsize: number; bfloat16?: true },
  numel: number,
): StorageArray {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { dtype } = cls;
  if (cls.bfloat16) {
    const out = new Float32Array(numel),
      w = new DataView(out.buffer);
    for (let i = 0; i < numel; i++) w.setUint32(4 * i, v.getUint16(2 * i, true) << 16, LITTLE_ENDIAN);
    return out;
  }
  switch (dtype.name) {
    case "float16": {
      const out = new Float32Array(numel);
      for (let i = 0; i < numel; i++) out[i] = halfToNumber(v.getUint16(2 * i, true));
      return out;
    }
    case "int64": {
      const out = new BigInt64Array(numel);
      for (let i = 0; i < numel; i++) out[i] = v.getBigInt64(8 * i, true);
      return finishStore(out, dtype);
    }
    case "bool": {
      const out = new Uint8Array(numel);
      for (let i = 0; i < numel; i++) out[i] = bytes[i] ? 1 : 0;
      return out;
    }
  }
  const copy = bytes.slice(0, numel * dtype.itemsize); // aligned for the typed array
  if (LITTLE_ENDIAN)
    return new (dtype.ArrayType as unknown as new (b: ArrayBuffer, o: number, n: number) => TypedArray)(
      copy.buffer,
      0,
      numel,
    );
  const out = new dtype.ArrayType(numel) as TypedArray;
  const get: Record<string, (i: number) => number> = {
    float32: (i) => v.getFloat32(4 * i, true),
    float64: (i) => v.getFloat64(8 * i, true),
    int32: (i) => v.getInt32(4 * i, true),
    int16: (i) => v.getInt16(2 * i, true),
    int8: (i) => v.getInt8(i),
    uint8: (i) => v.getUint8(i),
  };
  for (let i = 0; i < numel; i++) out[i] = get[dtype.name](i);
  return out;
}
