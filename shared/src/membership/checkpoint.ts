/**
 * A membership-log checkpoint: the state after entry N (roster with box keys and roles, open
 * invitations, epoch, key commitments and chained previous keys, the head hash of entry N), encoded
 * deterministically so that every device and the relay, replaying the same log prefix, produce the
 * same bytes. Each member who checked it against their own replay signs those bytes (context
 * `porch/v1/checkpoint`); a checkpoint counts once two members of its own roster, one of them an
 * admin, have signed it. A newcomer starts from it and the entries after it instead of the whole log
 * (see README.md "Checkpoints" for what that trusts).
 *
 * Wire: `[body, [[signer, signature], …]]`; body:
 * `[version, groupId, length, head, headTime, epoch, commitments, prevKeys, members, invites, rotationOwed]`.
 */
import * as v from "valibot";
import { bytesEqual, fromBase64Url, toBase64Url } from "../bytes.ts";
import { decodeCbor, encodeCbor } from "../codec.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import { GroupId, MemberId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import { anyBytes, bytesOf, bytesUpTo, parseWith, uint } from "../schema-helpers.ts";
import { applyEntry } from "./apply-entry.ts";
import { ROLES } from "./entry.ts";
import type { GroupState, InviteRecord, MemberRecord } from "./group-state.ts";

/** The checkpoint format version. */
export const CHECKPOINT_VERSION = 1;
/** Largest checkpoint on the wire (1,000 members with their keys, and years of epochs, fit). */
export const MAX_CHECKPOINT_BYTES = 512 * 1024;

/** One member's signature of a checkpoint body. */
export interface CheckpointSignature {
  readonly signer: MemberId;
  readonly signature: Uint8Array;
}

/** A checkpoint whose signatures verified: the state it describes and who vouched for it. */
export interface OpenedCheckpoint {
  readonly body: Uint8Array;
  readonly state: GroupState;
  readonly signers: readonly MemberId[];
}

const many = <S extends v.GenericSchema>(item: S) => v.pipe(v.array(item), v.maxLength(100_000));

const MemberRow = v.strictTuple([bytesOf(32), v.picklist(ROLES), bytesOf(32), uint, v.nullable(bytesOf(32))]);
const InviteRow = v.strictTuple([bytesOf(32), bytesOf(32), bytesOf(32), bytesOf(32), uint, v.picklist(ROLES), uint]);

const BodySchema = v.strictTuple([
  v.literal(CHECKPOINT_VERSION),
  bytesOf(16),
  v.pipe(uint, v.minValue(1)),
  bytesOf(32),
  uint,
  uint,
  many(bytesOf(32)),
  many(bytesUpTo(128)),
  v.pipe(v.array(MemberRow), v.minLength(1), v.maxLength(1000)),
  many(InviteRow),
  v.boolean(),
]);

const WireSchema = v.strictTuple([
  anyBytes,
  v.pipe(v.array(v.strictTuple([bytesOf(32), bytesOf(64)])), v.maxLength(16)),
]);

const byKey = <T>(a: readonly [string, T], b: readonly [string, T]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/**
 * The canonical bytes of `state` as a checkpoint body. Members and open invitations are sorted by id;
 * used and revoked invitations and former members are left out (no rule needs them again), so equal
 * rosters give equal bytes whatever order the log admitted people in.
 */
export function checkpointBody(state: GroupState): Uint8Array {
  const members = [...state.members]
    .sort(byKey)
    .map(([id, m]) => [
      MemberId.toBytes(id),
      m.role,
      m.boxKey,
      m.since,
      m.invitedBy === null ? null : MemberId.toBytes(m.invitedBy),
    ]);
  const invites = [...state.invites]
    .filter(([, i]) => !i.used && !i.revoked)
    .sort(byKey)
    .map(([hash, i]) => [
      fromBase64Url(hash)!,
      MemberId.toBytes(i.author),
      i.inviteKey,
      i.inviteBoxKey,
      i.expiresAt,
      i.role,
      i.epoch,
    ]);
  return encodeCbor([
    CHECKPOINT_VERSION,
    GroupId.toBytes(state.groupId),
    state.length,
    state.head,
    state.headTime,
    state.epoch,
    state.commitments,
    state.prevKeys,
    members,
    invites,
    state.rotationOwed,
  ]);
}

/** `signer`'s signature of a checkpoint body (sign only a body equal to `checkpointBody` of your own replay). */
export function signCheckpoint(body: Uint8Array, signer: MemberId, signingKey: Uint8Array): CheckpointSignature {
  return { signer, signature: signWithContext("checkpoint", body, signingKey) };
}

/** A checkpoint's wire bytes: its body and the signatures collected for it. */
export function encodeCheckpoint(body: Uint8Array, signatures: readonly CheckpointSignature[]): Uint8Array {
  return encodeCbor([body, signatures.map((s) => [MemberId.toBytes(s.signer), s.signature])]);
}

/** Verifies one signature of a body by `signer`. */
export function checkpointSignatureValid(body: Uint8Array, s: CheckpointSignature): boolean {
  return verifyWithContext("checkpoint", body, s.signature, MemberId.toBytes(s.signer));
}

/**
 * True when `signers` vouch enough for a checkpoint of `state`: at least two distinct current members
 * of that roster, at least one of them an admin. A group of one member never has a checkpoint (its
 * log is a handful of entries; newcomers read it whole).
 */
export function checkpointComplete(state: GroupState, signers: Iterable<MemberId>): boolean {
  const distinct = new Set([...signers].filter((id) => state.members.has(id)));
  return distinct.size >= 2 && [...distinct].some((id) => state.members.get(id)?.role === "admin");
}

/** The state a checkpoint body describes, or `null` when malformed or not of `groupId`'s shape. */
export function decodeCheckpointBody(body: Uint8Array): GroupState | null {
  const fields = parseWith(BodySchema, decodeCbor(body));
  if (fields === null) return null;
  const [, groupId, length, head, headTime, epoch, commitments, prevKeys, memberRows, inviteRows, rotationOwed] =
    fields;
  if (commitments.length !== epoch + 1 || prevKeys.length !== epoch + 1) return null;
  const members = new Map<MemberId, MemberRecord>();
  for (const [id, role, boxKey, since, invitedBy] of memberRows) {
    const memberId = MemberId.fromBytes(id)!;
    if (members.has(memberId)) return null;
    members.set(memberId, {
      role,
      boxKey,
      since,
      invitedBy: invitedBy === null ? null : MemberId.fromBytes(invitedBy)!,
    });
  }
  if (![...members.values()].some((m) => m.role === "admin")) return null;
  const invites = new Map<string, InviteRecord>();
  for (const [hash, author, inviteKey, inviteBoxKey, expiresAt, role, inviteEpoch] of inviteRows) {
    const id = toBase64Url(hash);
    if (invites.has(id) || inviteEpoch > epoch) return null;
    const record = {
      author: MemberId.fromBytes(author)!,
      inviteKey,
      inviteBoxKey,
      expiresAt,
      role,
      epoch: inviteEpoch,
    };
    invites.set(id, { ...record, used: false, revoked: false });
  }
  return {
    groupId: GroupId.fromBytes(groupId)!,
    length,
    head,
    headTime,
    epoch,
    commitments,
    prevKeys,
    members,
    invites,
    former: new Map(),
    // Only the checkpoint's own head is placed; envelopes naming an earlier head are judged by epoch (apply-remote).
    epochAtHead: new Map([[toBase64Url(head), epoch]]),
    rotationOwed,
  };
}

/**
 * Opens a checkpoint received from the relay: well formed (`bad-checkpoint`), of this group
 * (`wrong-group`), every signature valid (`bad-signature`), every signer a distinct member of the
 * checkpoint's own roster and enough of them (`bad-checkpoint`, see `checkpointComplete`).
 * The roster is vouched for by its signers, not proven: see README.md "Checkpoints".
 */
export function openCheckpoint(wire: Uint8Array, groupId: GroupId): Result<OpenedCheckpoint> {
  if (wire.length > MAX_CHECKPOINT_BYTES) return err("bad-checkpoint", "too large");
  const parts = parseWith(WireSchema, decodeCbor(wire));
  if (parts === null) return err("bad-checkpoint", "malformed");
  const [body, rawSignatures] = parts;
  const state = decodeCheckpointBody(body);
  if (state === null) return err("bad-checkpoint", "malformed body");
  if (state.groupId !== groupId) return err("wrong-group");
  const signers: MemberId[] = [];
  for (const [id, signature] of rawSignatures) {
    const signer = MemberId.fromBytes(id)!;
    if (signers.includes(signer)) return err("bad-checkpoint", "a member signed twice");
    if (!state.members.has(signer)) return err("bad-checkpoint", "signer not in the checkpoint's roster");
    if (!checkpointSignatureValid(body, { signer, signature })) return err("bad-signature");
    signers.push(signer);
  }
  if (!checkpointComplete(state, signers)) return err("bad-checkpoint", "not signed by two members, one an admin");
  return ok({ body, state, signers });
}

/**
 * A newcomer's view of the log: an opened checkpoint, then the entries after it, each checked by
 * `applyEntry`. Entries that do not continue from the checkpoint's head → `checkpoint-mismatch`
 * (the checkpoint's head is not in this log).
 */
export function replayFromCheckpoint(
  wire: Uint8Array,
  groupId: GroupId,
  entries: readonly Uint8Array[],
): Result<{ readonly checkpoint: OpenedCheckpoint; readonly state: GroupState }> {
  const opened = openCheckpoint(wire, groupId);
  if (!opened.ok) return opened;
  let state = opened.value.state;
  for (const [i, entry] of entries.entries()) {
    const applied = applyEntry(state, entry);
    if (!applied.ok)
      return i === 0 && applied.code === "stale-head"
        ? err("checkpoint-mismatch", "the entries after the checkpoint do not follow its head")
        : applied;
    state = applied.value.state;
  }
  return ok({ checkpoint: opened.value, state });
}

/**
 * An existing member's check of a checkpoint against the state it replayed itself at the same index:
 * anything but byte equality → `checkpoint-mismatch` (never sign it, never use it).
 */
export function checkpointAgrees(replayed: GroupState, body: Uint8Array): Result<true> {
  return bytesEqual(checkpointBody(replayed), body) ? ok(true) : err("checkpoint-mismatch");
}
