/**
 * Property: whatever a crowd of members, strangers and a confused relay throw at a log, the accepted
 * entries replay to exactly the state built one entry at a time, and a refused entry changes nothing.
 * Sequences come from a seeded PRNG, so a failure names its seed and reproduces forever.
 */
import { beforeAll, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import { deriveIdentity, deriveInviteKeys, type Identity } from "../crypto/identity.ts";
import { GroupId, MemberId, type MemberId as MemberIdT } from "../ids.ts";
import { applyEntry, replayLog, type ApplyOptions } from "./apply-entry.ts";
import type { EntryType, Payload, Role } from "./entry.ts";
import type { GroupState } from "./group-state.ts";
import { signEntry } from "./sign-entry.ts";

const T0 = 1_700_000_000_000;
const HOUR = 3_600_000;
const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
type InviteKeys = ReturnType<typeof deriveInviteKeys>;

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const fingerprint = (state: GroupState | null) =>
  JSON.stringify(state, (_k, v: unknown) => (v instanceof Uint8Array ? toBase64Url(v) : v instanceof Map ? [...v.entries()] : v));

let people: Identity[];

beforeAll(async () => {
  await readySodium();
  people = Array.from({ length: 8 }, (_, i) => deriveIdentity(new Uint8Array(32).fill(i + 1)));
});

interface Run {
  readonly accepted: Uint8Array[];
  readonly final: GroupState;
  readonly codes: Map<string, number>;
}

/** One random history of 30 attempted operations after the founding entry. */
function runSequence(seed: number): Run {
  const rnd = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rnd() * 256));
  const founder = people[0]!;
  const sign = <T extends EntryType>(state: GroupState | null, author: Identity, type: T, payload: Payload<T>, time: number, prev: Uint8Array | null, cosigner?: Uint8Array) =>
    signEntry({ type, groupId: GROUP, prev, author: author.memberId, time, payload }, author.signing.privateKey, cosigner);

  const create = sign(null, founder, "create", { epochCommit: bytes(32), boxKey: founder.box.publicKey, lockbox: bytes(80) }, T0, null).wire;
  const first = applyEntry(null, create);
  if (!first.ok) throw new Error(`seed ${seed}: create refused (${first.code})`);
  let state = first.value.state;
  const accepted = [create];
  const heads = [state.head];
  const invitations = new Map<string, InviteKeys>();
  const codes = new Map<string, number>();

  for (let op = 0; op < 30; op++) {
    const members = [...state.members.keys()];
    const memberActor = pick(members);
    const actor = rnd() < 0.6 ? people.find((p) => p.memberId === memberActor)! : pick(people);
    const time = rnd() < 0.1 ? state.headTime - 1 : state.headTime + Math.floor(rnd() * 30 * HOUR);
    const prev = rnd() < 0.1 ? pick(heads) : state.head;
    const options: ApplyOptions = pick([{}, { now: time }, { now: time + Math.floor(rnd() * 10 * 60_000) }]);
    let wire: Uint8Array;
    const kind = rnd();
    if (kind < 0.35) {
      const inv = deriveInviteKeys(bytes(32));
      const ttl = pick([HOUR, 72 * HOUR, 8 * 24 * HOUR, 0]);
      const role: Role = rnd() < 0.3 ? "admin" : "member";
      const signed = sign(state, actor, "invite", { inviteKey: inv.signing.publicKey, inviteBoxKey: inv.box.publicKey, expiresAt: time + ttl, role }, time, prev);
      wire = signed.wire;
      invitations.set(toBase64Url(signed.hash), inv);
    } else if (kind < 0.7) {
      const known = [...invitations.keys()];
      const inviteId = known.length > 0 && rnd() < 0.9 ? pick(known) : toBase64Url(bytes(32));
      const inv = invitations.get(inviteId);
      const joiner = pick(people);
      const cosigner = inv === undefined || rnd() < 0.1 ? (rnd() < 0.5 ? undefined : joiner.signing.privateKey) : inv.signing.privateKey;
      wire = sign(state, joiner, "join", { invite: MemberId.toBytes(inviteId as MemberIdT), boxKey: joiner.box.publicKey }, time, prev, cosigner).wire;
    } else if (kind < 0.95) {
      let recipients = members.map((id) => MemberId.toBytes(id));
      if (rnd() < 0.15) recipients = recipients.slice(1);
      if (rnd() < 0.1) recipients.push(MemberId.toBytes(pick(people).memberId));
      const epoch = state.epoch + (rnd() < 0.85 ? 1 : 2);
      const lockboxes = recipients.map((id): [Uint8Array, Uint8Array] => [id, bytes(80)]);
      wire = sign(state, actor, "rotate", { epoch, epochCommit: bytes(32), lockboxes, prevKey: bytes(72) }, time, prev).wire;
    } else {
      wire = bytes(Math.floor(rnd() * 200));
    }

    const before = fingerprint(state);
    const result = applyEntry(state, wire, options);
    if (fingerprint(state) !== before) throw new Error(`seed ${seed} op ${op}: applyEntry mutated its input`);
    const code = result.ok ? "accepted" : result.code;
    codes.set(code, (codes.get(code) ?? 0) + 1);
    if (result.ok) {
      state = result.value.state;
      accepted.push(wire);
      heads.push(state.head);
      if (state.length !== accepted.length || state.epochAtHead.size !== accepted.length || state.commitments.length !== state.epoch + 1) {
        throw new Error(`seed ${seed} op ${op}: state bookkeeping is inconsistent`);
      }
    }
  }
  return { accepted, final: state, codes };
}

test("200 random histories: replaying the accepted entries gives the state built one by one", () => {
  const totals = new Map<string, number>();
  for (let seed = 1; seed <= 200; seed++) {
    const run = runSequence(seed);
    const replayed = replayLog(run.accepted);
    if (!replayed.ok) expect.fail(`seed ${seed}: replay refused its own accepted log (${replayed.code})`);
    if (fingerprint(replayed.value) !== fingerprint(run.final)) expect.fail(`seed ${seed}: replay disagrees with incremental state`);
    for (const [code, n] of run.codes) totals.set(code, (totals.get(code) ?? 0) + n);
  }
  // The generator must really exercise the rules, or the property above proves little.
  expect(totals.get("accepted")).toBeGreaterThan(600);
  for (const code of ["bad-entry", "bad-signature", "not-a-member", "not-admin", "stale-head", "time-went-backwards", "clock-skew", "invite-not-found", "invite-used", "invite-expired", "lockbox-missing", "stale-epoch"]) {
    expect(totals.get(code) ?? 0, code).toBeGreaterThan(0);
  }
});

test("a fixed seed gives the same history every time; another seed gives another", () => {
  const hashes = (run: Run) => run.accepted.map((w) => toBase64Url(w)).join(",");
  expect(hashes(runSequence(42))).toBe(hashes(runSequence(42)));
  expect(hashes(runSequence(42))).not.toBe(hashes(runSequence(43)));
});
