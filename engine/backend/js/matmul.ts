/** Batched matrix product in plain TypeScript: i-k-j loop order over contiguous copies. */
import type { StridedView } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";

/** Copy a [B, R, C] strided view into a dense Float64Array (or reuse it when already dense float64). */
function dense(v: StridedView): { data: ArrayLike<number>; offset: number } {
  const [B, R, C] = v.shape;
  const [sb, sr, sc] = v.strides;
  if (sc === 1 && sr === C && (sb === R * C || B === 1)) return { data: v.data, offset: v.offset };
  const out = new Float64Array(B * R * C);
  let k = 0;
  for (let b = 0; b < B; b++)
    for (let r = 0; r < R; r++) {
      let o = v.offset + b * sb + r * sr;
      for (let c = 0; c < C; c++, o += sc) out[k++] = v.data[o];
    }
  return { data: out, offset: 0 };
}

export function matmulKernel(a: StridedView, b: StridedView, out: DType): TypedArray {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  const A = dense(a), Bm = dense(b);
  const res = new out.ArrayType(B * M * N);
  const acc = new Float64Array(N);
  const Ad = A.data, Bd = Bm.data;
  for (let bt = 0; bt < B; bt++) {
    const aBase = A.offset + bt * M * K, bBase = Bm.offset + bt * K * N, oBase = bt * M * N;
    for (let i = 0; i < M; i++) {
      acc.fill(0);
      const aRow = aBase + i * K;
      for (let k = 0; k < K; k++) {
        const av = Ad[aRow + k];
        const bRow = bBase + k * N;
        for (let j = 0; j < N; j++) acc[j] += av * Bd[bRow + j];
      }
      for (let j = 0; j < N; j++) res[oBase + i * N + j] = acc[j];
    }
  }
  return res;
}
