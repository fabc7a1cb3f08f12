/**
 * Padmé hides a ciphertext's exact length: sizes fall into buckets that keep O(log log L) bits, with
 * at most 12% overhead. The 0x80-then-zeros padding must come off unambiguously whatever the content.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { pad, padmeLength, unpad } from "./padme.ts";

beforeAll(async () => {
  await readySodium();
});

describe("padmeLength", () => {
  test("never shrinks a message and never decreases as messages grow (every L up to 100,000)", () => {
    let previous = 0;
    for (let length = 0; length <= 100_000; length++) {
      const padded = padmeLength(length);
      expect(padded).toBeGreaterThanOrEqual(length);
      expect(padded).toBeGreaterThanOrEqual(previous);
      previous = padded;
    }
  });

  test("adds at most 12% from 256 bytes on (every L up to 100,000, then large sizes)", () => {
    const large = [
      2 ** 20 - 1,
      2 ** 20,
      2 ** 20 + 1,
      1_000_003,
      16 * 1024 * 1024 - 4096,
      2 ** 31 + 1,
      10 ** 9 + 7,
      2 ** 40 + 12345,
    ];
    const lengths = [...Array.from({ length: 100_000 - 255 }, (_, i) => i + 256), ...large];
    for (const length of lengths) {
      const overhead = (padmeLength(length) - length) / length;
      if (overhead > 0.12) expect.fail(`padmeLength(${length}) = ${padmeLength(length)}: overhead ${overhead}`);
    }
    expect(padmeLength(2 ** 40 + 12345)).toBeGreaterThan(2 ** 40);
  });

  test.each([
    [0, 0],
    [1, 1],
    [2, 2],
    [9, 10],
    [1001, 1024],
    [1011, 1024],
    [1025, 1088],
    [4097, 4352],
  ])("Padmé(%i) = %i", (length, expected) => {
    expect(padmeLength(length)).toBe(expected);
  });

  test("keeps the number of distinct sizes small: 1..65536 fall into few buckets", () => {
    const buckets = new Set(Array.from({ length: 65_536 }, (_, i) => padmeLength(i + 1)));
    // Exact would be 65,536 sizes; Padmé leaves a few hundred.
    expect(buckets.size).toBeLessThan(1000);
  });
});

describe("pad / unpad", () => {
  const contents: readonly [string, (i: number) => number][] = [
    ["counting bytes", (i) => i & 0xff],
    ["all zeros (looks like padding)", () => 0],
    ["all 0x80 (looks like the marker)", () => 0x80],
  ];

  test.each(contents)("round-trips %s for every length 0..2000", (_name, byteAt) => {
    for (let length = 0; length <= 2000; length++) {
      const plain = Uint8Array.from({ length }, (_, i) => byteAt(i));
      const padded = pad(plain);
      expect(padded.length).toBe(padmeLength(length + 1));
      const back = unpad(padded);
      if (back === null || back.length !== length || back.some((b, i) => b !== plain[i]))
        expect.fail(`length ${length} did not round-trip`);
    }
  });

  test.each([
    ["empty input", []],
    ["all zeros", [0, 0, 0, 0]],
    ["last non-zero byte is not 0x80", [1, 2, 3, 0, 0]],
    ["marker off by one bit", [1, 0x81, 0]],
    ["no marker, content only", [1, 2, 3]],
  ])("refuses malformed padding: %s", (_name, bytes) => {
    expect(unpad(Uint8Array.from(bytes))).toBeNull();
  });

  test("a lone marker is the empty message", () => {
    expect(unpad(Uint8Array.of(0x80))).toEqual(new Uint8Array(0));
  });
});
