/**
 * Graceful shutdown of a real relay process: SIGTERM while a client publishes. Everything the relay
 * acknowledged is stored; sockets close with 1012 (service restart); a new relay process on the same
 * data directory takes the client back, which resumes without gaps or duplicates.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GroupId, parseEnvelope, readySodium, type ServerFrame } from "@porch/shared";
import { member } from "@porch/testing/members";
import { nodeDevice } from "@porch/testing/node-device";
import { envelopeWithBody, foundOwnGroup, type OwnGroup } from "@porch/testing/own-group";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { TestClient } from "@porch/testing/test-client";

let relay: RelayProcess;

beforeAll(async () => {
  await readySodium();
  relay = await startRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const ready = async () => {
  const res = await fetch(`${relay.url}/api/ready`);
  return { status: res.status, body: (await res.json()) as unknown };
};

/** The group's updates as stored (a fresh subscription from the start): seq and device counter. */
/** Every update the relay holds for the group, page after page (a slow drain can leave thousands). */
async function storedUpdates(client: TestClient, group: OwnGroup): Promise<{ seq: number; counter: number }[]> {
  const groupId = GroupId.toBytes(group.id);
  const updates: { seq: number; counter: number }[] = [];
  let answer = await client.request({ type: "subscribe", groupId, afterSeq: 0, afterIndex: 0 });
  let entries = 0;
  for (;;) {
    if (answer.type !== "catch-up") throw new Error(`expected a catch-up, got ${JSON.stringify(answer)}`);
    for (const u of answer.updates) {
      const parsed = parseEnvelope(u.bytes);
      if (!parsed.ok) throw new Error(parsed.code);
      updates.push({ seq: u.seq, counter: parsed.value.header.counter });
    }
    entries += answer.entries.length;
    if (answer.more !== true) return updates;
    answer = await client.request({ type: "catch-up-more", groupId, afterSeq: answer.headSeq, afterIndex: entries });
  }
}

describe("SIGTERM while a client publishes", () => {
  it("the relay is ready once started; draining, it acknowledges what it read, stores it, closes with 1012 and exits cleanly; a new relay on the same data takes the client back", async () => {
    expect(await ready()).toEqual({ status: 200, body: { ready: true, state: "ready" } });

    const ana = member("Ana");
    let client = await TestClient.as(relay.syncUrl, ana);
    const group = await foundOwnGroup(client, ana.identity);
    const sent = new Map<number, Uint8Array>(); // counter → envelope
    const acked = new Map<number, number>(); // counter → seq
    const publish = (c: TestClient, counter: number) =>
      c.request({ type: "publish", envelope: sent.get(counter)! }).then(
        (answer: ServerFrame) => {
          if (answer.type === "ack") acked.set(counter, answer.seq);
          else throw new Error(`publish refused: ${JSON.stringify(answer)}`);
        },
        () => {}, // the socket closed before the answer: not acknowledged, sent again below
      );

    // Twenty publishes in flight at a time, until the socket closes; SIGTERM after the first 60 acks.
    let terminated: Promise<void> | null = null;
    const closeCode = client.closed;
    let socketOpen = true;
    void closeCode.then(() => (socketOpen = false));
    while (socketOpen && sent.size < 5000) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        const envelope = envelopeWithBody(
          ana.identity,
          ana.deviceId,
          group,
          new TextEncoder().encode(`update ${sent.size + 1} `.padEnd(40, "·")),
        );
        sent.set(group.counter - 1, envelope);
        batch.push(publish(client, group.counter - 1));
      }
      if (terminated === null && acked.size >= 60) terminated = relay.kill("SIGTERM");
      await Promise.race([Promise.all(batch), closeCode]);
    }
    expect(await closeCode).toBe(1012);
    await terminated;
    expect(relay.logs()).toContain("SIGTERM: draining");
    expect(relay.logs()).toContain("Porch stopped.");
    expect(acked.size).toBeGreaterThanOrEqual(60);
    expect(sent.size).toBeGreaterThan(acked.size);

    // A new relay process on the same data directory (and port).
    await relay.restart();
    expect(await ready()).toEqual({ status: 200, body: { ready: true, state: "ready" } });
    client = await TestClient.as(relay.syncUrl, ana);

    // Everything acknowledged was stored, under the seq the ack named.
    const before = await storedUpdates(client, group);
    const storedSeq = new Map(before.map((u) => [u.counter, u.seq]));
    for (const [counter, seq] of acked) expect(storedSeq.get(counter)).toBe(seq);
    // …and the drain answered every request it read: nothing is stored that was not acknowledged.
    expect(before.length).toBe(acked.size);

    // The client resumes: it sends again what was not acknowledged (same counters, same bytes); a
    // resend of something stored is acknowledged with its original seq, not stored twice.
    for (const counter of [...sent.keys()].filter((c) => !acked.has(c))) await publish(client, counter);
    for (const [counter, seq] of storedSeq) expect(acked.get(counter)).toBe(seq);
    const after = await storedUpdates(client, group);
    expect(after.map((u) => u.counter).sort((a, b) => a - b)).toEqual([...sent.keys()].sort((a, b) => a - b));
    expect(after.map((u) => u.seq)).toEqual(after.map((_, i) => i + 1)); // no gaps, no duplicates
    await client.close();
  });
});

describe("the real client core across a relay restart", () => {
  it("Ana keeps adding goals while the relay restarts: her device reconnects at once to the new process, and Ben gets every goal exactly once", async () => {
    const ana = await nodeDevice(relay.url);
    await ana.porch.createProfile("Ana", "en");
    const created = await ana.porch.createGroup("Restarts");
    if (!created.ok) throw new Error(created.code);
    const group = created.value;
    const link = await ana.porch.createInviteLink(group);
    if (!link.ok) throw new Error(link.code);
    const ben = await nodeDevice(relay.url);
    await ben.porch.createProfile("Ben", "en");
    expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
    const titles = (d: typeof ana) => (d.porch.life.goals(group) ?? []).map((g) => g.title).sort();
    await ana.until(() => ana.porch.sync().kind === "synced");

    const adds: Promise<unknown>[] = [];
    const add = (i: number) =>
      adds.push(ana.porch.life.addGoal(group, { title: `goal ${i}`, category: "other", targetAmount: null }));
    for (let i = 0; i < 15; i++) add(i);
    const restarted = relay.restart(); // SIGTERM while those are being sent
    for (let i = 15; i < 30; i++) add(i);
    await Promise.all(adds);
    await restarted;
    const upAt = Date.now();
    // The 1012 close makes the device retry every 250–1000 ms, not back off for seconds.
    await ana.until(() => ana.porch.sync().kind === "synced", 20_000);
    expect(Date.now() - upAt).toBeLessThan(5_000);

    const expected = Array.from({ length: 30 }, (_, i) => `goal ${i}`).sort();
    await ben.until(() => titles(ben).length >= 30, 30_000);
    expect(titles(ben)).toEqual(expected);
    expect(titles(ana)).toEqual(expected);
    await ana.close();
    await ben.close();
  });
});
