/**
 * Epoch keys are committed to in the membership log, which makes the AEAD key-committing and stops
 * an admin from handing different members different keys for one epoch.
 */
import { bytesEqual, u32be } from "../bytes.ts";
import type { GroupId } from "../ids.ts";
import { GroupId as GroupIdCodec } from "../ids.ts";
import { keyedHash } from "./hash.ts";

/** `BLAKE2b(key = K, "porch/v1/keycommit" ‖ groupId ‖ epoch)`. */
export function keyCommitment(epochKey: Uint8Array, groupId: GroupId, epoch: number): Uint8Array {
  return keyedHash(epochKey, "porch/v1/keycommit", GroupIdCodec.toBytes(groupId), u32be(epoch));
}

/** True when `epochKey` is the key the log committed to for this group and epoch. */
export function matchesCommitment(
  epochKey: Uint8Array,
  groupId: GroupId,
  epoch: number,
  commitment: Uint8Array,
): boolean {
  return bytesEqual(keyCommitment(epochKey, groupId, epoch), commitment);
}
