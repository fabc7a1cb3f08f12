/** Builds and signs membership-log entries (client side; the relay only verifies). */
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { signWithContext } from "../crypto/sign-context.ts";
import { GroupId, MemberId } from "../ids.ts";
import { LOG_VERSION, type EntryType, type Payload } from "./entry.ts";

/** What the author states in an entry. */
export interface EntryDraft<T extends EntryType> {
  readonly type: T;
  readonly groupId: GroupId;
  readonly prev: Uint8Array | null;
  readonly author: MemberId;
  readonly time: number;
  readonly payload: Payload<T>;
}

/** A signed entry ready to send, and its hash (the next entry's `prev`). */
export interface SignedEntry {
  readonly wire: Uint8Array;
  readonly hash: Uint8Array;
}

/**
 * Encodes and signs an entry with the author's Ed25519 key (context `porch/v1/entry`). A `join` is
 * also co-signed by the invitation key (context `porch/v1/invite-join`) over the same body.
 */
export function signEntry<T extends EntryType>(
  draft: EntryDraft<T>,
  authorSigningKey: Uint8Array,
  inviteSigningKey?: Uint8Array,
): SignedEntry {
  const body = encodeCbor([
    LOG_VERSION,
    draft.type,
    GroupId.toBytes(draft.groupId),
    draft.prev,
    MemberId.toBytes(draft.author),
    draft.time,
    draft.payload,
  ]);
  const signature = signWithContext("entry", body, authorSigningKey);
  const parts =
    inviteSigningKey === undefined
      ? [body, signature]
      : [body, signature, signWithContext("inviteJoin", body, inviteSigningKey)];
  return { wire: encodeCbor(parts), hash: blake2b256(body) };
}
