/** The real connection to a real relay (PGlite in memory) keeps the contract the engine relies on. */
import { WebSocket } from "ws";
import { afterAll, beforeAll, expect } from "vitest";
import { DeviceId, randomBytes } from "@porch/shared";
import { createEntry, member, newGroup, seal, type TestMember } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { RelayConnection } from "./relay-connection.ts";
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
