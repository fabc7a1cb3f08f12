/**
 * What a recovered or newly linked device asks first: which groups am I in (exactly the current ones,
 * not those I left or was removed from), and what did my other devices tell me (sealed notices).
 */
import { MAX_NOTICES_PER_MEMBER, type ServerFrame } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { append, world } from "@porch/testing/group-world";
import { inviteEntry, joinEntry, leaveEntry, member, removeEntry } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const sortedHex = (ids: readonly Uint8Array[]) => ids.map((b) => Buffer.from(b).toString("hex")).sort();
async function groupsOf(client: TestClient): Promise<string[]> {
  const answer = await client.request({ type: "my-groups" });
  if (answer.type !== "groups") return expect.fail(`expected groups, got ${answer.type}`);
  return sortedHex(answer.groupIds);
}

describe("my-groups", () => {
  it("lists exactly the groups Ben is in now: not the one he left, nor the one he was removed from", async () => {
    const kept = await world(relay.url);
    const left = await world(relay.url);
    const removed = await world(relay.url);
    const ben = kept.ben;
    const benClient = kept.client(ben);
    for (const w of [left, removed]) {
      const invite = inviteEntry(w.ana, w.group, w.now);
      expect(await append(w.client(w.ana), w.group, invite.entry, invite.sealedKey)).toMatchObject({
        type: "appended",
      });
      expect(await append(benClient, w.group, joinEntry(ben, w.group, invite, w.now))).toMatchObject({
        type: "appended",
      });
    }
    expect(await groupsOf(benClient)).toEqual(sortedHex([kept.group.bytes, left.group.bytes, removed.group.bytes]));

    expect(await append(benClient, left.group, leaveEntry(ben, left.group, left.now))).toMatchObject({
      type: "appended",
    });
    expect(await groupsOf(benClient)).toEqual(sortedHex([kept.group.bytes, removed.group.bytes]));

    const removal = removeEntry(removed.ana, removed.group, ben, [removed.ana, removed.ben, removed.cara], removed.now);
    expect(await append(removed.client(removed.ana), removed.group, removal.entry)).toMatchObject({ type: "appended" });
    // Removal closed Ben's sockets; he reconnects and still has his other group.
    expect(await benClient.closed).toBe(1008);
    expect(await groupsOf(await TestClient.as(relay.url, ben))).toEqual(sortedHex([kept.group.bytes]));
    expect(await groupsOf(removed.client(removed.cara))).toEqual(sortedHex([removed.group.bytes]));
  });

  it("Ana, founder of one group and invited into another, sees both; a stranger sees none", async () => {
    const first = await world(relay.url);
    const second = await world(relay.url);
    const invite = inviteEntry(second.ana, second.group, second.now, undefined, "admin");
    await append(second.client(second.ana), second.group, invite.entry, invite.sealedKey);
    await append(first.client(first.ana), second.group, joinEntry(first.ana, second.group, invite, second.now));
    expect(await groupsOf(first.client(first.ana))).toEqual(sortedHex([first.group.bytes, second.group.bytes]));
    expect(await groupsOf(await TestClient.as(relay.url, member("Stranger")))).toEqual([]);
  });

  it("after leaving, a member's sockets stop receiving the group's frames but stay open", async () => {
    const w = await world(relay.url);
    const benLaptop = await TestClient.as(relay.url, w.ben);
    await benLaptop.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 99 });
    const leave = leaveEntry(w.ben, w.group, w.now);
    expect(await append(w.client(w.ben), w.group, leave)).toMatchObject({ type: "appended" });
    expect(await benLaptop.nextLive("entry")).toMatchObject({ bytes: leave.wire });
    expect(
      await benLaptop.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 0 }),
    ).toMatchObject({ code: "not-a-member" });
    expect(await benLaptop.request({ type: "my-groups" })).toMatchObject({ type: "groups", groupIds: [] });
  });
});

describe("notices to one's own devices", () => {
  it("Ana's new device posts a notice; her phone lists it after its cursor; only the last 50 are kept", async () => {
    const ana = member("Ana");
    const laptop = await TestClient.as(relay.url, ana);
    const phone = await TestClient.as(relay.url, ana);
    const ben = await TestClient.as(relay.url, member("Ben"));
    const note = (i: number) => new Uint8Array(64).fill(i);

    expect(await laptop.request({ type: "notice-post", sealed: note(1) })).toMatchObject({ type: "notice-posted" });
    const first = await phone.request({ type: "notices", after: 0 });
    expect(first).toMatchObject({ type: "notice-list", notices: [{ seq: 1, sealed: note(1) }] });
    if (first.type === "notice-list") expect(Math.abs(first.notices[0]!.time - Date.now())).toBeLessThan(60_000);
    expect(await ben.request({ type: "notices", after: 0 })).toMatchObject({ type: "notice-list", notices: [] });

    for (let i = 2; i <= MAX_NOTICES_PER_MEMBER + 5; i++)
      await laptop.request({ type: "notice-post", sealed: note(i) });
    const all = (await phone.request({ type: "notices", after: 0 })) as Extract<ServerFrame, { type: "notice-list" }>;
    expect(all.notices.map((n) => n.seq)).toEqual(Array.from({ length: MAX_NOTICES_PER_MEMBER }, (_, i) => i + 6));
    const after = (await phone.request({ type: "notices", after: 53 })) as Extract<
      ServerFrame,
      { type: "notice-list" }
    >;
    expect(after.notices.map((n) => n.seq)).toEqual([54, 55]);
  });
});
