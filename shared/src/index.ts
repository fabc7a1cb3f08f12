/**
 * The public entry of @porch/shared: everything both the relay and the client may use.
 * Nothing exported here can decrypt group content or journals; that lives in `./sealing.ts`
 * (`@porch/shared/sealing`), which the relay is forbidden to import (eslint.config.js).
 */
export * from "./errors.ts";
export * from "./result.ts";
export * from "./bytes.ts";
export * from "./ids.ts";
export * from "./codec.ts";
export { bytesOf, bytesUpTo, uint, parseWith } from "./schema-helpers.ts";
export { readySodium } from "./crypto/sodium.ts";
export { SIGN_CONTEXTS, signWithContext, verifyWithContext, type SignContext } from "./crypto/sign-context.ts";
export { blake2b256, keyedHash } from "./crypto/hash.ts";
export { padmeLength } from "./crypto/padme.ts";
export { deriveIdentity, deriveInviteKeys, type Identity, type KeyPair } from "./crypto/identity.ts";
export { seedToPhrase, phraseToSeed, type PhraseLanguage, type PhraseError } from "./crypto/recovery-phrase.ts";
export { keyCommitment } from "./crypto/key-commitment.ts";
export { sealLockbox } from "./crypto/lockbox.ts";
export { sealToBoxKey } from "./crypto/sealed-box.ts";
export * from "./crypto/envelope.ts";
export { snapshotAckMessage, signSnapshotAck, verifySnapshotAck } from "./crypto/snapshot-ack.ts";
export {
  LINK_SECRET_BYTES,
  LINK_LANGS,
  linkMailboxId,
  linkMac,
  checkLinkMac,
  linkSeedMac,
  sealLinkPayload,
  type LinkPayload,
} from "./crypto/device-link.ts";
export * from "./membership/entry.ts";
export * from "./membership/group-state.ts";
export * from "./membership/apply-entry.ts";
export * from "./membership/sign-entry.ts";
export * from "./membership/checkpoint.ts";
export * from "./protocol/index.ts";
