/**
 * The one pure validation function for membership logs, run by the relay before appending and by
 * every client when reading the log. Both must agree on every roster (see README.md for each rule).
 */
import { bytesEqual, toBase64Url } from "../bytes.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { verifyWithContext } from "../crypto/sign-context.ts";
import { MemberId } from "../ids.ts";
import { err, ok, type Result } from "../result.ts";
import { applyInvite, applyJoin, applyRevokeInvite } from "./apply-invites.ts";
import { applyLeave, applyRemove, applyRotate, applySetRole } from "./apply-roster.ts";
import { decodeEntry, type Entry } from "./entry.ts";
import type { GroupState, MemberRecord } from "./group-state.ts";

export { MAX_INVITE_TTL_MS } from "./apply-invites.ts";
export { rotationDue } from "./transitions.ts";

/** Largest clock difference the relay accepts between an entry's time and its own (ms). */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

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
  if (!verifyWithContext("entry", entry.body, entry.signature, MemberId.toBytes(entry.author)))
    return err("bad-signature");
  // Only a join carries a co-signature: one wire form per entry.
  if (entry.type !== "join" && entry.cosignature !== null) return err("bad-entry", "unexpected co-signature");
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

  const next = applyByType(state, entry, hash, options.now);
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
    prevKeys: [new Uint8Array(0)],
    members: new Map([[entry.author, founder]]),
    invites: new Map(),
    former: new Map(),
    epochAtHead: new Map([[toBase64Url(hash), 0]]),
    rotationOwed: false,
  };
}

function applyByType(
  state: GroupState,
  entry: Exclude<Entry, { type: "create" }>,
  hash: Uint8Array,
  now: number | undefined,
): Result<GroupState> {
  switch (entry.type) {
    case "invite":
      return applyInvite(state, entry, hash);
    case "revoke-invite":
      return applyRevokeInvite(state, entry, hash);
    case "join":
      return applyJoin(state, entry, hash, now);
    case "remove":
      return applyRemove(state, entry, hash);
    case "leave":
      return applyLeave(state, entry, hash);
    case "set-role":
      return applySetRole(state, entry, hash);
    case "rotate":
      return applyRotate(state, entry, hash);
  }
}
