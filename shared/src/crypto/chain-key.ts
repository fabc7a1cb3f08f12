/**
 * A rotation carries the previous epoch key encrypted under the new one (associated data
 * `groupId ‖ epoch`), so a newcomer who receives only the newest key can still read history.
 */
import { concatBytes, randomBytes, u32be } from "../bytes.ts";
import { GroupId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import { matchesCommitment } from "./key-commitment.ts";
import { sodium } from "./sodium.ts";

const ad = (groupId: GroupId, epoch: number) => concatBytes(GroupId.toBytes(groupId), u32be(epoch));

/** Encrypts epoch `epoch - 1`'s key under epoch `epoch`'s key: nonce ‖ ciphertext. */
export function sealPreviousKey(
  groupId: GroupId,
  epoch: number,
  newKey: Uint8Array,
  previousKey: Uint8Array,
): Uint8Array {
  const nonce = randomBytes(24);
  return concatBytes(
    nonce,
    sodium().crypto_aead_xchacha20poly1305_ietf_encrypt(previousKey, ad(groupId, epoch), null, nonce, newKey),
  );
}

/** Recovers the previous epoch's key and checks it against that epoch's commitment. */
export function openPreviousKey(
  groupId: GroupId,
  epoch: number,
  newKey: Uint8Array,
  sealed: Uint8Array,
  previousCommitment: Uint8Array,
): Result<Uint8Array> {
  try {
    const key = sodium().crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      sealed.subarray(24),
      ad(groupId, epoch),
      sealed.subarray(0, 24),
      newKey,
    );
    return matchesCommitment(key, groupId, epoch - 1, previousCommitment) ? ok(key) : err("key-commitment-mismatch");
  } catch {
    return err("decrypt-failed");
  }
}
