/**
 * A device is not stuck when the relay refuses its counter. Ana's Node device (the real client core)
 * founds a group; then another socket of Ana's — same member, same device id, as a second tab or a
 * send whose acknowledgement was lost and which was sealed again would be — stores an envelope under
 * the counter her device was about to use. Her device's next change is refused `counter-reused`; it
 * asks the relay for its next counter (`next-counter`), seals the change again under it, and the change
 * reaches the relay and another device of hers.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  DeviceId,
  GroupId,
  MemberId,
  decodeEntry,
  deriveIdentity,
  encodeCbor,
  parseEnvelope,
  phraseToSeed,
  randomBytes,
  type EnvelopeHeader,
  type Identity,
} from "@porch/shared";
import { openLockbox, sealEnvelope } from "@porch/shared/sealing";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { TestClient } from "@porch/testing/test-client";

let relay: RelayProcess;
let ana: NodeDevice;
let identity: Identity;

beforeAll(async () => {
  relay = await startRelay();
  ana = await nodeDevice(relay.url);
  const profile = await ana.porch.createProfile("Ana", "en");
  if (!profile.ok) throw new Error(profile.code);
  const seed = phraseToSeed(profile.value.recoveryPhrase);
  if (!seed.ok) throw new Error(seed.code);
  identity = deriveIdentity(seed.value);
});

afterAll(async () => {
  await ana?.close();
  await relay?.stop();
});

const goal = (title: string) => ({ title, category: "health" as const, targetAmount: null });
const synced = (groupId: GroupId) => () => {
  const view = ana.porch.group(groupId);
  return view !== null && view.sync.kind === "synced";
};

it("Ana's device, refused counter-reused after another socket of hers spent its counter, seals again and delivers", async () => {
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  const groupId = created.value;
  const groupBytes = GroupId.toBytes(groupId);
  expect((await ana.porch.life.addGoal(groupId, goal("Run a 10k"))).ok).toBe(true);
  await ana.until(synced(groupId));

  // Another device of Ana's reads what her device stored: its device id, last counter, epoch and log head.
  const observer = await TestClient.as(relay.syncUrl, { identity, deviceId: randomBytes(16) });
  const catchUp = await observer.request({ type: "subscribe", groupId: groupBytes, afterSeq: 0, afterIndex: 0 });
  if (catchUp.type !== "catch-up") throw new Error(`expected catch-up, got ${catchUp.type}`);
  const headers = catchUp.updates.map((u) => {
    const parsed = parseEnvelope(u.bytes);
    if (!parsed.ok) throw new Error(parsed.code);
    return parsed.value.header;
  });
  const last: EnvelopeHeader = headers[headers.length - 1]!;
  expect(headers.every((h) => h.deviceId === last.deviceId)).toBe(true);

  // The group's epoch key, from Ana's lockbox in the create entry.
  const create = decodeEntry(catchUp.entries[0]!);
  if (create?.type !== "create") throw new Error("the log starts with its create entry");
  const epochKey = openLockbox(
    create.payload.lockbox,
    groupId,
    0,
    MemberId.toBytes(identity.memberId),
    identity.box,
    create.payload.epochCommit,
  );
  if (!epochKey.ok) throw new Error(epochKey.code);

  // A second socket of Ana's, with her device's own id, stores an envelope under the next counter.
  const deviceId = DeviceId.toBytes(last.deviceId);
  const otherTab = await TestClient.as(relay.syncUrl, { identity, deviceId });
  const spent = sealEnvelope(
    { ...last, kind: "update", counter: last.counter + 1, heads: [], coversSeq: 0 },
    encodeCbor([]),
    epochKey.value,
    identity.signing.privateKey,
  );
  expect(await otherTab.request({ type: "publish", envelope: spent })).toMatchObject({ type: "ack" });
  expect(await otherTab.request({ type: "next-counter", groupId: groupBytes })).toMatchObject({
    next: last.counter + 2,
  });

  // Ana's device writes; its first try under the spent counter is refused, then it recovers by itself.
  expect((await ana.porch.life.addGoal(groupId, goal("Learn to bake bread"))).ok).toBe(true);
  await ana.until(() => ana.received.some((f) => f.type === "error" && f.code === "counter-reused"), 20_000);
  await ana.until(synced(groupId), 20_000);
  expect(ana.porch.group(groupId)?.sync).toEqual({ kind: "synced" });

  // The observer receives the change live, from Ana's device, under the counter after the spent one.
  const live = await observer.next((f) => {
    if (f.type !== "envelope") return false;
    const parsed = parseEnvelope(f.bytes);
    return (
      parsed.ok && parsed.value.header.deviceId === last.deviceId && parsed.value.header.counter > last.counter + 1
    );
  });
  if (live.type !== "envelope") throw new Error("an envelope");
  const header = parseEnvelope(live.bytes);
  expect(header.ok && header.value.header.counter).toBe(last.counter + 2);
  expect((ana.porch.life.goals(groupId) ?? []).map((g) => g.title).sort()).toEqual([
    "Learn to bake bread",
    "Run a 10k",
  ]);
  for (const c of [observer, otherTab]) await c.close();
});
