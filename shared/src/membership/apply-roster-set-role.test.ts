/**
 * Ana and Cara are admins, Ben and Dan members, and Cara has an invitation open. Ana promotes Ben,
 * demotes Cara (whose invitation dies with her admin rights) and can never demote the last admin.
 * Every refusal names its exact code and leaves the state as it was.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import { deriveIdentity, deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { keyCommitment } from "../crypto/key-commitment.ts";
import { sealLockbox } from "../crypto/lockbox.ts";
import { GroupId, MemberId } from "../ids.ts";
import { applyEntry } from "./apply-entry.ts";
import { type EntryType, type Payload, type Role } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import { signEntry, type SignedEntry } from "./sign-entry.ts";

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
const epochKey = (epoch: number) => new Uint8Array(32).fill(epoch + 1);
const inviteKeys = (n: number) => deriveInviteKeys(new Uint8Array(32).fill(n));
interface Opts { cosigner?: Uint8Array }

function sign<T extends EntryType>(state: GroupState | null, author: Identity, type: T, payload: Payload<T>, o: Opts = {}): SignedEntry {
  const time = state === null ? T0 : state.headTime + 1000;
  return signEntry({ type, groupId: GROUP, prev: state?.head ?? null, author: author.memberId, time, payload }, author.signing.privateKey, o.cosigner);
}
const createPayload = (founder: Identity): Payload<"create"> => ({
  epochCommit: keyCommitment(epochKey(0), GROUP, 0),
  boxKey: founder.box.publicKey,
  lockbox: sealLockbox(GROUP, 0, MemberId.toBytes(founder.memberId), founder.box.publicKey, epochKey(0)),
});
const invitePayload = (n: number, state: GroupState, role: Role = "member"): Payload<"invite"> => {
  const inv = inviteKeys(n);
  return { inviteKey: inv.signing.publicKey, inviteBoxKey: inv.box.publicKey, expiresAt: state.headTime + 72 * HOUR, role };
};
const rotatePayload = (epoch: number, recipients: readonly Identity[]): Payload<"rotate"> => ({
  epoch,
  epochCommit: keyCommitment(epochKey(epoch), GROUP, epoch),
  lockboxes: recipients.map((p): [Uint8Array, Uint8Array] => [MemberId.toBytes(p.memberId), new Uint8Array(80).fill(5)]),
  prevKey: new Uint8Array(72),
});
const removePayload = (member: Identity, epoch: number, recipients: readonly Identity[]): Payload<"remove"> => ({ member: MemberId.toBytes(member.memberId), ...rotatePayload(epoch, recipients) });
function apply(state: GroupState | null, wire: Uint8Array): GroupState {
  const result = applyEntry(state, wire);
  if (!result.ok) throw new Error(`expected the entry to apply, got ${result.code}`);
  return result.value.state;
}
/** Invitation `n` (made by `inviter`) used by `joiner`. */
const joinWith = (state: GroupState, joiner: Identity, invite: SignedEntry, n: number) =>
  sign(state, joiner, "join", { invite: invite.hash, boxKey: joiner.box.publicKey }, { cosigner: inviteKeys(n).signing.privateKey });
/** `inviter` invites `joiner` with invitation `n` and they join at once. */
function admit(state: GroupState, inviter: Identity, joiner: Identity, role: Role, n: number): GroupState {
  const invite = sign(state, inviter, "invite", invitePayload(n, state, role));
  const invited = apply(state, invite.wire);
  return apply(invited, joinWith(invited, joiner, invite, n).wire);
}
/** A canonical text of a state, to prove a refused entry changed nothing. */
const fingerprint = (state: GroupState | null) =>
  JSON.stringify(state, (_k, v: unknown) => (v instanceof Uint8Array ? toBase64Url(v) : v instanceof Map ? [...v.entries()] : v));

type Row = [string, () => [GroupState, Uint8Array], string, string?];
/** Runs a refusal table: the exact code (and detail when given), no throw, and an unchanged state. */
function refusals(rows: Row[]) {
  const cases = rows.map(([name, build, code, detail]) => ({ name, build, code, detail }));
  test.each(cases)("$name → $code", ({ build, code, detail }) => {
    const [state, wire] = build();
    const before = fingerprint(state);
    let result: ReturnType<typeof applyEntry> | undefined;
    expect(() => (result = applyEntry(state, wire))).not.toThrow();
    expect(result?.ok === false && result.code).toBe(code);
    if (detail !== undefined) expect(result?.ok === false && result.detail).toBe(detail);
    expect(fingerprint(state)).toBe(before);
  });
}

let ana: Identity, ben: Identity, cara: Identity, dan: Identity, eve: Identity;
let caraInvite: SignedEntry;
/** Ana and Cara admins, Ben and Dan members, Cara's invitation open, epoch 1, nothing owed. */
let settled: GroupState;
/** `settled` after Ana demotes Cara: Ana is the only admin. */
let demoted: GroupState;
const setRole = (state: GroupState, author: Identity, member: Identity, role: Role) => sign(state, author, "set-role", { member: MemberId.toBytes(member.memberId), role });

beforeAll(async () => {
  await readySodium();
  [ana, ben, cara, dan, eve] = [1, 2, 3, 4, 5].map((n) => deriveIdentity(new Uint8Array(32).fill(n))) as [Identity, Identity, Identity, Identity, Identity];
  let s = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
  s = admit(s, ana, ben, "member", 0x41);
  s = admit(s, ana, cara, "admin", 0x42);
  s = admit(s, ana, dan, "member", 0x43);
  caraInvite = sign(s, cara, "invite", invitePayload(0x44, s));
  s = apply(s, caraInvite.wire);
  settled = apply(s, sign(s, ana, "rotate", rotatePayload(1, [ana, ben, cara, dan])).wire);
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
    ["Ana sets Ben's role to member, which it already is", () => [settled, setRole(settled, ana, ben, "member").wire], "bad-entry", "role unchanged"],
    ["Ana sets her own role to admin, which it already is", () => [demoted, setRole(demoted, ana, ana, "admin").wire], "bad-entry", "role unchanged"],
    ["Ben, a plain member, promotes himself", () => [settled, setRole(settled, ben, ben, "admin").wire], "not-admin"],
    ["Ben, a plain member, demotes Ana", () => [settled, setRole(settled, ben, ana, "member").wire], "not-admin"],
    ["Eve, a stranger, promotes herself", () => [settled, setRole(settled, eve, eve, "admin").wire], "not-a-member"],
    ["Ana promotes Eve, who never joined", () => [settled, setRole(settled, ana, eve, "admin").wire], "member-not-found"],
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
