/** Hashing: BLAKE2b everywhere. */
import { concatBytes, utf8 } from "../bytes.ts";
import { sodium } from "./sodium.ts";

/** BLAKE2b-256 of `bytes` (membership-entry hashes, envelope ids). */
export function blake2b256(bytes: Uint8Array): Uint8Array {
  return sodium().crypto_generichash(32, bytes, null);
}

/** Keyed BLAKE2b-256 of `label ‖ parts` — a MAC or a commitment, domain-separated by `label`. */
export function keyedHash(key: Uint8Array, label: string, ...parts: Uint8Array[]): Uint8Array {
  return sodium().crypto_generichash(32, concatBytes(utf8(label), ...parts), key);
}
