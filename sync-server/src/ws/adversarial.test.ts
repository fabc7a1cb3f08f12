/**
 * The adversarial table of issue 3, against the real relay: each row is an attack a member, a former
 * member or a stranger could try. Each asserts the exact refusal code and that nothing changed (log
 * length and head, envelope seq).
 *
 * Not in this table: an update whose Automerge actor belongs to another member. The relay cannot check
 * it — the changes are inside the sealed envelope it cannot open — so it is the receiving client's check
 * (actor bound to the signer), tested on the client side.
 */
import { MemberId, inviteLookupMessage, signWithContext, type ServerFrame } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append, outcome, probe, world, type World } from "@porch/testing/group-world";
import {
  entryBy,
  inviteEntry,
  joinEntry,
  leaveEntry,
  member,
  removeEntry,
  revokeEntry,
  rotateEntry,
  rotation,
  seal,
  setRoleEntry,
} from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const flipLast = (bytes: Uint8Array) => bytes.map((b, i) => (i === bytes.length - 1 ? b ^ 1 : b));

/** A row: its name, the refusal code, and a set-up that returns the attack (the probe runs in between). */
type Row = readonly [string, string, (w: World) => Promise<() => Promise<ServerFrame>>];

const rows: readonly Row[] = [
  [
    "a forged entry signature",
    "bad-signature",
    async (w) => {
      const invite = inviteEntry(w.ana, w.group, w.now);
      return () =>
        w.client(w.ana).request({
          type: "append",
          groupId: w.group.bytes,
          entry: flipLast(invite.entry.wire),
          sealedKey: invite.sealedKey,
        });
    },
  ],
  [
    "an entry from a stranger",
    "not-a-member",
    async (w) => {
      const eve = member("Eve");
      const eveClient = await TestClient.as(relay.url, eve);
      const invite = inviteEntry(eve, w.group, w.now);
      return () => append(eveClient, w.group, invite.entry, invite.sealedKey);
    },
  ],
  [
    "a member invites",
    "not-admin",
    async (w) => {
      const invite = inviteEntry(w.ben, w.group, w.now);
      return () => append(w.client(w.ben), w.group, invite.entry, invite.sealedKey);
    },
  ],
  [
    "a member removes another",
    "not-admin",
    async (w) => () =>
      append(w.client(w.ben), w.group, removeEntry(w.ben, w.group, w.cara, [w.ana, w.ben], w.now).entry),
  ],
  [
    "a member injects a key (rotates)",
    "not-admin",
    async (w) => () =>
      append(w.client(w.ben), w.group, rotateEntry(w.ben, w.group, [w.ana, w.ben, w.cara], w.now).entry),
  ],
  [
    "a member promotes themself",
    "not-admin",
    async (w) => () => append(w.client(w.ben), w.group, setRoleEntry(w.ben, w.group, w.ben, "admin", w.now)),
  ],
  [
    "a member revokes an invitation",
    "not-admin",
    async (w) => {
      const invite = inviteEntry(w.ana, w.group, w.now);
      await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
      return () => append(w.client(w.ben), w.group, revokeEntry(w.ben, w.group, invite, w.now));
    },
  ],
  [
    "an entry on a stale prev",
    "stale-head",
    async (w) => {
      const old = w.group.head;
      const invite = inviteEntry(w.ana, w.group, w.now);
      await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
      const promote = entryBy(
        w.ana,
        w.group,
        "set-role",
        { member: MemberId.toBytes(w.ben.identity.memberId), role: "admin" },
        w.now,
        old,
      );
      return () => append(w.client(w.ana), w.group, promote);
    },
  ],
  [
    "a replayed entry",
    "stale-head",
    async (w) => {
      const invite = inviteEntry(w.ana, w.group, w.now);
      await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
      return () =>
        w
          .client(w.ana)
          .request({ type: "append", groupId: w.group.bytes, entry: invite.entry.wire, sealedKey: invite.sealedKey });
    },
  ],
  [
    "a rotation that leaves out a current member's lockbox",
    "lockbox-missing",
    async (w) => () => append(w.client(w.ana), w.group, rotateEntry(w.ana, w.group, [w.ana, w.ben], w.now).entry),
  ],
  [
    "a removal whose lockboxes include the removed member",
    "bad-entry",
    async (w) => () =>
      append(w.client(w.ana), w.group, removeEntry(w.ana, w.group, w.cara, [w.ana, w.ben, w.cara], w.now).entry),
  ],
  [
    "a rotation that skips an epoch",
    "stale-epoch",
    async (w) => {
      const skipped = rotation({ ...w.group, epoch: 1 }, [w.ana, w.ben, w.cara]);
      return () => append(w.client(w.ana), w.group, entryBy(w.ana, w.group, "rotate", skipped.payload, w.now));
    },
  ],
  [
    "the last admin leaves without a successor",
    "last-admin",
    async (w) => () => append(w.client(w.ana), w.group, leaveEntry(w.ana, w.group, w.now)),
  ],
  [
    "the last admin demotes themself",
    "last-admin",
    async (w) => () => append(w.client(w.ana), w.group, setRoleEntry(w.ana, w.group, w.ana, "member", w.now)),
  ],
  [
    "an expired invitation",
    "invite-expired",
    async (w) => {
      const invite = inviteEntry(w.ana, w.group, w.now, w.now + 1_000);
      await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
      const dan = member("Dan");
      const danClient = await TestClient.as(relay.url, dan);
      return async () => {
        relay.advanceClock(2_000);
        try {
          return await append(danClient, w.group, joinEntry(dan, w.group, invite, w.now + 500));
        } finally {
          relay.advanceClock(-2_000);
        }
      };
    },
  ],
  [
    "a reused invitation",
    "invite-used",
    async (w) => {
      const invite = inviteEntry(w.ana, w.group, w.now);
      await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
      const dan = member("Dan");
      await append(await TestClient.as(relay.url, dan), w.group, joinEntry(dan, w.group, invite, w.now));
      const eve = member("Eve");
      const eveClient = await TestClient.as(relay.url, eve);
      return () => append(eveClient, w.group, joinEntry(eve, w.group, invite, w.now));
    },
  ],
  [
    "an append that names another member as author",
    "bad-signature",
    async (w) => () => append(w.client(w.ben), w.group, setRoleEntry(w.ana, w.group, w.ben, "admin", w.now)),
  ],
];

describe("the relay refuses, and nothing changes", () => {
  it.each(rows)("%s → %s", async (_name, code, setUp) => {
    const w = await world(relay.url);
    const attack = await setUp(w);
    const before = await probe(relay.storage, w.group);
    expect(await attack()).toMatchObject({ type: "error", code, fatal: false });
    expect(await probe(relay.storage, w.group)).toEqual(before);
  });
});

describe("invitations", () => {
  it("two joins racing one invitation: exactly one is appended, the other is told invite-used or stale-head", async () => {
    const w = await world(relay.url);
    const invite = inviteEntry(w.ana, w.group, w.now);
    await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
    const [dan, eve] = [member("Dan"), member("Eve")];
    const [danClient, eveClient] = await Promise.all([TestClient.as(relay.url, dan), TestClient.as(relay.url, eve)]);
    const before = await probe(relay.storage, w.group);
    const answers = await Promise.all([
      danClient.request({ type: "append", groupId: w.group.bytes, entry: joinEntry(dan, w.group, invite, w.now).wire }),
      eveClient.request({ type: "append", groupId: w.group.bytes, entry: joinEntry(eve, w.group, invite, w.now).wire }),
    ]);
    const outcomes = answers.map(outcome);
    expect(outcomes.filter((o) => o === "appended")).toHaveLength(1);
    expect(outcomes.find((o) => o !== "appended")).toMatch(/^(invite-used|stale-head)$/);
    expect((await probe(relay.storage, w.group)).length).toBe(before.length + 1);
    expect(answers.filter((a) => a.type === "appended" && a.releasedKey !== null)).toHaveLength(1);
  });

  it("the invitation link reads only the public log, never the sealed key, without joining", async () => {
    const w = await world(relay.url);
    const invite = inviteEntry(w.ana, w.group, w.now);
    await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
    const thief = await TestClient.as(relay.url, member("Thief"));
    const proof = signWithContext(
      "inviteLookup",
      inviteLookupMessage(thief.challenge.nonce, w.group.bytes),
      invite.keys.signing.privateKey,
    );
    const log = await thief.request({
      type: "invite-lookup",
      groupId: w.group.bytes,
      inviteKey: invite.keys.signing.publicKey,
      proof,
    });
    expect(log.type).toBe("log");
    // The log and the invitation's sealed card (none was left here), never the sealed key.
    expect(Object.keys(log).sort()).toEqual(["entries", "groupId", "id", "inviteCard", "type", "v"]);
    expect(log.type === "log" && log.inviteCard).toBeNull();
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    if (log.type === "log") for (const entry of log.entries) expect(hex(entry)).not.toContain(hex(invite.sealedKey));
    expect(await relay.storage.hasInviteKey(w.group.bytes, invite.entry.hash)).toBe(true);
    // Subscribing as a non-member gets nothing either.
    expect(
      await thief.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 0 }),
    ).toMatchObject({ code: "not-a-member" });
  });

  it("a revoked invitation cannot be used, and its sealed key is gone from storage", async () => {
    const w = await world(relay.url);
    const invite = inviteEntry(w.ana, w.group, w.now);
    await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey);
    expect(await relay.storage.hasInviteKey(w.group.bytes, invite.entry.hash)).toBe(true);
    expect(await append(w.client(w.ana), w.group, revokeEntry(w.ana, w.group, invite, w.now))).toMatchObject({
      type: "appended",
    });
    expect(await relay.storage.hasInviteKey(w.group.bytes, invite.entry.hash)).toBe(false);
    const before = await probe(relay.storage, w.group);
    const dan = member("Dan");
    const answer = await append(await TestClient.as(relay.url, dan), w.group, joinEntry(dan, w.group, invite, w.now));
    expect(answer).toMatchObject({ type: "error", code: "invite-revoked", fatal: false });
    expect(await probe(relay.storage, w.group)).toEqual(before);
  });
});

describe("a removed member", () => {
  it("gets the removal, is told removed-from-group, has its sockets closed, and every later frame about the group is refused", async () => {
    const w = await world(relay.url);
    const ben = w.client(w.ben);
    const benLaptop = await TestClient.as(relay.url, w.ben);
    await ben.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 99 });
    const { entry, rotation: next } = removeEntry(w.ana, w.group, w.ben, [w.ana, w.cara], w.now);
    expect(await append(w.client(w.ana), w.group, entry)).toMatchObject({ type: "appended" });
    w.group.epoch = next.epoch;
    w.group.epochKey = next.key;

    expect(await ben.nextLive("entry")).toMatchObject({ bytes: entry.wire });
    expect(await ben.next((f) => f.type === "error")).toMatchObject({
      id: null,
      code: "removed-from-group",
      fatal: false,
    });
    expect(await ben.closed).toBe(1008);
    expect(await benLaptop.closed).toBe(1008);

    const back = await TestClient.as(relay.url, w.ben);
    const before = await probe(relay.storage, w.group);
    expect(await back.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 0 })).toMatchObject(
      { code: "not-a-member" },
    );
    expect(await back.request({ type: "publish", envelope: seal(w.ben, w.group, { counter: 1 }) })).toMatchObject({
      code: "not-a-member",
    });
    expect(await append(back, w.group, leaveEntry(w.ben, w.group, w.now))).toMatchObject({ code: "not-a-member" });
    expect(await probe(relay.storage, w.group)).toEqual(before);
    expect(await back.request({ type: "my-groups" })).toEqual({ v: 1, type: "groups", id: 4, groupIds: [] });
  });
});
