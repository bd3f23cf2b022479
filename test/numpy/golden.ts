/** Loading test/numpy/numpy_goldens.json (written by generate_numpy_goldens.py from real numpy 1.24). */
import { readFileSync } from "node:fs";
import { NDArray, allocate, castTo, type NPDType } from "../../engine/numpy/ndarray.js";
import { RandomState } from "../../engine/random/numpy_random.js";

export interface ArrayCase {
  name: string;
  dtype: NPDType;
  shape: number[];
  repr: string;
  str: string;
  values?: (number | string)[];
  gen?: { seed: number; n: number; scale: number; offset: number };
}
export interface NumpyGoldens {
  header: Record<string, string>;
  arrays: ArrayCase[];
  np: Record<string, string>;
}

export const goldens: NumpyGoldens = JSON.parse(
  readFileSync(new URL("./numpy_goldens.json", import.meta.url), "utf8"),
) as NumpyGoldens;

function decode(v: number | string): number {
  if (typeof v === "number") return v;
  return v === "nan" ? NaN : v === "inf" ? Infinity : v === "-inf" ? -Infinity : Number(v);
}

/** The case's array, rebuilt exactly (from its values, or from its seeded random_sample recipe). */
export function buildArray(c: ArrayCase): NDArray {
  let vals: number[];
  if (c.gen) {
    const u = new RandomState(c.gen.seed).random_sample(c.gen.n);
    vals = Array.from(u, (x) => x * c.gen!.scale + c.gen!.offset);
  } else {
    vals = c.values!.map(decode);
  }
  const data = allocate(c.dtype, vals.length);
  vals.forEach((v, i) => {
    data[i] = castTo(c.dtype, v);
  });
  return NDArray._wrap(data, c.shape, c.dtype);
}
