/**
 * Everything the journal's sync needs, derived from the member's identity (so a linked device and a
 * device recovered from the 24 words both find the same journal). None of it names the member: the
 * relay sees the journal signing key as the identity of a socket of its own, a journal id that is a
 * keyed hash of the journal key, and a per-device id that is a keyed hash of the device's id.
 */
import { DeviceId, GroupId, keyedHash, MemberId, type Identity, type KeyPair } from "@porch/shared";

/** The journal's keys and ids on one device. */
export interface JournalKeys {
  /** The 16-byte id the relay stores the journal under (the envelope header's `groupId` field). */
  readonly journalId: GroupId;
  /** Seals and opens the journal's envelopes (XChaCha20-Poly1305, epoch 0). */
  readonly key: Uint8Array;
  /** Signs the journal's envelopes and authenticates its relay socket. */
  readonly signing: KeyPair;
  /** `signing`'s public key as the relay sees it: the socket's identity and every envelope's author. */
  readonly writer: MemberId;
  /** This device's counter namespace for the journal: not the device id the groups see. */
  readonly deviceId: DeviceId;
}

/** Derives the journal's keys for this member on this device. */
export function journalKeys(identity: Identity, deviceId: DeviceId): JournalKeys {
  const key = identity.journalKey;
  const device = keyedHash(key, "porch/v1/journal-device", DeviceId.toBytes(deviceId)).subarray(0, 16);
  return {
    journalId: GroupId.fromBytes(keyedHash(key, "porch/v1/journal").subarray(0, 16))!,
    key,
    signing: identity.journalSigning,
    writer: MemberId.fromBytes(identity.journalSigning.publicKey)!,
    deviceId: DeviceId.fromBytes(device)!,
  };
}
