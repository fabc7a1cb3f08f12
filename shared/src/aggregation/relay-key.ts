/**
 * The relay's aggregation signing key: an Ed25519 key pair made once and kept in the relay's database.
 * It signs receipts, freezes and releases (round-records.ts), so members and the organization can hold
 * the relay to what it said. The relay does not use libsodium directly (eslint.config.js), so the key
 * is made here.
 */
import type { KeyPair } from "../crypto/identity.ts";
import { sodium } from "../crypto/sodium.ts";

/** A fresh random Ed25519 key pair for the relay's aggregation signatures. */
export function newRelayAggKey(): KeyPair {
  const pair = sodium().crypto_sign_keypair();
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}
