/**
 * A member's identity is one 32-byte root seed. Every key is derived from it with
 * `crypto_kdf_derive_from_key` under the fixed context `porch-id`, subkey ids from this table
 * (test vectors in identity.test.ts — changing any of this locks every member out):
 *
 * | id | key |
 * |----|-----|
 * | 1  | Ed25519 signing seed (memberId = base64url of its public key) |
 * | 2  | X25519 box seed (lockboxes are sealed to its public key) |
 * | 3  | journal data key |
 * | 4  | journal signing seed |
 */
import { MemberId } from "../ids.ts";
import { sodium } from "./sodium.ts";

const KDF_CONTEXT = "porch-id";

/** An Ed25519 or X25519 key pair. */
export interface KeyPair {
  readonly publicKey: Uint8Array;
  readonly privateKey: Uint8Array;
}

/** Every key a member holds, derived from the root seed. */
export interface Identity {
  readonly memberId: MemberId;
  readonly signing: KeyPair;
  readonly box: KeyPair;
  readonly journalKey: Uint8Array;
  readonly journalSigning: KeyPair;
}

function subkey(seed: Uint8Array, id: number): Uint8Array {
  return sodium().crypto_kdf_derive_from_key(32, id, KDF_CONTEXT, seed);
}

/** Derives the whole identity from a 32-byte root seed. */
export function deriveIdentity(rootSeed: Uint8Array): Identity {
  if (rootSeed.length !== 32) throw new Error("root seed must be 32 bytes");
  const s = sodium();
  const signing = s.crypto_sign_seed_keypair(subkey(rootSeed, 1));
  const box = s.crypto_box_seed_keypair(subkey(rootSeed, 2));
  const journalSigning = s.crypto_sign_seed_keypair(subkey(rootSeed, 4));
  return {
    memberId: MemberId.fromBytes(signing.publicKey)!,
    signing: { publicKey: signing.publicKey, privateKey: signing.privateKey },
    box: { publicKey: box.publicKey, privateKey: box.privateKey },
    journalKey: subkey(rootSeed, 3),
    journalSigning: { publicKey: journalSigning.publicKey, privateKey: journalSigning.privateKey },
  };
}

/**
 * Invitation keys: a 32-byte invitation secret (carried only in a link's URL fragment) derives an
 * Ed25519 key (its public key names the invitation in the log and co-signs the `join`) and an X25519
 * key (the current epoch key is sealed to it, held by the relay off the log). Context `porch-in`.
 */
export function deriveInviteKeys(inviteSecret: Uint8Array): { readonly signing: KeyPair; readonly box: KeyPair } {
  if (inviteSecret.length !== 32) throw new Error("invitation secret must be 32 bytes");
  const s = sodium();
  const derive = (id: number) => s.crypto_kdf_derive_from_key(32, id, "porch-in", inviteSecret);
  const signing = s.crypto_sign_seed_keypair(derive(1));
  const box = s.crypto_box_seed_keypair(derive(2));
  return {
    signing: { publicKey: signing.publicKey, privateKey: signing.privateKey },
    box: { publicKey: box.publicKey, privateKey: box.privateKey },
  };
}
