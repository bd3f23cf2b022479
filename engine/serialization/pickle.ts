/**
 * A small pickle reader and writer (Python's pickle module, the opcodes torch.save and
 * torch.load use). The writer emits protocol 2 as torch.save does; the reader also takes the
 * binary opcodes of protocols 3 to 5, so files pickled with a newer protocol load too.
 *
 * Python values map to JavaScript as: None -> null, bool -> boolean, int -> number (bigint beyond
 * 2^53), float -> number, str -> string, bytes -> Uint8Array, list -> array, tuple -> array marked
 * as a tuple (format/py_repr's `tuple`), dict -> what the caller's `makeDict` builds. Globals
 * (classes and functions) are resolved by the caller's `findClass`; nothing is ever executed
 * beyond the functions that table hands back.
 */
import { tuple } from "../format/py_repr.js";
import { PyError } from "../errors.js";

/** Python's pickle.UnpicklingError. */
export class UnpicklingError extends PyError {
  static override pyName = "UnpicklingError";
}

/** Python's pickle.PicklingError. */
export class PicklingError extends PyError {
  static override pyName = "PicklingError";
}

/** A global the reader resolved: REDUCE calls `call(args)`, NEWOBJ calls `construct(args)`. */
export interface PyCallable {
  readonly module: string;
  readonly name: string;
  call?(args: unknown[]): unknown;
  construct?(args: unknown[]): unknown;
}

export interface UnpicklerHooks {
  /** The object a GLOBAL names: a PyCallable for classes and functions, or a plain value (a dtype). */
  findClass(module: string, name: string): unknown;
  persistentLoad(pid: unknown): unknown;
  /** A dict from its entries (EMPTY_DICT starts one; SETITEM(S) fill it through `set`). */
  makeDict(): PyDict;
  /** BUILD: apply pickled state to an object made by REDUCE/NEWOBJ (throw to refuse). */
  build(obj: unknown, state: unknown): unknown;
}

/** The dict the reader fills: an insertion-ordered map; `finish` turns it into the caller's value. */
export interface PyDict {
  set(key: unknown, value: unknown): void;
}

const MARK = Symbol("mark");
const td = new TextDecoder("utf-8");

/** Read one pickle from `bytes`. */
export function unpickle(bytes: Uint8Array, hooks: UnpicklerHooks): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();
  const need = (n: number) => {
    if (pos + n > bytes.length) throw new UnpicklingError("pickle data was truncated");
  };
  const u8 = () => {
    need(1);
    return bytes[pos++];
  };
  const u16 = () => {
    need(2);
    const v = view.getUint16(pos, true);
    pos += 2;
    return v;
  };
  const u32 = () => {
    need(4);
    const v = view.getUint32(pos, true);
    pos += 4;
    return v;
  };
  const u64 = () => {
    need(8);
    const v = Number(view.getBigUint64(pos, true));
    pos += 8;
    return v;
  };
  const take = (n: number) => {
    need(n);
    const b = bytes.subarray(pos, pos + n);
    pos += n;
    return b;
  };
  const line = () => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) throw new UnpicklingError("pickle data was truncated");
    const s = td.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const popMark = (): unknown[] => {
    const items = stack;
    stack = metastack.pop() ?? [];
    return items;
  };
  const top = () => stack[stack.length - 1];
  const pop = () => {
    if (!stack.length) throw new UnpicklingError("unpickling stack underflow");
    return stack.pop();
  };
  const call = (f: unknown, args: unknown[], how: "call" | "construct") => {
    const c = f as PyCallable;
    const fn = c?.[how] ?? c?.call;
    if (typeof fn !== "function") throw new UnpicklingError(`cannot call ${c?.module}.${c?.name}`);
    return fn.call(c, args);
  };
  const setItems = (d: unknown, items: unknown[]) => {
    for (let i = 0; i < items.length; i += 2) (d as PyDict).set(items[i], items[i + 1]);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80:
        u8();
        break; // PROTO
      case 0x95:
        u64();
        break; // FRAME: framing is only a hint
      case 0x2e:
        return pop(); // STOP
      case 0x28:
        metastack.push(stack);
        stack = [];
        break; // MARK
      case 0x31:
        popMark();
        break; // POP_MARK
      case 0x30:
        pop();
        break; // POP
      case 0x32:
        stack.push(top());
        break; // DUP
      case 0x4e:
        stack.push(null);
        break; // NONE
      case 0x88:
        stack.push(true);
        break; // NEWTRUE
      case 0x89:
        stack.push(false);
        break; // NEWFALSE
      case 0x4b:
        stack.push(u8());
        break; // BININT1
      case 0x4d:
        stack.push(u16());
        break; // BININT2
      case 0x4a: {
        need(4);
        stack.push(view.getInt32(pos, true));
        pos += 4;
        break;
      } // BININT
      case 0x8a:
        stack.push(decodeLong(take(u8())));
        break; // LONG1
      case 0x8b:
        stack.push(decodeLong(take(u32())));
        break; // LONG4
      case 0x47: {
        need(8);
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      } // BINFLOAT (big-endian)
      case 0x49: {
        const s = line();
        stack.push(s === "01" ? true : s === "00" ? false : Number(s));
        break;
      } // INT
      case 0x4c:
        stack.push(toInt(BigInt(line().replace(/L$/, ""))));
        break; // LONG
      case 0x46:
        stack.push(parseFloat(line()));
        break; // FLOAT
      case 0x58:
        stack.push(td.decode(take(u32())));
        break; // BINUNICODE
      case 0x8c:
        stack.push(td.decode(take(u8())));
        break; // SHORT_BINUNICODE
      case 0x8d:
        stack.push(td.decode(take(u64())));
        break; // BINUNICODE8
      case 0x54:
        stack.push(td.decode(take(u32())));
        break; // BINSTRING (Python 2 str, read as text)
      case 0x55:
        stack.push(td.decode(take(u8())));
        break; // SHORT_BINSTRING
      case 0x42:
        stack.push(take(u32()).slice());
        break; // BINBYTES
      case 0x43:
        stack.push(take(u8()).slice());
        break; // SHORT_BINBYTES
      case 0x8e:
        stack.push(take(u64()).slice());
        break; // BINBYTES8
      case 0x96:
        stack.push(take(u64()).slice());
        break; // BYTEARRAY8
      case 0x5d:
        stack.push([]);
        break; // EMPTY_LIST
      case 0x29:
        stack.push(tuple([]));
        break; // EMPTY_TUPLE
      case 0x7d:
        stack.push(hooks.makeDict());
        break; // EMPTY_DICT
      case 0x8f:
        stack.push(new Set());
        break; // EMPTY_SET
      case 0x6c: {
        const items = popMark();
        stack.push(items);
        break;
      } // LIST (pop the mark before reading `stack`)
      case 0x74: {
        const items = popMark();
        stack.push(tuple(items));
        break;
      } // TUPLE
      case 0x85:
        stack.push(tuple([pop()]));
        break; // TUPLE1
      case 0x86: {
        const b = pop(),
          a = pop();
        stack.push(tuple([a, b]));
        break;
      } // TUPLE2
      case 0x87: {
        const c = pop(),
          b = pop(),
          a = pop();
        stack.push(tuple([a, b, c]));
        break;
      } // TUPLE3
      case 0x64: {
        const items = popMark();
        const d = hooks.makeDict();
        setItems(d, items);
        stack.push(d);
        break;
      } // DICT
      case 0x61: {
        const v = pop();
        asList(top()).push(v);
        break;
      } // APPEND
      case 0x65: {
        const items = popMark();
        asList(top()).push(...items);
        break;
      } // APPENDS
      case 0x73: {
        const v = pop(),
          k = pop();
        (top() as PyDict).set(k, v);
        break;
      } // SETITEM
      case 0x75: {
        const items = popMark();
        setItems(top(), items);
        break;
      } // SETITEMS
      case 0x90: {
        const items = popMark();
        for (const v of items) (top() as Set<unknown>).add(v);
        break;
      } // ADDITEMS
      case 0x91: {
        const items = popMark();
        stack.push(new Set(items));
        break;
      } // FROZENSET
      case 0x71:
        memo.set(u8(), top());
        break; // BINPUT
      case 0x72:
        memo.set(u32(), top());
        break; // LONG_BINPUT
      case 0x94:
        memo.set(memo.size, top());
        break; // MEMOIZE
      case 0x70:
        memo.set(Number(line()), top());
        break; // PUT
      case 0x68:
        stack.push(memoGet(memo, u8()));
        break; // BINGET
      case 0x6a:
        stack.push(memoGet(memo, u32()));
        break; // LONG_BINGET
      case 0x67:
        stack.push(memoGet(memo, Number(line())));
        break; // GET
      case 0x63: {
        const module = line(),
          name = line();
        stack.push(hooks.findClass(module, name));
        break;
      } // GLOBAL
      case 0x93: {
        const name = pop() as string,
          module = pop() as string;
        stack.push(hooks.findClass(module, name));
        break;
      } // STACK_GLOBAL
      case 0x52: {
        const args = pop() as unknown[];
        const f = pop();
        stack.push(call(f, [...args], "call"));
        break;
      } // REDUCE
      case 0x81: {
        const args = pop() as unknown[];
        const cls = pop();
        stack.push(call(cls, [...args], "construct"));
        break;
      } // NEWOBJ
      case 0x92: {
        pop();
        const args = pop() as unknown[];
        const cls = pop();
        stack.push(call(cls, [...args], "construct"));
        break;
      } // NEWOBJ_EX
      case 0x62: {
        const state = pop();
        stack[stack.length - 1] = hooks.build(top(), state);
        break;
      } // BUILD
      case 0x51:
        stack.push(hooks.persistentLoad(pop()));
        break; // BINPERSID
      case 0x50:
        stack.push(hooks.persistentLoad(line()));
        break; // PERSID
      default:
        throw new UnpicklingError(`invalid load key, '${String.fromCharCode(op)}'.`);
    }
  }
}

function memoGet(memo: Map<number, unknown>, i: number): unknown {
  if (!memo.has(i)) throw new UnpicklingError(`Memo value not found at index ${i}`);
  return memo.get(i);
}

function asList(v: unknown): unknown[] {
  if (!Array.isArray(v)) throw new UnpicklingError("APPEND to something that is not a list");
  return v;
}

/** A two's-complement little-endian integer (LONG1/LONG4), as a number while exact. */
function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return toInt(v);
}

function toInt(v: bigint): number | bigint {
  return v >= -BigInt(Number.MAX_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

// ---- writing ------------------------------------------------------------------------------------

/**
 * A protocol-2 pickle being written: the caller walks its value and calls these in pickle
 * order (Python's Pickler.save_* made explicit). Objects are memoized by identity as Python
 * memoizes them, so a value reached twice is written once and shared when read back.
 */
export class PickleWriter {
  private chunks: number[] = [];
  private memo = new Map<unknown, number>();
  private te = new TextEncoder();

  constructor() {
    this.byte(0x80, 2);
  } // PROTO 2

  byte(...b: number[]): this {
    for (const x of b) this.chunks.push(x);
    return this;
  }
  private u32(v: number): void {
    this.byte(v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff);
  }

  none(): void {
    this.byte(0x4e);
  }
  bool(v: boolean): void {
    this.byte(v ? 0x88 : 0x89);
  }
  int(v: number | bigint): void {
    if (typeof v === "number" && !Number.isSafeInteger(v)) throw new PicklingError(`cannot pickle ${v} as an int`);
    const n = BigInt(v);
    if (n >= 0n && n < 256n) return void this.byte(0x4b, Number(n));
    if (n >= 0n && n < 65536n) {
      const x = Number(n);
      return void this.byte(0x4d, x & 0xff, x >> 8);
    }
    if (n >= -(1n << 31n) && n < 1n << 31n) {
      this.byte(0x4a);
      this.u32(Number(BigInt.asUintN(32, n)));
      return;
    }
    // LONG1: the shortest two's-complement little-endian bytes
    const bytes: number[] = [];
    let x = n;
    for (;;) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      if ((x === 0n && !(bytes[bytes.length - 1] & 0x80)) || (x === -1n && bytes[bytes.length - 1] & 0x80)) break;
    }
    this.byte(0x8a, bytes.length, ...bytes);
  }
  float(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, v, false);
    this.byte(0x47, ...b);
  }
  str(s: string): void {
    const b = this.te.encode(s);
    this.byte(0x58);
    this.u32(b.length);
    for (const x of b) this.chunks.push(x);
  }
  global(module: string, name: string): void {
    const key = `\0global:${module}.${name}`;
    if (this.get(key)) return;
    this.byte(0x63, ...this.te.encode(`${module}\n${name}\n`));
    this.put(key);
  }
  mark(): void {
    this.byte(0x28);
  }
  /** TUPLE from MARK (or the short forms for 0 to 3 items already on the stack). */
  tuple(n: number, fromMark: boolean): void {
    if (fromMark) this.byte(0x74);
    else this.byte([0x29, 0x85, 0x86, 0x87][n]);
  }
  emptyList(): void {
    this.byte(0x5d);
  }
  emptyDict(): void {
    this.byte(0x7d);
  }
  appends(): void {
    this.byte(0x65);
  }
  setitems(): void {
    this.byte(0x75);
  }
  reduce(): void {
    this.byte(0x52);
  }
  build(): void {
    this.byte(0x62);
  }
  binpersid(): void {
    this.byte(0x51);
  }
  /** Memoize the object on top of the stack (BINPUT / LONG_BINPUT). */
  put(obj: unknown): void {
    const i = this.memo.size;
    this.memo.set(obj, i);
    if (i < 256) this.byte(0x71, i);
    else {
      this.byte(0x72);
      this.u32(i);
    }
  }
  /** Push a memoized object again (BINGET); false when it was not written yet. */
  get(obj: unknown): boolean {
    const i = this.memo.get(obj);
    if (i === undefined) return false;
    if (i < 256) this.byte(0x68, i);
    else {
      this.byte(0x6a);
      this.u32(i);
    }
    return true;
  }
  finish(): Uint8Array {
    this.byte(0x2e);
    return Uint8Array.from(this.chunks);
  }
}
