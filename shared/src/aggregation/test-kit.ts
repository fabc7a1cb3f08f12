/**
 * Test-only helpers for the aggregation tests: a seeded randomness source (so shares, cohorts and the
 * statistical tests reproduce forever) and a seeded generator of journal answers. Never exported from
 * index.ts and never imported by product code (the lint refuses a `*test-kit.ts` there).
 */
import type { RandomSource } from "./field.ts";

/** mulberry32: a small seeded PRNG returning floats in [0, 1). Not cryptographic; tests only. */
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

/** A seeded `RandomSource` (four bytes per mulberry32 step). */
export function seededRandom(seed: number): RandomSource {
  const next = mulberry32(seed);
  return (out) => {
    for (let i = 0; i < out.length; i += 4) {
      const word = Math.floor(next() * 4294967296);
      for (let j = 0; j < 4 && i + j < out.length; j++) out[i + j] = (word >>> (8 * j)) & 0xff;
    }
  };
}

/** A whole number in [min, max] from `rnd`. */
export const intIn = (rnd: () => number, min: number, max: number): number => min + Math.floor(rnd() * (max - min + 1));
