/**
 * CBOR is read from untrusted sockets, so decoding garbage must answer `undefined`, never throw; and
 * byte arrays must come back as plain, untagged Uint8Arrays whichever runtime decoded them.
 */
import { mulberry32 } from "@porch/testing/seeded-random";
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "./index.ts";
import { decodeCbor, encodeCbor } from "./codec.ts";

beforeAll(async () => {
  await readySodium();
});

/** Walks a decoded value and returns the first byte array that is not a plain Uint8Array. */
function findNonPlainBytes(value: unknown): unknown {
  if (ArrayBuffer.isView(value)) return value.constructor === Uint8Array ? undefined : value;
  if (Array.isArray(value)) return value.map(findNonPlainBytes).find((v) => v !== undefined);
  if (value !== null && typeof value === "object")
    return Object.values(value)
      .map(findNonPlainBytes)
      .find((v) => v !== undefined);
  return undefined;
}

describe("decodeCbor on malformed input", () => {
  test.each([
    ["empty input", []],
    ["a truncated array", [0x82, 0x01]],
    ["a truncated byte string", [0x45, 1, 2]],
    ["trailing bytes after a complete item", [0x01, 0x02]],
    ["a reserved additional-info value", [0x1c]],
    ["a break code outside an indefinite item", [0xff]],
  ])("answers undefined for %s", (_name, bytes) => {
    expect(decodeCbor(Uint8Array.from(bytes))).toBeUndefined();
  });

  test("never throws on 500 random byte strings, and anything it does decode holds only plain Uint8Arrays", () => {
    const random = mulberry32(7);
    let undecodable = 0;
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: Math.floor(random() * 64) }, () => Math.floor(random() * 256));
      let decoded: unknown;
      expect(() => {
        decoded = decodeCbor(bytes);
      }).not.toThrow();
      if (decoded === undefined) undecodable++;
      expect(findNonPlainBytes(decoded)).toBeUndefined();
    }
    // Random bytes are mostly not one complete CBOR item.
    expect(undecodable).toBeGreaterThan(250);
  });

  test("every strict prefix of a valid encoding answers undefined", () => {
    const bytes = encodeCbor([1, "two", Uint8Array.of(3, 3, 3), { four: [4] }]);
    for (let cut = 0; cut < bytes.length; cut++)
      expect(decodeCbor(bytes.subarray(0, cut)), `cut ${cut}`).toBeUndefined();
  });
});

describe("byte arrays on the wire", () => {
  test("are encoded untagged (no tag 64), as a plain CBOR byte string", () => {
    expect(Array.from(encodeCbor(Uint8Array.of(1, 2, 3)))).toEqual([0x43, 1, 2, 3]);
    expect(Array.from(encodeCbor(Buffer.from([1, 2, 3])))).toEqual([0x43, 1, 2, 3]);
  });

  test("come back as plain Uint8Arrays, not Buffers, at any depth", () => {
    const value = { top: Uint8Array.of(1), nested: [Uint8Array.of(2), { deeper: Uint8Array.of(3) }] };
    const decoded = decodeCbor(encodeCbor(value));
    expect(decoded).toEqual(value);
    expect(findNonPlainBytes(decoded)).toBeUndefined();
    const top = (decoded as { top: Uint8Array }).top;
    expect(Buffer.isBuffer(top)).toBe(false);
  });

  test("encodeCbor returns a fresh array each time (cbor-x reuses its buffer internally)", () => {
    const first = encodeCbor([1, 2, 3]);
    const copy = Array.from(first);
    encodeCbor(["something", "else", "entirely", new Uint8Array(100)]);
    expect(Array.from(first)).toEqual(copy);
    expect(first.constructor).toBe(Uint8Array);
  });

  test("CBOR maps decode as plain objects, and a __proto__ key cannot change an object's prototype", () => {
    // {"a": 1} and {"__proto__": {"polluted": true}}, written by hand as untrusted input would be.
    expect(decodeCbor(Uint8Array.of(0xa1, 0x61, 0x61, 0x01))).toEqual({ a: 1 });
    const proto = [...new TextEncoder().encode("__proto__")];
    const polluted = [...new TextEncoder().encode("polluted")];
    const sneaky = decodeCbor(Uint8Array.of(0xa1, 0x69, ...proto, 0xa1, 0x68, ...polluted, 0xf5));
    expect(sneaky).toBeTypeOf("object");
    expect((sneaky as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // cbor-x writes a JS Map with tag 259 and reads it back as a Map: its entries must survive as a plain
  // object (or decodeCbor refuses it with undefined) — never silent data loss.
  test("a Map passed to encodeCbor does not silently come back empty", () => {
    const decoded = decodeCbor(encodeCbor(new Map([["a", 1]])));
    expect(decoded === undefined || JSON.stringify(decoded) === JSON.stringify({ a: 1 })).toBe(true);
  });
});
