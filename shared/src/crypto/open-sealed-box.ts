/** Client-only: opens a sealed box made by `sealToBoxKey`. */
import { err, ok, type Result } from "../result.ts";
import type { KeyPair } from "./identity.ts";
import { sodium } from "./sodium.ts";

/** Opens a sealed box with the recipient's X25519 key pair; `decrypt-failed` if it does not open. */
export function openSealedBox(sealed: Uint8Array, box: KeyPair): Result<Uint8Array> {
  try {
    return ok(sodium().crypto_box_seal_open(sealed, box.publicKey, box.privateKey));
  } catch {
    return err("decrypt-failed");
  }
}
