/**
 * The security review's findings against the real relay: a member cannot take over another member's
 * device id (and so block their uploads), and the limits a public relay needs — the hello deadline,
 * sockets per identity and per address, groups and open link mailboxes per identity, bytes per group,
 * and Node's HTTP timeouts. Each limit is set low here (RelayLimits) so a test reaches it quickly; every
 * wait is on a frame, a close or a timer of the relay's own, never a sleep.
 */
import type { Server as HttpServer } from "node:http";
import { connect, type Socket } from "node:net";
import { LINK_TTL_MS, MemberId, parseServerFrame, randomBytes, type ServerFrame } from "@porch/shared";
import WebSocket from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { anaAndBenInAGroup } from "@porch/testing/group-scenario";
import { createEntry, member, newGroup, seal } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";
import { createRelayServer } from "../relay-server.ts";
import { DEFAULT_RELAY_LIMITS } from "../relay-limits.ts";

/** A raw socket to the relay from a chosen loopback address: every frame it got, and how it closed. */
function rawSocket(url: string, localAddress = "127.0.0.1") {
  const frames: ServerFrame[] = [];
  const socket = new WebSocket(url, { localAddress });
  socket.on("message", (data: Buffer) => {
    const frame = parseServerFrame(new Uint8Array(data));
    if (frame !== null) frames.push(frame);
  });
  socket.on("error", () => {}); // the close event follows
  const closed = new Promise<number>((resolve) => socket.on("close", (code) => resolve(code)));
  const challenged = new Promise<boolean>((resolve) => {
    socket.on("message", () => resolve(frames.some((f) => f.type === "challenge")));
    void closed.then(() => resolve(false));
  });
  return { frames, closed, challenged, close: () => (socket.close(), closed) };
}

describe("a device id belongs to the member who first used it", () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startTestRelay();
  });
  afterAll(async () => {
    await relay?.stop();
  });

  it("Ben authenticating with Ana's device id is refused; Ana's uploads go through, also after a restart", async () => {
    const { ana, ben, group, anaClient } = await anaAndBenInAGroup(relay.url);
    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) })).toMatchObject({
      type: "ack",
      seq: 1,
    });

    // The finding: Ben, a member too, says hello with Ana's device id to spend her counter 2.
    const takeover = { ...ben, deviceId: ana.deviceId };
    const benAsAna = await TestClient.connect(relay.url);
    expect(await benAsAna.hello(takeover)).toEqual({
      v: 1,
      type: "error",
      id: null,
      code: "device-taken",
      fatal: true,
    });
    expect(await benAsAna.closed).toBe(1008);

    // Nothing changed for Ana: her counter 2 is still hers.
    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 2 }) })).toMatchObject({
      type: "ack",
      seq: 2,
    });
    // Ben on his own device is unaffected.
    await TestClient.as(relay.url, ben);

    // A new relay process over the same database keeps the binding.
    await relay.restart();
    const again = await TestClient.connect(relay.url);
    expect(await again.hello(takeover)).toMatchObject({ type: "error", code: "device-taken" });
    const anaBack = await TestClient.as(relay.url, ana);
    expect(await anaBack.request({ type: "publish", envelope: seal(ana, group, { counter: 3 }) })).toMatchObject({
      type: "ack",
      seq: 3,
    });
    expect(await relay.sql.query("select member_id from device_owners where device_id = $1", [ana.deviceId])).toEqual([
      { member_id: MemberId.toBytes(ana.identity.memberId) },
    ]);
  });

  it("a device asks which counter the relay expects next from it, in its own group only", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url);
    expect(await anaClient.request({ type: "next-counter", groupId: group.bytes })).toEqual({
      v: 1,
      type: "next-counter-reply",
      id: 3,
      groupId: group.bytes,
      next: 1,
    });
    await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) });
    expect(await anaClient.request({ type: "next-counter", groupId: group.bytes })).toMatchObject({ next: 2 });
    const eve = await TestClient.as(relay.url, member("Eve"));
    expect(await eve.request({ type: "next-counter", groupId: group.bytes })).toMatchObject({ code: "not-a-member" });
    expect(await eve.request({ type: "next-counter", groupId: randomBytes(16) })).toMatchObject({
      code: "group-not-found",
    });
  });
});

describe("quotas per identity and per group", () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startTestRelay({
      limits: { maxGroupsPerIdentity: 3, maxOpenLinksPerIdentity: 2, maxGroupBytes: 4_000 },
    });
  });
  afterAll(async () => {
    await relay?.stop();
  });

  const create = (client: TestClient, founder: ReturnType<typeof member>) => {
    const group = newGroup();
    return client
      .request({ type: "append", groupId: group.bytes, entry: createEntry(founder, group, relay.now()).wire })
      .then((answer) => ({ answer, group }));
  };

  it("one identity creates at most its quota of groups; nothing of the refused one is stored", async () => {
    const ana = member("Ana");
    const client = await TestClient.as(relay.url, ana);
    for (let i = 0; i < 3; i++) expect((await create(client, ana)).answer).toMatchObject({ type: "appended" });
    const refused = await create(client, ana);
    expect(refused.answer).toMatchObject({ type: "error", code: "too-many-groups", fatal: false });
    expect(await relay.sql.query("select 1 from groups where group_id = $1", [refused.group.bytes])).toEqual([]);
    expect(await relay.storage.groupsOf(MemberId.toBytes(ana.identity.memberId))).toHaveLength(3);
    // Another identity has a quota of its own.
    const ben = member("Ben");
    expect((await create(await TestClient.as(relay.url, ben), ben)).answer).toMatchObject({ type: "appended" });
  });

  it("one identity holds at most its quota of open link mailboxes; expired ones free their places", async () => {
    const client = await TestClient.as(relay.url, member("Ana"));
    const open = (mailbox: Uint8Array) =>
      client.request({ type: "link-open", mailbox, expiresAt: relay.now() + LINK_TTL_MS });
    const [first, second, third] = [randomBytes(32), randomBytes(32), randomBytes(32)];
    expect(await open(first)).toMatchObject({ type: "link-opened" });
    expect(await open(second)).toMatchObject({ type: "link-opened" });
    expect(await open(third)).toMatchObject({ type: "error", code: "too-many-links", fatal: false });
    // Opening one of her own again is not one more.
    expect(await open(first)).toMatchObject({ type: "link-opened" });
    relay.advanceClock(LINK_TTL_MS + 1);
    expect(await open(third)).toMatchObject({ type: "link-opened" });
  });

  it("a group stores at most its quota of envelope bytes; a resend of a stored one is still acknowledged", async () => {
    const { ana, group, anaClient } = await anaAndBenInAGroup(relay.url, relay.now());
    const sent: Uint8Array[] = [];
    let refusal: ServerFrame | null = null;
    // 4,000 bytes hold four of these at most: the twentieth would be far over.
    for (let counter = 1; refusal === null && counter <= 20; counter++) {
      const envelope = seal(ana, group, { counter, size: 900 });
      const answer = await anaClient.request({ type: "publish", envelope });
      if (answer.type === "ack") sent.push(envelope);
      else refusal = answer;
    }
    expect(refusal).toMatchObject({ type: "error", code: "group-full", fatal: false });
    const stored = sent.reduce((n, e) => n + e.length, 0);
    expect(stored).toBeLessThanOrEqual(4_000);
    expect(sent.length).toBeGreaterThan(1);
    expect(await relay.storage.storedBytes(group.bytes)).toBe(stored);
    expect(await anaClient.request({ type: "publish", envelope: sent[0]! })).toMatchObject({ type: "ack", seq: 1 });
    expect(await relay.storage.readSince(group.bytes, 0)).toMatchObject({ headSeq: sent.length });
  });
});

describe("sockets: the hello deadline and the caps per identity and per address", () => {
  let relay: TestRelay;
  beforeAll(async () => {
    relay = await startTestRelay({
      limits: { helloTimeoutMs: 1_000, maxSocketsPerIdentity: 2, maxSocketsPerAddress: 4 },
    });
  });
  afterAll(async () => {
    await relay?.stop();
  });

  it("a socket that never says hello is closed at the deadline with hello-timeout; one that did stays", async () => {
    const ana = member("Ana");
    const authenticated = await TestClient.as(relay.url, ana);
    const silent = await TestClient.connect(relay.url);
    expect(await silent.closed).toBe(1008);
    expect(silent.unclaimed).toEqual([{ v: 1, type: "error", id: null, code: "hello-timeout", fatal: true }]);
    // The authenticated socket, opened before the silent one, outlived its deadline.
    expect(await authenticated.request({ type: "my-groups" })).toMatchObject({ type: "groups" });
    await authenticated.close();
  });

  it("one identity holds at most its cap of sockets; the next hello is refused with too-many-connections", async () => {
    const ana = member("Ana");
    const first = await TestClient.as(relay.url, ana);
    const second = await TestClient.as(relay.url, { ...ana, deviceId: randomBytes(16) });
    const third = await TestClient.connect(relay.url);
    expect(await third.hello(ana)).toMatchObject({ type: "error", code: "too-many-connections", fatal: true });
    expect(await third.closed).toBe(1013);
    // Another identity from the same address is not affected.
    const ben = await TestClient.as(relay.url, member("Ben"));
    for (const c of [first, second, ben]) await c.close();
  });

  it("one address holds at most its cap of sockets, authenticated or not; another address is not affected", async () => {
    const held = [1, 2, 3, 4].map(() => rawSocket(relay.url));
    for (const s of held) expect(await s.challenged).toBe(true);
    const over = rawSocket(relay.url);
    expect(await over.closed).toBe(1013);
    expect(over.frames).toEqual([{ v: 1, type: "error", id: null, code: "too-many-connections", fatal: true }]);
    // 127.0.0.2 is another address on the loopback interface.
    const elsewhere = rawSocket(relay.url, "127.0.0.2");
    expect(await elsewhere.challenged).toBe(true);
    for (const s of [...held, elsewhere]) await s.close();
  });
});

describe("HTTP timeouts", () => {
  it("a relay started without settings has a public relay's header and request deadlines", async () => {
    // Never listening, so storage is never reached (beyond the fan-out listening to its changes).
    const relay = createRelayServer({ storage: { onChange: () => () => {} } as never, staticDir: null, log: () => {} });
    const server = relay.server as HttpServer;
    expect(server.headersTimeout).toBe(DEFAULT_RELAY_LIMITS.headersTimeoutMs);
    expect(server.requestTimeout).toBe(DEFAULT_RELAY_LIMITS.requestTimeoutMs);
    expect([server.headersTimeout, server.requestTimeout]).toEqual([10_000, 30_000]);
    await relay.close();
  });

  it("a client that never finishes its headers is cut off at the headers deadline", async () => {
    const relay = await startTestRelay({ limits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000 } });
    try {
      const port = new URL(relay.url).port;
      const socket: Socket = connect(Number(port), "127.0.0.1");
      let answer = "";
      socket.on("data", (chunk) => (answer += chunk.toString("latin1")));
      const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
      socket.write("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"); // never the blank line
      await closed;
      expect(answer).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await relay.stop();
    }
  });
});
