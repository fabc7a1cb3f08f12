/** The real connection to a real relay (PGlite in memory) keeps the contract the engine relies on. */
import { randomBytes as nodeRandomBytes } from "node:crypto";
import { WebSocket } from "ws";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DeviceId, GroupId, randomBytes } from "@porch/shared";
import { createEntry, member, newGroup, seal, type TestMember } from "@porch/testing/members";
import { envelopeWithBody, foundOwnGroup } from "@porch/testing/own-group";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";
import { RelayConnection, sameHost } from "./relay-connection.ts";
import { LiveInbox, runSyncConnectionContract, type ContractDevice } from "./sync-connection.contract.ts";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
}, 60_000);
afterAll(async () => {
  await relay?.stop();
});

runSyncConnectionContract("RelayConnection against a real relay", async () => {
  const ana = member("Ana");
  const doc = newGroup();
  const opened: RelayConnection[] = [];

  /** A connection for one of Ana's devices, and a way to wait until it is (again) authenticated. */
  function open(device: TestMember): { connection: RelayConnection; live: LiveInbox; start(): Promise<void> } {
    const live = new LiveInbox();
    let readied = () => {};
    const connection = new RelayConnection({
      url: relay.url,
      identity: ana.identity,
      deviceId: DeviceId.fromBytes(device.deviceId)!,
      // Node 20 has no global WebSocket.
      WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
      onLive: (frame) => {
        if (frame.type === "envelope") live.push({ seq: frame.seq, bytes: frame.bytes });
      },
      onState: () => {},
      onReady: () => readied(),
    });
    opened.push(connection);
    const start = () =>
      new Promise<void>((resolve) => {
        readied = resolve;
        connection.start();
      });
    return { connection, live, start };
  }

  // Ana founds a group of her own: the relay accepts envelopes only for a group with a log.
  const founder = open({ ...ana, deviceId: randomBytes(16) });
  await founder.start();
  const create = createEntry(ana, doc, Date.now());
  expect(
    await founder.connection.request({ v: 1, type: "append", groupId: doc.bytes, entry: create.wire, sealedKey: null }),
  ).toMatchObject({ ok: true });
  doc.head = create.hash;
  founder.connection.stop();

  return {
    doc: doc.bytes,
    async device(): Promise<ContractDevice> {
      const device = { ...ana, deviceId: randomBytes(16) };
      const { connection, live, start } = open(device);
      await start();
      return {
        connection,
        live,
        seal: (counter, coversSeq) =>
          seal(device, doc, coversSeq === undefined ? { counter } : { counter, kind: "snapshot", coversSeq }),
        goOffline: () => connection.stop(),
        goOnline: start,
      };
    },
    teardown: async () => {
      for (const connection of opened) connection.stop();
    },
  };
});

describe("a connection the relay gives up on for not reading", () => {
  it("is closed with 4008 slow-consumer, reconnects, and catches up from where it was", async () => {
    const slowRelay = await startTestRelay({ flow: { socketBufferBytes: 256 * 1024, slowSends: 4, drainMs: 200 } });
    try {
      const ana = member("Ana");
      const publisher = await TestClient.as(slowRelay.url, ana);
      const own = await foundOwnGroup(publisher, ana.identity);
      const publish = async () => {
        const body = new Uint8Array(nodeRandomBytes(512 * 1024));
        const answer = await publisher.request({
          type: "publish",
          envelope: envelopeWithBody(ana.identity, ana.deviceId, own, body),
        });
        if (answer.type !== "ack") throw new Error(JSON.stringify(answer));
        return answer.seq;
      };
      await publish();

      const sockets: WebSocket[] = [];
      class Tracked extends WebSocket {
        constructor(url: string) {
          super(url);
          sockets.push(this);
        }
      }
      const states: string[] = [];
      let readies = 0;
      let onReady = () => {};
      const connection = new RelayConnection({
        url: slowRelay.url,
        identity: ana.identity,
        deviceId: DeviceId.fromBytes(randomBytes(16))!,
        WebSocketImpl: Tracked as unknown as typeof globalThis.WebSocket,
        onLive: () => {},
        onState: (state, fatal) => void states.push(fatal === undefined ? state : `${state} ${fatal}`),
        onReady: () => {
          readies++;
          onReady();
        },
      });
      const ready = () => new Promise<void>((resolve) => (onReady = resolve));
      const first = ready();
      connection.start();
      await first;
      const subscribe = (afterSeq: number) =>
        connection.request({ v: 1, type: "subscribe", groupId: GroupId.toBytes(own.id), afterSeq, afterIndex: 0 });
      expect(await subscribe(0)).toMatchObject({ ok: true, value: { type: "catch-up", headSeq: 1 } });

      // The device stops reading (a frozen tab); Ana keeps writing until the relay gives up on it.
      sockets[0]!.pause();
      let last = 1;
      while (!slowRelay.logged.includes("slow-consumer")) {
        expect(last, "updates before the relay gave up").toBeLessThan(100);
        last = await publish();
      }
      const again = ready();
      sockets[0]!.resume();
      await again;
      expect(states).toContain("offline slow-consumer");
      expect(readies).toBe(2);
      expect(sockets).toHaveLength(2);
      // Caught up from the last seq this device had: its first page starts right after it.
      const caughtUp = await subscribe(1);
      const seqs = caughtUp.ok && caughtUp.value.type === "catch-up" ? caughtUp.value.updates.map((u) => u.seq) : [];
      expect(seqs.length).toBeGreaterThan(0);
      expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 2));
      connection.stop();
    } finally {
      await slowRelay.stop();
    }
  });
});

describe("sameHost: which challenge origins a device signs", () => {
  it.each([
    ["http://127.0.0.1:8787", "ws://127.0.0.1:8787/api/sync", true],
    ["http://porch.example", "wss://porch.example/api/sync", true], // TLS ends at the proxy
    ["http://porch.example:8443", "wss://porch.example:8443/api/sync", true],
    ["http://127.0.0.1:8788", "ws://127.0.0.1:8787/api/sync", false],
    ["http://other.example", "wss://porch.example/api/sync", false],
    ["not a url", "wss://porch.example/api/sync", false],
  ])("%s for %s: %s", (origin, dialled, same) => {
    expect(sameHost(origin, dialled)).toBe(same);
  });
});
