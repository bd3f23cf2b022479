/**
 * Batched matrix product in plain TypeScript. Operands are copied into dense Float64Arrays (one
 * element type keeps the inner loop monomorphic), then an i-k-j loop over blocks of k accumulates
 * each output row in double, four k-steps at a time.
 */
import type { StridedView } from "../backend.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";

/** A [B, R, C] strided view as a dense Float64Array. */
function dense(v: StridedView): Float64Array {
  const [B, R, C] = v.shape;
  const [sb, sr, sc] = v.strides;
  const out = new Float64Array(B * R * C);
  const src = v.data as TypedArray; // numbers: the backend hands exact int64 storage elsewhere
  if (sc === 1 && sr === C && (sb === R * C || B === 1)) {
    for (let i = 0; i < out.length; i++) out[i] = src[v.offset + i];
    return out;
  }
  let k = 0;
  for (let b = 0; b < B; b++)
    for (let r = 0; r < R; r++) {
      let o = v.offset + b * sb + r * sr;
      for (let c = 0; c < C; c++, o += sc) out[k++] = src[o];
    }
  return out;
}

export function matmulKernel(a: StridedView, b: StridedView, out: DType): TypedArray {
  const [B, M, K] = a.shape;
  const N = b.shape[2];
  const A = dense(a),
    Bm = dense(b);
  const res = new out.ArrayType(B * M * N);
  const acc = new Float64Array(N);
  for (let bt = 0; bt < B; bt++) {
    const aBase = bt * M * K,
      bBase = bt * K * N,
      oBase = bt * M * N;
    for (let i = 0; i < M; i++) {
      acc.fill(0);
      const aRow = aBase + i * K;
      let k = 0;
      for (; k + 4 <= K; k += 4) {
        const a0 = A[aRow + k],
          a1 = A[aRow + k + 1],
          a2 = A[aRow + k + 2],
          a3 = A[aRow + k + 3];
        const r0 = bBase + k * N,
          r1 = r0 + N,
          r2 = r1 + N,
          r3 = r2 + N;
        for (let j = 0; j < N; j++) acc[j] += a0 * Bm[r0 + j] + a1 * Bm[r1 + j] + a2 * Bm[r2 + j] + a3 * Bm[r3 + j];
      }
      for (; k < K; k++) {
        const av = A[aRow + k],
          r0 = bBase + k * N;
        for (let j = 0; j < N; j++) acc[j] += av * Bm[r0 + j];
      }
      const o = oBase + i * N;
      for (let j = 0; j < N; j++) res[o + j] = acc[j];
    }
  }
  return res;
}
