/** Loading test/random/random_goldens.json (written by generate_random_goldens.py from real torch/numpy). */
import { readFileSync } from "node:fs";

export interface GoldenResult {
  dtype: string;
  f32hex?: string;
  values?: (number | string)[];
}
export interface TorchCall {
  op: string;
  result: GoldenResult;
  [k: string]: unknown;
}
export interface TorchCase {
  name: string;
  seed: number;
  calls: TorchCall[];
}
export interface NumpyCall {
  op: string;
  args: number[];
  values: number[];
}
export interface NumpyCase {
  name: string;
  seed: number;
  calls: NumpyCall[];
}
export interface RngState {
  name: string;
  seed: number;
  state_hex: string;
}
export interface TopkCase {
  n: number;
  k: number;
  largest: boolean;
  input: number[];
  indices: number[];
}
export interface Goldens {
  header: Record<string, string>;
  torch: TorchCase[];
  rng_states: RngState[];
  topk: TopkCase[];
  numpy: NumpyCase[];
}

export const goldens: Goldens = JSON.parse(
  readFileSync(new URL("./random_goldens.json", import.meta.url), "utf8"),
) as Goldens;

/** float32 values as one 8-hex-digit big-endian bit pattern each, concatenated. */
export function f32hex(a: Float32Array): string {
  const bits = new Uint32Array(a.buffer, a.byteOffset, a.length);
  let s = "";
  for (let i = 0; i < bits.length; i++) s += bits[i]!.toString(16).padStart(8, "0");
  return s;
}

export function hexToBytes(hex: string): Uint8Array {
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

export function bytesToHex(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, "0");
  return s;
}
