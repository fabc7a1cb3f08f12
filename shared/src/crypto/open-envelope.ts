/** Client-only: verifies and opens an envelope. */
import { err, ok, type Result } from "../result.ts";
import { parseEnvelope, type EnvelopeHeader } from "./envelope.ts";
import { unpad } from "./padme.ts";
import { sodium } from "./sodium.ts";

/** A verified, decrypted envelope. */
export interface OpenedEnvelope {
  readonly header: EnvelopeHeader;
  readonly plaintext: Uint8Array;
}

/**
 * Verifies the signature, then decrypts with the key for the header's epoch. `keyFor` returns null
 * when this device has no key for that epoch (`stale-epoch`). Tampering anywhere gives `bad-signature`
 * or `decrypt-failed`; never throws.
 */
export function openEnvelope(
  bytes: Uint8Array,
  keyFor: (header: EnvelopeHeader) => Uint8Array | null,
): Result<OpenedEnvelope> {
  const parsed = parseEnvelope(bytes);
  if (!parsed.ok) return parsed;
  const { header, associatedData, nonce, ciphertext } = parsed.value;
  const key = keyFor(header);
  if (key === null) return err("stale-epoch", `no key for epoch ${header.epoch}`);
  let padded: Uint8Array;
  try {
    padded = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(null, ciphertext, associatedData, nonce, key);
  } catch {
    return err("decrypt-failed");
  }
  const plaintext = unpad(padded);
  if (plaintext === null) return err("decrypt-failed", "padding");
  return ok({ header, plaintext });
}
