/**
 * The membership operations a member starts from the UI: create a group, invite a friend, join with
 * an invitation. Each builds and signs its log entry and appends it through the relay (compare-and-set
 * on the log head). Pure of storage: the caller persists what these return.
 */
import {
  deriveInviteKeys,
  err,
  GroupId,
  keyCommitment,
  MemberId,
  ok,
  randomBytes,
  sealLockbox,
  signEntry,
  fromBase64Url,
  type Identity,
  type Result,
  type SignedEntry,
} from "@porch/shared";
import { openLockbox } from "@porch/shared/sealing";
import type { GroupKeys } from "./group-keys.ts";
import type { RelayConnection } from "../../engine/relay-connection.ts";
import { lookupInvite } from "./invite-lookup.ts";

/** Default lifetime of an invitation. */
export const INVITE_TTL_MS = 72 * 60 * 60 * 1000;

/** A new group's first entry and its epoch-0 key, accepted by the relay. */
export async function createGroupOnRelay(
  connection: RelayConnection,
  identity: Identity,
  now: number,
): Promise<Result<{ groupId: GroupId; log: Uint8Array[]; key: Uint8Array }>> {
  const groupId = GroupId.random();
  const key = randomBytes(32);
  const me = MemberId.toBytes(identity.memberId);
  const entry = signEntry(
    {
      type: "create",
      groupId,
      prev: null,
      author: identity.memberId,
      time: now,
      payload: {
        epochCommit: keyCommitment(key, groupId, 0),
        boxKey: identity.box.publicKey,
        lockbox: sealLockbox(groupId, 0, me, identity.box.publicKey, key),
      },
    },
    identity.signing.privateKey,
  );
  const answer = await connection.request({
    v: 1,
    type: "append",
    groupId: GroupId.toBytes(groupId),
    entry: entry.wire,
    sealedKey: null,
  });
  if (!answer.ok) return answer;
  return ok({ groupId, log: [entry.wire], key });
}

/**
 * Appends an `invite` entry and hands the relay the current epoch key sealed to the invitation's key
 * (held off the log; released only in the transaction that appends the matching `join`).
 * Returns the invitation secret for the link.
 */
export async function inviteOnRelay(
  connection: RelayConnection,
  identity: Identity,
  keys: GroupKeys,
  now: number,
  ttlMs = INVITE_TTL_MS,
): Promise<Result<{ secret: Uint8Array; entry: Uint8Array; index: number }>> {
  const built = buildInvite(identity, keys, now, ttlMs);
  if (!built.ok) return built;
  const { secret, entry, sealedKey } = built.value;
  const answer = await connection.request({
    v: 1,
    type: "append",
    groupId: GroupId.toBytes(keys.groupId),
    entry: entry.wire,
    sealedKey,
  });
  if (!answer.ok) return answer;
  if (answer.value.type !== "appended") return err("internal");
  return ok({ secret, entry: entry.wire, index: answer.value.index });
}

/** A signed `invite` entry on the current head, its secret, and the epoch key sealed to the invitation. */
export function buildInvite(
  identity: Identity,
  keys: GroupKeys,
  now: number,
  ttlMs = INVITE_TTL_MS,
): Result<{ secret: Uint8Array; entry: SignedEntry; sealedKey: Uint8Array }> {
  const epochKey = keys.currentKey;
  if (!keys.isAdmin) return err("not-admin");
  if (epochKey === null) return err("stale-epoch");
  const secret = randomBytes(32);
  const invite = deriveInviteKeys(secret);
  const time = keys.nextTime(now);
  const entry = signEntry(
    {
      type: "invite",
      groupId: keys.groupId,
      prev: keys.state.head,
      author: identity.memberId,
      time,
      payload: {
        inviteKey: invite.signing.publicKey,
        inviteBoxKey: invite.box.publicKey,
        expiresAt: time + ttlMs,
        role: "member",
      },
    },
    identity.signing.privateKey,
  );
  const sealedKey = sealLockbox(
    keys.groupId,
    keys.state.epoch,
    invite.signing.publicKey,
    invite.box.publicKey,
    epochKey,
  );
  return ok({ secret, entry, sealedKey });
}

/**
 * What joining gives the new member: the log up to and including their `join` (from the checkpoint
 * the relay offered, when it did), and an epoch key.
 */
export interface Joined {
  readonly checkpoint: Uint8Array | null;
  readonly log: Uint8Array[];
  readonly epoch: number;
  readonly key: Uint8Array;
}

/**
 * Reads the log with the invitation's proof, appends a `join` co-signed by the invitation key, opens
 * the released key. Losing the compare-and-set race (`stale-head`, e.g. another device joining with
 * the same link at the same moment) re-reads the log once: the second read says `invite-used` if so.
 */
export async function joinOnRelay(
  connection: RelayConnection,
  identity: Identity,
  groupId: GroupId,
  secret: Uint8Array,
  now: number,
): Promise<Result<Joined>> {
  const first = await joinOnce(connection, identity, groupId, secret, now);
  return !first.ok && first.code === "stale-head" ? joinOnce(connection, identity, groupId, secret, now) : first;
}

async function joinOnce(
  connection: RelayConnection,
  identity: Identity,
  groupId: GroupId,
  secret: Uint8Array,
  now: number,
): Promise<Result<Joined>> {
  const invite = deriveInviteKeys(secret);
  const groupBytes = GroupId.toBytes(groupId);
  const found = await lookupInvite(connection, groupId, secret, now);
  if (!found.ok) return found;
  const { checkpoint, log, inviteHash, record, state } = found.value;
  if (state.members.has(identity.memberId)) return err("bad-entry", "already a member");
  const entry = signEntry(
    {
      type: "join",
      groupId,
      prev: state.head,
      author: identity.memberId,
      time: Math.max(now, state.headTime),
      payload: { invite: fromBase64Url(inviteHash)!, boxKey: identity.box.publicKey },
    },
    identity.signing.privateKey,
    invite.signing.privateKey,
  );
  const answer = await connection.request({
    v: 1,
    type: "append",
    groupId: groupBytes,
    entry: entry.wire,
    sealedKey: null,
  });
  if (!answer.ok) return answer;
  if (answer.value.type !== "appended" || answer.value.releasedKey === null) return err("internal");
  const commitment = state.commitments[record.epoch];
  if (commitment === undefined) return err("key-commitment-mismatch");
  const key = openLockbox(
    answer.value.releasedKey,
    groupId,
    record.epoch,
    invite.signing.publicKey,
    invite.box,
    commitment,
  );
  if (!key.ok) return key;
  return ok({ checkpoint, log: [...log, entry.wire], epoch: record.epoch, key: key.value });
}
