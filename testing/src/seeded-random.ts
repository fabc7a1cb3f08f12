/**
 * One small deterministic PRNG (mulberry32) for every test and benchmark that needs reproducible
 * "random" data: the same seed gives the same run forever. Not cryptographic.
 */

/** Floats in [0, 1) from a 32-bit seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An integer in [0, n). */
export const pick = (random: () => number, n: number): number => Math.floor(random() * n);
