/**
 * Ben accepts Ana's invitation while no admin is online: the invitation key and Ben both sign the join.
 * A late, reused, unsigned or mis-signed join is refused with its exact code and changes nothing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import { deriveIdentity, deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { keyCommitment } from "../crypto/key-commitment.ts";
import { sealLockbox } from "../crypto/lockbox.ts";
import { GroupId, MemberId } from "../ids.ts";
import { applyEntry, type ApplyOptions } from "./apply-entry.ts";
import type { EntryType, Payload } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import { signEntry, type SignedEntry } from "./sign-entry.ts";

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
const epochKey = (epoch: number) => new Uint8Array(32).fill(epoch + 1);
type InviteKeys = ReturnType<typeof deriveInviteKeys>;
interface Opts { time?: number; prev?: Uint8Array | null; groupId?: GroupId; signer?: Identity; cosigner?: Uint8Array }

function sign<T extends EntryType>(state: GroupState | null, author: Identity, type: T, payload: Payload<T>, o: Opts = {}): SignedEntry {
  const prev = o.prev !== undefined ? o.prev : (state?.head ?? null);
  const time = o.time ?? (state === null ? T0 : state.headTime + 1000);
  return signEntry({ type, groupId: o.groupId ?? state?.groupId ?? GROUP, prev, author: author.memberId, time, payload }, (o.signer ?? author).signing.privateKey, o.cosigner);
}
const createPayload = (founder: Identity): Payload<"create"> => ({
  epochCommit: keyCommitment(epochKey(0), GROUP, 0),
  boxKey: founder.box.publicKey,
  lockbox: sealLockbox(GROUP, 0, MemberId.toBytes(founder.memberId), founder.box.publicKey, epochKey(0)),
});
const invitePayload = (inv: InviteKeys, expiresAt: number): Payload<"invite"> => ({ inviteKey: inv.signing.publicKey, inviteBoxKey: inv.box.publicKey, expiresAt, role: "member" });
function apply(state: GroupState | null, wire: Uint8Array, options?: ApplyOptions): GroupState {
  const result = applyEntry(state, wire, options);
  if (!result.ok) throw new Error(`expected the entry to apply, got ${result.code}`);
  return result.value.state;
}
/** A canonical text of a state, to prove a refused entry changed nothing. */
const fingerprint = (state: GroupState | null) =>
  JSON.stringify(state, (_k, v: unknown) => (v instanceof Uint8Array ? toBase64Url(v) : v instanceof Map ? [...v.entries()] : v));

let ana: Identity, ben: Identity, cara: Identity;
let invBen: InviteKeys, invOther: InviteKeys;
let invited: SignedEntry;
let s1: GroupState, s2: GroupState;
const EXPIRES = T0 + 72 * HOUR;

beforeAll(async () => {
  await readySodium();
  [ana, ben, cara] = [1, 2, 3].map((n) => deriveIdentity(new Uint8Array(32).fill(n))) as [Identity, Identity, Identity];
  invBen = deriveInviteKeys(new Uint8Array(32).fill(0x42));
  invOther = deriveInviteKeys(new Uint8Array(32).fill(0x43));
  const s0 = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
  invited = sign(s0, ana, "invite", invitePayload(invBen, EXPIRES));
  s1 = apply(s0, invited.wire);
  s2 = apply(s1, join(s1, ben).wire);
});

function join(state: GroupState, joiner: Identity, o: Opts & { invite?: Uint8Array } = {}): SignedEntry {
  const cosigner = "cosigner" in o ? o.cosigner : invBen.signing.privateKey;
  return sign(state, joiner, "join", { invite: o.invite ?? invited.hash, boxKey: joiner.box.publicKey }, { ...o, cosigner });
}

test("an admin invitation makes the joiner an admin", () => {
  const invAdmin = deriveInviteKeys(new Uint8Array(32).fill(0x44));
  const adminInvite = sign(s1, ana, "invite", { ...invitePayload(invAdmin, EXPIRES), role: "admin" });
  const s = apply(s1, adminInvite.wire);
  const after = apply(s, sign(s, cara, "join", { invite: adminInvite.hash, boxKey: cara.box.publicKey }, { cosigner: invAdmin.signing.privateKey }).wire);
  expect(after.members.get(cara.memberId)?.role).toBe("admin");
});

test("a join a second before expiry, checked against a relay clock before expiry, is accepted", () => {
  expect(applyEntry(s1, join(s1, ben, { time: EXPIRES - 1000 }).wire, { now: EXPIRES - 1 }).ok).toBe(true);
});

describe("refused joins", () => {
  type Row = [string, () => [GroupState, Uint8Array, ApplyOptions?], string];
  const rows: Row[] = [
    ["the entry's time is the expiry", () => [s1, join(s1, ben, { time: EXPIRES }).wire], "invite-expired"],
    ["the entry's time is after the expiry", () => [s1, join(s1, ben, { time: EXPIRES + HOUR }).wire], "invite-expired"],
    ["the relay's clock has reached the expiry", () => [s1, join(s1, ben, { time: EXPIRES - 1000 }).wire, { now: EXPIRES }], "invite-expired"],
    ["Cara reuses Ben's used invitation", () => [s2, join(s2, cara).wire], "invite-used"],
    ["there is no co-signature", () => [s1, join(s1, ben, { cosigner: undefined }).wire], "bad-signature"],
    ["another invitation's key co-signs (wrong key)", () => [s1, join(s1, ben, { cosigner: invOther.signing.privateKey }).wire], "bad-signature"],
    ["the joiner's own key co-signs", () => [s1, join(s1, ben, { cosigner: ben.signing.privateKey }).wire], "bad-signature"],
    ["the joiner's signature is forged (Cara signs as Ben)", () => [s1, join(s1, ben, { signer: cara }).wire], "bad-signature"],
    ["the invitation hash names no invitation", () => [s1, join(s1, ben, { invite: new Uint8Array(32).fill(7) }).wire], "invite-not-found"],
    ["the invitation hash names the create entry", () => [s1, join(s1, ben, { invite: s1.head.slice().fill(0) }).wire], "invite-not-found"],
    ["the joiner is already a member (Ana)", () => [s1, join(s1, ana).wire], "bad-entry"],
    ["the join forks the log (stale prev)", () => [s2, join(s2, cara, { prev: s1.head }).wire], "stale-head"],
  ];
  // Objects, so the title can name the code (printf-style `%s` would print the builder).
  test.each(rows.map(([name, build, code]) => ({ name, build, code })))("$name → $code", ({ build, code }) => {
    const [state, wire, options] = build();
    const before = fingerprint(state);
    let result: ReturnType<typeof applyEntry> | undefined;
    expect(() => (result = applyEntry(state, wire, options))).not.toThrow();
    expect(result?.ok === false && result.code).toBe(code);
    expect(fingerprint(state)).toBe(before);
  });
});
