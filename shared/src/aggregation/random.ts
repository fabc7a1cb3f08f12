/**
 * The production randomness source for shares: libsodium's `randombytes_buf` (the operating system's
 * CSPRNG, in the browser and on Node alike), the same source every other secret in Porch comes from.
 * Kept apart from field.ts so the field's arithmetic does not load libsodium; tests pass a seeded source.
 * `readySodium()` must have resolved before it is called.
 */
import { sodium } from "../crypto/sodium.ts";
import type { RandomSource } from "./field.ts";

/** Fills `out` from libsodium's CSPRNG. */
export const sodiumRandom: RandomSource = (out) => {
  out.set(sodium().randombytes_buf(out.length));
};
