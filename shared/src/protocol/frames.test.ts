/**
 * Frames are parsed at the edge from untrusted sockets: every valid frame round-trips, and anything
 * else (wrong version, unknown type, missing or mis-sized fields, garbage) is refused without throwing.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { encodeCbor } from "../codec.ts";
import type { ClientFrame } from "./client-frames.ts";
import { encodeFrame, parseClientFrame, parseServerFrame } from "./codec.ts";
import type { ServerFrame } from "./server-frames.ts";

beforeAll(async () => {
  await readySodium();
});

const b = (n: number, fill = 1) => new Uint8Array(n).fill(fill);

const CLIENT: readonly ClientFrame[] = [
  { v: 1, type: "hello", memberId: b(32), deviceId: b(16), signature: b(64) },
  { v: 1, type: "append", id: 1, groupId: b(16), entry: b(300), sealedKey: b(80) },
  { v: 1, type: "append", id: 2, groupId: b(16), entry: b(300), sealedKey: null },
  { v: 1, type: "invite-lookup", id: 3, groupId: b(16), inviteKey: b(32), proof: b(64) },
  { v: 1, type: "subscribe", id: 4, groupId: b(16), afterSeq: 0, afterIndex: 7 },
  { v: 1, type: "publish", id: 5, envelope: b(1000) },
  { v: 1, type: "my-groups", id: 6 },
  { v: 1, type: "link-open", id: 7, mailbox: b(32), expiresAt: 1_700_000_600_000 },
  { v: 1, type: "link-answer", id: 8, mailbox: b(32), ephemeralKey: b(32, 2), mac: b(32, 3) },
  { v: 1, type: "link-complete", id: 9, mailbox: b(32), sealed: b(200) },
  { v: 1, type: "link-complete", id: 10, mailbox: b(32), sealed: null },
  { v: 1, type: "notice-post", id: 11, sealed: b(300) },
  { v: 1, type: "notices", id: 12, after: 4 },
  { v: 1, type: "subscribe", id: 13, groupId: b(16, 4), afterSeq: 9, afterIndex: 0, kind: "journal" },
  { v: 1, type: "subscribe", id: 14, groupId: b(16), afterSeq: 0, afterIndex: 2, kind: "group" },
  { v: 1, type: "journal-delete", id: 15, journalId: b(16, 4) },
  { v: 1, type: "checkpoint-sign", id: 16, groupId: b(16), index: 7, bodyHash: b(32), signature: b(64) },
];

const SERVER: readonly ServerFrame[] = [
  { v: 1, type: "challenge", nonce: b(32), origin: "https://porch.example", time: 1_700_000_000_000 },
  { v: 1, type: "welcome", memberId: b(32) },
  { v: 1, type: "appended", id: 1, groupId: b(16), index: 3, releasedKey: b(80) },
  { v: 1, type: "appended", id: 1, groupId: b(16), index: 3, releasedKey: null },
  { v: 1, type: "log", id: 2, groupId: b(16), entries: [b(200), b(210)] },
  {
    v: 1,
    type: "catch-up",
    id: 3,
    groupId: b(16),
    entries: [],
    snapshot: { seq: 9, coversSeq: 8, bytes: b(500) },
    updates: [{ seq: 10, bytes: b(50) }],
    headSeq: 10,
  },
  { v: 1, type: "catch-up", id: 3, groupId: b(16), entries: [b(1)], snapshot: null, updates: [], headSeq: 0 },
  { v: 1, type: "ack", id: 4, seq: 11 },
  { v: 1, type: "envelope", groupId: b(16), seq: 12, bytes: b(300) },
  { v: 1, type: "entry", groupId: b(16), index: 4, bytes: b(300) },
  { v: 1, type: "error", id: null, code: "malformed-frame", fatal: true },
  { v: 1, type: "error", id: 5, code: "stale-head", fatal: false },
  { v: 1, type: "groups", id: 6, groupIds: [b(16), b(16, 2)] },
  { v: 1, type: "groups", id: 6, groupIds: [] },
  { v: 1, type: "link-opened", id: 7 },
  { v: 1, type: "link-answered-ack", id: 8 },
  { v: 1, type: "link-completed", id: 9 },
  { v: 1, type: "link-request", mailbox: b(32), ephemeralKey: b(32, 2), mac: b(32, 3) },
  { v: 1, type: "link-sealed", mailbox: b(32), sealed: b(200) },
  { v: 1, type: "notice-posted", id: 11 },
  { v: 1, type: "notice-list", id: 12, notices: [{ seq: 5, sealed: b(300), time: 1_700_000_000_000 }] },
  { v: 1, type: "error", id: null, code: "removed-from-group", fatal: false },
  { v: 1, type: "journal-deleted", id: 15 },
  { v: 1, type: "log", id: 2, groupId: b(16), entries: [b(200)], checkpoint: b(900) },
  { v: 1, type: "checkpoint-signed", id: 4, groupId: b(16), index: 7, complete: true },
];

type Parser = (bytes: Uint8Array) => unknown;
const sides: readonly [string, readonly (ClientFrame | ServerFrame)[], Parser, Parser][] = [
  ["client", CLIENT, parseClientFrame, parseServerFrame],
  ["server", SERVER, parseServerFrame, parseClientFrame],
];

describe.each(sides)("%s frames", (_side, frames, parse, parseOtherSide) => {
  test.each(frames.map((f) => [f.type, f] as const))(
    "%s round-trips, and is not a frame of the other side",
    (_type, frame) => {
      expect(parse(encodeFrame(frame))).toEqual(frame);
      expect(parseOtherSide(encodeFrame(frame))).toBeNull();
    },
  );

  test.each(frames.map((f) => [f.type, f] as const))("%s with v: 2 is refused", (_type, frame) => {
    expect(parse(encodeCbor({ ...frame, v: 2 }))).toBeNull();
  });

  test.each(frames.map((f) => [f.type, f] as const))("%s without any one of its fields is refused", (_type, frame) => {
    for (const key of Object.keys(frame)) {
      const partial: Record<string, unknown> = { ...frame };
      delete partial[key];
      const optional =
        (frame.type === "append" && key === "sealedKey") ||
        (frame.type === "subscribe" && key === "kind") ||
        (frame.type === "log" && key === "checkpoint");
      if (optional) expect(parse(encodeCbor(partial))).not.toBeNull();
      else expect(parse(encodeCbor(partial)), `missing ${key}`).toBeNull();
    }
  });

  test("an unknown type is refused", () => {
    expect(parse(encodeCbor({ ...frames[0], type: "teleport" }))).toBeNull();
  });

  test("garbage is refused without throwing", () => {
    let seed = 99;
    const next = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff);
    for (let i = 0; i < 300; i++) {
      const bytes = Uint8Array.from({ length: next() % 100 }, () => next() & 0xff);
      expect(() => parse(bytes)).not.toThrow();
      expect(parse(bytes)).toBeNull();
    }
    for (const value of [null, 1, "hello", [], [1, "hello"], {}]) expect(parse(encodeCbor(value))).toBeNull();
  });
});

describe("field sizes", () => {
  test.each([
    ["a 33-byte memberId in hello", { ...CLIENT[0]!, memberId: b(33) }],
    ["a 31-byte memberId in hello", { ...CLIENT[0]!, memberId: b(31) }],
    ["a 63-byte hello signature", { ...CLIENT[0]!, signature: b(63) }],
    ["a 17-byte groupId in subscribe", { ...CLIENT[4]!, groupId: b(17) }],
    ["a negative afterSeq", { ...CLIENT[4]!, afterSeq: -1 }],
    ["a fractional request id", { ...CLIENT[5]!, id: 1.5 }],
    ["a request id above 2^31", { ...CLIENT[5]!, id: 2 ** 31 + 1 }],
    ["a sealedKey over 256 bytes", { ...CLIENT[1]!, sealedKey: b(257) }],
    ["a memberId sent as text", { ...CLIENT[0]!, memberId: "AAAA" }],
    ["a 31-byte link mailbox", { ...CLIENT[7]!, mailbox: b(31) }],
    ["a link answer with a 16-byte MAC", { ...CLIENT[8]!, mac: b(16) }],
    ["a sealed link payload over 1 KiB", { ...CLIENT[9]!, sealed: b(1025) }],
    ["a notice over 1 KiB", { ...CLIENT[11]!, sealed: b(1025) }],
    ["a negative notices cursor", { ...CLIENT[12]!, after: -1 }],
    ["a subscribe of an unknown kind", { ...CLIENT[13]!, kind: "diary" }],
    ["a subscribe whose kind is null", { ...CLIENT[13]!, kind: null }],
    ["a 15-byte journal id in journal-delete", { ...CLIENT[15]!, journalId: b(15) }],
    ["a 17-byte journal id in journal-delete", { ...CLIENT[15]!, journalId: b(17) }],
  ])("the relay refuses %s", (_name, frame) => {
    expect(parseClientFrame(encodeCbor(frame))).toBeNull();
  });

  test.each([
    ["an error code that does not exist", { ...SERVER[10]!, code: "kaboom" }],
    ["a 31-byte challenge nonce", { ...SERVER[0]!, nonce: b(31) }],
    ["a fatal flag that is not a boolean", { ...SERVER[10]!, fatal: 1 }],
    ["a 15-byte group id in groups", { ...SERVER[12]!, groupIds: [b(15)] }],
    ["a link request with a 31-byte ephemeral key", { ...SERVER[17]!, ephemeralKey: b(31) }],
  ])("a client refuses %s", (_name, frame) => {
    expect(parseServerFrame(encodeCbor(frame))).toBeNull();
  });
});

describe("subscribe kinds", () => {
  test("a subscribe without a kind (every client before journals) still parses, as a group's", () => {
    const old = { v: 1, type: "subscribe", id: 4, groupId: b(16), afterSeq: 0, afterIndex: 7 };
    const parsed = parseClientFrame(encodeCbor(old));
    expect(parsed).toEqual(old);
    expect(parsed?.type === "subscribe" && parsed.kind).toBeUndefined();
  });
});
