/**
 * torch.Generator for the CPU: an mt19937 engine plus the cached second Box-Muller sample
 * (aten/src/ATen/CPUGeneratorImpl.cpp). `manual_seed`, `seed`, `initial_seed` and the
 * module-level `default_generator` behave as in PyTorch 1.13 (torch-spec.md §4.1, §4.2).
 */
import { RuntimeError, TypeError as PyTypeError, ValueError, pyTypeName } from "../errors.js";
import { MT19937, MT_N } from "./mt19937.js";

/** c10's default_rng_seed_val: the seed of a freshly constructed `torch.Generator()`. */
export const DEFAULT_SEED = 67280421310721;

/** Size of torch's CPUGeneratorImplState (torch.get_rng_state().numel()). */
export const STATE_SIZE = 5056;
const LEGACY_STATE_SIZE = 5048;

// Byte offsets in CPUGeneratorImplState: the legacy THGeneratorState POD, then the float cache.
const OFF_SEED = 0,
  OFF_LEFT = 8,
  OFF_SEEDED = 12,
  OFF_NEXT = 16,
  OFF_WORDS = 24;
const OFF_NORMAL_Y = 5024,
  OFF_NORMAL_VALID = 5040,
  OFF_FLOAT_NORMAL = 5048,
  OFF_FLOAT_VALID = 5052;

// NOTE: MT19937.pos == MT_N + 1 marks a freshly seeded engine. It twists like MT_N but lets
// get_state report torch's `next = 0` (fresh) versus `next = 624` (stream exhausted).
const FRESH = MT_N + 1;

function randomSeed53(): number {
  const w = new Uint32Array(2);
  globalThis.crypto.getRandomValues(w);
  return (w[0]! & 0x1fffff) * 4294967296 + w[1]!;
}

/** Python's int(seed) for a number, with Python's errors for NaN and infinities. */
function toIntegerSeed(seed: number | bigint): bigint {
  if (typeof seed === "bigint") return seed;
  const v: unknown = seed; // untyped notebook cells may pass Python-style booleans
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (Number.isNaN(seed)) throw new ValueError("cannot convert float NaN to integer");
  if (!Number.isFinite(seed)) throw new RuntimeError("Overflow when unpacking long");
  return BigInt(Math.trunc(seed));
}

/**
 * A CPU random generator, as `torch.Generator()`.
 *
 * @example
 * const g = new Generator().manual_seed(0);
 * g.random(); // 2357136044, the first mt19937 draw for seed 0
 */
export class Generator {
  readonly device = "cpu";
  /** @internal the engine; distributions draw from it directly. */
  readonly mt = new MT19937(0);
  /** @internal cached r*sin(theta) of the serial double Box-Muller (next_double_normal_sample). */
  hasNormal = false;
  /** @internal */
  normal = 0;
  // next_float_normal_sample: no CPU kernel uses it, but get_state/set_state carry it as torch does.
  private hasFloatNormal = false;
  private floatNormal = 0;
  private initialSeed = 0n;

  constructor() {
    this.manual_seed(DEFAULT_SEED);
  }

  /**
   * Seed the generator (torch.Generator.manual_seed). Accepts [-2^63, 2^64-1]; negative seeds wrap
   * mod 2^64, only the low 32 bits reach mt19937; clears the cached normal sample.
   * @example new Generator().manual_seed(42)
   */
  manual_seed(seed: number | bigint): this {
    const s = toIntegerSeed(seed);
    if (s >= 1n << 64n || s < -(1n << 63n)) throw new RuntimeError("Overflow when unpacking long");
    this.initialSeed = BigInt.asUintN(64, s);
    this.mt.seed(Number(this.initialSeed & 0xffffffffn));
    this.mt.pos = FRESH;
    this.hasNormal = false;
    this.normal = 0;
    this.hasFloatNormal = false;
    this.floatNormal = 0;
    return this;
  }

  /**
   * Re-seed from OS entropy and return the seed (torch.Generator.seed / torch.seed).
   * NOTE: torch draws 64 bits; we draw 53 so the returned JS number is the exact seed.
   */
  seed(): number {
    const s = randomSeed53();
    this.manual_seed(s);
    return s;
  }

  /** The seed last set (mod 2^64). Seeds above 2^53 are rounded to the nearest JS number. */
  initial_seed(): number {
    return Number(this.initialSeed);
  }

  /** Next raw uint32 (CPUGeneratorImpl::random). */
  random(): number {
    return this.mt.nextU32();
  }

  /** Next uint64 (CPUGeneratorImpl::random64): the first draw is the high word. */
  random64(): bigint {
    const hi = this.mt.nextU32();
    const lo = this.mt.nextU32();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /**
   * The state as torch's 5056-byte CPUGeneratorImplState (what torch.get_rng_state() holds),
   * so states can be exchanged with PyTorch byte for byte.
   */
  get_state(): Uint8Array {
    const buf = new Uint8Array(STATE_SIZE);
    const dv = new DataView(buf.buffer);
    const pos = this.mt.pos;
    dv.setBigUint64(OFF_SEED, this.initialSeed, true);
    dv.setInt32(OFF_LEFT, pos >= MT_N ? 1 : MT_N + 1 - pos, true);
    dv.setInt32(OFF_SEEDED, 1, true);
    dv.setBigUint64(OFF_NEXT, BigInt(pos === FRESH ? 0 : pos), true);
    const st = this.mt.state;
    for (let i = 0; i < MT_N; i++) dv.setUint32(OFF_WORDS + 8 * i, st[i]!, true); // uint64 slots
    if (this.hasNormal) {
      dv.setFloat64(OFF_NORMAL_Y, this.normal, true);
      dv.setInt32(OFF_NORMAL_VALID, 1, true);
    }
    if (this.hasFloatNormal) {
      dv.setFloat32(OFF_FLOAT_NORMAL, this.floatNormal, true);
      buf[OFF_FLOAT_VALID] = 1;
    }
    return buf;
  }

  /** Restore a state from get_state() or from torch.get_rng_state() bytes (5056, or legacy 5048). */
  set_state(s: Uint8Array): this {
    if (s.length !== STATE_SIZE && s.length !== LEGACY_STATE_SIZE) {
      throw new RuntimeError(
        `Expected either a CPUGeneratorImplStateLegacy of size ${LEGACY_STATE_SIZE} or a CPUGeneratorImplState ` +
          `of size ${STATE_SIZE} but found the input RNG state size to be ${s.length}`,
      );
    }
    const dv = new DataView(s.buffer, s.byteOffset, s.byteLength);
    const left = dv.getInt32(OFF_LEFT, true);
    const next = dv.getBigUint64(OFF_NEXT, true);
    if (dv.getInt32(OFF_SEEDED, true) === 0 || left < 1 || left > MT_N || next > BigInt(MT_N)) {
      throw new RuntimeError("Invalid mt19937 state");
    }
    this.initialSeed = dv.getBigUint64(OFF_SEED, true);
    const st = this.mt.state;
    for (let i = 0; i < MT_N; i++) st[i] = dv.getUint32(OFF_WORDS + 8 * i, true);
    this.mt.pos = left === 1 ? (next === 0n ? FRESH : MT_N) : Number(next);
    this.hasNormal = dv.getInt32(OFF_NORMAL_VALID, true) !== 0;
    this.normal = this.hasNormal ? dv.getFloat64(OFF_NORMAL_Y, true) : 0;
    this.hasFloatNormal = s.length === STATE_SIZE && s[OFF_FLOAT_VALID] !== 0;
    this.floatNormal = this.hasFloatNormal ? dv.getFloat32(OFF_FLOAT_NORMAL, true) : 0;
    return this;
  }
}

/**
 * The global CPU generator behind torch.manual_seed / torch.rand / torch.randn. As in PyTorch it
 * starts from a non-deterministic seed (only `new Generator()` starts from DEFAULT_SEED).
 */
export const default_generator: Generator = new Generator();
default_generator.seed();

/** torch.manual_seed(seed): seeds the default generator and returns it. */
export function manual_seed(seed: number | bigint): Generator {
  return default_generator.manual_seed(seed);
}

/** torch.seed(): re-seeds the default generator non-deterministically, returns the seed. */
export function seed(): number {
  return default_generator.seed();
}

/** torch.initial_seed() */
export function initial_seed(): number {
  return default_generator.initial_seed();
}

/** torch.get_rng_state() as raw bytes (the tensor layer wraps them in a uint8 tensor). */
export function get_rng_state(): Uint8Array {
  return default_generator.get_state();
}

/** torch.set_rng_state(bytes) */
export function set_rng_state(state: Uint8Array): void {
  if (!(state instanceof Uint8Array))
    throw new PyTypeError(
      `set_rng_state(): argument 'new_state' (position 1) must be torch.ByteTensor (a Uint8Array from get_rng_state()), not ${pyTypeName(state)}`,
    );
  default_generator.set_state(state);
}
