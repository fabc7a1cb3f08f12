/**
 * Every id and key in Porch travels as unpadded base64url. Two texts must never name one id, so the
 * parser refuses anything a canonical encoder would not have written.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "./index.ts";
import { bytesEqual, concatBytes, fromBase64Url, plainBytes, toBase64Url, u32be, utf8 } from "./bytes.ts";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

beforeAll(async () => {
  await readySodium();
});

describe("base64url", () => {
  test("agrees with Node's Buffer for every length 0..40, both ways", () => {
    for (let length = 0; length <= 40; length++) {
      for (const fill of [0x00, 0xff, -1]) {
        const bytes = Uint8Array.from({ length }, (_, i) => (fill === -1 ? (i * 37 + length * 11) & 0xff : fill));
        const text = toBase64Url(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        const back = fromBase64Url(text);
        expect(back).not.toBeNull();
        expect(Array.from(back ?? [])).toEqual(Array.from(bytes));
        expect(back?.constructor).toBe(Uint8Array);
      }
    }
  });

  test("a one-byte text is canonical only when its unused low 4 bits are zero", () => {
    for (const [i, c] of [...ALPHABET].entries()) {
      const parsed = fromBase64Url(`A${c}`);
      if (i % 16 === 0) expect(parsed).toEqual(Uint8Array.of(i >> 4));
      else expect(parsed, `A${c}`).toBeNull();
    }
  });

  test("a two-byte text is canonical only when its unused low 2 bits are zero", () => {
    for (const [i, c] of [...ALPHABET].entries()) {
      const parsed = fromBase64Url(`AA${c}`);
      if (i % 4 === 0) expect(parsed?.length).toBe(2);
      else expect(parsed, `AA${c}`).toBeNull();
    }
  });

  test.each([
    ["a single character (length % 4 === 1)", "A"],
    ["five characters", "AAAAA"],
    ["standard base64 plus", "AA+A"],
    ["standard base64 slash", "AA/A"],
    ["padding", "AA=="],
    ["a space", "AA A"],
    ["a non-ASCII letter", "AAéA"],
    ["an emoji", "AA😀"],
  ])("refuses %s", (_name, text) => {
    expect(fromBase64Url(text)).toBeNull();
  });

  test("the empty text is the empty byte string", () => {
    expect(fromBase64Url("")).toEqual(new Uint8Array(0));
    expect(toBase64Url(new Uint8Array(0))).toBe("");
  });
});

describe("byte helpers", () => {
  test("concatBytes joins in order into a fresh array", () => {
    const a = Uint8Array.of(1, 2);
    const joined = concatBytes(a, new Uint8Array(0), Uint8Array.of(3));
    expect(Array.from(joined)).toEqual([1, 2, 3]);
    joined[0] = 9;
    expect(a[0]).toBe(1);
  });

  test.each([
    ["equal", [1, 2, 3], [1, 2, 3], true],
    ["last byte differs", [1, 2, 3], [1, 2, 4], false],
    ["first byte differs", [0, 2, 3], [1, 2, 3], false],
    ["prefix", [1, 2], [1, 2, 3], false],
    ["both empty", [], [], true],
  ])("bytesEqual: %s", (_name, a, b, expected) => {
    expect(bytesEqual(Uint8Array.from(a), Uint8Array.from(b))).toBe(expected);
  });

  test("u32be writes big-endian and wraps like an unsigned 32-bit integer", () => {
    expect(Array.from(u32be(0x01020304))).toEqual([1, 2, 3, 4]);
    expect(Array.from(u32be(0xffffffff))).toEqual([255, 255, 255, 255]);
    expect(Array.from(u32be(0))).toEqual([0, 0, 0, 0]);
  });

  test("utf8 encodes multi-byte characters", () => {
    expect(Array.from(utf8("ñ"))).toEqual([0xc3, 0xb1]);
  });

  test("plainBytes turns a Buffer into a plain Uint8Array view of the same memory", () => {
    const buffer = Buffer.from([1, 2, 3, 4]).subarray(1, 3);
    const plain = plainBytes(buffer);
    expect(plain.constructor).toBe(Uint8Array);
    expect(Array.from(plain)).toEqual([2, 3]);
    buffer[0] = 7;
    expect(plain[0]).toBe(7);
  });
});
