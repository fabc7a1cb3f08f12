/**
 * An honest member offline during a rotation loses nothing: Ben's device seals a goal under epoch E
 * (the publish never reaches the relay), goes offline, writes a second goal; meanwhile Ana invites
 * Cara, Cara joins and Ana's device rotates to E + 1. When Ben comes back his outbox is re-sealed under
 * E + 1 (same counter), the relay accepts it, and Ana and Cara read both goals.
 *
 * Ben reaches the relay through the shared man-in-the-middle proxy (@porch/testing/lying-relay), used as a
 * switch that can swallow his frames, cut his sockets and hold his reconnects until he is "back online".
 * No sleeps: every wait is on a condition.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  decodeEntry,
  parseEnvelope,
  type Entry,
  type EnvelopeHeader,
  type GroupId,
  type ServerFrame,
} from "@porch/shared";
import { startLyingRelay } from "@porch/testing/lying-relay";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

type Mode = "online" | "swallow" | "offline";

/** A WebSocket switch in front of the relay for one device. */
interface NetworkSwitch {
  readonly url: string;
  /** online: frames pass; swallow: the device's frames are dropped (relay frames still pass); offline: sockets cut, reconnects held. */
  set(mode: Mode): void;
  /** Headers of every envelope the device tried to publish (including swallowed ones), in order. */
  readonly published: { header: EnvelopeHeader; delivered: boolean }[];
  /** Resolves once `check()` holds, re-checked on every frame the device sends. */
  untilSent(check: () => boolean): Promise<void>;
  stop(): Promise<void>;
}

/** The switch is the shared man-in-the-middle proxy, watching what the device publishes. */
async function startSwitch(relayUrl: string): Promise<NetworkSwitch> {
  const proxy = await startLyingRelay(relayUrl);
  const published: NetworkSwitch["published"] = [];
  const waiters = new Set<() => void>();
  let mode: Mode = "online";
  proxy.onClientFrame = (frame) => {
    const delivered = mode === "online";
    if (frame?.type === "publish") {
      const parsed = parseEnvelope(frame.envelope);
      if (parsed.ok) published.push({ header: parsed.value.header, delivered });
    }
    for (const w of [...waiters]) w();
    return delivered;
  };
  return {
    url: proxy.url,
    published,
    set(next) {
      mode = next;
      proxy.setReachable(next !== "offline");
    },
    untilSent: (check) =>
      new Promise((resolve) => {
        const w = () => {
          if (!check()) return;
          waiters.delete(w);
          resolve();
        };
        waiters.add(w);
        w();
      }),
    stop: () => proxy.stop(),
  };
}

let relay: RelayProcess;
let net: NetworkSwitch;
let ana: NodeDevice;
let ben: NodeDevice;
let cara: NodeDevice;
let groupId: GroupId;

async function member(name: string, url: string): Promise<NodeDevice> {
  const d = await nodeDevice(url);
  const profile = await d.porch.createProfile(name, "en");
  if (!profile.ok) throw new Error(profile.code);
  return d;
}

const titles = (d: NodeDevice) => (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort();
const goal = (title: string) => ({ title, category: "health" as const, targetAmount: null });

/** Every membership entry the relay sent this device (catch-up answers and live frames), decoded. */
function entriesSeen(frames: readonly ServerFrame[]): Entry[] {
  return frames
    .flatMap((f) => (f.type === "catch-up" ? f.entries : f.type === "entry" ? [f.bytes] : []))
    .flatMap((w) => decodeEntry(w) ?? []);
}
const rotations = (frames: readonly ServerFrame[]) =>
  entriesSeen(frames).filter((e): e is Extract<Entry, { type: "rotate" }> => e.type === "rotate");

beforeAll(async () => {
  relay = await startRelay();
  net = await startSwitch(relay.url);
  ana = await member("Ana", relay.url);
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  ben = await member("Ben", net.url);
  cara = await member("Cara", relay.url);
});

afterAll(async () => {
  await net?.stop();
  await relay?.stop();
});

it("Ben's writes during a rotation he missed are re-sealed under the new epoch and reach Ana and Cara", async () => {
  // Ben joins through the switch; Ana's device rotates after his join, and both settle.
  const benLink = await ana.porch.createInviteLink(groupId);
  if (!benLink.ok) throw new Error(benLink.code);
  expect((await ben.porch.joinWithInvite(new URL(benLink.value).hash)).ok).toBe(true);
  await ben.until(
    () =>
      rotations(ben.received).length >= 1 &&
      ben.porch.sync().kind === "synced" &&
      (ben.porch.group(groupId)?.members.length ?? 0) === 2,
  );
  await ana.until(() => ana.porch.sync().kind === "synced" && (ana.porch.group(groupId)?.members.length ?? 0) === 2);
  const epochBefore = Math.max(...rotations(ben.received).map((r) => r.payload.epoch));

  // 1. Ben's frames stop reaching the relay: his first goal is sealed under the current epoch and lost in flight.
  net.set("swallow");
  const firstPublish = net.published.length;
  expect((await ben.porch.life.addGoal(groupId, goal("Run a 10k"))).ok).toBe(true);
  await net.untilSent(() => net.published.length > firstPublish);
  const lost = net.published[firstPublish]!;
  expect(lost.delivered).toBe(false);
  expect(lost.header.epoch).toBe(epochBefore);

  // 2. Ben goes offline (sockets cut, reconnects held) and writes a second goal there.
  const framesBeforeOffline = ben.received.length;
  net.set("offline");
  // His network is up, only the relay is out of reach: the truthful state is "connecting", not "offline".
  await ben.until(() => ben.porch.sync().kind === "connecting");
  expect((await ben.porch.life.addGoal(groupId, goal("Learn to bake bread"))).ok).toBe(true);
  expect(ben.porch.sync()).toEqual({ kind: "connecting", pending: 2 });

  // 3. Meanwhile Ana invites Cara; Cara joins and Ana's device rotates to a new epoch.
  const caraLink = await ana.porch.createInviteLink(groupId);
  if (!caraLink.ok) throw new Error(caraLink.code);
  expect((await cara.porch.joinWithInvite(new URL(caraLink.value).hash)).ok).toBe(true);
  await cara.until(() => rotations(cara.received).some((r) => r.payload.epoch > epochBefore));
  const epochAfter = Math.max(...rotations(cara.received).map((r) => r.payload.epoch));
  expect(epochAfter).toBe(epochBefore + 1);
  expect(titles(ana)).toEqual([]);
  expect(titles(cara)).toEqual([]);

  // 4. Ben is back: he catches up on the rotation, re-seals his outbox under the new epoch, the relay accepts it.
  const publishedBeforeReturn = net.published.length;
  net.set("online");
  await ben.until(() => ben.porch.sync().kind === "synced");
  const caughtUp = rotations(ben.received.slice(framesBeforeOffline));
  expect(caughtUp.map((r) => r.payload.epoch)).toContain(epochAfter);

  const resent = net.published.slice(publishedBeforeReturn).filter((p) => p.header.kind === "update");
  expect(resent.length).toBeGreaterThanOrEqual(1);
  expect(resent.every((p) => p.delivered && p.header.epoch === epochAfter)).toBe(true);
  // The envelope lost in flight went out again re-sealed: same counter, new epoch.
  expect(resent[0]!.header.counter).toBe(lost.header.counter);
  expect(resent[0]!.header.epoch).not.toBe(lost.header.epoch);
  // No envelope of Ben's was refused: every publish after his return was answered with an ack.
  const acks = ben.received.slice(framesBeforeOffline).filter((f) => f.type === "ack").length;
  expect(acks).toBeGreaterThanOrEqual(resent.length);
  expect(ben.received.slice(framesBeforeOffline).some((f) => f.type === "error" && f.code === "stale-epoch")).toBe(
    false,
  );

  // Nothing lost: Ana and Cara read both of Ben's goals, and so does Ben.
  const both = ["Learn to bake bread", "Run a 10k"];
  await ana.until(() => JSON.stringify(titles(ana)) === JSON.stringify(both));
  await cara.until(() => JSON.stringify(titles(cara)) === JSON.stringify(both));
  expect(titles(ben)).toEqual(both);
  expect(ana.porch.life.goals(groupId)!.every((g) => g.owner === ben.porch.profile()!.memberId)).toBe(true);
});
