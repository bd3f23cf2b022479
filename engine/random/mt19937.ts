/**
 * The 32-bit Mersenne Twister shared by PyTorch's CPU generator
 * (aten/src/ATen/core/MT19937RNGEngine.h) and numpy's legacy RandomState (numpy/random/src/mt19937):
 * same parameters, same `init_genrand` seeding, so `torch.manual_seed(s)` and `np.random.seed(s)`
 * produce the same raw uint32 stream.
 */

export const MT_N = 624;
const MT_M = 397;
const MATRIX_A = 0x9908b0df;
const UPPER_MASK = 0x80000000;
const LOWER_MASK = 0x7fffffff;

export class MT19937 {
  /** The 624-word state. */
  readonly state = new Uint32Array(MT_N);
  /** Index of the next word to temper; MT_N means "twist before the next draw". */
  pos = MT_N;

  constructor(seed = 5489) {
    this.seed(seed);
  }

  /** init_genrand: only the low 32 bits of `seed` are used (as both torch and numpy do). */
  seed(seed: number): void {
    const st = this.state;
    st[0] = seed >>> 0;
    for (let i = 1; i < MT_N; i++) {
      const prev = st[i - 1]!;
      // 1812433253 * (prev ^ (prev >>> 30)) + i, mod 2^32: Math.imul keeps it exact in 32 bits.
      st[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
    }
    this.pos = MT_N;
  }

  /** Regenerate all 624 words (the "twist"). */
  private twist(): void {
    const st = this.state;
    let i = 0;
    for (; i < MT_N - MT_M; i++) {
      const y = (st[i]! & UPPER_MASK) | (st[i + 1]! & LOWER_MASK);
      st[i] = st[i + MT_M]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    for (; i < MT_N - 1; i++) {
      const y = (st[i]! & UPPER_MASK) | (st[i + 1]! & LOWER_MASK);
      st[i] = st[i + MT_M - MT_N]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    }
    const y = (st[MT_N - 1]! & UPPER_MASK) | (st[0]! & LOWER_MASK);
    st[MT_N - 1] = st[MT_M - 1]! ^ (y >>> 1) ^ (y & 1 ? MATRIX_A : 0);
    this.pos = 0;
  }

  /** Next tempered uint32, as a non-negative JS number. */
  nextU32(): number {
    if (this.pos >= MT_N) this.twist();
    let y = this.state[this.pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  }
}
