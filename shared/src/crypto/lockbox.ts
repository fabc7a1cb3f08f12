/**
 * Lockboxes carry an epoch key to one recipient: `crypto_box_seal(groupId ‖ epoch ‖ recipientId ‖ K)`
 * to the recipient's X25519 key. The prefix binds the box to its purpose, so a box made for one group,
 * epoch or member cannot be passed off as another. Opening lives in `open-lockbox.ts` (client-only).
 */
import { concatBytes, u32be } from "../bytes.ts";
import { GroupId } from "../ids.ts";
import { sodium } from "./sodium.ts";

/** The bytes a lockbox seals. `recipient` is a memberId's bytes or an invitation's public key. */
export function lockboxPlaintext(
  groupId: GroupId,
  epoch: number,
  recipient: Uint8Array,
  epochKey: Uint8Array,
): Uint8Array {
  return concatBytes(GroupId.toBytes(groupId), u32be(epoch), recipient, epochKey);
}

/** Seals an epoch key to a recipient's X25519 public key. */
export function sealLockbox(
  groupId: GroupId,
  epoch: number,
  recipient: Uint8Array,
  recipientBoxKey: Uint8Array,
  epochKey: Uint8Array,
): Uint8Array {
  return sodium().crypto_box_seal(lockboxPlaintext(groupId, epoch, recipient, epochKey), recipientBoxKey);
}
