/**
 * Ana and Cara are admins, Ben and Dan members, and Cara has an invitation open. Ana promotes Ben,
 * demotes Cara (whose invitation dies with her admin rights) and can never demote the last admin.
 * Every refusal names its exact code and leaves the state as it was.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import type { Identity } from "../crypto/identity.ts";
import { MemberId } from "../ids.ts";
import { applyEntry } from "./apply-entry.ts";
import type { Role } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import type { SignedEntry } from "./sign-entry.ts";
import { admit, apply, invitePayload, joinWith, refusals, removePayload, rosterGroup, sign } from "./test-kit.ts";

let ana: Identity, ben: Identity, cara: Identity, dan: Identity, eve: Identity;
let caraInvite: SignedEntry;
/** Ana and Cara admins, Ben and Dan members, Cara's invitation open, epoch 1, nothing owed. */
let settled: GroupState;
/** `settled` after Ana demotes Cara: Ana is the only admin. */
let demoted: GroupState;
const setRole = (state: GroupState, author: Identity, member: Identity, role: Role) =>
  sign(state, author, "set-role", { member: MemberId.toBytes(member.memberId), role });

beforeAll(async () => {
  await readySodium();
  ({ ana, ben, cara, dan, eve, caraInvite, settled } = rosterGroup());
  demoted = apply(settled, setRole(settled, ana, cara, "member").wire);
});

describe("Ana changes roles", () => {
  test("Ben is promoted; nothing else moves, and no rotation is owed (no key changed hands)", () => {
    const s = apply(settled, setRole(settled, ana, ben, "admin").wire);
    expect(s.members.get(ben.memberId)).toEqual({ ...settled.members.get(ben.memberId), role: "admin" });
    expect([...s.members.keys()]).toEqual([...settled.members.keys()]);
    expect(s.epoch).toBe(settled.epoch);
    expect(s.rotationOwed).toBe(false);
  });

  test("Cara is demoted and can no longer invite", () => {
    expect(demoted.members.get(cara.memberId)?.role).toBe("member");
    const result = applyEntry(demoted, sign(demoted, cara, "invite", invitePayload(0x50, demoted)).wire);
    expect(result.ok === false && result.code).toBe("not-admin");
  });

  test("Cara's open invitation dies with her admin rights: Eve could join with it before, not after", () => {
    expect(applyEntry(settled, joinWith(settled, eve, caraInvite, 0x44).wire).ok).toBe(true);
    const result = applyEntry(demoted, joinWith(demoted, eve, caraInvite, 0x44).wire);
    expect(result.ok === false && result.code).toBe("invite-revoked");
  });

  test("an admin may step down while another admin remains", () => {
    const s = apply(settled, setRole(settled, cara, cara, "member").wire);
    expect(s.members.get(cara.memberId)?.role).toBe("member");
  });
});

describe("refused role changes", () => {
  refusals([
    ["Ana demotes herself, the last admin", () => [demoted, setRole(demoted, ana, ana, "member").wire], "last-admin"],
    [
      "Ana sets Ben's role to member, which it already is",
      () => [settled, setRole(settled, ana, ben, "member").wire],
      "bad-entry",
      "role unchanged",
    ],
    [
      "Ana sets her own role to admin, which it already is",
      () => [demoted, setRole(demoted, ana, ana, "admin").wire],
      "bad-entry",
      "role unchanged",
    ],
    ["Ben, a plain member, promotes himself", () => [settled, setRole(settled, ben, ben, "admin").wire], "not-admin"],
    ["Ben, a plain member, demotes Ana", () => [settled, setRole(settled, ben, ana, "member").wire], "not-admin"],
    ["Eve, a stranger, promotes herself", () => [settled, setRole(settled, eve, eve, "admin").wire], "not-a-member"],
    [
      "Ana promotes Eve, who never joined",
      () => [settled, setRole(settled, ana, eve, "admin").wire],
      "member-not-found",
    ],
  ]);
});

describe("a dead invitation stays dead", () => {
  // Open invitations die with their author's admin rights and stay dead (closed in the state as revoked).
  test("Cara is demoted then promoted again: her old invitation must not come back", () => {
    const again = apply(demoted, setRole(demoted, ana, cara, "admin").wire);
    const result = applyEntry(again, joinWith(again, eve, caraInvite, 0x44).wire);
    expect(result.ok === false && result.code).toBe("invite-revoked");
  });

  // Cara is removed (perhaps her device was stolen) and later rejoins: her old links stay dead.
  test("Cara is removed and rejoins as an admin: her old invitation must not come back", () => {
    const removed = apply(settled, sign(settled, ana, "remove", removePayload(cara, 2, [ana, ben, dan])).wire);
    const back = admit(removed, ana, cara, "admin", 0x51);
    const result = applyEntry(back, joinWith(back, eve, caraInvite, 0x44).wire);
    expect(result.ok === false && result.code).toBe("invite-revoked");
  });
});
