/**
 * torch.save and torch.load in PyTorch's file format (torch/serialization.py, zip flavour): a zip
 * archive `<name>/data.pkl` (the object, pickled with protocol 2, tensors as
 * `torch._utils._rebuild_tensor_v2` calls whose storages are persistent ids), one
 * `<name>/data/<key>` record per storage, and `<name>/version`. Tensors sharing a storage (views)
 * are written once and share it again after loading, here and in PyTorch.
 *
 * Python values come back as: dict -> plain object (Map when a key is not a string, as an
 * optimizer's `state`), OrderedDict -> StateDict, list -> array, tuple -> array marked as a tuple,
 * int/float -> number (bigint beyond 2^53), str -> string, None -> null. Nothing in a file is run:
 * with `weights_only: true` any class outside PyTorch's allow-list is refused with PyTorch's error;
 * without it, other Python objects load as inert `PickledObject` placeholders.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { PyError, RuntimeError, TypeError as PyTypeError, pyTypeName } from "../errors.js";
import { Storage, Tensor, Device } from "../tensor/tensor.js";
import { ALL_DTYPES, DType } from "../tensor/dtype.js";
import { Size } from "../tensor/shape.js";
import { isTuple, tuple } from "../format/py_repr.js";
import { Parameter } from "../nn/parameter.js";
import { StateDict } from "../nn/state_dict.js";
import { Module } from "../nn/module.js";
import { PickleWriter, PicklingError, UnpicklingError, unpickle, type PyCallable, type PyDict } from "./pickle.js";
import { ZipReader, isZip, writeZip } from "./zip.js";
import { dtypeOfStorageClass, storageClassName, storageFromBytes, storageToBytes } from "./storage_codec.js";

export { UnpicklingError, PicklingError };

/** A Python object gradlab cannot rebuild (weights_only: false): its class and pickled arguments, kept inert. */
export class PickledObject {
  constructor(
    readonly module: string,
    readonly name: string,
    readonly args: unknown[],
    public state: unknown = null,
  ) {}
  toString(): string {
    return `<${this.module}.${this.name} object (not rebuilt by gradlab)>`;
  }
}

const FILE_VERSION = "3\n";

// ---- save ---------------------------------------------------------------------------------------

export interface SaveOptions {
  pickle_protocol?: number;
  _use_new_zipfile_serialization?: boolean;
}

/**
 * Save an object (tensors, state dicts, optimizer state dicts, nested arrays/objects/Maps of
 * them, numbers, strings) to a file PyTorch's `torch.load` reads.
 * @example torch.save(model.state_dict(), "model.pt")
 */
export function save(obj: unknown, f: string | URL, opts: SaveOptions | null = {}): void {
  opts ??= {};
  checkPath(f, false);
  if (opts.pickle_protocol !== undefined && opts.pickle_protocol !== 2)
    throw new RuntimeError(
      `gradlab writes pickle protocol 2 (PyTorch's default); got pickle_protocol=${opts.pickle_protocol}`,
    );
  if (opts._use_new_zipfile_serialization === false)
    throw new RuntimeError("gradlab writes only the zip file format (_use_new_zipfile_serialization=True)");
  const path = typeof f === "string" ? f : f.pathname;
  const bytes = saveToBytes(obj, archiveName(path));
  try {
    writeFileSync(f, bytes);
  } catch (e) {
    throw osError(e, path);
  }
}

/** Python's OSError family for a file that cannot be opened (`FileNotFoundError: [Errno 2] ...`). */
export class OSError extends PyError {
  static override pyName = "OSError";
}
export class FileNotFoundError extends OSError {
  static override pyName = "FileNotFoundError";
}

function osError(e: unknown, path: string): PyError {
  const err = e as NodeJS.ErrnoException;
  if (err.code === "ENOENT") return new FileNotFoundError(`[Errno 2] No such file or directory: '${path}'`);
  if (err.code === "EISDIR") return new OSError(`[Errno 21] Is a directory: '${path}'`);
  if (err.code === "EACCES") return new OSError(`[Errno 13] Permission denied: '${path}'`);
  return new OSError(`${err.code ?? "error"}: ${err.message}`);
}

/** torch.save/load take a path (string or URL) and load also the bytes of a file; numbers (file descriptors) are refused. */
function checkPath(f: unknown, bytesOk: boolean): void {
  if (typeof f === "string" || f instanceof URL || (bytesOk && f instanceof Uint8Array)) return;
  throw new PyTypeError(`expected str, bytes or os.PathLike object, not ${pyTypeName(f)}`);
}

/** PyTorchStreamWriter names the archive's folder after the file: `model.pt` -> `model/`. */
function archiveName(path: string): string {
  const base = basename(path);
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base) || "archive";
}

/** The bytes torch.save writes for `obj` (a file-like target gets the folder name "archive"). */
export function saveToBytes(obj: unknown, name = "archive"): Uint8Array {
  const storages = new Map<Storage, { key: string; dtype: DType }>();
  const w = new PickleWriter();
  writeValue(w, obj, storages);
  const entries: [string, Uint8Array][] = [[`${name}/data.pkl`, w.finish()]];
  // torch.save writes records in sorted key order (as strings, "10" before "2").
  const sorted = [...storages].sort(([, a], [, b]) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const [s, { key, dtype }] of sorted) entries.push([`${name}/data/${key}`, storageToBytes(s.data, dtype)]);
  entries.push([`${name}/version`, new TextEncoder().encode(FILE_VERSION)]);
  entries.push([`${name}/byteorder`, new TextEncoder().encode("little")]);
  return writeZip(entries);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== "object" || v === null) return false;
  const p = Object.getPrototypeOf(v);
  return p === Object.prototype || p === null;
}

function writeValue(w: PickleWriter, v: unknown, storages: Map<Storage, { key: string; dtype: DType }>): void {
  const rec = (x: unknown) => writeValue(w, x, storages);
  if (v === null || v === undefined) return w.none();
  if (typeof v === "boolean") return w.bool(v);
  if (typeof v === "bigint") return w.int(v);
  if (typeof v === "number") return Number.isSafeInteger(v) && !Object.is(v, -0) ? w.int(v) : w.float(v);
  if (typeof v === "string") return w.str(v);
  if (typeof v !== "object" && typeof v !== "function")
    throw new PicklingError(`Can't pickle a JavaScript ${typeof v}`);
  if (w.get(v)) return;
  if (v instanceof Tensor) return writeTensor(w, v, storages);
  if (v instanceof DType) {
    w.global("torch", v.name);
    return;
  }
  if (v instanceof Size) {
    w.global("torch", "Size");
    w.mark();
    for (const d of v) w.int(d);
    w.tuple(v.length, true);
    w.tuple(1, false);
    w.reduce();
    w.put(v);
    return;
  }
  if (v instanceof Device) {
    w.global("torch", "device");
    w.str(v.type);
    if (v.index === null) w.tuple(1, false);
    else {
      w.int(v.index);
      w.tuple(2, false);
    }
    w.reduce();
    w.put(v);
    return;
  }
  if (Array.isArray(v)) {
    if (isTuple(v)) {
      if (v.length <= 3) {
        for (const x of v) rec(x);
        w.tuple(v.length, false);
      } else {
        w.mark();
        for (const x of v) rec(x);
        w.tuple(v.length, true);
      }
      w.put(v);
      return;
    }
    w.emptyList();
    w.put(v);
    for (let i = 0; i < v.length; i += 1000) {
      w.mark();
      for (const x of v.slice(i, i + 1000)) rec(x);
      w.appends();
    }
    return;
  }
  if (v instanceof Map || isPlainObject(v)) {
    const ordered = v instanceof StateDict;
    const meta = ordered ? (v as StateDict & { _metadata?: unknown })._metadata : undefined;
    if (ordered) {
      w.global("collections", "OrderedDict");
      w.tuple(0, false);
      w.reduce();
    } else w.emptyDict();
    w.put(v);
    if (meta !== undefined) {
      w.emptyDict();
      w.str("_metadata");
      rec(meta);
      w.setitems();
      w.build();
    }
    const items = v instanceof Map ? [...v] : Object.entries(v);
    for (let i = 0; i < items.length; i += 1000) {
      w.mark();
      for (const [k, x] of items.slice(i, i + 1000)) {
        rec(k);
        rec(x);
      }
      w.setitems();
    }
    return;
  }
  if (v instanceof Module)
    throw new PicklingError(
      `Can't pickle the module ${v.constructor.name}: gradlab cannot write a Python class. Save its weights with torch.save(model.state_dict(), path) and load them with model.load_state_dict(torch.load(path)).`,
    );
  if (v instanceof PickledObject) throw new PicklingError(`Can't pickle ${v.module}.${v.name}: gradlab only reads it`);
  throw new PicklingError(
    `Can't pickle ${(v as object).constructor?.name ?? "object"}: torch.save in gradlab writes tensors, numbers, strings, booleans, null, arrays, plain objects, Maps and state dicts`,
  );
}

function writeTensor(w: PickleWriter, t: Tensor, storages: Map<Storage, { key: string; dtype: DType }>): void {
  const param = t instanceof Parameter;
  if (param) w.global("torch._utils", "_rebuild_parameter");
  w.global("torch._utils", "_rebuild_tensor_v2");
  w.mark();
  let entry = storages.get(t._storage);
  if (!entry) {
    entry = { key: String(storages.size), dtype: t.dtype };
    storages.set(t._storage, entry);
  } else if (entry.dtype !== t.dtype) throw new PicklingError("tensors sharing a storage must have the same dtype");
  w.mark();
  w.str("storage");
  w.global("torch", storageClassName(t.dtype));
  w.str(entry.key);
  w.str("cpu");
  w.int(t._storage.data.length);
  w.tuple(5, true);
  w.binpersid();
  w.int(t._offset);
  writeInts(w, t._shape);
  writeInts(w, t._strides);
  w.bool(param ? false : t.requires_grad); // a Parameter's flag is _rebuild_parameter's argument
  w.global("collections", "OrderedDict");
  w.tuple(0, false);
  w.reduce();
  w.tuple(6, true);
  w.reduce();
  if (param) {
    w.bool(t.requires_grad);
    w.global("collections", "OrderedDict");
    w.tuple(0, false);
    w.reduce();
    w.tuple(3, false);
    w.reduce();
  }
  w.put(t);
}

function writeInts(w: PickleWriter, xs: readonly number[]): void {
  if (xs.length <= 3) {
    for (const x of xs) w.int(x);
    w.tuple(xs.length, false);
  } else {
    w.mark();
    for (const x of xs) w.int(x);
    w.tuple(xs.length, true);
  }
}

// ---- load ---------------------------------------------------------------------------------------

export interface LoadOptions {
  /** Where storages go: "cpu" (or torch.device("cpu")); files saved from CUDA need it, as in PyTorch. */
  map_location?: string | Device | { type: string } | null;
  /** Only tensors, state dicts and plain containers: refuse every other class (PyTorch's allow-list). */
  weights_only?: boolean;
}

const UNSAFE_MESSAGE =
  "Weights only load failed. Re-running `torch.load` with `weights_only` set to `False` will likely succeed, but it can result in arbitrary code execution.Do it only if you get the file from a trusted source. WeightsUnpickler error: ";

/**
 * Load an object torch.save wrote (by PyTorch or gradlab). The result's type defaults to a
 * state dict; name the shape of a checkpoint with a type argument.
 * @example model.load_state_dict(torch.load("model.pt"))
 * @example const ckpt = torch.load<{model: StateDict; epoch: number}>("ckpt.pt")
 */
export function load<T = StateDict>(f: string | URL | Uint8Array, opts: LoadOptions | null = {}): T {
  opts ??= {};
  checkPath(f, true);
  let bytes: Uint8Array;
  try {
    bytes = f instanceof Uint8Array ? f : new Uint8Array(readFileSync(f));
  } catch (e) {
    throw osError(e, typeof f === "string" ? f : (f as URL).pathname);
  }
  return loadFromBytes(bytes, opts) as T;
}

/** A dict being read: entries in insertion order (a repeated key keeps its place, as in Python). */
class Dict implements PyDict {
  readonly entries: [unknown, unknown][] = [];
  private readonly index = new Map<unknown, number>();
  state: unknown = undefined;
  constructor(readonly ordered: boolean) {}
  set(k: unknown, v: unknown): void {
    const i = this.index.get(k);
    if (i !== undefined) this.entries[i][1] = v;
    else {
      this.index.set(k, this.entries.length);
      this.entries.push([k, v]);
    }
  }
}

interface StorageRef {
  readonly storage: Storage;
  readonly dtype: DType;
}

function loadFromBytes(bytes: Uint8Array, opts: LoadOptions): unknown {
  if (!isZip(bytes))
    throw new UnpicklingError(
      "gradlab reads PyTorch's zip file format (torch.save's default since PyTorch 1.6); this file is in the legacy format. Load it in PyTorch and save it again.",
    );
  const zip = new ZipReader(bytes);
  if (!zip.names.length)
    throw new RuntimeError("PytorchStreamReader failed reading zip archive: failed finding central directory");
  const prefix = zip.names[0].split("/")[0];
  if (zip.has(`${prefix}/constants.pkl`))
    throw new RuntimeError(
      "this file is a TorchScript archive (torch.jit.save); gradlab cannot run TorchScript. Save the model's state_dict() with torch.save instead.",
    );
  const weightsOnly = opts.weights_only ?? false;
  const mapLoc =
    opts.map_location == null
      ? null
      : typeof opts.map_location === "string"
        ? opts.map_location
        : opts.map_location.type;
  if (mapLoc !== null && mapLoc.split(":")[0] !== "cpu") throwNoCuda(mapLoc);
  const loaded = new Map<string, StorageRef>();

  const persistentLoad = (pid: unknown): StorageRef => {
    if (!Array.isArray(pid) || pid[0] !== "storage")
      throw new RuntimeError(
        `Only persistent_load of storage is allowed, but got ${Array.isArray(pid) ? pid[0] : pid}`,
      );
    const [, cls, key, location, numel] = pid as [
      string,
      PyCallable & { storageClass?: string },
      string,
      string,
      number,
    ];
    const hit = loaded.get(key);
    if (hit) return hit;
    const kind = cls.storageClass ? dtypeOfStorageClass(cls.storageClass) : undefined;
    if (!kind) throw new RuntimeError(`gradlab cannot load storages of type ${cls.module}.${cls.name}`);
    if (mapLoc === null && !String(location).startsWith("cpu")) throwNoCuda(String(location));
    const data = zip.read(`${prefix}/data/${key}`);
    if (data.length < numel * kind.itemsize)
      throw new RuntimeError(`storage record data/${key} is shorter than its ${numel} elements`);
    const ref = { storage: new Storage(storageFromBytes(data, kind, numel)), dtype: kind.dtype };
    loaded.set(key, ref);
    return ref;
  };

  const fail = (msg: string): never => {
    if (weightsOnly) throw new UnpicklingError(UNSAFE_MESSAGE + msg);
    throw new UnpicklingError(msg);
  };
  const findClass = (module: string, name: string): unknown => {
    const full = `${module}.${name}`;
    const known = GLOBALS.get(full);
    if (known && (!weightsOnly || known.weightsOnly)) return known.value ?? known;
    if (weightsOnly) return fail(`Unsupported class ${full}`);
    return {
      module,
      name,
      call: (args: unknown[]) => new PickledObject(module, name, args),
      construct: (args: unknown[]) => new PickledObject(module, name, args),
    };
  };

  let result: unknown;
  try {
    result = unpickle(zip.read(`${prefix}/data.pkl`), {
      findClass,
      persistentLoad,
      makeDict: () => new Dict(false),
      build: (obj, state) => {
        if (obj instanceof Dict) {
          obj.state = state;
          return obj;
        }
        if (obj instanceof PickledObject && !weightsOnly) {
          obj.state = state;
          return obj;
        }
        if (obj instanceof Tensor) return obj; // a Parameter's/tensor's __dict__ (empty in practice)
        return fail(
          `Can only build Tensor, parameter or dict objects, but got ${obj?.constructor?.name ?? typeof obj}`,
        );
      },
    });
  } catch (e) {
    if (weightsOnly && e instanceof RuntimeError) throw new UnpicklingError(UNSAFE_MESSAGE + e.message);
    throw e;
  }
  return finish(result, new Map());
}

function throwNoCuda(location: string): never {
  if (location.startsWith("cuda"))
    throw new RuntimeError(
      "Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.",
    );
  throw new RuntimeError(`don't know how to restore data location of ${location}`);
}

/** Dicts read as Dict records become objects, Maps and StateDicts once filled (shared ones stay shared). */
function finish(v: unknown, seen: Map<unknown, unknown>): unknown {
  if (typeof v !== "object" || v === null || v instanceof Tensor) return v;
  if (seen.has(v)) return seen.get(v);
  if (v instanceof Dict) {
    const meta = v.state && v.state instanceof Dict ? v.state.entries.find(([k]) => k === "_metadata")?.[1] : undefined;
    if (v.ordered) {
      const sd = new StateDict();
      seen.set(v, sd);
      for (const [k, x] of v.entries) (sd as Map<unknown, unknown>).set(finish(k, seen), finish(x, seen));
      if (meta !== undefined)
        Object.defineProperty(sd, "_metadata", { value: finish(meta, seen), enumerable: false, writable: true });
      return sd;
    }
    if (v.entries.every(([k]) => typeof k === "string")) {
      const o: Record<string, unknown> = {};
      seen.set(v, o);
      for (const [k, x] of v.entries)
        Object.defineProperty(o, k as string, {
          value: finish(x, seen),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      return o;
    }
    const m = new Map<unknown, unknown>();
    seen.set(v, m);
    for (const [k, x] of v.entries) m.set(finish(k, seen), finish(x, seen));
    return m;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = isTuple(v) ? tuple([]) : [];
    seen.set(v, out);
    for (const x of v) out.push(finish(x, seen));
    return out;
  }
  if (v instanceof PickledObject) {
    v.state = finish(v.state, seen);
    return v;
  }
  if (v instanceof Set) return new Set([...v].map((x) => finish(x, seen)));
  return v;
}

// ---- the globals a file may name --------------------------------------------------------------

type Global = PyCallable & { weightsOnly: boolean; storageClass?: string; value?: unknown };

function rebuildTensor(args: unknown[]): Tensor {
  const [ref, offset, size, stride, requires_grad] = args as [StorageRef, number, number[], number[], boolean];
  const t = new Tensor(ref.storage, [...size], ref.dtype, [...stride], offset);
  if (requires_grad && t.dtype.is_floating_point) t._requiresGrad = true;
  return t;
}

function rebuildParameter(args: unknown[]): Parameter {
  const [data, requires_grad] = args as [Tensor, boolean];
  return new Parameter(data, requires_grad);
}

const GLOBAL_LIST: Global[] = [
  { module: "collections", name: "OrderedDict", weightsOnly: true, call: () => new Dict(true) },
  { module: "torch._utils", name: "_rebuild_tensor_v2", weightsOnly: true, call: rebuildTensor },
  { module: "torch._utils", name: "_rebuild_tensor_v3", weightsOnly: true, call: rebuildTensor },
  { module: "torch._utils", name: "_rebuild_tensor", weightsOnly: true, call: (a) => rebuildTensor([...a, false]) },
  { module: "torch._utils", name: "_rebuild_parameter", weightsOnly: true, call: rebuildParameter },
  { module: "torch._utils", name: "_rebuild_parameter_with_state", weightsOnly: true, call: rebuildParameter },
  {
    module: "torch.nn.parameter",
    name: "Parameter",
    weightsOnly: true,
    call: rebuildParameter,
    construct: rebuildParameter,
  },
  { module: "torch", name: "Size", weightsOnly: true, call: (a) => Size.make((a[0] as number[]) ?? []) },
  {
    module: "torch",
    name: "device",
    weightsOnly: false,
    call: (a) => new Device(String(a[0]).split(":")[0], (a[1] as number | undefined) ?? null),
  },
  {
    module: "_codecs",
    name: "encode",
    weightsOnly: false,
    call: (a) => Uint8Array.from(String(a[0]), (c) => c.charCodeAt(0) & 0xff),
  },
  { module: "builtins", name: "set", weightsOnly: false, call: (a) => new Set((a[0] as unknown[]) ?? []) },
  { module: "builtins", name: "frozenset", weightsOnly: false, call: (a) => new Set((a[0] as unknown[]) ?? []) },
  ...ALL_DTYPES.map((d): Global => ({ module: "torch", name: d.name, weightsOnly: true, value: d })),
  ...[...ALL_DTYPES.map(storageClassName), "BFloat16Storage"].map(
    (s): Global => ({ module: "torch", name: s, weightsOnly: true, storageClass: s }),
  ),
];
const GLOBALS = new Map(GLOBAL_LIST.map((g) => [`${g.module}.${g.name}`, g]));
