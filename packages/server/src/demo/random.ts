// Seeded draws for the demo data (core's mulberry32), so that the demo data is the same on every machine.
import { prngMulberry32, prngUniform } from '@ding/core';

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [lo, hi). */
  between(lo: number, hi: number): number;
  /** Log-normal multiplier with median 1 and log-SD `sigma` (sizes of towns, noise on levels). */
  logNormal(sigma: number): number;
}

export function randomSeeded(seed: number): Random {
  // The same generator as the index's Monte Carlo (core's mulberry32), wrapped with the demo's draws.
  const rng = prngMulberry32(seed);
  const next = () => rng.next();
  return {
    next,
    between: (lo, hi) => prngUniform(rng, lo, hi),
    logNormal: (sigma) => {
      // Box–Muller transform of two uniforms into a standard normal draw.
      const z = Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
      return Math.exp(sigma * z);
    },
  };
}

/** A stable seed from a string (FNV-1a), so each indicator × region gets its own stream. */
export function seedOf(...parts: string[]): number {
  let h = 0x811c9dc5;
  for (const ch of parts.join('|')) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
