/** The in-memory relay the engine's stories run on keeps the same contract as the real relay. */
import { DeviceId, readySodium, randomBytes } from "@porch/shared";
import { member, newGroup, seal } from "@porch/testing/members";
import { InMemoryRelay } from "./in-memory-relay.test-kit.ts";
import { LiveInbox, runSyncConnectionContract } from "./sync-connection.contract.ts";

runSyncConnectionContract("the in-memory relay", async () => {
  await readySodium();
  const relay = new InMemoryRelay();
  const ana = member("Ana");
  const doc = newGroup();
  return {
    doc: doc.bytes,
    async device() {
      const device = { ...ana, deviceId: randomBytes(16) };
      const live = new LiveInbox();
      const connection = relay.connect(ana.identity.memberId, DeviceId.fromBytes(device.deviceId)!, {
        onLive: ({ seq, bytes }) => live.push({ seq, bytes }),
      });
      return {
        connection,
        live,
        seal: (counter, coversSeq) =>
          seal(device, doc, coversSeq === undefined ? { counter } : { counter, kind: "snapshot", coversSeq }),
        goOffline: () => connection.goOffline(),
        goOnline: async () => connection.goOnline(),
      };
    },
    teardown: async () => {},
  };
});
