/** Client-only: seals a payload into an envelope (see envelope.ts for the layout). */
import { concatBytes, randomBytes } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { ENVELOPE_VERSION, NONCE_BYTES, headerToArray, type EnvelopeHeader } from "./envelope.ts";
import { pad } from "./padme.ts";
import { signWithContext } from "./sign-context.ts";
import { sodium } from "./sodium.ts";

/** Pads, encrypts (XChaCha20-Poly1305, header as associated data) and signs a payload. */
export function sealEnvelope(
  header: EnvelopeHeader,
  plaintext: Uint8Array,
  epochKey: Uint8Array,
  signingKey: Uint8Array,
): Uint8Array {
  const headerBytes = encodeCbor(headerToArray(header));
  if (headerBytes.length > 0xffff) throw new Error("envelope header too large");
  const associatedData = concatBytes(
    Uint8Array.of(ENVELOPE_VERSION, headerBytes.length >> 8, headerBytes.length & 0xff),
    headerBytes,
  );
  const nonce = randomBytes(NONCE_BYTES);
  const ciphertext = sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(
    pad(plaintext),
    associatedData,
    null,
    nonce,
    epochKey,
  );
  const signed = concatBytes(associatedData, nonce, ciphertext);
  return concatBytes(signed, signWithContext("update", signed, signingKey));
}
