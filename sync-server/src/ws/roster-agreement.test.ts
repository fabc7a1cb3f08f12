/**
 * Property: the relay and a client agree on every roster. Random sequences of membership operations
 * by random actors (admins, members, former members, strangers; some on stale heads, some with expired
 * or spent invitations) go to the real relay. For each, the client's own `applyEntry` on its state at
 * that point must reach the same verdict (the same refusal code, or acceptance). Afterwards a member's
 * catch-up, replayed with `replayLog` as a client would, must give the roster, roles, epoch and head
 * the relay itself holds.
 */
import { applyEntry, bytesEqual, replayLog, type GroupState, type Role, type SignedEntry } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outcome } from "@porch/testing/group-world";
import {
  createEntry,
  inviteEntry,
  joinEntry,
  leaveEntry,
  member,
  newGroup,
  removeEntry,
  revokeEntry,
  rotateEntry,
  setRoleEntry,
  type TestGroup,
  type TestInvite,
  type TestMember,
} from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

const RUNS = 30;
const OPS = 25;
const PEOPLE = 7;

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function prng(seed: number): { next(): number; pick<T>(items: readonly T[]): T; chance(p: number): boolean } {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: (items) => items[Math.floor(next() * items.length)]!, chance: (p) => next() < p };
}

type Op = {
  readonly name: string;
  readonly author: TestMember;
  readonly entry: SignedEntry;
  readonly invite?: TestInvite;
  readonly removed?: TestMember;
};

const rosterOf = (state: GroupState) =>
  [...state.members].map(([id, m]): [string, Role] => [id, m.role]).sort(([a], [b]) => a.localeCompare(b));

describe("relay and client agree on the roster", () => {
  it(`${RUNS} runs × ${OPS} random operations`, { timeout: 180_000 }, async () => {
    const seen = new Map<string, number>();
    for (let run = 0; run < RUNS; run++) {
      const rng = prng(0x9e3779b9 ^ run);
      const people = Array.from({ length: PEOPLE }, (_, i) => member(`P${i}`));
      const clients = new Map<TestMember, TestClient>();
      for (const p of people) clients.set(p, await TestClient.as(relay.url, p));
      const byId = new Map(people.map((p) => [p.identity.memberId as string, p]));
      const group: TestGroup = newGroup();
      let time = Date.now();
      const tick = () => (time = Math.max(Date.now(), time + 2));

      const founder = people[0]!;
      const create = createEntry(founder, group, tick());
      expect(
        outcome(await clients.get(founder)!.request({ type: "append", groupId: group.bytes, entry: create.wire })),
      ).toBe("appended");
      let state = replayLog([create.wire]);
      if (!state.ok) return expect.fail("create does not replay");
      let local: GroupState = state.value;
      group.head = create.hash;
      const heads: Uint8Array[] = [create.hash];
      const invites: TestInvite[] = [];
      const tally = { accepted: 0, refused: new Map<string, number>() };

      for (let step = 0; step < OPS; step++) {
        const members = [...local.members.keys()].map((id) => byId.get(id)!);
        const actor = rng.chance(0.75) && members.length > 0 ? rng.pick(members) : rng.pick(people);
        const stale = rng.chance(0.1) && heads.length > 1;
        const at: TestGroup = stale ? { ...group, head: heads[Math.floor(rng.next() * (heads.length - 1))]! } : group;
        const target = rng.pick(people);
        const op = ((): Op | null => {
          const t = tick();
          switch (
            rng.pick(["invite", "invite", "join", "join", "remove", "leave", "set-role", "rotate", "revoke"] as const)
          ) {
            case "invite": {
              const invite = inviteEntry(
                actor,
                at,
                t,
                rng.chance(0.2) ? t + 1 : t + 3600_000,
                rng.chance(0.3) ? "admin" : "member",
              );
              return { name: "invite", author: actor, entry: invite.entry, invite };
            }
            case "join": {
              if (invites.length === 0) return null;
              const joiner = rng.chance(0.8)
                ? (rng.pick(people.filter((p) => !local.members.has(p.identity.memberId))) ?? actor)
                : actor;
              return { name: "join", author: joiner, entry: joinEntry(joiner, at, rng.pick(invites), t) };
            }
            case "remove": {
              const remaining = members.filter((m) => m !== target);
              const boxes = rng.chance(0.15)
                ? [...remaining, target]
                : rng.chance(0.1)
                  ? remaining.slice(1)
                  : remaining;
              return {
                name: "remove",
                author: actor,
                entry: removeEntry(actor, at, target, boxes, t).entry,
                removed: target,
              };
            }
            case "leave":
              return { name: "leave", author: actor, entry: leaveEntry(actor, at, t, rng.chance(0.5) ? target : null) };
            case "set-role":
              return {
                name: "set-role",
                author: actor,
                entry: setRoleEntry(actor, at, target, rng.chance(0.5) ? "admin" : "member", t),
              };
            case "rotate":
              return {
                name: "rotate",
                author: actor,
                entry: rotateEntry(actor, at, rng.chance(0.15) ? members.slice(1) : members, t).entry,
              };
            case "revoke":
              return invites.length === 0
                ? null
                : { name: "revoke", author: actor, entry: revokeEntry(actor, at, rng.pick(invites), t) };
          }
        })();
        if (op === null) continue;

        const client = clients.get(op.author)!;
        const answer = await client.request({
          type: "append",
          groupId: group.bytes,
          entry: op.entry.wire,
          ...(op.invite ? { sealedKey: op.invite.sealedKey } : {}),
        });
        const expected = applyEntry(local, op.entry.wire, { now: Date.now() });
        const where = `run ${run} step ${step}: ${op.name} by ${op.author.name}${stale ? " on a stale head" : ""}`;
        expect(outcome(answer), where).toBe(expected.ok ? "appended" : expected.code);
        if (expected.ok && answer.type === "appended") {
          local = expected.value.state;
          group.head = op.entry.hash;
          group.epoch = local.epoch;
          heads.push(op.entry.hash);
          if (op.invite) invites.push(op.invite);
          tally.accepted++;
        } else if (answer.type === "error") {
          tally.refused.set(answer.code, (tally.refused.get(answer.code) ?? 0) + 1);
        }
        // A removal closes the removed member's sockets: reconnect them for later steps.
        if (answer.type === "appended" && op.removed) {
          const gone = op.removed;
          await clients.get(gone)!.closed;
          clients.set(gone, await TestClient.as(relay.url, gone));
        }
      }

      // A current member catches up from index 0 and replays the log as a client would.
      const reader = clients.get(byId.get([...local.members.keys()][0]!)!)!;
      const catchUp = await reader.request({ type: "subscribe", groupId: group.bytes, afterSeq: 0, afterIndex: 0 });
      if (catchUp.type !== "catch-up") return expect.fail(`run ${run}: catch-up refused with ${outcome(catchUp)}`);
      state = replayLog(catchUp.entries);
      if (!state.ok) return expect.fail(`run ${run}: the relay's log does not replay (${state.code})`);
      const relayState = await relay.relay.hub.states.get(relay.storage, group.bytes);
      if (relayState === null) return expect.fail("the relay lost the group");
      expect(rosterOf(state.value), `run ${run} roster`).toEqual(rosterOf(relayState));
      expect(state.value.epoch).toBe(relayState.epoch);
      expect(bytesEqual(state.value.head, relayState.head)).toBe(true);
      expect(state.value.length).toBe(relayState.length);
      expect(rosterOf(local)).toEqual(rosterOf(relayState));
      // Every run must exercise both sides of the property.
      expect(tally.accepted, `run ${run} accepted something`).toBeGreaterThan(0);
      expect(tally.refused.size, `run ${run} refused something`).toBeGreaterThan(0);
      await Promise.all([...clients.values()].map((c) => c.close()));
      seen.set("appended", (seen.get("appended") ?? 0) + tally.accepted);
      for (const [code, n] of tally.refused) seen.set(code, (seen.get(code) ?? 0) + n);
    }
    // The generator reaches every kind of verdict the rules have, not just the easy ones.
    for (const code of [
      "appended",
      "not-admin",
      "not-a-member",
      "stale-head",
      "invite-used",
      "invite-expired",
      "invite-revoked",
      "lockbox-missing",
      "bad-entry",
      "member-not-found",
      "last-admin",
    ]) {
      expect(seen.get(code) ?? 0, `verdict ${code} over all runs: ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
    }
  });
});
