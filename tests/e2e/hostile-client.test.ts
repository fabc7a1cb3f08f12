/**
 * A hostile client on the real relay process, while Ana and Ben use Porch in real browsers. Each
 * attempt gets its error code (or its close code), the relay keeps answering `/api/health`, and at
 * the end Ana and Ben still sync.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import {
  DeviceId,
  GroupId,
  MAX_FRAME_BYTES,
  MAX_UPDATE_BYTES,
  deriveIdentity,
  deriveInviteKeys,
  fromBase64Url,
  inviteLookupMessage,
  parseClientFrame,
  randomBytes,
  readySodium,
  signWithContext,
  type Identity,
  type ServerFrame,
} from "@porch/shared";
// The hostile client plays a client, which seals its own envelopes.
import { sealEnvelope } from "@porch/shared/sealing";
import { launchBrowser, newDevice, type Device } from "@porch/testing/browser";
import { containsBytes } from "@porch/testing/byte-search";
import { recordFrames, type RecordedFrames } from "@porch/testing/frame-recorder";
import { browserDeviceSecrets } from "@porch/testing/device-secrets";
import { foundOwnGroup } from "@porch/testing/own-group";
import { TestClient } from "@porch/testing/test-client";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { addGoal, createGroup, inviteLink, onboard, waitForGoal, waitForMemberName } from "@porch/testing/porch-page";

const GROUP = "Maple Street Families";
const POLICY_VIOLATION = 1008;
const MESSAGE_TOO_BIG = 1009;

let relay: RelayProcess;
let browser: Browser;
let ana: Device;
let ben: Device;
let anaFrames: RecordedFrames;
let benFrames: RecordedFrames;
let groupId: GroupId;
/** An invitation Ana made and nobody used: the stranger holds its link. */
let strangerLink: string;
const stranger = { identity: null as unknown as Identity, deviceId: randomBytes(16) };

beforeAll(async () => {
  await readySodium();
  stranger.identity = deriveIdentity(randomBytes(32));
  relay = await startRelay();
  browser = await launchBrowser();
  ana = await newDevice(browser, relay.url);
  ben = await newDevice(browser, relay.url);
  anaFrames = recordFrames(ana.page);
  benFrames = recordFrames(ben.page);

  await onboard(ana.page, "Ana");
  await createGroup(ana.page, GROUP);
  groupId = GroupId.parse(new URL(ana.page.url()).hash.replace(/^#\/group\//, ""))!;
  const link = new URL(await inviteLink(ana.page));
  await onboard(ben.page, "Ben", link.pathname + link.hash);
  await ben.page.getByTestId("group-name").filter({ hasText: GROUP }).waitFor({ timeout: 30_000 });
  await waitForMemberName(ana.page, "Ben");
  // A second invitation (inviteLink waits for a link other than the one shown before).
  strangerLink = await inviteLink(ana.page);
  expect(strangerLink).toMatch(/#\/join\//);
});

afterAll(async () => {
  await browser?.close();
  await relay?.stop();
});

async function expectRelayAlive(): Promise<void> {
  const health = await fetch(`${relay.url}/api/health`);
  expect(health.status).toBe(200);
  expect(await health.json()).toMatchObject({ ok: true });
}

const nextError = (client: TestClient) => client.next((f) => f.type === "error");
const flipLastByte = (bytes: Uint8Array) => {
  const copy = bytes.slice();
  copy[copy.length - 1]! ^= 0x01;
  return copy;
};

/** An update envelope as the stranger's device would seal it, for any group and key. */
function strangerEnvelope(group: GroupId, logHead: Uint8Array, plaintextBytes = 16): Uint8Array {
  return sealEnvelope(
    {
      kind: "update",
      groupId: group,
      epoch: 0,
      memberId: stranger.identity.memberId,
      deviceId: DeviceId.fromBytes(stranger.deviceId)!,
      counter: 1,
      logHead,
      heads: [],
      coversSeq: 0,
    },
    new Uint8Array(plaintextBytes).fill(7),
    randomBytes(32),
    stranger.identity.signing.privateKey,
  );
}

/** Ana's identity, read from her browser's storage, on a device id of the test's own. */
let anaAsMember: { identity: Identity; deviceId: Uint8Array } | null = null;

/** The group as a member sees it through the relay: the log's length and the envelopes' head seq. */
async function groupAsSeenByAMember(): Promise<{ logLength: number; headSeq: number }> {
  anaAsMember ??= {
    identity: deriveIdentity((await browserDeviceSecrets(ana.page)).seed),
    deviceId: new Uint8Array(randomBytes(16)),
  };
  const client = await TestClient.as(relay.syncUrl, anaAsMember);
  try {
    const answer = await client.request({
      type: "subscribe",
      groupId: GroupId.toBytes(groupId),
      afterSeq: 0,
      afterIndex: 0,
    });
    if (answer.type !== "catch-up") throw new Error(`a member could not subscribe: ${JSON.stringify(answer)}`);
    return { logLength: answer.entries.length, headSeq: answer.headSeq };
  } finally {
    await client.close();
  }
}

describe("a hostile client on the relay", () => {
  // Around every refused row, the group is unchanged as a member sees it: a refused write that was
  // nevertheless stored would move the log or the envelope seq. (The closing story writes on purpose.)
  let before: { logLength: number; headSeq: number } | null = null;
  beforeEach(async (ctx) => {
    before = ctx.task.name.startsWith("after all that") ? null : await groupAsSeenByAMember();
    if (before !== null) expect(before.logLength).toBeGreaterThanOrEqual(3);
  });
  afterEach(async () => {
    if (before !== null) expect(await groupAsSeenByAMember()).toEqual(before);
  });

  it("garbage bytes: malformed-frame, fatal, and the socket closes", async () => {
    const client = await TestClient.connect(relay.syncUrl);
    client.sendRaw(Uint8Array.of(0xff, 0x00, 0x13, 0x37, 0xde, 0xad, 0xbe, 0xef));
    expect(await nextError(client)).toMatchObject({ code: "malformed-frame", fatal: true });
    expect(await client.closed).toBe(POLICY_VIOLATION);
    await expectRelayAlive();
  });

  it("a text frame: malformed-frame, and the socket closes", async () => {
    const client = await TestClient.connect(relay.syncUrl);
    client.sendRaw(JSON.stringify({ v: 1, type: "hello" }));
    expect(await nextError(client)).toMatchObject({ code: "malformed-frame", fatal: true });
    expect(await client.closed).toBe(POLICY_VIOLATION);
    await expectRelayAlive();
  });

  it("a hello with a forged signature: auth-failed", async () => {
    const client = await TestClient.connect(relay.syncUrl);
    expect(await client.hello(stranger, flipLastByte)).toMatchObject({
      type: "error",
      code: "auth-failed",
      fatal: true,
    });
    expect(await client.closed).toBe(POLICY_VIOLATION);
    await expectRelayAlive();
  });

  it("an authenticated stranger subscribing to Ana's group: not-a-member, and no catch-up", async () => {
    const client = await TestClient.as(relay.syncUrl, stranger);
    const answer = await client.request({
      type: "subscribe",
      groupId: GroupId.toBytes(groupId),
      afterSeq: 0,
      afterIndex: 0,
    });
    expect(answer).toMatchObject({ type: "error", code: "not-a-member", fatal: false });
    expect(client.received.some((bytes) => containsBytes(bytes, GroupId.toBytes(groupId)))).toBe(false);
    await client.close();
    await expectRelayAlive();
  });

  it("a publish with a forged signature: bad-signature; a correctly signed one: not-a-member", async () => {
    const client = await TestClient.as(relay.syncUrl, stranger);
    const envelope = strangerEnvelope(groupId, randomBytes(32));
    expect(await client.request({ type: "publish", envelope: flipLastByte(envelope) })).toMatchObject({
      type: "error",
      code: "bad-signature",
      fatal: false,
    });
    expect(await client.request({ type: "publish", envelope })).toMatchObject({
      type: "error",
      code: "not-a-member",
      fatal: false,
    });
    await client.close();
    await expectRelayAlive();
  });

  it("a frame over MAX_FRAME_BYTES: the relay's socket layer closes with 1009 before any frame", async () => {
    const client = await TestClient.as(relay.syncUrl, stranger);
    const before = client.received.length;
    client.sendRaw(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect(await client.closed).toBe(MESSAGE_TOO_BIG);
    expect(client.received.length).toBe(before);
    await expectRelayAlive();
  });

  it("an update over MAX_UPDATE_BYTES (in a group of the stranger's own): frame-too-large, not fatal", async () => {
    // The relay checks size after membership, so the stranger founds a group to be a member of.
    const client = await TestClient.as(relay.syncUrl, stranger);
    const own = await foundOwnGroup(client, stranger.identity);

    const big = strangerEnvelope(own.id, own.head, MAX_UPDATE_BYTES);
    expect(big.length).toBeGreaterThan(MAX_UPDATE_BYTES);
    expect(big.length).toBeLessThan(MAX_FRAME_BYTES);
    expect(await client.request({ type: "publish", envelope: big })).toMatchObject({
      type: "error",
      code: "frame-too-large",
      fatal: false,
    });
    // Not fatal: the same socket still gets answers, and a small update under the same counter is taken.
    expect(await client.request({ type: "publish", envelope: strangerEnvelope(own.id, own.head) })).toMatchObject({
      type: "ack",
      seq: 1,
    });
    await client.close();
    await expectRelayAlive();
  });

  it("an invitation link does not yield the sealed key without joining", async () => {
    const match = /#\/join\/([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(strangerLink);
    expect(match?.[1]).toBe(groupId);
    const invite = deriveInviteKeys(fromBase64Url(match![2]!)!);
    const groupBytes = GroupId.toBytes(groupId);
    const client = await TestClient.as(relay.syncUrl, stranger);
    const answers: ServerFrame[] = [];

    // A proof over another nonce (a replayed or made-up proof), and a proof by another key.
    const replayed = signWithContext(
      "inviteLookup",
      inviteLookupMessage(randomBytes(32), groupBytes),
      invite.signing.privateKey,
    );
    const otherKey = signWithContext(
      "inviteLookup",
      inviteLookupMessage(client.challenge.nonce, groupBytes),
      deriveInviteKeys(randomBytes(32)).signing.privateKey,
    );
    for (const proof of [replayed, otherKey, flipLastByte(replayed)]) {
      const answer = await client.request({
        type: "invite-lookup",
        groupId: groupBytes,
        inviteKey: invite.signing.publicKey,
        proof,
      });
      expect(answer).toMatchObject({ type: "error", code: "invite-not-found", fatal: false });
      answers.push(answer);
    }
    // Even the right proof reads only the public log: the key is released only with a `join`.
    const proof = signWithContext(
      "inviteLookup",
      inviteLookupMessage(client.challenge.nonce, groupBytes),
      invite.signing.privateKey,
    );
    const log = await client.request({
      type: "invite-lookup",
      groupId: groupBytes,
      inviteKey: invite.signing.publicKey,
      proof,
    });
    expect(log).toMatchObject({ type: "log", entries: expect.any(Array) });
    answers.push(log);

    // The sealed keys Ana handed the relay (one per invitation), read from her own frames.
    const sealedKeys = anaFrames.sent.flatMap((bytes) => {
      const frame = parseClientFrame(bytes);
      return frame?.type === "append" && frame.sealedKey ? [frame.sealedKey] : [];
    });
    expect(sealedKeys).toHaveLength(2);
    for (const key of sealedKeys) {
      expect(client.received.some((bytes) => containsBytes(bytes, key))).toBe(false);
    }
    // Positive control: the search finds the key Ben was released when he joined.
    expect(sealedKeys.filter((key) => benFrames.received.some((bytes) => containsBytes(bytes, key)))).toHaveLength(1);
    await client.close();
    await expectRelayAlive();
  });

  it("after all that, Ana and Ben still sync", async () => {
    await addGoal(ana.page, "Emergency fund", "savings", 1500);
    await waitForGoal(ben.page, "Emergency fund");
    await addGoal(ben.page, "Finish GED", "education");
    await waitForGoal(ana.page, "Finish GED");
    await expectRelayAlive();
  });
});
