/**
 * Anonymous sealed boxes (`crypto_box_seal`) to an X25519 public key: anyone can seal, only the key's
 * owner can open. Used for notices between a member's own devices. Opening is in open-sealed-box.ts
 * (client-only).
 */
import { sodium } from "./sodium.ts";

/** Seals `plaintext` so only the holder of `recipientBoxKey`'s private key can open it. */
export function sealToBoxKey(plaintext: Uint8Array, recipientBoxKey: Uint8Array): Uint8Array {
  return sodium().crypto_box_seal(plaintext, recipientBoxKey);
}
