/**
 * torch.Generator semantics: the mt19937 engine, seeding rules, random/random64, and get_state /
 * set_state in torch's own byte format (compared with torch.get_rng_state() goldens).
 */
import { describe, expect, it } from "vitest";
import { RuntimeError, ValueError } from "../../engine/errors.js";
import { normalFill, uniformFill } from "../../engine/random/distributions.js";
import {
  DEFAULT_SEED,
  Generator,
  STATE_SIZE,
  default_generator,
  get_rng_state,
  initial_seed,
  manual_seed,
  seed,
  set_rng_state,
} from "../../engine/random/generator.js";
import { MT19937 } from "../../engine/random/mt19937.js";
import { bytesToHex, goldens, hexToBytes } from "./golden.js";

describe("MT19937", () => {
  it("produces the standard mt19937 stream (C++ std::mt19937: 10000th draw of seed 5489 is 4123659995)", () => {
    const mt = new MT19937(5489);
    const first = [mt.nextU32(), mt.nextU32(), mt.nextU32()];
    expect(first).toEqual([3499211612, 581869302, 3890346734]);
    let v = 0;
    for (let i = 3; i < 10000; i++) v = mt.nextU32();
    expect(v).toBe(4123659995);
  });

  it("uses only the low 32 bits of the seed", () => {
    const a = new MT19937(5),
      b = new MT19937(2 ** 32 + 5);
    expect(a.nextU32()).toBe(b.nextU32());
  });
});

describe("Generator", () => {
  it("new Generator() starts from torch's default_rng_seed_val", () => {
    const g = new Generator();
    expect(g.initial_seed()).toBe(67280421310721);
    expect(DEFAULT_SEED).toBe(67280421310721);
  });

  it("manual_seed(0) gives numpy's and torch's first draw, random64 puts the first draw high", () => {
    const g = new Generator().manual_seed(0);
    expect(g.random()).toBe(2357136044);
    const a = new Generator().manual_seed(0);
    const hi = a.random(),
      lo = a.random();
    expect(new Generator().manual_seed(0).random64()).toBe((BigInt(hi) << 32n) | BigInt(lo));
  });

  it("negative seeds wrap mod 2^64 and out-of-range seeds raise torch's error", () => {
    const g = new Generator().manual_seed(-1);
    expect(g.initial_seed()).toBe(18446744073709551615);
    expect(g.random()).toBe(new Generator().manual_seed(0xffffffff).random());
    expect(new Generator().manual_seed(-(2n ** 63n)).initial_seed()).toBe(9223372036854775808);
    expect(() => g.manual_seed(2n ** 64n)).toThrow(RuntimeError);
    expect(() => g.manual_seed(2n ** 64n)).toThrow("Overflow when unpacking long");
    expect(() => g.manual_seed(-(2n ** 63n) - 1n)).toThrow("Overflow when unpacking long");
    expect(() => g.manual_seed(NaN)).toThrow(ValueError);
    expect(g.manual_seed(2.9).initial_seed()).toBe(2); // Python's int(2.9)
  });

  it("seed() reseeds non-deterministically and returns an exact 53-bit seed", () => {
    const g = new Generator();
    const s = g.seed();
    expect(Number.isSafeInteger(s)).toBe(true);
    expect(g.initial_seed()).toBe(s);
    const x = g.random();
    expect(new Generator().manual_seed(s).random()).toBe(x);
  });

  it("get_state matches torch.get_rng_state() byte for byte", () => {
    for (const st of goldens.rng_states) {
      const g = new Generator().manual_seed(st.seed);
      if (st.name.includes("randn(1)")) normalFill(g, new Float32Array(1), 0, 1);
      else if (st.name.includes("rand(700)")) uniformFill(g, new Float32Array(700), 0, 1);
      else if (st.name.includes("rand(624)")) uniformFill(g, new Float32Array(624), 0, 1);
      expect(g.get_state().length).toBe(STATE_SIZE);
      expect(bytesToHex(g.get_state()), st.name).toBe(st.state_hex);
    }
  });

  it("set_state accepts torch's bytes and continues the stream, normal cache included", () => {
    const st = goldens.rng_states.find((s) => s.name.includes("randn(1)"))!;
    const fromTorch = new Generator().set_state(hexToBytes(st.state_hex));
    const reference = new Generator().manual_seed(0);
    normalFill(reference, new Float32Array(1), 0, 1);
    const a = new Float64Array(40),
      b = new Float64Array(40);
    normalFill(fromTorch, a.subarray(0, 1), 0, 1); // the cached r*sin(theta)
    normalFill(reference, b.subarray(0, 1), 0, 1);
    uniformFill(fromTorch, a.subarray(1), 0, 1);
    uniformFill(reference, b.subarray(1), 0, 1);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(fromTorch.initial_seed()).toBe(0);
  });

  it("get_state / set_state round-trip at every engine position class", () => {
    for (const draws of [0, 1, 623, 624, 625, 1300]) {
      const g = new Generator().manual_seed(7);
      for (let i = 0; i < draws; i++) g.random();
      const s = g.get_state();
      const h = new Generator().set_state(s);
      expect(bytesToHex(h.get_state())).toBe(bytesToHex(s));
      expect(h.random()).toBe(g.random());
    }
  });

  it("set_state rejects malformed states with torch's messages", () => {
    const g = new Generator();
    expect(() => g.set_state(new Uint8Array(10))).toThrow(
      "Expected either a CPUGeneratorImplStateLegacy of size 5048 or a CPUGeneratorImplState of size 5056 " +
        "but found the input RNG state size to be 10",
    );
    const bad = g.get_state();
    bad.fill(0, 8, 12); // left = 0
    expect(() => g.set_state(bad)).toThrow("Invalid mt19937 state");
  });
});

describe("module-level functions drive default_generator", () => {
  it("manual_seed returns default_generator; initial_seed / seed / rng state go through it", () => {
    expect(manual_seed(3)).toBe(default_generator);
    expect(initial_seed()).toBe(3);
    const state = get_rng_state();
    const x = default_generator.random();
    set_rng_state(state);
    expect(default_generator.random()).toBe(x);
    const s = seed();
    expect(initial_seed()).toBe(s);
  });
});
