/** How the suite times a call, shared by run.ts (gradlab) and tfjs_worker.ts (TensorFlow.js). */

export type Clock = "wall" | "cpu";

const clocks: Record<Clock, () => number> = {
  wall: () => performance.now(),
  cpu: () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  },
};

/** ms per call: warm up as long as we measure (the JIT compiles during the first calls), then time for `minTime` s. */
export function timed(fn: () => unknown, minTime: number, clock: Clock): number {
  const now = clocks[clock],
    ms = minTime * 1000;
  for (let t0 = now(), k = 0; k < 1 || now() - t0 < ms; k++) fn();
  let n = 0;
  const t0 = now();
  for (;;) {
    fn();
    n++;
    const el = now() - t0;
    if (el >= ms) return el / n;
  }
}
