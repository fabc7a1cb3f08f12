/**
 * Ana founds a group, invites Ben, Ben joins, Ana rotates the key. Then every way a stranger, a plain
 * member or a lying relay might bend the log is refused with its exact code, leaving the state as it was.
 * (Join-specific attacks: apply-entry-join.test.ts; random sequences: apply-entry-property.test.ts.)
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { keyCommitment } from "../crypto/key-commitment.ts";
import { signWithContext } from "../crypto/sign-context.ts";
import { GroupId, MemberId } from "../ids.ts";
import { applyEntry, replayLog } from "./apply-entry.ts";
import type { EntryType } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import type { SignedEntry } from "./sign-entry.ts";
import {
  apply,
  createPayload,
  epochKey,
  fingerprint,
  GROUP,
  HOUR,
  identities,
  inviteKeys,
  invitePayload,
  joinWith,
  refusals,
  rotatePayload,
  sign,
  T0,
  type InviteKeys,
  type RefusalRow,
  type SignOptions,
} from "./test-kit.ts";

const OTHER_GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x62))!;
const rawEntry = (parts: unknown[]) => encodeCbor(parts);

let ana: Identity, ben: Identity, cara: Identity;
let invBen: InviteKeys;
let created: SignedEntry, invited: SignedEntry, joined: SignedEntry, rotated: SignedEntry;
let s0: GroupState, s1: GroupState, s2: GroupState, s3: GroupState;

beforeAll(async () => {
  await readySodium();
  [ana, ben, cara] = identities(1, 2, 3);
  invBen = inviteKeys(0x42);
  created = sign(null, ana, "create", createPayload(ana));
  s0 = apply(null, created.wire);
  invited = sign(s0, ana, "invite", invitePayload(invBen, T0 + 72 * HOUR));
  s1 = apply(s0, invited.wire);
  joined = joinWith(s1, ben, invited, invBen.signing.privateKey);
  s2 = apply(s1, joined.wire);
  rotated = sign(s2, ana, "rotate", rotatePayload(1, [ana.memberId, ben.memberId]));
  s3 = apply(s2, rotated.wire);
});

describe("Ana founds, invites Ben, Ben joins, Ana rotates", () => {
  test("the founder is the only admin, at epoch 0, with nothing owed", () => {
    expect([...s0.members.keys()]).toEqual([ana.memberId]);
    expect(s0.members.get(ana.memberId)?.role).toBe("admin");
    expect(s0.epoch).toBe(0);
    expect(s0.rotationOwed).toBe(false);
  });

  test("the invitation is recorded under its entry hash, unused", () => {
    expect(s1.invites.get(toBase64Url(invited.hash))).toMatchObject({
      author: ana.memberId,
      used: false,
      role: "member",
      epoch: 0,
    });
  });

  test("Ben's join makes two members, uses the invitation and owes a rotation", () => {
    expect(s2.members.get(ben.memberId)).toMatchObject({ role: "member", since: 2, invitedBy: ana.memberId });
    expect(s2.invites.get(toBase64Url(invited.hash))?.used).toBe(true);
    expect(s2.rotationOwed).toBe(true);
  });

  test("the rotation reaches epoch 1, pays the debt and records the commitment", () => {
    expect(s3.members.size).toBe(2);
    expect(s3.epoch).toBe(1);
    expect(s3.rotationOwed).toBe(false);
    expect(s3.commitments.map(toBase64Url)).toEqual(
      [keyCommitment(epochKey(0), GROUP, 0), keyCommitment(epochKey(1), GROUP, 1)].map(toBase64Url),
    );
  });

  test("epochAtHead knows every entry hash and the epoch in force there", () => {
    const hashes = [created, invited, joined, rotated].map((e) => toBase64Url(e.hash));
    expect([...s3.epochAtHead.entries()]).toEqual([
      [hashes[0], 0],
      [hashes[1], 0],
      [hashes[2], 0],
      [hashes[3], 1],
    ]);
    expect(s3.length).toBe(4);
    expect(toBase64Url(s3.head)).toBe(hashes[3]);
  });

  test("replaying the whole log gives the same state, and the relay's clock accepts it too", () => {
    const wires = [created, invited, joined, rotated].map((e) => e.wire);
    const replayed = replayLog(wires);
    expect(replayed.ok && fingerprint(replayed.value)).toBe(fingerprint(s3));
    expect(replayLog(wires, { now: T0 + 3000 }).ok).toBe(true);
  });

  test("an empty log describes no group", () => {
    expect(replayLog([])).toEqual({ ok: false, code: "group-not-found" });
  });
});

describe("refused entries name their reason and change nothing", () => {
  const body = (fields: unknown[]) => encodeCbor(fields);
  const validInviteBody = () => [
    1,
    "invite",
    GroupId.toBytes(GROUP),
    s0.head,
    MemberId.toBytes(ana.memberId),
    T0 + 1000,
    invitePayload(deriveInviteKeys(new Uint8Array(32).fill(9)), T0 + HOUR),
  ];
  const signedRaw = (fields: unknown[], extra: unknown[] = []) => {
    const b = body(fields);
    return rawEntry([b, signWithContext("entry", b, ana.signing.privateKey), ...extra]);
  };
  const newInvite = (n: number) => invitePayload(deriveInviteKeys(new Uint8Array(32).fill(n)), T0 + 24 * HOUR);

  const rows: RefusalRow[] = [
    [
      "the entry signature is forged (Ben signs as Ana)",
      () => [s2, sign(s2, ana, "invite", newInvite(10), { signer: ben }).wire],
      "bad-signature",
    ],
    [
      "the signature is under the wrong context",
      () => [
        s0,
        rawEntry([body(validInviteBody()), signWithContext("update", body(validInviteBody()), ana.signing.privateKey)]),
      ],
      "bad-signature",
    ],
    ["a stranger invites", () => [s2, sign(s2, cara, "invite", newInvite(11)).wire], "not-a-member"],
    [
      "a stranger rotates",
      () => [s2, sign(s2, cara, "rotate", rotatePayload(1, [ana.memberId, ben.memberId])).wire],
      "not-a-member",
    ],
    ["a plain member invites", () => [s2, sign(s2, ben, "invite", newInvite(12)).wire], "not-admin"],
    [
      "a plain member rotates",
      () => [s2, sign(s2, ben, "rotate", rotatePayload(1, [ana.memberId, ben.memberId])).wire],
      "not-admin",
    ],
    [
      "a rotation omits Ben's lockbox",
      () => [s2, sign(s2, ana, "rotate", rotatePayload(1, [ana.memberId])).wire],
      "lockbox-missing",
    ],
    [
      "a rotation adds a lockbox for a stranger",
      () => [s2, sign(s2, ana, "rotate", rotatePayload(1, [ana.memberId, ben.memberId, cara.memberId])).wire],
      "bad-entry",
    ],
    [
      "a rotation has two lockboxes for Ana",
      () => [s2, sign(s2, ana, "rotate", rotatePayload(1, [ana.memberId, ben.memberId, ana.memberId])).wire],
      "bad-entry",
    ],
    [
      "a rotation skips an epoch",
      () => [s2, sign(s2, ana, "rotate", rotatePayload(2, [ana.memberId, ben.memberId])).wire],
      "stale-epoch",
    ],
    [
      "a rotation repeats the current epoch",
      () => [s3, sign(s3, ana, "rotate", rotatePayload(1, [ana.memberId, ben.memberId])).wire],
      "stale-epoch",
    ],
    [
      "prev is an older entry (a fork)",
      () => [s2, sign(s2, ana, "invite", newInvite(13), { prev: s1.head }).wire],
      "stale-head",
    ],
    ["prev is missing", () => [s2, sign(s2, ana, "invite", newInvite(14), { prev: null }).wire], "stale-head"],
    ["the same invite is appended again (replay)", () => [s1, invited.wire], "stale-head"],
    [
      "time goes backwards",
      () => [s1, sign(s1, ana, "invite", newInvite(15), { time: s1.headTime - 1 }).wire],
      "time-went-backwards",
    ],
    [
      "the relay's clock is 6 minutes ahead",
      () => [s1, sign(s1, ana, "invite", newInvite(16)).wire, { now: s1.headTime + 1000 + 6 * 60_000 }],
      "clock-skew",
    ],
    [
      "the relay's clock is 6 minutes behind",
      () => [s1, sign(s1, ana, "invite", newInvite(17)).wire, { now: s1.headTime + 1000 - 6 * 60_000 }],
      "clock-skew",
    ],
    [
      "a second create on an existing group",
      () => [s1, sign(s1, ana, "create", createPayload(ana), { prev: null }).wire],
      "group-exists",
    ],
    ["the first entry is not a create", () => [null, sign(null, ana, "invite", newInvite(18)).wire], "group-not-found"],
    [
      "a create names a prev",
      () => [null, sign(null, ana, "create", createPayload(ana), { prev: s0.head }).wire],
      "bad-entry",
    ],
    [
      "the entry is for another group",
      () => [s1, sign(s1, ana, "invite", newInvite(19), { groupId: OTHER_GROUP }).wire],
      "wrong-group",
    ],
    [
      "an invitation lives longer than 7 days",
      () => [s1, sign(s1, ana, "invite", invitePayload(invBen, s1.headTime + 1000 + 7 * 24 * HOUR + 1)).wire],
      "bad-entry",
    ],
    [
      "an invitation expires when it is made",
      () => [
        s1,
        sign(s1, ana, "invite", invitePayload(deriveInviteKeys(new Uint8Array(32).fill(20)), s1.headTime + 1000)).wire,
      ],
      "bad-entry",
    ],
    [
      "an invitation reuses an invitation key",
      () => [s1, sign(s1, ana, "invite", invitePayload(invBen, T0 + HOUR)).wire],
      "bad-entry",
    ],
    ["the bytes are not CBOR", () => [s1, Uint8Array.of(0xff, 0x00, 0x13)], "bad-entry"],
    ["the bytes are empty", () => [s1, new Uint8Array(0)], "bad-entry"],
    ["the body has an extra item", () => [s0, signedRaw([...validInviteBody(), 0])], "bad-entry"],
    [
      "the wire has a fourth item",
      () => [s0, signedRaw(validInviteBody(), [new Uint8Array(64), new Uint8Array(64)])],
      "bad-entry",
    ],
    [
      "the groupId is 15 bytes",
      () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 2 ? new Uint8Array(15) : f)))],
      "bad-entry",
    ],
    [
      "prev is 31 bytes",
      () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 3 ? new Uint8Array(31) : f)))],
      "bad-entry",
    ],
    [
      "the author is 33 bytes",
      () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 4 ? new Uint8Array(33) : f)))],
      "bad-entry",
    ],
    ["the log version is 2", () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 0 ? 2 : f)))], "bad-entry"],
    [
      "the type is one this version does not know",
      () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 1 ? "promote" : f)))],
      "bad-entry",
    ],
    [
      "a known type carries another type's payload (an invite payload as a remove)",
      () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 1 ? "remove" : f)))],
      "bad-entry",
    ],
    ["the time is negative", () => [s0, signedRaw(validInviteBody().map((f, i) => (i === 5 ? -1 : f)))], "bad-entry"],
    ["the signature is 63 bytes", () => [s0, rawEntry([body(validInviteBody()), new Uint8Array(63)])], "bad-entry"],
  ];
  refusals(rows);

  test("control: the hand-built invite body used above is accepted when nothing is wrong", () => {
    const b = body(validInviteBody());
    expect(applyEntry(s0, rawEntry([b, signWithContext("entry", b, ana.signing.privateKey)])).ok).toBe(true);
  });
});

describe("only a join carries a co-signature", () => {
  let open: GroupState, openInvite: SignedEntry;
  beforeAll(() => {
    openInvite = sign(s3, ana, "invite", invitePayload(deriveInviteKeys(new Uint8Array(32).fill(30)), T0 + HOUR));
    open = apply(s3, openInvite.wire);
  });
  const ben32 = () => MemberId.toBytes(ben.memberId);
  const attempts: { [T in Exclude<EntryType, "join">]: (o: SignOptions) => [GroupState | null, Uint8Array] } = {
    create: (o) => [null, sign(null, ana, "create", createPayload(ana), o).wire],
    invite: (o) => [
      open,
      sign(open, ana, "invite", invitePayload(deriveInviteKeys(new Uint8Array(32).fill(31)), T0 + HOUR), o).wire,
    ],
    "revoke-invite": (o) => [open, sign(open, ana, "revoke-invite", { invite: openInvite.hash }, o).wire],
    remove: (o) => [open, sign(open, ana, "remove", { member: ben32(), ...rotatePayload(2, [ana.memberId]) }, o).wire],
    leave: (o) => [open, sign(open, ben, "leave", { successor: null }, o).wire],
    "set-role": (o) => [open, sign(open, ana, "set-role", { member: ben32(), role: "admin" }, o).wire],
    rotate: (o) => [open, sign(open, ana, "rotate", rotatePayload(2, [ana.memberId, ben.memberId]), o).wire],
  };
  test.each(Object.keys(attempts) as (keyof typeof attempts)[])(
    "a co-signed %s → bad-entry; the same entry without it is accepted",
    (type) => {
      const [state, cosigned] = attempts[type]({ cosigner: invBen.signing.privateKey });
      const before = fingerprint(state);
      const result = applyEntry(state, cosigned);
      expect(result.ok === false && [result.code, result.detail]).toEqual(["bad-entry", "unexpected co-signature"]);
      expect(fingerprint(state)).toBe(before);
      expect(applyEntry(...attempts[type]({})).ok).toBe(true);
    },
  );
});
