/** Branded ids are made only by validating constructors: wrong lengths and non-canonical text never pass. */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "./index.ts";
import { toBase64Url } from "./bytes.ts";
import { DeviceId, GroupId, MemberId } from "./ids.ts";

beforeAll(async () => {
  await readySodium();
});

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The same bytes with one unused trailing bit set: a second spelling a lax parser would accept. */
function nonCanonical(text: string): string {
  const last = ALPHABET.indexOf(text.slice(-1));
  return text.slice(0, -1) + ALPHABET[last ^ 1]!;
}

/** The shape every id codec shares (method syntax, so each branded codec fits). */
interface IdCodec {
  parse(text: unknown): string | null;
  toBytes(id: string): Uint8Array;
  fromBytes(bytes: Uint8Array): string | null;
}

const cases: readonly { name: string; codec: IdCodec; length: number }[] = [
  { name: "GroupId", codec: GroupId, length: 16 },
  { name: "MemberId", codec: MemberId, length: 32 },
  { name: "DeviceId", codec: DeviceId, length: 16 },
];

describe.each(cases)("$name ($length bytes)", ({ codec, length }) => {
  const valid = toBase64Url(Uint8Array.from({ length }, (_, i) => i * 7));

  test("parses its own text and round-trips through bytes", () => {
    const id = codec.parse(valid);
    expect(id).toBe(valid);
    if (id === null) return;
    const bytes = codec.toBytes(id);
    expect(bytes.length).toBe(length);
    expect(codec.fromBytes(bytes)).toBe(valid);
  });

  test.each([
    ["one byte short", toBase64Url(new Uint8Array(length - 1))],
    ["one byte long", toBase64Url(new Uint8Array(length + 1))],
    ["empty", ""],
    ["base64 with padding", `${valid}==`],
    ["a non-canonical spelling of the same bytes", nonCanonical(valid)],
  ])("refuses text that is %s", (_name, text) => {
    // The last row must name bytes of the right length, so only canonicality can refuse it.
    expect(codec.parse(text)).toBeNull();
  });

  test.each([[undefined], [null], [42], [{}], [new Uint8Array(length)]])("refuses the non-string %s", (input) => {
    expect(codec.parse(input)).toBeNull();
  });

  test("fromBytes refuses wrong lengths", () => {
    expect(codec.fromBytes(new Uint8Array(length - 1))).toBeNull();
    expect(codec.fromBytes(new Uint8Array(length + 1))).toBeNull();
    expect(codec.fromBytes(new Uint8Array(length))).not.toBeNull();
  });
});

test("random group and device ids are valid and distinct", () => {
  const groups = new Set(Array.from({ length: 50 }, () => GroupId.random()));
  const devices = new Set(Array.from({ length: 50 }, () => DeviceId.random()));
  expect(groups.size).toBe(50);
  expect(devices.size).toBe(50);
  for (const g of groups) expect(GroupId.parse(g)).toBe(g);
  for (const d of devices) expect(DeviceId.parse(d)).toBe(d);
});
