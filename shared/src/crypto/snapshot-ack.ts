/**
 * A snapshot acknowledgement: a device of a second member (or, for a journal, a second device of its
 * one owner) says "I opened the snapshot at this seq, it holds nothing I did not verify update by
 * update, and it holds every update up to the seq it covers". The relay prunes what an acknowledged
 * snapshot covers, and a new device loads a snapshot only with a valid acknowledgement.
 *
 * The signed message names the group, the snapshot's seq, the acknowledging device and the BLAKE2b-256
 * of the snapshot envelope's exact bytes, so an acknowledgement can never be moved to another
 * snapshot, group or device. The relay rebuilds it from what it stores (it has the envelope bytes) and
 * checks it against the socket's key; receivers check it again (the relay holds no member key, so it
 * cannot forge one).
 */
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "./hash.ts";
import { signWithContext, verifyWithContext } from "./sign-context.ts";

/** The exact bytes an acknowledgement signs: CBOR `["porch-snapshot-ack", groupId, seq, deviceId, hash]`. */
export function snapshotAckMessage(
  groupId: Uint8Array,
  seq: number,
  deviceId: Uint8Array,
  envelope: Uint8Array,
): Uint8Array {
  return encodeCbor(["porch-snapshot-ack", groupId, seq, deviceId, blake2b256(envelope)]);
}

/** Signs an acknowledgement of the snapshot envelope `envelope` stored at `seq` (context `snapshotAck`). */
export function signSnapshotAck(
  groupId: Uint8Array,
  seq: number,
  deviceId: Uint8Array,
  envelope: Uint8Array,
  secretKey: Uint8Array,
): Uint8Array {
  return signWithContext("snapshotAck", snapshotAckMessage(groupId, seq, deviceId, envelope), secretKey);
}

/** True when `signature` by `signer` acknowledges exactly this snapshot envelope at this seq from this device. */
export function verifySnapshotAck(
  groupId: Uint8Array,
  seq: number,
  deviceId: Uint8Array,
  envelope: Uint8Array,
  signature: Uint8Array,
  signer: Uint8Array,
): boolean {
  return verifyWithContext("snapshotAck", snapshotAckMessage(groupId, seq, deviceId, envelope), signature, signer);
}
