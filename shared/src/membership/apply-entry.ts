/**
 * The one pure validation function for membership logs, run by the relay before appending and by
 * every client when reading the log. Both must agree on every roster (see README.md for each rule).
 */
import { bytesEqual, toBase64Url } from "../bytes.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { verifyWithContext } from "../crypto/sign-context.ts";
import { MemberId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import { decodeEntry, type Entry } from "./entry.ts";
import type { GroupState, MemberRecord } from "./group-state.ts";

/** Largest clock difference the relay accepts between an entry's time and its own (ms). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;
/** Longest an invitation may stay open (ms). */
export const MAX_INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** Options for the checks only the relay can make. */
export interface ApplyOptions {
  /** The relay's clock (ms). When given, entry times must be within ±5 min and invitations unexpired now. */
  readonly now?: number;
}

/** The result of one valid entry: the new state and the entry itself. */
export interface Applied {
  readonly state: GroupState;
  readonly entry: Entry;
  readonly hash: Uint8Array;
}

/** Validates one wire entry against the state before it (`null` for a new group). */
export function applyEntry(state: GroupState | null, wire: Uint8Array, options: ApplyOptions = {}): Result<Applied> {
  const entry = decodeEntry(wire);
  if (entry === null) return err("bad-entry", "malformed entry");
  if (!verifyWithContext("entry", entry.body, entry.signature, MemberId.toBytes(entry.author))) return err("bad-signature");
  const hash = blake2b256(entry.body);
  if (options.now !== undefined && Math.abs(entry.time - options.now) > MAX_CLOCK_SKEW_MS) return err("clock-skew");

  if (state === null) {
    if (entry.type !== "create") return err("group-not-found");
    if (entry.prev !== null) return err("bad-entry", "create has a prev");
    return ok({ state: applyCreate(entry, hash), entry, hash });
  }
  if (entry.type === "create") return err("group-exists");
  if (entry.groupId !== state.groupId) return err("wrong-group");
  if (entry.prev === null || !bytesEqual(entry.prev, state.head)) return err("stale-head");
  if (entry.time < state.headTime) return err("time-went-backwards");

  const next = applyByType(state, entry, hash, options);
  return next.ok ? ok({ state: next.value, entry, hash }) : next;
}

/** Validates a whole log from its first entry. */
export function replayLog(wires: readonly Uint8Array[], options: ApplyOptions = {}): Result<GroupState> {
  let state: GroupState | null = null;
  for (const wire of wires) {
    const applied = applyEntry(state, wire, options);
    if (!applied.ok) return applied;
    state = applied.value.state;
  }
  return state === null ? err("group-not-found") : ok(state);
}

function applyCreate(entry: Extract<Entry, { type: "create" }>, hash: Uint8Array): GroupState {
  const founder: MemberRecord = { role: "admin", boxKey: entry.payload.boxKey, since: 0, invitedBy: null };
  return {
    groupId: entry.groupId,
    length: 1,
    head: hash,
    headTime: entry.time,
    epoch: 0,
    commitments: [entry.payload.epochCommit],
    members: new Map([[entry.author, founder]]),
    invites: new Map(),
    epochAtHead: new Map([[toBase64Url(hash), 0]]),
    rotationOwed: false,
  };
}

function advance(state: GroupState, entry: Entry, hash: Uint8Array, changes: Partial<GroupState>): GroupState {
  const epoch = changes.epoch ?? state.epoch;
  return {
    ...state,
    ...changes,
    length: state.length + 1,
    head: hash,
    headTime: entry.time,
    epochAtHead: new Map([...state.epochAtHead, [toBase64Url(hash), epoch]]),
  };
}

function applyByType(state: GroupState, entry: Exclude<Entry, { type: "create" }>, hash: Uint8Array, options: ApplyOptions): Result<GroupState> {
  const author = state.members.get(entry.author);
  switch (entry.type) {
    case "invite": {
      if (author === undefined) return err("not-a-member");
      if (author.role !== "admin") return err("not-admin");
      const { inviteKey, inviteBoxKey, expiresAt, role } = entry.payload;
      if (expiresAt <= entry.time || expiresAt > entry.time + MAX_INVITE_TTL_MS) return err("bad-entry", "invitation lifetime");
      for (const invite of state.invites.values()) if (bytesEqual(invite.inviteKey, inviteKey)) return err("bad-entry", "invitation key reused");
      const record = { author: entry.author, inviteKey, inviteBoxKey, expiresAt, role, epoch: state.epoch, used: false };
      return ok(advance(state, entry, hash, { invites: new Map([...state.invites, [toBase64Url(hash), record]]) }));
    }
    case "join": {
      if (author !== undefined) return err("bad-entry", "already a member");
      const inviteId = toBase64Url(entry.payload.invite);
      const invite = state.invites.get(inviteId);
      if (invite === undefined) return err("invite-not-found");
      if (invite.used) return err("invite-used");
      if (entry.time >= invite.expiresAt || (options.now !== undefined && options.now >= invite.expiresAt)) return err("invite-expired");
      // Invitations die with their author's admin rights (removal and demotion arrive with `remove`/`set-role`).
      if (state.members.get(invite.author)?.role !== "admin") return err("invite-not-found");
      if (entry.cosignature === null || !verifyWithContext("inviteJoin", entry.body, entry.cosignature, invite.inviteKey)) return err("bad-signature");
      const member: MemberRecord = { role: invite.role, boxKey: entry.payload.boxKey, since: state.length, invitedBy: invite.author };
      return ok(
        advance(state, entry, hash, {
          members: new Map([...state.members, [entry.author, member]]),
          invites: new Map([...state.invites, [inviteId, { ...invite, used: true }]]),
          rotationOwed: true,
        }),
      );
    }
    case "rotate": {
      if (author === undefined) return err("not-a-member");
      if (author.role !== "admin") return err("not-admin");
      const { epoch, epochCommit, lockboxes } = entry.payload;
      if (epoch !== state.epoch + 1) return err("stale-epoch");
      const recipients = new Set(lockboxes.map(([id]) => toBase64Url(id)));
      if (recipients.size !== lockboxes.length) return err("bad-entry", "two lockboxes for one member");
      for (const memberId of state.members.keys()) if (!recipients.has(memberId)) return err("lockbox-missing");
      if (recipients.size !== state.members.size) return err("bad-entry", "lockbox for a non-member");
      return ok(advance(state, entry, hash, { epoch, commitments: [...state.commitments, epochCommit], rotationOwed: false }));
    }
  }
}
