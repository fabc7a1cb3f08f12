/**
 * Catch-up in pages the client pulls (`subscribe` → `catch-up {more: true}` → `catch-up-more` …), with
 * small pages (4 KiB) so a short history spans several, and the limit on repeated subscribes (2 here).
 */
import { signSnapshotAck, type ServerFrame } from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anaAndBenInAGroup } from "@porch/testing/group-scenario";
import { anotherDevice, journalOf } from "@porch/testing/journals";
import { leaveEntry, member, seal, type TestGroup, type TestMember } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

const PAGE = 4096;
let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay({ flow: { catchUpPageBytes: PAGE, catchUpsPerGroup: 2 } });
}, 60_000);
afterAll(async () => {
  await relay?.stop();
});

type CatchUp = Extract<ServerFrame, { type: "catch-up" }>;
const catchUp = (frame: ServerFrame): CatchUp =>
  frame.type === "catch-up" ? frame : expect.fail(`expected a catch-up, got ${JSON.stringify(frame)}`);
const subscribe = async (client: TestClient, id: Uint8Array, afterSeq = 0, afterIndex = 0) =>
  client.request({ type: "subscribe", groupId: id, afterSeq, afterIndex });
const more = (client: TestClient, groupId: Uint8Array, page: CatchUp, afterIndex: number) =>
  client.request({ type: "catch-up-more", groupId, afterSeq: page.headSeq, afterIndex });

/** Pulls every page after `first`; returns them all, first included. */
async function rest(client: TestClient, groupId: Uint8Array, first: CatchUp, afterIndex = 0): Promise<CatchUp[]> {
  const pages = [first];
  let index = afterIndex + first.entries.length;
  while (pages.at(-1)!.more === true) {
    const page = catchUp(await more(client, groupId, pages.at(-1)!, index));
    index += page.entries.length;
    pages.push(page);
    expect(pages.length).toBeLessThan(50);
  }
  return pages;
}
const seqs = (pages: readonly CatchUp[]) =>
  pages.flatMap((p) => [...(p.snapshot ? [p.snapshot.seq] : []), ...p.updates.map((u) => u.seq)]);

/** `count` updates of ~1 KiB each by `who` (counters from `from`); returns the last seq. */
async function publishMany(client: TestClient, who: TestMember, group: TestGroup, count: number, from = 1) {
  let seq = 0;
  for (let c = from; c < from + count; c++) {
    const answer = await client.request({ type: "publish", envelope: seal(who, group, { counter: c, size: 1000 }) });
    if (answer.type !== "ack") expect.fail(JSON.stringify(answer));
    seq = answer.seq;
  }
  return seq;
}

describe("a catch-up in pages", () => {
  it("Ben catches up 20 updates in pages of at most 4 KiB, each starting where the last said, in seq order", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await publishMany(anaClient, ana, group, 20);
    const first = catchUp(await subscribe(benClient, group.bytes));
    expect(first).toMatchObject({ more: true });
    expect(first.entries).toHaveLength(3);
    const pages = await rest(benClient, group.bytes, first);
    expect(pages.length).toBeGreaterThan(4);
    expect(seqs(pages)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const page of pages) {
      const size = [...page.entries, ...page.updates.map((u) => u.bytes)].reduce((n, b) => n + b.length, 0);
      expect(size).toBeLessThanOrEqual(PAGE);
      if (page.more) expect(page.headSeq).toBe(page.updates.at(-1)?.seq ?? 0);
    }
    expect(pages.at(-1)).toMatchObject({ headSeq: 20 });
    expect(pages.at(-1)!.more).toBeUndefined();
  });

  it("Ana publishes while Ben is between pages: he gets it live once, and no page goes past the first page's head", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await publishMany(anaClient, ana, group, 12);
    const first = catchUp(await subscribe(benClient, group.bytes));
    expect(first.more).toBe(true);
    const live = await publishMany(anaClient, ana, group, 1, 13);
    expect(await benClient.nextLive("envelope")).toMatchObject({ seq: live });
    const pages = await rest(benClient, group.bytes, first);
    expect(seqs(pages)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(pages.at(-1)).toMatchObject({ headSeq: 12 });
    expect(benClient.unclaimed).toEqual([]);
  });

  it("a snapshot larger than a page comes alone, and the next page starts at the seq it covers", async () => {
    const { ana, ben, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await publishMany(anaClient, ana, group, 4);
    const snapshot = seal(ben, group, { counter: 1, kind: "snapshot", coversSeq: 3, size: 3 * PAGE });
    expect(await benClient.request({ type: "publish", envelope: snapshot })).toMatchObject({ type: "ack", seq: 5 });
    const signature = signSnapshotAck(group.bytes, 5, ana.deviceId, snapshot, ana.identity.signing.privateKey);
    expect(await anaClient.request({ type: "snapshot-ack", groupId: group.bytes, seq: 5, signature })).toMatchObject({
      type: "ack",
      seq: 5,
    });
    const cara = await TestClient.as(relay.url, ana);
    const first = catchUp(await subscribe(cara, group.bytes, 0, 3));
    expect(first).toMatchObject({
      entries: [],
      snapshot: { seq: 5, coversSeq: 3 },
      updates: [],
      headSeq: 3,
      more: true,
    });
    const pages = await rest(cara, group.bytes, first, 3);
    expect(seqs(pages)).toEqual([5, 4]);
    expect(pages.at(-1)).toMatchObject({ headSeq: 5 });
  });

  it("a journal pages like a group", async () => {
    const journal = journalOf(member("Ana"));
    const phone = await TestClient.as(relay.url, journal.author);
    expect(
      await phone.request({
        type: "subscribe",
        kind: "journal",
        groupId: journal.doc.bytes,
        afterSeq: 0,
        afterIndex: 0,
      }),
    ).toMatchObject({ type: "catch-up", headSeq: 0 });
    await publishMany(phone, journal.author, journal.doc, 10);
    const laptop = await TestClient.as(relay.url, anotherDevice(journal));
    const first = catchUp(
      await laptop.request({
        type: "subscribe",
        kind: "journal",
        groupId: journal.doc.bytes,
        afterSeq: 0,
        afterIndex: 0,
      }),
    );
    const pages = await rest(laptop, journal.doc.bytes, first);
    expect(pages.length).toBeGreaterThan(2);
    expect(seqs(pages)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it("catch-up-more for a group this socket did not subscribe to is not-subscribed", async () => {
    const { group, benClient } = await anaAndBenInAGroup(relay.url);
    expect(
      await benClient.request({ type: "catch-up-more", groupId: group.bytes, afterSeq: 0, afterIndex: 0 }),
    ).toMatchObject({
      type: "error",
      code: "not-subscribed",
      fatal: false,
    });
  });

  it("a member who left between pages cannot pull the rest: not-subscribed", async () => {
    const { ana, ben, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await publishMany(anaClient, ana, group, 12);
    const first = catchUp(await subscribe(benClient, group.bytes));
    expect(first.more).toBe(true);
    const leave = leaveEntry(ben, group, Date.now());
    expect(await benClient.request({ type: "append", groupId: group.bytes, entry: leave.wire })).toMatchObject({
      type: "appended",
    });
    expect(await more(benClient, group.bytes, first, 3)).toMatchObject({ type: "error", code: "not-subscribed" });
  });
});

describe("repeated subscribes of one group on one socket", () => {
  it("a third subscribe while two catch-ups are unfinished is refused; finishing one allows more", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await publishMany(anaClient, ana, group, 12);
    const first = catchUp(await subscribe(benClient, group.bytes));
    catchUp(await subscribe(benClient, group.bytes));
    expect(await subscribe(benClient, group.bytes)).toMatchObject({
      type: "error",
      code: "too-many-catch-ups",
      fatal: false,
    });
    await rest(benClient, group.bytes, first);
    catchUp(await subscribe(benClient, group.bytes));
  });

  it("catch-ups that fit in one page finish at once and are never refused", async () => {
    const { group, benClient } = await anaAndBenInAGroup(relay.url);
    for (let i = 0; i < 5; i++) expect(catchUp(await subscribe(benClient, group.bytes)).more).toBeUndefined();
  });
});
