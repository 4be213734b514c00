// A small seeded pseudo-random generator so that Monte Carlo results are reproducible from a seed.
//
// mulberry32 (Tommy Ettinger, public domain): a 32-bit state, full period 2^32, passes gjrand and
// PractRand up to 2^32 outputs — ample for thousands of index regenerations, and identical on every
// platform because it only uses 32-bit integer arithmetic.

export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
}

export function prngMulberry32(seed: number): Prng {
  let a = seed >>> 0;
  return {
    next(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Uniform in [lo, hi). */
export function prngUniform(rng: Prng, lo: number, hi: number): number {
  return lo + (hi - lo) * rng.next();
}
