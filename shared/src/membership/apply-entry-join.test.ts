/**
 * Ben accepts Ana's invitation while no admin is online: the invitation key and Ben both sign the join.
 * A late, reused, unsigned or mis-signed join is refused with its exact code and changes nothing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { applyEntry } from "./apply-entry.ts";
import type { GroupState } from "./group-state.ts";
import type { SignedEntry } from "./sign-entry.ts";
import {
  apply,
  createPayload,
  HOUR,
  identities,
  inviteKeys,
  invitePayload,
  joinWith,
  refusals,
  sign,
  T0,
  type InviteKeys,
  type RefusalRow,
  type SignOptions,
} from "./test-kit.ts";

let ana: Identity, ben: Identity, cara: Identity;
let invBen: InviteKeys, invOther: InviteKeys;
let invited: SignedEntry;
let s1: GroupState, s2: GroupState;
const EXPIRES = T0 + 72 * HOUR;

beforeAll(async () => {
  await readySodium();
  [ana, ben, cara] = identities(1, 2, 3);
  invBen = inviteKeys(0x42);
  invOther = inviteKeys(0x43);
  const s0 = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
  invited = sign(s0, ana, "invite", invitePayload(invBen, EXPIRES));
  s1 = apply(s0, invited.wire);
  s2 = apply(s1, join(s1, ben).wire);
});

function join(state: GroupState, joiner: Identity, o: SignOptions & { invite?: Uint8Array } = {}): SignedEntry {
  return joinWith(state, joiner, o.invite ?? invited, "cosigner" in o ? o.cosigner : invBen.signing.privateKey, o);
}

test("an admin invitation makes the joiner an admin", () => {
  const invAdmin = deriveInviteKeys(new Uint8Array(32).fill(0x44));
  const adminInvite = sign(s1, ana, "invite", { ...invitePayload(invAdmin, EXPIRES), role: "admin" });
  const s = apply(s1, adminInvite.wire);
  const after = apply(
    s,
    sign(
      s,
      cara,
      "join",
      { invite: adminInvite.hash, boxKey: cara.box.publicKey },
      { cosigner: invAdmin.signing.privateKey },
    ).wire,
  );
  expect(after.members.get(cara.memberId)?.role).toBe("admin");
});

test("a join a second before expiry, checked against a relay clock before expiry, is accepted", () => {
  expect(applyEntry(s1, join(s1, ben, { time: EXPIRES - 1000 }).wire, { now: EXPIRES - 1 }).ok).toBe(true);
});

describe("refused joins", () => {
  const rows: RefusalRow[] = [
    ["the entry's time is the expiry", () => [s1, join(s1, ben, { time: EXPIRES }).wire], "invite-expired"],
    [
      "the entry's time is after the expiry",
      () => [s1, join(s1, ben, { time: EXPIRES + HOUR }).wire],
      "invite-expired",
    ],
    [
      "the relay's clock has reached the expiry",
      () => [s1, join(s1, ben, { time: EXPIRES - 1000 }).wire, { now: EXPIRES }],
      "invite-expired",
    ],
    ["Cara reuses Ben's used invitation", () => [s2, join(s2, cara).wire], "invite-used"],
    ["there is no co-signature", () => [s1, join(s1, ben, { cosigner: undefined }).wire], "bad-signature"],
    [
      "another invitation's key co-signs (wrong key)",
      () => [s1, join(s1, ben, { cosigner: invOther.signing.privateKey }).wire],
      "bad-signature",
    ],
    [
      "the joiner's own key co-signs",
      () => [s1, join(s1, ben, { cosigner: ben.signing.privateKey }).wire],
      "bad-signature",
    ],
    [
      "the joiner's signature is forged (Cara signs as Ben)",
      () => [s1, join(s1, ben, { signer: cara }).wire],
      "bad-signature",
    ],
    [
      "the invitation hash names no invitation",
      () => [s1, join(s1, ben, { invite: new Uint8Array(32).fill(7) }).wire],
      "invite-not-found",
    ],
    [
      "the invitation hash names the create entry",
      () => [s1, join(s1, ben, { invite: s1.head.slice().fill(0) }).wire],
      "invite-not-found",
    ],
    ["the joiner is already a member (Ana)", () => [s1, join(s1, ana).wire], "bad-entry"],
    ["the join forks the log (stale prev)", () => [s2, join(s2, cara, { prev: s1.head }).wire], "stale-head"],
  ];
  refusals(rows);
});
