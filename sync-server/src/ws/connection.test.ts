import {
  MAX_FRAME_BYTES,
  MemberId,
  authMessage,
  encodeCbor,
  encodeFrame,
  parseServerFrame,
  randomBytes,
  readySodium,
  signWithContext,
  type ServerFrame,
} from "@porch/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RoundService } from "../aggregation/round-service.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import { DEFAULT_RELAY_LIMITS } from "../relay-limits.ts";
import { Connection, type RelaySocket } from "./connection.ts";
import { Hub } from "./hub.ts";
import { anaAndBenInAGroup } from "@porch/testing/group-scenario";
import { member, seal } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

const fatal = (code: string) => ({ type: "error", id: null, code, fatal: true });

describe("a relay socket", () => {
  it("greets with a challenge bound to the origin the client dialled", async () => {
    const client = await TestClient.connect(relay.url);
    expect(client.challenge.nonce).toHaveLength(32);
    expect(client.challenge.origin).toBe(new URL(relay.url).origin.replace("ws:", "http:"));
    expect(Math.abs(client.challenge.time - Date.now())).toBeLessThan(60_000);
  });

  it("closes on a hello whose signature does not verify", async () => {
    const client = await TestClient.connect(relay.url);
    const answer = await client.hello(member("Ana"), (signature) => signature.map((b, i) => (i === 0 ? b ^ 1 : b)));
    expect(answer).toMatchObject(fatal("auth-failed"));
    expect(await client.closed).toBe(1008);
  });

  it("closes on a hello signed for another socket's challenge", async () => {
    const ana = member("Ana");
    const first = await TestClient.connect(relay.url);
    const second = await TestClient.connect(relay.url);
    const stolen = await new Promise<Uint8Array>((resolve) =>
      first.hello(ana, (s) => (resolve(s), new Uint8Array(64))),
    );
    expect(await second.hello(ana, () => stolen)).toMatchObject(fatal("auth-failed"));
  });

  it("requires hello before anything else", async () => {
    const client = await TestClient.connect(relay.url);
    client.sendFrame({ v: 1, type: "subscribe", id: 1, groupId: new Uint8Array(16), afterSeq: 0, afterIndex: 0 });
    expect(await client.next(() => true)).toMatchObject(fatal("not-authenticated"));
    expect(await client.closed).toBe(1008);
  });

  it("closes a socket that sends garbage, while Ana and Ben keep working", async () => {
    const { ana, group, anaClient, benClient } = await anaAndBenInAGroup(relay.url);
    await benClient.request({ type: "subscribe", groupId: group.bytes, afterSeq: 0, afterIndex: 3 });
    const vandal = await TestClient.as(relay.url, member("Vandal"));
    vandal.sendRaw(randomBytes(100).fill(0xff, 0, 1));
    expect(await vandal.next(() => true)).toMatchObject(fatal("malformed-frame"));
    expect(await vandal.closed).toBe(1008);

    expect(await anaClient.request({ type: "publish", envelope: seal(ana, group, { counter: 1 }) })).toMatchObject({
      type: "ack",
      seq: 1,
    });
    expect(await benClient.nextLive("envelope")).toMatchObject({ seq: 1 });
  });

  it("treats a well-formed CBOR frame of the wrong shape as malformed, naming its id when it has one", async () => {
    const client = await TestClient.as(relay.url, member("Ana"));
    client.sendRaw(encodeCbor({ v: 1, type: "publish", id: 9, envelope: "not bytes" }));
    expect(await client.next(() => true)).toMatchObject({ type: "error", id: 9, code: "malformed-frame", fatal: true });
  });

  it("names a frame from a newer protocol unsupported-version", async () => {
    const client = await TestClient.connect(relay.url);
    client.sendRaw(encodeCbor({ v: 2, type: "hello" }));
    expect(await client.next(() => true)).toMatchObject(fatal("unsupported-version"));
  });

  it("refuses text frames", async () => {
    const client = await TestClient.as(relay.url, member("Ana"));
    client.sendRaw("hello?");
    expect(await client.next(() => true)).toMatchObject(fatal("malformed-frame"));
    expect(await client.closed).toBe(1008);
  });

  it("refuses a frame larger than MAX_FRAME_BYTES with close code 1009 (Message Too Big)", async () => {
    const client = await TestClient.as(relay.url, member("Ana"));
    client.sendRaw(new Uint8Array(MAX_FRAME_BYTES + 1));
    expect(await client.closed).toBe(1009);
    expect(relay.logged).toContain("frame-too-large");
    const next = await TestClient.as(relay.url, member("Ben"));
    expect(next.challenge.nonce).toHaveLength(32);
  });

  it("answers a second hello with a non-fatal unknown-request", async () => {
    const ana = member("Ana");
    const client = await TestClient.as(relay.url, ana);
    expect(await client.hello(ana)).toMatchObject({ type: "error", code: "unknown-request", fatal: false });
  });
});

describe("a failure inside the relay", () => {
  it("closes only the socket it happened on, with internal, and never throws out", async () => {
    await readySodium();
    const broken = {
      readLog: () => Promise.reject(new Error("disk on fire /var/secret")),
      bindDevice: (_device: Uint8Array, memberId: Uint8Array) => Promise.resolve(memberId),
    } as unknown as RelayStorage;
    const sent: ServerFrame[] = [];
    let closedWith: number | null = null;
    const socket: RelaySocket = {
      send: (bytes) => void sent.push(parseServerFrame(bytes)!),
      close: (code) => void (closedWith = code),
      isOpen: true,
      bufferedAmount: 0,
      pause: () => {},
      resume: () => {},
    };
    const logged: string[] = [];
    const hub = new Hub();
    const connection = new Connection(socket, {
      storage: broken,
      hub,
      rounds: new RoundService({ storage: broken, hub, now: Date.now, log: () => {} }),
      now: Date.now,
      origin: "http://relay.test",
      log: (code, detail) => void logged.push(`${code} ${detail ?? ""}`),
      limits: DEFAULT_RELAY_LIMITS,
      address: "192.0.2.1",
    });
    connection.open();
    const challenge = sent[0]!;
    expect(challenge.type).toBe("challenge");

    const ana = member("Ana");
    if (challenge.type !== "challenge") throw new Error("no challenge");
    const memberId = MemberId.toBytes(ana.identity.memberId);
    const signature = signWithContext(
      "auth",
      authMessage(challenge, memberId, ana.deviceId),
      ana.identity.signing.privateKey,
    );
    const done = new Promise<void>((resolve) => {
      socket.close = (code) => {
        closedWith = code;
        resolve();
      };
    });
    connection.receive(
      toArrayBuffer(encodeFrame({ v: 1, type: "hello", memberId, deviceId: ana.deviceId, signature })),
    );
    connection.receive(
      toArrayBuffer(
        encodeFrame({ v: 1, type: "subscribe", id: 7, groupId: new Uint8Array(16), afterSeq: 0, afterIndex: 0 }),
      ),
    );
    await done;

    expect(sent.map((f) => f.type)).toEqual(["challenge", "welcome", "error"]);
    expect(sent[2]).toEqual({ v: 1, type: "error", id: 7, code: "internal", fatal: true });
    expect(closedWith).toBe(1011);
    expect(hub.connections).toBe(0);
    expect(logged.join("\n")).not.toContain("secret");
  });
});

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
