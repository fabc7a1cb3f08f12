/**
 * Test-only helpers for the membership-log tests (`*.test.ts` in this folder): a fixed group and clock,
 * identities and invitation keys from small seeds, entry signing with every field overridable, payload
 * builders, `apply`, a state fingerprint and the refusal-table runner. Imports Vitest; never exported
 * from shared/src/index.ts and never imported by product code.
 */
import { expect, test } from "vitest";
import { toBase64Url } from "../bytes.ts";
import { deriveIdentity, deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { keyCommitment } from "../crypto/key-commitment.ts";
import { sealLockbox } from "../crypto/lockbox.ts";
import { GroupId, MemberId } from "../ids.ts";
import { applyEntry, type ApplyOptions } from "./apply-entry.ts";
import type { EntryType, Payload, Role } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import { signEntry, type SignedEntry } from "./sign-entry.ts";

/** The time of every test group's `create` (ms); each later entry is a second after the head. */
export const T0 = 1_700_000_000_000;
export const HOUR = 3_600_000;
/** The group every test log belongs to. */
export const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
/** A stand-in key for `epoch`: 32 bytes of `epoch + 1`. */
export const epochKey = (epoch: number) => new Uint8Array(32).fill(epoch + 1);

/** The identity from a root seed of 32 bytes `n` (call after `readySodium`). */
export const identity = (n: number): Identity => deriveIdentity(new Uint8Array(32).fill(n));
/** One identity per seed, in order: `[ana, ben] = identities(1, 2)`. */
export const identities = <N extends readonly number[]>(...seeds: N) =>
  seeds.map(identity) as { -readonly [K in keyof N]: Identity };
export type InviteKeys = ReturnType<typeof deriveInviteKeys>;
/** The invitation keys from a secret of 32 bytes `n`. */
export const inviteKeys = (n: number): InviteKeys => deriveInviteKeys(new Uint8Array(32).fill(n));

/** Overrides for `sign`; by default an entry follows the head, a second later, signed by its author. */
export interface SignOptions {
  time?: number;
  prev?: Uint8Array | null;
  groupId?: GroupId;
  /** Signs in the author's place (a forgery). */
  signer?: Identity;
  /** The invitation key's co-signature (a join). */
  cosigner?: Uint8Array | undefined;
}

/** `author`'s entry after `state` (`null`: the first entry, at `T0`). */
export function sign<T extends EntryType>(
  state: GroupState | null,
  author: Identity,
  type: T,
  payload: Payload<T>,
  o: SignOptions = {},
): SignedEntry {
  const prev = o.prev !== undefined ? o.prev : (state?.head ?? null);
  const time = o.time ?? (state === null ? T0 : state.headTime + 1000);
  return signEntry(
    { type, groupId: o.groupId ?? state?.groupId ?? GROUP, prev, author: author.memberId, time, payload },
    (o.signer ?? author).signing.privateKey,
    o.cosigner,
  );
}

export const createPayload = (founder: Identity): Payload<"create"> => ({
  epochCommit: keyCommitment(epochKey(0), GROUP, 0),
  boxKey: founder.box.publicKey,
  lockbox: sealLockbox(GROUP, 0, MemberId.toBytes(founder.memberId), founder.box.publicKey, epochKey(0)),
});

/** An invitation with `keys` (or `inviteKeys(keys)`), expiring at `expiresAt` or, given a state, 72 h after its head. */
export function invitePayload(
  keys: InviteKeys | number,
  expiresAt: number | GroupState,
  role: Role = "member",
): Payload<"invite"> {
  const inv = typeof keys === "number" ? inviteKeys(keys) : keys;
  const expiry = typeof expiresAt === "number" ? expiresAt : expiresAt.headTime + 72 * HOUR;
  return { inviteKey: inv.signing.publicKey, inviteBoxKey: inv.box.publicKey, expiresAt: expiry, role };
}

/** A rotation to `epoch` with one (dummy) lockbox per recipient, in order, duplicates kept. */
export const rotatePayload = (epoch: number, recipients: readonly (Identity | MemberId)[]): Payload<"rotate"> => ({
  epoch,
  epochCommit: keyCommitment(epochKey(epoch), GROUP, epoch),
  lockboxes: recipients.map((p): [Uint8Array, Uint8Array] => [
    MemberId.toBytes(typeof p === "string" ? p : p.memberId),
    new Uint8Array(80).fill(5),
  ]),
  prevKey: new Uint8Array(72),
});

export const removePayload = (member: Identity, epoch: number, recipients: readonly Identity[]): Payload<"remove"> => ({
  member: MemberId.toBytes(member.memberId),
  ...rotatePayload(epoch, recipients),
});

export const leavePayload = (successor: Identity | null): Payload<"leave"> => ({
  successor: successor === null ? null : MemberId.toBytes(successor.memberId),
});

/** The state after `wire`; throws if the entry is refused. */
export function apply(state: GroupState | null, wire: Uint8Array, options?: ApplyOptions): GroupState {
  const result = applyEntry(state, wire, options);
  if (!result.ok) throw new Error(`expected the entry to apply, got ${result.code}`);
  return result.value.state;
}

/**
 * `joiner` uses `invite` (its entry or hash), co-signed by `cosigner`: the private key of `inviteKeys(n)`
 * given a number, any key given bytes, none given `undefined`.
 */
export function joinWith(
  state: GroupState,
  joiner: Identity,
  invite: SignedEntry | Uint8Array,
  cosigner: number | Uint8Array | undefined,
  o: SignOptions = {},
): SignedEntry {
  const hash = invite instanceof Uint8Array ? invite : invite.hash;
  const key = typeof cosigner === "number" ? inviteKeys(cosigner).signing.privateKey : cosigner;
  return sign(state, joiner, "join", { invite: hash, boxKey: joiner.box.publicKey }, { ...o, cosigner: key });
}

/** `inviter` invites `joiner` with invitation `n` as `role`, and they join at once. */
export function admit(state: GroupState, inviter: Identity, joiner: Identity, role: Role, n: number): GroupState {
  const invite = sign(state, inviter, "invite", invitePayload(n, state, role));
  const invited = apply(state, invite.wire);
  return apply(invited, joinWith(invited, joiner, invite, n).wire);
}

/** The roster tests' group (apply-roster*.test.ts); call after `readySodium`. */
export interface RosterGroup {
  readonly ana: Identity;
  readonly ben: Identity;
  readonly cara: Identity;
  readonly dan: Identity;
  /** Never a member. */
  readonly eve: Identity;
  /** Cara's open invitation (invitation keys 0x44). */
  readonly caraInvite: SignedEntry;
  /** Ana (founder) and Cara admins, Ben and Dan members, Cara's invitation open, epoch 0, a rotation owed. */
  readonly joined: GroupState;
  /** `joined` after Ana rotates to epoch 1: nothing owed. */
  readonly settled: GroupState;
}

export function rosterGroup(): RosterGroup {
  const [ana, ben, cara, dan, eve] = identities(1, 2, 3, 4, 5);
  let s = apply(null, sign(null, ana, "create", createPayload(ana)).wire);
  s = admit(s, ana, ben, "member", 0x41);
  s = admit(s, ana, cara, "admin", 0x42);
  s = admit(s, ana, dan, "member", 0x43);
  const caraInvite = sign(s, cara, "invite", invitePayload(0x44, s));
  const joined = apply(s, caraInvite.wire);
  const settled = apply(joined, sign(joined, ana, "rotate", rotatePayload(1, [ana, ben, cara, dan])).wire);
  return { ana, ben, cara, dan, eve, caraInvite, joined, settled };
}

/** A canonical text of a state, to prove a refused entry changed nothing. */
export const fingerprint = (state: GroupState | null) =>
  JSON.stringify(state, (_k, v: unknown) =>
    v instanceof Uint8Array ? toBase64Url(v) : v instanceof Map ? [...v.entries()] : v,
  );

/** A refusal: its title, the state and wire (and relay options) to apply, the exact code, and the detail when checked. */
export type RefusalRow = [string, () => [GroupState | null, Uint8Array, ApplyOptions?], string, string?];

/** Runs a refusal table: the exact code (and detail when given), no throw, and an unchanged state. */
export function refusals(rows: readonly RefusalRow[]): void {
  // Objects, so the title can name the code (printf-style `%s` would print the builder).
  const cases = rows.map(([name, build, code, detail]) => ({ name, build, code, detail }));
  test.each(cases)("$name → $code", ({ build, code, detail }) => {
    const [state, wire, options] = build();
    const before = fingerprint(state);
    let result: ReturnType<typeof applyEntry> | undefined;
    expect(() => (result = applyEntry(state, wire, options))).not.toThrow();
    expect(result?.ok === false && result.code).toBe(code);
    if (detail !== undefined) expect(result?.ok === false && result.detail).toBe(detail);
    expect(fingerprint(state)).toBe(before);
  });
}
