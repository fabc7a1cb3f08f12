/**
 * Ana founds a group; Ben and Dan join as members, Cara as a second admin who opens an invitation of
 * her own. Ana removes Cara (rotating the key in the same entry); members leave, the last admin hands
 * over to a successor. Every refusal names its exact code and leaves the state as it was.
 * (Roles: apply-roster-set-role.test.ts; revocation and rotationDue: apply-invites-revoke.test.ts.)
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import type { Identity } from "../crypto/identity.ts";
import { keyCommitment } from "../crypto/key-commitment.ts";
import { MemberId } from "../ids.ts";
import { applyEntry } from "./apply-entry.ts";
import { PAYLOADS, type EntryType, type Payload } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import type { SignedEntry } from "./sign-entry.ts";
import {
  admit,
  apply,
  createPayload,
  epochKey,
  GROUP,
  invitePayload,
  joinWith,
  leavePayload,
  refusals,
  removePayload,
  rosterGroup,
  rotatePayload,
  sign,
  type RefusalRow,
} from "./test-kit.ts";

let ana: Identity, ben: Identity, cara: Identity, dan: Identity, eve: Identity;
let caraInvite: SignedEntry;
/** Ana and Cara admins, Ben and Dan members, Cara's invitation open, epoch 0, a rotation owed. */
let joined: GroupState;
/** `joined` after Ana rotates to epoch 1. */
let settled: GroupState;

beforeAll(async () => {
  await readySodium();
  ({ ana, ben, cara, dan, eve, caraInvite, joined, settled } = rosterGroup());
});

describe("Ana removes Cara, rotating the key in the same entry", () => {
  let removed: GroupState;
  beforeAll(() => {
    removed = apply(joined, sign(joined, ana, "remove", removePayload(cara, 1, [ana, ben, dan])).wire);
  });

  test("Cara is gone, remembered as removed by Ana at that index", () => {
    expect([...removed.members.keys()]).toEqual([ana.memberId, ben.memberId, dan.memberId]);
    expect(removed.former.get(cara.memberId)).toEqual({ how: "removed", by: ana.memberId, index: joined.length });
  });

  test("the removal is the rotation: next epoch, its commitment appended, the owed rotation paid", () => {
    expect(joined.rotationOwed).toBe(true);
    expect(removed.epoch).toBe(joined.epoch + 1);
    expect(removed.commitments.map(toBase64Url)).toEqual(
      [...joined.commitments, keyCommitment(epochKey(1), GROUP, 1)].map(toBase64Url),
    );
    expect(removed.epochAtHead.get(toBase64Url(removed.head))).toBe(1);
    expect(removed.rotationOwed).toBe(false);
  });

  test("Cara's open invitation dies with her: Eve could join with it before, not after", () => {
    expect(applyEntry(joined, joinWith(joined, eve, caraInvite, 0x44).wire).ok).toBe(true);
    const result = applyEntry(removed, joinWith(removed, eve, caraInvite, 0x44).wire);
    expect(result.ok === false && result.code).toBe("invite-revoked");
  });

  describe("removed, Cara can do nothing", () => {
    const attempts: { [T in Exclude<EntryType, "create" | "join">]: () => Payload<T> } = {
      invite: () => invitePayload(0x50, removed),
      "revoke-invite": () => ({ invite: caraInvite.hash }),
      remove: () => removePayload(ben, 2, [ana, dan]),
      leave: () => leavePayload(null),
      "set-role": () => ({ member: MemberId.toBytes(ben.memberId), role: "admin" }),
      rotate: () => rotatePayload(2, [ana, ben, dan]),
    };
    test("the table covers every entry a member could author", () => {
      expect(Object.keys(attempts).sort()).toEqual(
        Object.keys(PAYLOADS)
          .filter((t) => t !== "create" && t !== "join")
          .sort(),
      );
    });
    refusals(
      (Object.keys(attempts) as (keyof typeof attempts)[]).map((type): RefusalRow => [
        `Cara authors a ${type}`,
        () => [removed, sign(removed, cara, type, attempts[type]() as Payload<typeof type>).wire],
        "not-a-member",
      ]),
    );
  });

  test("with a new invitation Cara rejoins, as its role says, and is no longer a former member", () => {
    const back = admit(removed, ana, cara, "member", 0x51);
    expect(back.members.get(cara.memberId)).toMatchObject({
      role: "member",
      invitedBy: ana.memberId,
      since: removed.length + 1,
    });
    expect(back.former.has(cara.memberId)).toBe(false);
    expect(back.rotationOwed).toBe(true);
  });

  test("any admin may remove another admin, even the founder", () => {
    const s = apply(joined, sign(joined, cara, "remove", removePayload(ana, 1, [ben, cara, dan])).wire);
    expect(s.former.get(ana.memberId)).toMatchObject({ how: "removed", by: cara.memberId });
  });
});

describe("refused removals", () => {
  const remove = (author: Identity, target: Identity, epoch: number, recipients: readonly Identity[]) =>
    sign(joined, author, "remove", removePayload(target, epoch, recipients)).wire;
  refusals([
    ["Ben, a plain member, removes Dan", () => [joined, remove(ben, dan, 1, [ana, ben, cara])], "not-admin"],
    ["Eve, a stranger, removes Ben", () => [joined, remove(eve, ben, 1, [ana, cara, dan])], "not-a-member"],
    [
      "Ana removes Eve, who never joined",
      () => [joined, remove(ana, eve, 1, [ana, ben, cara, dan])],
      "member-not-found",
    ],
    [
      "Ana removes herself (admins leave with `leave`)",
      () => [joined, remove(ana, ana, 1, [ben, cara, dan])],
      "bad-entry",
    ],
    [
      "the lockboxes still include Cara, who is removed",
      () => [joined, remove(ana, cara, 1, [ana, ben, cara, dan])],
      "bad-entry",
      "lockbox for a non-member",
    ],
    ["Dan's lockbox is left out", () => [joined, remove(ana, cara, 1, [ana, ben])], "lockbox-missing"],
    [
      "Ana has two lockboxes",
      () => [joined, remove(ana, cara, 1, [ana, ben, dan, ana])],
      "bad-entry",
      "two lockboxes for one member",
    ],
    ["the removal skips an epoch", () => [joined, remove(ana, cara, 2, [ana, ben, dan])], "stale-epoch"],
    ["the removal repeats the current epoch", () => [joined, remove(ana, cara, 0, [ana, ben, dan])], "stale-epoch"],
  ]);
});

describe("members leave", () => {
  /** `settled` after Cara, an admin but not the last, leaves: Ana is the only admin. */
  let oneAdmin: GroupState;
  beforeAll(() => {
    oneAdmin = apply(settled, sign(settled, cara, "leave", leavePayload(null)).wire);
  });

  test("Ben leaves: gone, remembered as having left, same epoch, a rotation owed", () => {
    expect(settled.rotationOwed).toBe(false);
    const s = apply(settled, sign(settled, ben, "leave", leavePayload(null)).wire);
    expect(s.members.has(ben.memberId)).toBe(false);
    expect(s.former.get(ben.memberId)).toEqual({ how: "left", by: ben.memberId, index: settled.length });
    expect(s.epoch).toBe(settled.epoch);
    expect(s.rotationOwed).toBe(true);
  });

  test("an admin who is not the last may leave without naming anyone", () => {
    expect(oneAdmin.former.get(cara.memberId)?.how).toBe("left");
    expect([...oneAdmin.members].filter(([, m]) => m.role === "admin").map(([id]) => id)).toEqual([ana.memberId]);
  });

  test("the last admin names Ben as successor: Ben becomes an admin and Ana's open invitation dies", () => {
    const anaInvite = sign(oneAdmin, ana, "invite", invitePayload(0x52, oneAdmin));
    const open = apply(oneAdmin, anaInvite.wire);
    expect(applyEntry(open, joinWith(open, eve, anaInvite, 0x52).wire).ok).toBe(true);
    const s = apply(open, sign(open, ana, "leave", leavePayload(ben)).wire);
    expect(s.members.get(ben.memberId)?.role).toBe("admin");
    expect(s.former.get(ana.memberId)).toMatchObject({ how: "left", by: ana.memberId });
    const late = applyEntry(s, joinWith(s, eve, anaInvite, 0x52).wire);
    expect(late.ok === false && late.code).toBe("invite-revoked");
  });

  describe("refused departures", () => {
    let alone: GroupState;
    beforeAll(() => {
      alone = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
    });
    const leave = (state: GroupState, author: Identity, successor: Identity | null) =>
      sign(state, author, "leave", leavePayload(successor)).wire;
    refusals([
      ["the last admin leaves without a successor", () => [oneAdmin, leave(oneAdmin, ana, null)], "last-admin"],
      ["the only member leaves", () => [alone, leave(alone, ana, null)], "last-admin"],
      ["Ben, not an admin, names Dan as successor", () => [settled, leave(settled, ben, dan)], "not-admin"],
      ["the last admin names Eve, a stranger", () => [oneAdmin, leave(oneAdmin, ana, eve)], "member-not-found"],
      ["the last admin names Cara, who has left", () => [oneAdmin, leave(oneAdmin, ana, cara)], "member-not-found"],
      ["the last admin names herself", () => [oneAdmin, leave(oneAdmin, ana, ana)], "member-not-found"],
      ["Eve, a stranger, leaves", () => [settled, leave(settled, eve, null)], "not-a-member"],
      ["Cara leaves a second time", () => [oneAdmin, leave(oneAdmin, cara, null)], "not-a-member"],
    ]);
  });
});
