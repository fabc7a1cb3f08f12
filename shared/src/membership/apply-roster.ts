/** Rules for `remove`, `leave`, `set-role` and `rotate`. See README.md for why each exists. */
import { err, ok, type Result } from "../result.ts";
import type { Entry } from "./entry.ts";
import type { GroupState, MemberRecord } from "./group-state.ts";
import { adminCount, advance, checkRotation, closeInvitesOf, memberFromBytes, requireRole } from "./transitions.ts";

type Of<T extends Entry["type"]> = Extract<Entry, { type: T }>;

/** An admin removes another member and rotates the key in the same entry, leaving the removed member out. */
export function applyRemove(state: GroupState, entry: Of<"remove">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, true);
  if (!role.ok) return role;
  const target = memberFromBytes(entry.payload.member);
  if (!state.members.has(target)) return err("member-not-found");
  if (target === entry.author) return err("bad-entry", "an admin leaves with `leave`, not `remove`");
  const members = new Map(state.members);
  members.delete(target);
  const rotation = checkRotation(state, entry.payload.epoch, entry.payload.lockboxes, members.keys());
  if (!rotation.ok) return rotation;
  return ok(
    advance(state, entry, hash, {
      members,
      invites: closeInvitesOf(state.invites, target),
      former: new Map([...state.former, [target, { how: "removed", by: entry.author, index: state.length }]]),
      epoch: entry.payload.epoch,
      commitments: [...state.commitments, entry.payload.epochCommit],
      prevKeys: [...state.prevKeys, entry.payload.prevKey],
      rotationOwed: false,
    }),
  );
}

/** A member leaves. The last admin must name a successor (who becomes an admin) and cannot leave alone. */
export function applyLeave(state: GroupState, entry: Of<"leave">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, false);
  if (!role.ok) return role;
  const leaver = state.members.get(entry.author)!;
  const members = new Map(state.members);
  members.delete(entry.author);
  const successorBytes = entry.payload.successor;
  if (successorBytes !== null) {
    if (leaver.role !== "admin") return err("not-admin");
    const successor = memberFromBytes(successorBytes);
    const record = members.get(successor);
    if (record === undefined) return err("member-not-found");
    members.set(successor, { ...record, role: "admin" });
  }
  if (members.size === 0 || ![...members.values()].some((m) => m.role === "admin")) return err("last-admin");
  return ok(
    advance(state, entry, hash, {
      members,
      invites: closeInvitesOf(state.invites, entry.author),
      former: new Map([...state.former, [entry.author, { how: "left", by: entry.author, index: state.length }]]),
      rotationOwed: true,
    }),
  );
}

/** An admin promotes or demotes a member; the group always keeps at least one admin. */
export function applySetRole(state: GroupState, entry: Of<"set-role">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, true);
  if (!role.ok) return role;
  const target = memberFromBytes(entry.payload.member);
  const record = state.members.get(target);
  if (record === undefined) return err("member-not-found");
  if (record.role === entry.payload.role) return err("bad-entry", "role unchanged");
  if (record.role === "admin" && adminCount(state) === 1) return err("last-admin");
  const updated: MemberRecord = { ...record, role: entry.payload.role };
  const invites = entry.payload.role === "member" ? closeInvitesOf(state.invites, target) : state.invites;
  return ok(advance(state, entry, hash, { members: new Map([...state.members, [target, updated]]), invites }));
}

/** An admin rotates the key: exactly the next epoch, one lockbox per current member. */
export function applyRotate(state: GroupState, entry: Of<"rotate">, hash: Uint8Array): Result<GroupState> {
  const role = requireRole(state, entry.author, true);
  if (!role.ok) return role;
  const rotation = checkRotation(state, entry.payload.epoch, entry.payload.lockboxes, state.members.keys());
  if (!rotation.ok) return rotation;
  return ok(
    advance(state, entry, hash, {
      epoch: entry.payload.epoch,
      commitments: [...state.commitments, entry.payload.epochCommit],
      prevKeys: [...state.prevKeys, entry.payload.prevKey],
      rotationOwed: false,
    }),
  );
}
