/**
 * Linking a second device (docs/protocols.md "Second-device link"). An existing device makes a 16-byte link
 * secret `s` and shows `<origin>/#/link/<base64url s>` (the secret only ever travels in the URL
 * fragment, which browsers never send to a server). Both devices derive the relay mailbox from `s`;
 * the new device posts an ephemeral X25519 public key with a MAC keyed by `s`; the existing device
 * checks the MAC and seals the member's root seed to that key. The relay, which never sees `s`, can
 * neither substitute its own key (the MAC fails) nor hand the new device a seed of its own choosing
 * (the inner MAC over the seed fails). Opening lives in `open-link-payload.ts` (client-only).
 */
import { encodeCbor } from "../codec.ts";
import { assert } from "../result.ts";
import { MAX_LINK_SEALED_BYTES } from "../protocol/limits.ts";
import { keyedHash } from "./hash.ts";
import { sodium } from "./sodium.ts";

/** Bytes of a link secret (128 bits). */
export const LINK_SECRET_BYTES = 16;

/** Languages a linked device may start in. */
export const LINK_LANGS = ["en", "es"] as const;

/** What the existing device hands the new one: the identity and a few preferences. */
export interface LinkPayload {
  /** The member's 32-byte root seed (the whole identity). */
  readonly rootSeed: Uint8Array;
  readonly displayName: string;
  readonly lang: (typeof LINK_LANGS)[number];
}

function requireSecret(secret: Uint8Array): void {
  assert(secret.length === LINK_SECRET_BYTES, "a link secret is 16 bytes");
}

/** The relay mailbox a link secret names: `keyedHash(s, "porch/v1/link-mailbox")` (32 bytes). */
export function linkMailboxId(secret: Uint8Array): Uint8Array {
  requireSecret(secret);
  return keyedHash(secret, "porch/v1/link-mailbox");
}

/** The new device's proof that it holds `s`: `keyedHash(s, "porch/v1/link-mac", ephemeralKey)`. */
export function linkMac(secret: Uint8Array, ephemeralKey: Uint8Array): Uint8Array {
  requireSecret(secret);
  assert(ephemeralKey.length === 32, "an ephemeral X25519 public key is 32 bytes");
  return keyedHash(secret, "porch/v1/link-mac", ephemeralKey);
}

/** True when `mac` is `linkMac(secret, ephemeralKey)` (constant-time comparison). */
export function checkLinkMac(secret: Uint8Array, ephemeralKey: Uint8Array, mac: Uint8Array): boolean {
  if (mac.length !== 32 || ephemeralKey.length !== 32) return false;
  return sodium().memcmp(linkMac(secret, ephemeralKey), mac);
}

/** The inner MAC binding a sealed seed to the link secret: `keyedHash(s, "porch/v1/link-seed", rootSeed)`. */
export function linkSeedMac(secret: Uint8Array, rootSeed: Uint8Array): Uint8Array {
  requireSecret(secret);
  return keyedHash(secret, "porch/v1/link-seed", rootSeed);
}

/**
 * Seals the payload to the new device's ephemeral key:
 * `crypto_box_seal(CBOR [rootSeed, displayName, lang, linkSeedMac(s, rootSeed)])`. Throws (a bug)
 * when the result would exceed the wire limit of 1,024 bytes: callers bound the display name.
 */
export function sealLinkPayload(secret: Uint8Array, ephemeralPublicKey: Uint8Array, payload: LinkPayload): Uint8Array {
  assert(payload.rootSeed.length === 32, "a root seed is 32 bytes");
  assert(ephemeralPublicKey.length === 32, "an ephemeral X25519 public key is 32 bytes");
  const plain = encodeCbor([
    payload.rootSeed,
    payload.displayName,
    payload.lang,
    linkSeedMac(secret, payload.rootSeed),
  ]);
  const sealed = sodium().crypto_box_seal(plain, ephemeralPublicKey);
  assert(sealed.length <= MAX_LINK_SEALED_BYTES, "sealed link payload fits the wire limit");
  return sealed;
}
