/** Client-only: opens a lockbox and checks it against the log's key commitment. */
import { bytesEqual } from "../bytes.ts";
import type { GroupId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import { matchesCommitment } from "./key-commitment.ts";
import { lockboxPlaintext } from "./lockbox.ts";
import { sodium } from "./sodium.ts";

/** Opens a lockbox addressed to `recipient` for (group, epoch) and verifies the key's commitment. */
export function openLockbox(
  box: Uint8Array,
  groupId: GroupId,
  epoch: number,
  recipient: Uint8Array,
  recipientBox: { readonly publicKey: Uint8Array; readonly privateKey: Uint8Array },
  commitment: Uint8Array,
): Result<Uint8Array> {
  let plain: Uint8Array;
  try {
    plain = sodium().crypto_box_seal_open(box, recipientBox.publicKey, recipientBox.privateKey);
  } catch {
    return err("decrypt-failed", "lockbox does not open");
  }
  const key = plain.subarray(plain.length - 32);
  if (
    plain.length !== 16 + 4 + recipient.length + 32 ||
    !bytesEqual(plain, lockboxPlaintext(groupId, epoch, recipient, key))
  ) {
    return err("bad-entry", "lockbox names another group, epoch or recipient");
  }
  if (!matchesCommitment(key, groupId, epoch, commitment)) return err("key-commitment-mismatch");
  return ok(new Uint8Array(key));
}
