/**
 * The Node (V8) flags gradlab's own processes run with: the kernel, the REPL, `gradlab run` and the
 * benchmark suite's gradlab side.
 *
 * --single-threaded-gc: V8 normally marks, sweeps and scavenges on helper threads while JavaScript
 * runs, and the native backend's thread pool already uses every core for the kernels; the two
 * fought for the cores. On this 2-core machine an MLP training step (784-256-10, batch 64) took
 * 1.05 ms with helper threads and 0.74 ms without, ResNet-18 forward+backward at batch 1 44.7 and
 * 40.4 ms; the collector's work is the same, done on the main thread in its pauses. V8 refuses
 * the flag once started (v8.setFlagsFromString crashes in the next collection), so it is given on
 * the command line of each process gradlab starts.
 */
export const NODE_FLAGS: readonly string[] = ["--single-threaded-gc"];

/** `argv` (a node command line after the node binary) with NODE_FLAGS in front, those not already there. */
export function withNodeFlags(argv: readonly string[]): string[] {
  return [...NODE_FLAGS.filter((f) => !argv.includes(f)), ...argv];
}

/** True when this process was started with NODE_FLAGS. */
export function hasNodeFlags(): boolean {
  return NODE_FLAGS.every((f) => process.execArgv.includes(f));
}
