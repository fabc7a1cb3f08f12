/**
 * Ana invites; Ben joins with one invitation, another stays open. Ana revokes what is open (owing a
 * rotation, since the sealed key was real), and `rotationDue` says when the next admin device online
 * must rotate: after a join, leave or revocation, and once an unused invitation holding the current
 * key has expired. Refusals name their exact code and leave the state as it was.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import type { Identity } from "../crypto/identity.ts";
import { applyEntry, rotationDue } from "./apply-entry.ts";
import type { GroupState } from "./group-state.ts";
import type { SignedEntry } from "./sign-entry.ts";
import {
  apply,
  createPayload,
  HOUR,
  identities,
  invitePayload,
  joinWith,
  leavePayload,
  refusals,
  removePayload,
  rotatePayload,
  sign,
  T0,
} from "./test-kit.ts";

let ana: Identity, ben: Identity, eve: Identity;
let benInvite: SignedEntry, anaInvite: SignedEntry;
let s0: GroupState, joined: GroupState;
/** Ben joined, the key rotated to epoch 1, then Ana opened `anaInvite` (epoch 1, unused). */
let open: GroupState;
/** `open` with `anaInvite` revoked. */
let revoked: GroupState;
let expiresAt: number;
const revoke = (state: GroupState, author: Identity, invite: Uint8Array) =>
  sign(state, author, "revoke-invite", { invite }).wire;

beforeAll(async () => {
  await readySodium();
  [ana, ben, eve] = identities(1, 2, 5);
  s0 = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
  benInvite = sign(s0, ana, "invite", invitePayload(0x41, s0));
  const invited = apply(s0, benInvite.wire);
  joined = apply(invited, joinWith(invited, ben, benInvite, 0x41).wire);
  const settled = apply(joined, sign(joined, ana, "rotate", rotatePayload(1, [ana, ben])).wire);
  anaInvite = sign(settled, ana, "invite", invitePayload(0x45, settled));
  open = apply(settled, anaInvite.wire);
  expiresAt = open.invites.get(toBase64Url(anaInvite.hash))!.expiresAt;
  revoked = apply(open, revoke(open, ana, anaInvite.hash));
});

describe("Ana revokes an open invitation", () => {
  test("it is marked revoked, the epoch stays, and a rotation is owed", () => {
    expect(open.rotationOwed).toBe(false);
    expect(revoked.invites.get(toBase64Url(anaInvite.hash))).toMatchObject({ used: false, revoked: true });
    expect(revoked.epoch).toBe(open.epoch);
    expect(revoked.rotationOwed).toBe(true);
  });

  refusals([
    ["Ben, a plain member, revokes it", () => [open, revoke(open, ben, anaInvite.hash)], "not-admin"],
    ["Eve, a stranger, revokes it", () => [open, revoke(open, eve, anaInvite.hash)], "not-a-member"],
    [
      "Ana revokes a hash that names no invitation",
      () => [open, revoke(open, ana, new Uint8Array(32).fill(7))],
      "invite-not-found",
    ],
    ["Ana revokes Ben's invitation, already used", () => [open, revoke(open, ana, benInvite.hash)], "invite-used"],
    ["Ana revokes it a second time", () => [revoked, revoke(revoked, ana, anaInvite.hash)], "invite-revoked"],
    [
      "Eve joins with the revoked invitation",
      () => [revoked, joinWith(revoked, eve, anaInvite, 0x45).wire],
      "invite-revoked",
    ],
  ]);

  test("control: before the revocation, Eve's join with it is accepted", () => {
    expect(applyEntry(open, joinWith(open, eve, anaInvite, 0x45).wire).ok).toBe(true);
  });
});

describe("rotationDue", () => {
  const FAR = T0 + 365 * 24 * HOUR;

  test("a new group owes nothing, however late", () => {
    expect(rotationDue(s0, FAR)).toBe(false);
  });

  test("a join owes a rotation; the rotation pays it", () => {
    expect(rotationDue(joined, joined.headTime)).toBe(true);
    expect(rotationDue(open, open.headTime)).toBe(false);
  });

  test("a revocation or a departure owes a rotation; a removal pays its own", () => {
    expect(rotationDue(revoked, revoked.headTime)).toBe(true);
    const left = apply(open, sign(open, ben, "leave", leavePayload(null)).wire);
    expect(rotationDue(left, left.headTime)).toBe(true);
    const removed = apply(joined, sign(joined, ana, "remove", removePayload(ben, 1, [ana])).wire);
    expect(rotationDue(removed, removed.headTime)).toBe(false);
  });

  test("an unused invitation made under the current key is due from the moment it expires", () => {
    expect(rotationDue(open, expiresAt - 1)).toBe(false);
    expect(rotationDue(open, expiresAt)).toBe(true);
    expect(rotationDue(open, FAR)).toBe(true);
  });

  test("an expired invitation made under an older key owes nothing (a later rotation already replaced that key)", () => {
    const rotated = apply(open, sign(open, ana, "rotate", rotatePayload(2, [ana, ben])).wire);
    expect(rotated.invites.get(toBase64Url(anaInvite.hash))?.epoch).toBe(1);
    expect(rotationDue(rotated, FAR)).toBe(false);
  });

  // Through the log a use or a revocation itself owes a rotation, and paying it moves the epoch; these
  // states isolate the invitation clause from that debt.
  test("a used or revoked invitation owes nothing when it expires", () => {
    const id = toBase64Url(anaInvite.hash);
    const record = open.invites.get(id)!;
    for (const change of [{ used: true }, { revoked: true }]) {
      const state: GroupState = { ...open, invites: new Map([...open.invites, [id, { ...record, ...change }]]) };
      expect(rotationDue(state, FAR)).toBe(false);
    }
  });
});
