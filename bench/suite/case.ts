/**
 * One work item of the benchmark suite: the same work written for gradlab, PyTorch and
 * (optionally) TensorFlow.js. Each case lives in a module under cases/ and is listed in
 * cases/index.ts, so adding a case is one file and one line.
 */
import type * as Torch from "../../engine/index.js";

export type Tf = Record<string, any>; // @tensorflow/tfjs-core's namespace (a bench-only dependency)

/** "full": the sizes the suite reports; "smoke": tiny sizes, for the unit test that runs every case once. */
export type CaseSize = "full" | "smoke";

export interface BenchCase {
  /** Shown in the table and used as the JSON key; `npm run bench -- <filter>` matches it. */
  name: string;
  /**
   * What one call does, for the derived column: `flop` gives GFLOP/s, `ops` gives µs per op;
   * without it the table shows ms per call.
   */
  work?: { flop: number } | { ops: number };
  /**
   * Without it the call is timed. With it each side runs in a fresh process that sets the case up
   * and makes `steps` calls, and the suite reports that process's peak resident memory (and its
   * resident memory after the first and the last call: a training loop's should stay flat).
   */
  rss?: { steps: number };
  /** Sets up inputs with `torch` (gradlab) and returns the timed call. */
  gradlab(torch: typeof Torch): () => unknown;
  /**
   * Python source run once in a fresh namespace with `torch` imported (and test/nn on sys.path,
   * for `from nn_golden_models import resnet18`); it must define `step()`, the timed call. Runs
   * with /usr/bin/python3 (Debian's PyTorch), OMP_NUM_THREADS=1, OPENBLAS_NUM_THREADS=2.
   */
  torch: string;
  /**
   * The same work in TensorFlow.js. The call must finish its computation (dataSync()), and a
   * tf.tidy callback must return nothing: tidy walks whatever it returns (every element of a
   * dataSync() array) looking for tensors.
   */
  tfjs?(tf: Tf): () => unknown;
}
