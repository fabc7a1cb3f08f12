/**
 * Membership-log entries on the wire. An entry is `[body, signature]` (a `join` adds the invitation
 * key's co-signature: `[body, signature, cosignature]`), CBOR-encoded. The body is a fixed-order array
 * `[version, type, groupId, prev, author, time, payload]`; its hash (BLAKE2b-256 of the exact body
 * bytes) names the entry, and the next entry's `prev` points at it.
 *
 * The log holds only keys, roles, hashes and times — never names or content.
 */
import * as v from "valibot";
import { decodeCbor } from "../codec.ts";
import { GroupId, MemberId } from "../ids.ts";
import { anyBytes, bytesOf, bytesUpTo, parseWith, uint } from "../schema-helpers.ts";

/** The log format version. */
export const LOG_VERSION = 1;

/** Roles a member can hold. */
export const ROLES = ["admin", "member"] as const;
/** A member's role. */
export type Role = (typeof ROLES)[number];

const lockboxes = v.pipe(v.array(v.strictTuple([bytesOf(32), bytesUpTo(256)])), v.maxLength(1000));

/** A new epoch: its key commitment, one lockbox per remaining member, the previous key sealed under it. */
const rotation = { epoch: uint, epochCommit: bytesOf(32), lockboxes, prevKey: bytesUpTo(128) };

/** Payload schemas per entry type. */
export const PAYLOADS = {
  /** The founder, epoch 0, and the founder's own lockbox. */
  create: v.object({ epochCommit: bytesOf(32), boxKey: bytesOf(32), lockbox: bytesUpTo(256) }),
  /** An invitation's public keys, expiry and role (any note about whom it is for lives in the sealed document). */
  invite: v.object({ inviteKey: bytesOf(32), inviteBoxKey: bytesOf(32), expiresAt: uint, role: v.picklist(ROLES) }),
  /** An admin withdraws an unused invitation. */
  "revoke-invite": v.object({ invite: bytesOf(32) }),
  /** A joiner names the invitation and brings its X25519 key (the next rotation seals a lockbox to it). */
  join: v.object({ invite: bytesOf(32), boxKey: bytesOf(32) }),
  /** An admin removes a member, rotating the key inline (one entry, one compare-and-set). */
  remove: v.object({ member: bytesOf(32), ...rotation }),
  /** A member leaves; the last admin names a successor. */
  leave: v.object({ successor: v.nullable(bytesOf(32)) }),
  /** An admin changes a member's role. */
  "set-role": v.object({ member: bytesOf(32), role: v.picklist(ROLES) }),
  /** An admin rotates the epoch key (owed after a join, leave, revocation or expiry). */
  rotate: v.object(rotation),
} as const;

/** Entry types known to this version. */
export type EntryType = keyof typeof PAYLOADS;
/** The payload of one entry type. */
export type Payload<T extends EntryType> = v.InferOutput<(typeof PAYLOADS)[T]>;

const BodySchema = v.strictTuple([
  v.literal(LOG_VERSION),
  v.picklist(Object.keys(PAYLOADS) as EntryType[]),
  bytesOf(16),
  v.nullable(bytesOf(32)),
  bytesOf(32),
  uint,
  v.unknown(),
]);

const WireSchema = v.union([
  v.strictTuple([anyBytes, bytesOf(64)]),
  v.strictTuple([anyBytes, bytesOf(64), bytesOf(64)]),
]);

/** A decoded entry; `body` are the exact signed bytes. */
export type Entry = {
  [T in EntryType]: {
    readonly type: T;
    readonly groupId: GroupId;
    readonly prev: Uint8Array | null;
    readonly author: MemberId;
    readonly time: number;
    readonly payload: Payload<T>;
    readonly body: Uint8Array;
    readonly signature: Uint8Array;
    readonly cosignature: Uint8Array | null;
  };
}[EntryType];

/** Maximum bytes of one entry on the wire (a rotation with lockboxes for 1,000 members fits). */
export const MAX_ENTRY_BYTES = 512 * 1024;

/** Decodes an entry's shape; signatures and rules are checked by `applyEntry`. `null` if malformed. */
export function decodeEntry(wire: Uint8Array): Entry | null {
  if (wire.length > MAX_ENTRY_BYTES) return null;
  const parts = parseWith(WireSchema, decodeCbor(wire));
  if (parts === null) return null;
  const [body, signature, cosignature] = parts;
  const fields = parseWith(BodySchema, decodeCbor(body));
  if (fields === null) return null;
  const [, type, groupId, prev, author, time, rawPayload] = fields;
  const payload = parseWith(PAYLOADS[type], rawPayload);
  if (payload === null) return null;
  return {
    type,
    groupId: GroupId.fromBytes(groupId)!,
    prev,
    author: MemberId.fromBytes(author)!,
    time,
    payload,
    body,
    signature,
    cosignature: cosignature ?? null,
  } as Entry;
}
