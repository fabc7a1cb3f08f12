/**
 * A newcomer joins from a signed membership-log checkpoint, on real Node devices and a real relay
 * process. Ana founds a group, Ben and Cara join (Ana's device rotates after each join); after each
 * rotation every member's device signs the checkpoint of the state it replayed, and once two of them
 * (one an admin) have, the relay hands newcomers that checkpoint and the entries after it instead of the
 * whole log. Dan joins that way and sees what Ana sees. Through a lying relay, forged checkpoints — a
 * wrong roster, a missing signature, a head that is not in the log — are refused with their codes,
 * Eve is not in the group, and the same link still works once the relay stops lying.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeCbor, encodeCbor, openCheckpoint, type GroupId, type ServerFrame } from "@porch/shared";
import { startLyingRelay, type LyingRelay } from "@porch/testing/lying-relay";
import { nodeDevice, type NodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";

let relay: RelayProcess;
let lying: LyingRelay;
let ana: NodeDevice;
let ben: NodeDevice;
let cara: NodeDevice;
let groupId: GroupId;
/** The index of the newest checkpoint the relay said was complete. */
let lastCheckpoint = 0;
/** The checkpoint Dan joined from (a lying relay later serves it with newer entries). */
let dansCheckpoint: Uint8Array;

async function member(name: string, url = relay.url): Promise<NodeDevice> {
  const d = await nodeDevice(url);
  expect((await d.porch.createProfile(name, "en")).ok).toBe(true);
  return d;
}

async function inviteLink(): Promise<string> {
  const link = await ana.porch.createInviteLink(groupId);
  if (!link.ok) throw new Error(link.code);
  return new URL(link.value).hash;
}

/** What a member sees of the group: members with roles, and every goal's title. */
const view = (d: NodeDevice) =>
  JSON.stringify([
    (d.porch.group(groupId)?.members ?? []).map((m) => [m.displayName, m.role]).sort(),
    (d.porch.life.goals(groupId) ?? []).map((g) => g.title).sort(),
  ]);

const logFrames = (d: NodeDevice) =>
  d.received.filter((f): f is Extract<ServerFrame, { type: "log" }> => f.type === "log");

/**
 * Resolves with the index of a checkpoint newer than `after` once the relay told one of the first
 * members' devices it is complete — which also means Ana's device made the rotation owed since.
 */
function nextCheckpoint(after = lastCheckpoint): Promise<number> {
  const devices = [ana, ben, cara];
  const newer = (f: ServerFrame) => f.type === "checkpoint-signed" && f.complete && f.index > after;
  return new Promise((resolve, reject) => {
    let failed = 0;
    for (const d of devices)
      d.untilReceived(newer, 60_000).then(
        (f) => resolve(f.type === "checkpoint-signed" ? f.index : after),
        () => ++failed === devices.length && reject(new Error(`no complete checkpoint after index ${after}`)),
      );
  });
}

beforeAll(async () => {
  relay = await startRelay();
  lying = await startLyingRelay(relay.url);
  ana = await member("Ana");
  const created = await ana.porch.createGroup("Maple Street");
  if (!created.ok) throw new Error(created.code);
  groupId = created.value;
  ben = await member("Ben");
  cara = await member("Cara");
  for (const d of [ben, cara]) {
    expect((await d.porch.joinWithInvite(await inviteLink())).ok).toBe(true);
    // The join made Ana's device rotate; the checkpoint after it is signed by Ana and another member.
    lastCheckpoint = await nextCheckpoint();
  }
  expect(
    (await ana.porch.life.addGoal(groupId, { title: "Save $500", category: "savings", targetAmount: null })).ok,
  ).toBe(true);
  expect(
    (await ben.porch.life.addGoal(groupId, { title: "Finish GED", category: "education", targetAmount: null })).ok,
  ).toBe(true);
}, 180_000);

afterAll(async () => {
  await lying?.stop();
  await relay?.stop();
});

describe("joining from a checkpoint", () => {
  it("Dan receives the checkpoint and the entries after it, not the whole log, and sees what Ana sees", async () => {
    const dan = await member("Dan");
    expect((await dan.porch.joinWithInvite(await inviteLink())).ok).toBe(true);
    const [lookup] = logFrames(dan);
    dansCheckpoint = lookup!.checkpoint!;
    // It stands for the 7 entries up to the rotation after Cara's join (create, 2 × invite + join + rotate),
    // signed by Ana and by Ben or Cara; only Dan's invitation came after it.
    const opened = openCheckpoint(dansCheckpoint, groupId);
    expect(opened.ok && opened.value.state.length).toBe(7);
    expect(opened.ok && opened.value.signers.length).toBe(2);
    expect(lookup!.entries.length).toBe(1);
    await ana.until(() => (ana.porch.group(groupId)?.members.length ?? 0) === 4 && ana.porch.sync().kind === "synced");
    await dan.until(() => view(dan) === view(ana));
    expect(view(dan)).toContain("Finish GED");
    expect(view(dan)).toContain("Dan");
    // Dan writes, Ana reads: he holds the key of the epoch Ana's device rotated to after his join.
    expect(
      (await dan.porch.life.addGoal(groupId, { title: "Fix the porch", category: "family", targetAmount: null })).ok,
    ).toBe(true);
    await ana.until(() => view(ana).includes("Fix the porch"));
    lastCheckpoint = await nextCheckpoint();
    // Dan closes the app and opens it again: the stored checkpoint is checked again and his log goes on from it.
    await dan.close();
    const again = await nodeDevice(relay.url, dan.name);
    await again.until(() => view(again) === view(ana));
    expect(
      (await again.porch.life.addGoal(groupId, { title: "Paint the fence", category: "family", targetAmount: null }))
        .ok,
    ).toBe(true);
    await ana.until(() => view(ana).includes("Paint the fence"));
    await again.close();
  }, 120_000);
});

type LogFrame = Extract<ServerFrame, { type: "log" }>;
type Forgery = (frame: LogFrame) => LogFrame;

/** Rewrites the body of the offered checkpoint, keeping its signatures. */
const withBody =
  (change: (fields: unknown[]) => void): Forgery =>
  (frame) => {
    const [body, signatures] = decodeCbor(frame.checkpoint!) as [Uint8Array, unknown[]];
    const fields = decodeCbor(body) as unknown[];
    change(fields);
    return { ...frame, checkpoint: encodeCbor([encodeCbor(fields), signatures]) };
  };

const forgeries: { name: string; forge: Forgery; code: string }[] = [
  {
    name: "a wrong roster (one member's role raised to admin) under the members' signatures",
    forge: withBody((fields) => {
      const members = fields[8] as unknown[][];
      const plain = members.find((m) => m[1] === "member")!;
      plain[1] = "admin";
    }),
    code: "bad-signature",
  },
  {
    name: "only one member's signature",
    forge: (frame) => {
      const [body, signatures] = decodeCbor(frame.checkpoint!) as [Uint8Array, unknown[]];
      return { ...frame, checkpoint: encodeCbor([body, signatures.slice(0, 1)]) };
    },
    code: "bad-checkpoint",
  },
  {
    name: "another head under the members' signatures",
    forge: withBody((fields) => {
      fields[3] = new Uint8Array(32).fill(7);
    }),
    code: "bad-signature",
  },
];

describe("a lying relay's forged checkpoints", () => {
  it.each(forgeries)(
    "$name → $code, and Eve is not in the group",
    async ({ forge, code }) => {
      const eve = await member("Eve", lying.url);
      const link = await inviteLink();
      lying.rewrite = (frame) => (frame.type === "log" && frame.checkpoint ? forge(frame) : frame);
      const joined = await eve.porch.joinWithInvite(link);
      lying.rewrite = (frame) => frame;
      expect(joined.ok ? "joined" : joined.code).toBe(code);
      expect(eve.porch.group(groupId)).toBeNull();
      // Nothing was appended for her: the same link works once the relay stops lying.
      expect((await eve.porch.joinWithInvite(link)).ok).toBe(true);
      await eve.until(() => view(eve).includes("Save $500"));
      lastCheckpoint = await nextCheckpoint();
      await eve.close();
    },
    120_000,
  );

  it("an older, honestly signed checkpoint served with today's entries: its head is not theirs → checkpoint-mismatch", async () => {
    const eve = await member("Eve", lying.url);
    const link = await inviteLink();
    lying.rewrite = (frame) =>
      frame.type === "log" && frame.checkpoint ? { ...frame, checkpoint: dansCheckpoint } : frame;
    const joined = await eve.porch.joinWithInvite(link);
    lying.rewrite = (frame) => frame;
    expect(joined.ok ? "joined" : joined.code).toBe("checkpoint-mismatch");
    expect(eve.porch.group(groupId)).toBeNull();
    await eve.close();
  }, 120_000);
});
