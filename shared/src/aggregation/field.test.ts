import { describe, expect, it } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import {
  add,
  decodeSigned,
  elementsByteLength,
  elementsFromBytes,
  elementsToBytes,
  encodeSigned,
  HALF_P,
  inv,
  isElement,
  mul,
  neg,
  P,
  pow,
  randomElements,
  sub,
  type RandomSource,
} from "./field.ts";
import { seedElements, seedStream, sodiumRandom } from "./random.ts";
import { seededRandom } from "./test-kit.ts";

describe("the field of p = 2^61 − 1", () => {
  it("is the Mersenne prime 2305843009213693951", () => {
    expect(P).toBe(2305843009213693951n);
    expect(HALF_P).toBe(1152921504606846975n);
    expect(pow(3n, P - 1n)).toBe(1n); // Fermat: a^(p−1) = 1 (p is prime)
  });

  it("adds, subtracts and negates with wrap-around", () => {
    expect(add(P - 1n, 1n)).toBe(0n);
    expect(add(P - 1n, P - 1n)).toBe(P - 2n);
    expect(add(5n, 7n)).toBe(12n);
    expect(sub(0n, 1n)).toBe(P - 1n);
    expect(sub(7n, 5n)).toBe(2n);
    expect(neg(0n)).toBe(0n);
    expect(neg(1n)).toBe(P - 1n);
    expect(add(123n, neg(123n))).toBe(0n);
  });

  it("multiplies by Mersenne folding, matching plain BigInt modulo", () => {
    const vectors: [bigint, bigint][] = [
      [0n, P - 1n],
      [1n, P - 1n],
      [P - 1n, P - 1n], // (−1)(−1) = 1
      [1n << 60n, 4n], // 2^62 = 2 (mod 2^61 − 1)
      [123456789012345678n, 987654321098765432n],
      [(1n << 61n) - 2n, (1n << 60n) + 12345n],
    ];
    for (const [a, b] of vectors) expect(mul(a, b), `${a}·${b}`).toBe((a * b) % P);
    expect(mul(P - 1n, P - 1n)).toBe(1n);
    expect(mul(1n << 60n, 4n)).toBe(2n);
    expect(mul(123456789012345678n, 987654321098765432n)).toBe(
      (123456789012345678n * 987654321098765432n) % 2305843009213693951n,
    );
  });

  it("inverts by extended Euclid, agreeing with Fermat's a^(p−2)", () => {
    expect(inv(1n)).toBe(1n);
    expect(inv(2n)).toBe((P + 1n) / 2n); // 2⁻¹ = (p + 1)/2
    expect(inv(P - 1n)).toBe(P - 1n);
    for (const a of [3n, 7n, 1000003n, 123456789012345678n, P - 2n]) {
      expect(mul(a, inv(a)), String(a)).toBe(1n);
      expect(inv(a), String(a)).toBe(pow(a, P - 2n));
    }
    expect(() => inv(0n)).toThrow(/zero/);
  });

  it("encodes signed integers as p + v and decodes anything above (p − 1)/2 as negative", () => {
    expect(encodeSigned(0)).toBe(0n);
    expect(encodeSigned(42)).toBe(42n);
    expect(encodeSigned(-1)).toBe(P - 1n);
    expect(encodeSigned(-800_000n)).toBe(P - 800_000n);
    expect(decodeSigned(P - 1n)).toBe(-1n);
    expect(decodeSigned(HALF_P)).toBe(HALF_P);
    expect(decodeSigned(HALF_P + 1n)).toBe(-HALF_P);
    for (const v of [0n, 1n, -1n, 1_700_000n, -800_000n, HALF_P, -HALF_P])
      expect(decodeSigned(encodeSigned(v)), String(v)).toBe(v);
    // Signed arithmetic survives the encoding as long as results stay within ±(p − 1)/2.
    expect(decodeSigned(add(encodeSigned(-800_000), encodeSigned(300_000)))).toBe(-500_000n);
    expect(decodeSigned(mul(encodeSigned(-3), encodeSigned(7)))).toBe(-21n);
    expect(() => encodeSigned(HALF_P + 1n)).toThrow();
    expect(() => encodeSigned(1.5)).toThrow();
  });

  it("draws uniform elements by rejection: the one 61-bit value outside the field is drawn again", () => {
    // A source that first yields all-ones (masked: exactly p, rejected), then the value 5.
    const words = [0xffff_ffff_ffff_ffffn, 5n];
    let round = 0;
    const scripted: RandomSource = (out) => {
      const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
      for (let i = 0; i < out.length; i += 8) view.setBigUint64(i, words[Math.min(round, words.length - 1)]!, true);
      round++;
    };
    expect(randomElements(1, scripted)).toEqual([5n]);
    expect(round).toBe(2);
    // High bits above the 61st are masked away, not rejected.
    const highBits: RandomSource = (out) => new DataView(out.buffer).setBigUint64(0, (7n << 61n) | 9n, true);
    expect(randomElements(1, highBits)).toEqual([9n]);
  });

  it("draws reproducibly from a seeded source, and spreads over the whole field", () => {
    const a = randomElements(5000, seededRandom(1));
    expect(randomElements(5000, seededRandom(1))).toEqual(a);
    expect(randomElements(5000, seededRandom(2))).not.toEqual(a);
    expect(a.every(isElement)).toBe(true);
    // Top 3 bits of 61: eight equal octants, each near 625 of 5000.
    const octants = new Array<number>(8).fill(0);
    for (const x of a) octants[Number(x >> 58n)]!++;
    for (const count of octants) expect(Math.abs(count - 625)).toBeLessThan(100);
  });

  it("draws from libsodium in production", async () => {
    await readySodium();
    const xs = randomElements(20_000, sodiumRandom); // more than one 64 KiB request
    expect(xs).toHaveLength(20_000);
    expect(xs.every(isElement)).toBe(true);
    expect(new Set(xs).size).toBe(20_000);
  });

  it("expands a 32-byte seed into one reproducible stream (ChaCha20), however it is asked for", async () => {
    await readySodium();
    const seed = new Uint8Array(32).fill(7);
    const whole = new Uint8Array(100);
    seedStream(seed)(whole);
    const pieces = new Uint8Array(100);
    const stream = seedStream(seed);
    for (const [from, to] of [
      [0, 10],
      [10, 11],
      [11, 64],
      [64, 100],
    ] as const)
      stream(pieces.subarray(from, to));
    expect(pieces).toEqual(whole);
    expect(seedElements(seed, 300)).toEqual(seedElements(seed, 300));
    expect(seedElements(seed, 300).slice(0, 10)).toEqual(seedElements(seed, 10));
    expect(seedElements(new Uint8Array(32).fill(8), 10)).not.toEqual(seedElements(seed, 10));
    expect(seedElements(seed, 300).every(isElement)).toBe(true);
    expect(() => seedStream(new Uint8Array(16))).toThrow(/32 bytes/);
  });
});

describe("elements on the wire: 61 bits each", () => {
  it("round-trips any count, including 0, p − 1 and every bit offset", () => {
    for (const count of [0, 1, 2, 7, 8, 9, 16, 229, 479]) {
      const values = randomElements(count, seededRandom(count));
      if (count > 2) [values[0], values[1]] = [0n, P - 1n];
      const bytes = elementsToBytes(values);
      expect(bytes.length, String(count)).toBe(elementsByteLength(count));
      expect(elementsFromBytes(bytes, count), String(count)).toEqual(values);
    }
    expect(elementsByteLength(229)).toBe(1747); // against 1,832 at 8 bytes each
    // Big-endian bit order: 1 in the first element is bit 60 from the top.
    expect(elementsToBytes([1n, 0n])).toEqual(new Uint8Array([0, 0, 0, 0, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0]));
    expect(elementsToBytes([P - 1n])).toEqual(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 240]));
  });

  it("refuses p itself, another length and non-zero padding: one encoding per vector", () => {
    const bytes = elementsToBytes([5n, 6n, 7n]); // 183 bits in 23 bytes: one padding bit
    expect(elementsFromBytes(bytes, 3)).toEqual([5n, 6n, 7n]);
    expect(elementsFromBytes(bytes, 2)).toBeNull();
    expect(elementsFromBytes(bytes.subarray(1), 3)).toBeNull();
    const padded = bytes.slice();
    padded[22]! |= 1;
    expect(elementsFromBytes(padded, 3)).toBeNull();
    expect(elementsFromBytes(new Uint8Array([255, 255, 255, 255, 255, 255, 255, 248]), 1)).toBeNull(); // 2^61 − 1 = p
    expect(() => elementsToBytes([P])).toThrow();
  });
});
