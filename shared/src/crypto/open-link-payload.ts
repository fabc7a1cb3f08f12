/** Client-only: the new device opens the identity an existing device sealed to its ephemeral key. */
import * as v from "valibot";
import { decodeCbor } from "../codec.ts";
import { err, ok, type Result } from "../result.ts";
import { bytesOf, parseWith } from "../schema-helpers.ts";
import { LINK_LANGS, linkSeedMac, type LinkPayload } from "./device-link.ts";
import type { KeyPair } from "./identity.ts";
import { sodium } from "./sodium.ts";

const Plain = v.strictTuple([bytesOf(32), v.pipe(v.string(), v.maxLength(1024)), v.picklist(LINK_LANGS), bytesOf(32)]);

/**
 * Opens `sealed` with the ephemeral key pair and checks the inner MAC with the link secret, so a seed
 * the relay sealed itself (it knows the ephemeral public key) is refused. Fails with `decrypt-failed`
 * when the box does not open or is malformed, `link-bad-mac` when the seed was not sealed by the
 * holder of the secret.
 */
export function openLinkPayload(secret: Uint8Array, ephemeral: KeyPair, sealed: Uint8Array): Result<LinkPayload> {
  let plain: Uint8Array;
  try {
    plain = sodium().crypto_box_seal_open(sealed, ephemeral.publicKey, ephemeral.privateKey);
  } catch {
    return err("decrypt-failed", "link payload does not open");
  }
  const fields = parseWith(Plain, decodeCbor(plain));
  if (fields === null) return err("decrypt-failed", "link payload malformed");
  const [rootSeed, displayName, lang, mac] = fields;
  if (secret.length !== 16 || !sodium().memcmp(linkSeedMac(secret, rootSeed), mac)) return err("link-bad-mac");
  return ok({ rootSeed, displayName, lang });
}
