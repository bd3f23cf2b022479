/**
 * What a progress bar costs a loop: 1,000,000 iterations of cheap work with and without
 * trange/tqdm, in one run, alternating, several repetitions; the median ratio per kind of work.
 * The bar redraws at tqdm's rate (mininterval 0.1 s) to stderr, so run with stderr to a file or
 * /dev/null to time the loop and not the terminal:
 *
 *   npm run build && node dist/bench/display/tqdm_bench.js 2>/dev/null
 */
import { tqdm, trange } from "../../kernel/display/tqdm/index.js";
import { range } from "../../kernel/session/builtins.js";

const N = 1_000_000;
const REPS = 9;
const BAR = { mininterval: 0.1 } as const;

interface Work {
  name: string;
  step: (i: number) => number;
}
/** Per-iteration work from ~1 ns to ~1 µs; the result feeds a sink so the JIT keeps it. */
const WORKS: Work[] = [
  { name: "x += i * 0.5 (~1 ns)", step: (i) => i * 0.5 },
  {
    name: "10 Math.sin/cos (~100 ns)",
    step: (i) => {
      let s = 0;
      for (let k = 0; k < 5; k++) s += Math.sin(i + k) * Math.cos(i - k);
      return s;
    },
  },
  {
    name: "40 Math.sin/cos (~400 ns)",
    step: (i) => {
      let s = 0;
      for (let k = 0; k < 20; k++) s += Math.sin(i + k) * Math.cos(i - k);
      return s;
    },
  },
];

let sink = 0;
const data = Array.from({ length: N }, (_, i) => i);

const variants = {
  "for (let i...)": (w: Work) => {
    let acc = 0;
    for (let i = 0; i < N; i++) acc += w.step(i);
    sink += acc;
  },
  // What a cell writes without a bar (Python's `for i in range(N)`): the loop trange replaces.
  "for (const i of range(N))": (w: Work) => {
    let acc = 0;
    for (const i of range(N)) acc += w.step(i);
    sink += acc;
  },
  "for (const i of trange(N))": (w: Work) => {
    let acc = 0;
    for (const i of trange(N, BAR)) acc += w.step(i);
    sink += acc;
  },
  "for (const x of array)": (w: Work) => {
    let acc = 0;
    for (const x of data) acc += w.step(x);
    sink += acc;
  },
  "for (const x of tqdm(array))": (w: Work) => {
    let acc = 0;
    for (const x of tqdm(data, BAR)) acc += w.step(x);
    sink += acc;
  },
};
type Name = keyof typeof variants;
const PAIRS: [Name, Name][] = [
  ["for (let i...)", "for (const i of trange(N))"],
  ["for (const i of range(N))", "for (const i of trange(N))"],
  ["for (const x of array)", "for (const x of tqdm(array))"],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

console.log(
  `tqdm overhead: ${N} iterations, ${REPS} alternating repetitions, median ms; ratio = with bar / without (median of pairs, and of the fastest runs)`,
);
for (const w of WORKS) {
  for (const [plain, barred] of PAIRS) {
    // Warm both paths up before timing.
    variants[plain](w);
    variants[barred](w);
    const a: number[] = [],
      b: number[] = [],
      r: number[] = [];
    for (let k = 0; k < REPS; k++) {
      const ta = time(() => variants[plain](w));
      const tb = time(() => variants[barred](w));
      a.push(ta);
      b.push(tb);
      r.push(tb / ta);
    }
    // The median of the paired ratios, and the ratio of the fastest runs (least disturbed by a busy machine).
    console.log(
      `${w.name.padEnd(28)} ${plain.padEnd(24)} ${median(a).toFixed(1).padStart(8)}   ${barred.padEnd(30)} ${median(b).toFixed(1).padStart(8)}   ratio ${median(r).toFixed(3)}   fastest ${(Math.min(...b) / Math.min(...a)).toFixed(3)}   +${(((Math.min(...b) - Math.min(...a)) * 1e6) / N).toFixed(1)} ns/it`,
    );
  }
}
if (sink === 42) console.log("");
