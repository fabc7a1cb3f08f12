/**
 * The relay and membership-log checkpoints: Ana founds a group, Ben joins, Ana rotates. The relay
 * keeps a member's signature of a checkpoint only when the body is its own replay of that log prefix,
 * and hands a newcomer the checkpoint (and the entries after it) only once two members, one an admin,
 * signed it. Every refusal is a coded error and stores nothing.
 */
import {
  blake2b256,
  checkpointBody,
  decodeCbor,
  encodeCbor,
  inviteLookupMessage,
  replayFromCheckpoint,
  replayLog,
  signCheckpoint,
  signWithContext,
  type GroupState,
  type ServerFrame,
} from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createEntry,
  inviteEntry,
  joinEntry,
  member,
  newGroup,
  rotateEntry,
  type TestGroup,
  type TestInvite,
  type TestMember,
} from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
let ana: TestMember, ben: TestMember, eve: TestMember;
let anaClient: TestClient, benClient: TestClient, eveClient: TestClient;
let group: TestGroup;
const log: Uint8Array[] = [];
/** The state after Ana's rotation (the log's head). */
let rotated: GroupState;

async function append(client: TestClient, entry: { wire: Uint8Array; hash: Uint8Array }, sealedKey?: Uint8Array) {
  const answer = await client.request({ type: "append", groupId: group.bytes, entry: entry.wire, sealedKey });
  expect(answer.type).toBe("appended");
  group.head = entry.hash;
  log.push(entry.wire);
}

function lookup(client: TestClient, invite: TestInvite): Promise<ServerFrame> {
  const proof = signWithContext(
    "inviteLookup",
    inviteLookupMessage(client.challenge.nonce, group.bytes),
    invite.keys.signing.privateKey,
  );
  return client.request({
    type: "invite-lookup",
    groupId: group.bytes,
    inviteKey: invite.keys.signing.publicKey,
    proof,
  });
}

const signAs = (client: TestClient, who: TestMember, body: Uint8Array, index = rotated.length) =>
  client.request({
    type: "checkpoint-sign",
    groupId: group.bytes,
    index,
    bodyHash: blake2b256(body),
    signature: signCheckpoint(body, who.identity.memberId, who.identity.signing.privateKey).signature,
  });

const code = (frame: ServerFrame) => (frame.type === "error" ? frame.code : frame.type);

beforeAll(async () => {
  relay = await startTestRelay();
  [ana, ben, eve] = [member("Ana"), member("Ben"), member("Eve")];
  group = newGroup();
  anaClient = await TestClient.as(relay.url, ana);
  benClient = await TestClient.as(relay.url, ben);
  eveClient = await TestClient.as(relay.url, eve);
  const now = Date.now();
  await append(anaClient, createEntry(ana, group, now));
  const invite = inviteEntry(ana, group, now);
  await append(anaClient, invite.entry, invite.sealedKey);
  await append(benClient, joinEntry(ben, group, invite, now), undefined);
  const rotation = rotateEntry(ana, group, [ana, ben], now);
  await append(anaClient, rotation.entry);
  group.epoch = rotation.rotation.epoch;
  group.epochKey = rotation.rotation.key;
  const replayed = replayLog(log);
  if (!replayed.ok) throw new Error(replayed.code);
  rotated = replayed.value;
}, 120_000);

afterAll(async () => {
  await relay?.stop();
});

describe("checkpoint signatures at the relay", () => {
  it("refuses a body that is not its own replay, a bad signature, an index past the head, and a stranger", async () => {
    const fields = decodeCbor(checkpointBody(rotated)) as unknown[];
    (fields[8] as unknown[][])[0]![1] = (fields[8] as unknown[][])[0]![1] === "admin" ? "member" : "admin";
    const wrongRoster = encodeCbor(fields);
    expect(code(await signAs(anaClient, ana, wrongRoster))).toBe("checkpoint-mismatch");
    const honest = checkpointBody(rotated);
    const badSignature = await benClient.request({
      type: "checkpoint-sign",
      groupId: group.bytes,
      index: rotated.length,
      bodyHash: blake2b256(honest),
      signature: signCheckpoint(honest, eve.identity.memberId, eve.identity.signing.privateKey).signature,
    });
    expect(code(badSignature)).toBe("bad-signature");
    expect(code(await signAs(anaClient, ana, honest, rotated.length + 1))).toBe("checkpoint-mismatch");
    expect(code(await signAs(eveClient, eve, honest))).toBe("not-a-member");
    expect(await relay.sql.query("select count(*)::int as n from checkpoint_signatures")).toEqual([{ n: 0 }]);
  });

  it("serves nothing until two members (one an admin) signed, then the checkpoint and only the entries after it", async () => {
    const body = checkpointBody(rotated);
    expect(await signAs(anaClient, ana, body)).toMatchObject({ type: "checkpoint-signed", complete: false });
    // Signing twice counts once.
    expect(await signAs(anaClient, ana, body)).toMatchObject({ type: "checkpoint-signed", complete: false });
    const invite = inviteEntry(ana, group, Date.now());
    await append(anaClient, invite.entry, invite.sealedKey);
    const newcomer = await TestClient.as(relay.url, member("Cara"));
    const before = await lookup(newcomer, invite);
    expect(before.type === "log" && [before.checkpoint ?? null, before.entries.length]).toEqual([null, log.length]);

    expect(await signAs(benClient, ben, body)).toMatchObject({ type: "checkpoint-signed", complete: true });
    const after = await lookup(newcomer, invite);
    if (after.type !== "log" || !after.checkpoint) throw new Error("expected a checkpoint");
    expect(after.entries).toEqual([invite.entry.wire]);
    const replayed = replayFromCheckpoint(after.checkpoint, group.id, after.entries);
    const full = replayLog(log);
    expect(replayed.ok && full.ok && checkpointBody(replayed.value.state)).toEqual(
      full.ok && checkpointBody(full.value),
    );
    // A checkpoint and one entry instead of five entries with their lockboxes.
    const sum = (xs: readonly Uint8Array[]) => xs.reduce((n, x) => n + x.length, 0);
    expect(after.checkpoint.length + sum(after.entries)).toBeLessThan(sum(log));
  });
});
