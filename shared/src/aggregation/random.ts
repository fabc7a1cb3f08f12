/**
 * Randomness for shares, both from libsodium (kept apart from field.ts so the field's arithmetic does
 * not load libsodium; tests pass a seeded source to what takes a `RandomSource`). `readySodium()` must
 * have resolved before either is called.
 *
 * - `sodiumRandom`: the production `RandomSource`, libsodium's `randombytes_buf` (the operating
 *   system's CSPRNG, in the browser and on Node alike), the same source every other secret in Porch
 *   comes from.
 * - `seedStream(seed)`: a deterministic `RandomSource` expanding a 32-byte seed — libsodium's
 *   `randombytes_buf_deterministic`, i.e. the ChaCha20 keystream under the seed (fixed nonce), read as
 *   one stream however it is asked for. `seedElements(seed, count)` samples field elements from it by
 *   the same rejection as `randomElements`. A member's report seals such a seed to each of the first
 *   t − 1 stewards instead of their whole share (report.ts); the steward expands it the same way. Each
 *   seed is fresh from `sodiumRandom` and expands exactly one share, so the fixed nonce is never reused
 *   with a key.
 */
import { sodium } from "../crypto/sodium.ts";
import { assert } from "../result.ts";
import { randomElements, type RandomSource } from "./field.ts";

/** Fills `out` from libsodium's CSPRNG. */
export const sodiumRandom: RandomSource = (out) => {
  out.set(sodium().randombytes_buf(out.length));
};

/** Bytes of a share seed (libsodium's `randombytes_SEEDBYTES`). */
export const SHARE_SEED_BYTES = 32;

/**
 * The ChaCha20 keystream of `seed` as a `RandomSource`: successive calls continue the stream, so the
 * bytes drawn depend only on the seed and how many were drawn before, never on how they were asked for.
 */
export function seedStream(seed: Uint8Array): RandomSource {
  assert(seed.length === SHARE_SEED_BYTES, "seedStream: a seed is 32 bytes");
  let used = 0;
  return (out) => {
    // Regenerates the prefix on a second call: calls after the first are rare (a rejected element,
    // probability about 2^-61 each, or vectors beyond `randomElements`' 8,192-element chunk).
    const stream = sodium().randombytes_buf_deterministic(used + out.length, seed);
    out.set(stream.subarray(used));
    used += out.length;
  };
}

/** `count` field elements expanded from `seed`: `randomElements(count, seedStream(seed))`. */
export const seedElements = (seed: Uint8Array, count: number): bigint[] => randomElements(count, seedStream(seed));
