import { inviteLookupMessage, signWithContext, type ServerFrame } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEntry,
  inviteEntry,
  joinEntry,
  member,
  newGroup,
  revokeEntry,
  type TestInvite,
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

function lookup(client: TestClient, group: { bytes: Uint8Array }, invite: TestInvite): Promise<ServerFrame> {
  const proof = signWithContext(
    "inviteLookup",
    inviteLookupMessage(client.challenge.nonce, group.bytes),
    invite.keys.signing.privateKey,
  );
  return client.request({
    type: "invite-lookup",
    groupId: group.bytes,
    inviteKey: invite.keys.signing.publicKey,
    proof,
  });
}

/** Ana founds a group over the relay and opens one invitation (expiring at `expiresAt`, default 72 h). */
async function anaInvites(expiresAt?: (now: number) => number) {
  const ana = member("Ana");
  const group = newGroup();
  const anaClient = await TestClient.as(relay.url, ana);
  const now = Date.now();
  const create = createEntry(ana, group, now);
  await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire });
  group.head = create.hash;
  const invite = expiresAt === undefined ? inviteEntry(ana, group, now) : inviteEntry(ana, group, now, expiresAt(now));
  await anaClient.request({
    type: "append",
    groupId: group.bytes,
    entry: invite.entry.wire,
    sealedKey: invite.sealedKey,
  });
  group.head = invite.entry.hash;
  return { ana, group, anaClient, now, invite };
}

describe("membership log over the relay", () => {
  it("Ana founds a group and invites Ben, who reads the log, joins and receives the sealed epoch key", async () => {
    const ana = member("Ana");
    const ben = member("Ben");
    const group = newGroup();
    const anaClient = await TestClient.as(relay.url, ana);
    const now = Date.now();

    const create = createEntry(ana, group, now);
    expect(await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire })).toEqual({
      v: 1,
      type: "appended",
      id: 1,
      groupId: group.bytes,
      index: 0,
      releasedKey: null,
    });
    group.head = create.hash;
    const invite = inviteEntry(ana, group, now);
    expect(
      await anaClient.request({
        type: "append",
        groupId: group.bytes,
        entry: invite.entry.wire,
        sealedKey: invite.sealedKey,
      }),
    ).toMatchObject({ type: "appended", index: 1, releasedKey: null });
    group.head = invite.entry.hash;

    const benClient = await TestClient.as(relay.url, ben);
    const log = await lookup(benClient, group, invite);
    expect(log).toMatchObject({ type: "log", groupId: group.bytes });
    expect(log.type === "log" && log.entries).toEqual([create.wire, invite.entry.wire]);

    const joined = await benClient.request({
      type: "append",
      groupId: group.bytes,
      entry: joinEntry(ben, group, invite, now).wire,
    });
    expect(joined).toMatchObject({ type: "appended", index: 2 });
    expect(joined.type === "appended" && joined.releasedKey).toEqual(invite.sealedKey);
  });

  it("an invitation works once: a second join with it is refused with invite-used", async () => {
    const { group, now, invite } = await anaInvites();
    const ben = member("Ben");
    const benClient = await TestClient.as(relay.url, ben);
    const benJoin = joinEntry(ben, group, invite, now);
    expect(await benClient.request({ type: "append", groupId: group.bytes, entry: benJoin.wire })).toMatchObject({
      type: "appended",
    });
    group.head = benJoin.hash;

    const eve = member("Eve, who copied the link");
    const eveClient = await TestClient.as(relay.url, eve);
    expect(await lookup(eveClient, group, invite)).toMatchObject({ type: "error", code: "invite-used", fatal: false });
    expect(
      await eveClient.request({ type: "append", groupId: group.bytes, entry: joinEntry(eve, group, invite, now).wire }),
    ).toMatchObject({
      type: "error",
      code: "invite-used",
      fatal: false,
    });
  });

  it("an invitation that expired cannot be looked up or used", async () => {
    const { group, now, invite } = await anaInvites((t) => t + 1_000);
    const ben = member("Ben");
    const benClient = await TestClient.as(relay.url, ben);

    relay.advanceClock(2_000);
    try {
      expect(await lookup(benClient, group, invite)).toMatchObject({ type: "error", code: "invite-expired" });
      const late = await benClient.request({
        type: "append",
        groupId: group.bytes,
        entry: joinEntry(ben, group, invite, now + 500).wire,
      });
      expect(late).toMatchObject({ type: "error", code: "invite-expired", fatal: false });
    } finally {
      relay.advanceClock(-2_000);
    }
  });

  it("Ana leaves a sealed card with her invitation; a throwaway identity holding the link reads it, and once revoked the lookup says so", async () => {
    const ana = member("Ana");
    const group = newGroup();
    const anaClient = await TestClient.as(relay.url, ana);
    const now = Date.now();
    const create = createEntry(ana, group, now);
    await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire });
    group.head = create.hash;
    const invite = inviteEntry(ana, group, now);
    // Opaque to the relay: it stores and returns these bytes, it cannot open them.
    const card = Uint8Array.from({ length: 96 }, (_, i) => (i * 7) % 256);
    await anaClient.request({
      type: "append",
      groupId: group.bytes,
      entry: invite.entry.wire,
      sealedKey: invite.sealedKey,
      inviteCard: card,
    });
    group.head = invite.entry.hash;

    const stranger = await TestClient.as(relay.url, member("a throwaway identity on a new phone"));
    expect(await lookup(stranger, group, invite)).toMatchObject({ type: "log", inviteCard: card });

    const revoke = revokeEntry(ana, group, invite, now);
    expect(await anaClient.request({ type: "append", groupId: group.bytes, entry: revoke.wire })).toMatchObject({
      type: "appended",
    });
    expect(await lookup(stranger, group, invite)).toMatchObject({ type: "error", code: "invite-revoked" });
    expect(await relay.storage.inviteCard(group.bytes, invite.entry.hash)).toBeNull();
  });

  it("a card on an entry that is not an invitation is refused", async () => {
    const { group, anaClient, ana, now, invite } = await anaInvites();
    const revoke = revokeEntry(ana, group, invite, now);
    expect(
      await anaClient.request({
        type: "append",
        groupId: group.bytes,
        entry: revoke.wire,
        inviteCard: new Uint8Array(8),
      }),
    ).toMatchObject({ type: "error", code: "bad-entry" });
  });

  it("a lookup with a proof made for another socket's challenge finds nothing", async () => {
    const { group, anaClient, invite } = await anaInvites();

    const benClient = await TestClient.as(relay.url, member("Ben"));
    const replayed = signWithContext(
      "inviteLookup",
      inviteLookupMessage(anaClient.challenge.nonce, group.bytes),
      invite.keys.signing.privateKey,
    );
    const answer = await benClient.request({
      type: "invite-lookup",
      groupId: group.bytes,
      inviteKey: invite.keys.signing.publicKey,
      proof: replayed,
    });
    expect(answer).toMatchObject({ type: "error", code: "invite-not-found" });
  });

  it("when Ana's two devices append at once, one wins and the other is told stale-head", async () => {
    const ana = member("Ana");
    const group = newGroup();
    const phone = await TestClient.as(relay.url, ana);
    const laptop = await TestClient.as(relay.url, ana);
    const now = Date.now();
    const create = createEntry(ana, group, now);
    await phone.request({ type: "append", groupId: group.bytes, entry: create.wire });
    group.head = create.hash;

    const fromPhone = inviteEntry(ana, group, now);
    const fromLaptop = inviteEntry(ana, group, now);
    const answers = await Promise.all([
      phone.request({
        type: "append",
        groupId: group.bytes,
        entry: fromPhone.entry.wire,
        sealedKey: fromPhone.sealedKey,
      }),
      laptop.request({
        type: "append",
        groupId: group.bytes,
        entry: fromLaptop.entry.wire,
        sealedKey: fromLaptop.sealedKey,
      }),
    ]);
    expect(answers.map((a) => (a.type === "error" ? a.code : a.type)).sort()).toEqual(["appended", "stale-head"]);
    expect(await relay.storage.readLog(group.bytes, 0)).toHaveLength(2);
  });

  it("nobody appends an entry signed by someone else, even a valid one", async () => {
    const ana = member("Ana");
    const group = newGroup();
    const mallory = await TestClient.as(relay.url, member("Mallory"));
    const answer = await mallory.request({
      type: "append",
      groupId: group.bytes,
      entry: createEntry(ana, group, Date.now()).wire,
    });
    expect(answer).toMatchObject({ type: "error", code: "bad-signature", fatal: false });
    expect(await relay.storage.readLog(group.bytes, 0)).toHaveLength(0);
  });

  it("an invitation must bring its sealed key, which the log never holds", async () => {
    const ana = member("Ana");
    const group = newGroup();
    const anaClient = await TestClient.as(relay.url, ana);
    const create = createEntry(ana, group, Date.now());
    await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire });
    group.head = create.hash;
    const invite = inviteEntry(ana, group, Date.now());
    expect(await anaClient.request({ type: "append", groupId: group.bytes, entry: invite.entry.wire })).toMatchObject({
      type: "error",
      code: "bad-entry",
    });
  });

  it("subscribers see new log entries live", async () => {
    const ana = member("Ana");
    const group = newGroup();
    const anaClient = await TestClient.as(relay.url, ana);
    const create = createEntry(ana, group, Date.now());
    await anaClient.request({ type: "append", groupId: group.bytes, entry: create.wire });
    group.head = create.hash;
    const anaLaptop = await TestClient.as(relay.url, ana);
    expect(
      await anaLaptop.request({ type: "subscribe", groupId: group.bytes, afterSeq: 0, afterIndex: 1 }),
    ).toMatchObject({ type: "catch-up", entries: [] });

    const invite = inviteEntry(ana, group, Date.now());
    await anaClient.request({
      type: "append",
      groupId: group.bytes,
      entry: invite.entry.wire,
      sealedKey: invite.sealedKey,
    });
    expect(await anaLaptop.nextLive("entry")).toEqual({
      v: 1,
      type: "entry",
      groupId: group.bytes,
      index: 1,
      bytes: invite.entry.wire,
    });
  });
});
