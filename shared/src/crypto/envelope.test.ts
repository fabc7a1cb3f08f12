/**
 * Envelopes: the relay checks who signed, members open. Tampering anywhere is caught by the signature
 * (relay and member alike); a validly re-signed envelope moved to another group or epoch is caught by
 * the AEAD's associated data; and opening untrusted bytes never throws.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { concatBytes } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { DeviceId, GroupId } from "../ids.ts";
import { openEnvelope, sealEnvelope } from "../sealing.ts";
import { ENVELOPE_VERSION, headerToArray, parseEnvelope, type EnvelopeHeader } from "./envelope.ts";
import { deriveIdentity, type Identity } from "./identity.ts";
import { padmeLength } from "./padme.ts";
import { signWithContext } from "./sign-context.ts";

const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
const OTHER_GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x62))!;
const KEY = new Uint8Array(32).fill(7);
const WRONG_KEY = new Uint8Array(32).fill(8);
const payload = (length: number) => Uint8Array.from({ length }, (_, i) => (i * 13) & 0xff);

let ana: Identity;
let ben: Identity;
let header: EnvelopeHeader;

beforeAll(async () => {
  await readySodium();
  ana = deriveIdentity(new Uint8Array(32).fill(1));
  ben = deriveIdentity(new Uint8Array(32).fill(2));
  header = {
    kind: "update",
    groupId: GROUP,
    epoch: 3,
    memberId: ana.memberId,
    deviceId: DeviceId.fromBytes(new Uint8Array(16).fill(0x44))!,
    counter: 5,
    logHead: new Uint8Array(32).fill(0x11),
    heads: [new Uint8Array(32).fill(0x22)],
    coversSeq: 0,
  };
});

const seal = (plain = payload(100), h = header) => sealEnvelope(h, plain, KEY, ana.signing.privateKey);
const open = (bytes: Uint8Array, key: Uint8Array | null = KEY) => openEnvelope(bytes, () => key);
const codeOf = (bytes: Uint8Array, key: Uint8Array | null = KEY) => {
  const result = open(bytes, key);
  return result.ok ? "ok" : result.code;
};
const flip = (bytes: Uint8Array, at: number) => {
  const out = bytes.slice();
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
};
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  throw new Error("needle not found");
}

/** Splits a sealed envelope into its regions, as the layout comment in envelope.ts describes. */
function regions(bytes: Uint8Array) {
  const headerLength = ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
  const nonceStart = 3 + headerLength;
  return { headerLength, nonceStart, cipherStart: nonceStart + 24, signatureStart: bytes.length - 64 };
}

/** Re-builds an envelope around another header, keeping nonce and ciphertext, validly signed by `signer`. */
function rebuild(bytes: Uint8Array, newHeader: EnvelopeHeader, signer: Identity = ana): Uint8Array {
  const { nonceStart, signatureStart } = regions(bytes);
  const headerBytes = encodeCbor(headerToArray(newHeader));
  const signed = concatBytes(
    Uint8Array.of(ENVELOPE_VERSION, headerBytes.length >> 8, headerBytes.length & 0xff),
    headerBytes,
    bytes.subarray(nonceStart, signatureStart),
  );
  return concatBytes(signed, signWithContext("update", signed, signer.signing.privateKey));
}

describe("round trip", () => {
  test.each([0, 1, 1000, 100_000])("a %i-byte payload opens to itself, with its header", (length) => {
    const plain = payload(length);
    const result = open(seal(plain));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.plaintext).toEqual(plain);
    expect(result.value.header).toEqual(header);
  });

  test("the relay can check the author without any key", () => {
    const parsed = parseEnvelope(seal());
    expect(parsed.ok && parsed.value.header.memberId).toBe(ana.memberId);
  });

  test("ciphertext length reveals only the Padmé bucket: 1000 and 1010 bytes seal to one length", () => {
    expect(seal(payload(1000)).length).toBe(seal(payload(1010)).length);
    const { headerLength } = regions(seal(payload(1000)));
    expect(seal(payload(1000)).length).toBe(3 + headerLength + 24 + padmeLength(1001) + 16 + 64);
    expect(seal(payload(1100)).length).toBeGreaterThan(seal(payload(1000)).length);
  });

  test("two seals of one payload differ (fresh random nonce)", () => {
    expect(seal()).not.toEqual(seal());
  });
});

describe("tampering: one flipped bit in each region", () => {
  const offsets = (bytes: Uint8Array) => {
    const r = regions(bytes);
    const h = bytes.subarray(3, r.nonceStart);
    const at = (needle: Uint8Array) => 3 + indexOf(h, needle);
    const groupAt = at(new Uint8Array(16).fill(0x61));
    const deviceAt = at(new Uint8Array(16).fill(0x44));
    return {
      version: 0,
      lengthHigh: 1,
      lengthLow: 2,
      headerArrayByte: 3,
      kind: at(new TextEncoder().encode("update")),
      groupId: groupAt + 5,
      epoch: groupAt + 16,
      memberId: at(ana.signing.publicKey) + 31,
      deviceId: deviceAt,
      counter: deviceAt + 16,
      logHead: at(new Uint8Array(32).fill(0x11)) + 8,
      heads: at(new Uint8Array(32).fill(0x22)) + 31,
      coversSeq: r.nonceStart - 1,
      nonce: r.nonceStart + 10,
      ciphertextStart: r.cipherStart,
      ciphertextMiddle: (r.cipherStart + r.signatureStart) >> 1,
      ciphertextEnd: r.signatureStart - 1,
      signatureStart: r.signatureStart,
      signatureEnd: bytes.length - 1,
    };
  };
  type Region = keyof ReturnType<typeof offsets>;

  test.each<[Region, string]>([
    ["version", "unsupported-version"],
    ["lengthHigh", "bad-envelope"],
    ["lengthLow", "bad-envelope"],
    ["headerArrayByte", "bad-envelope"],
    ["kind", "bad-envelope"],
    ["groupId", "bad-signature"],
    ["epoch", "bad-signature"],
    ["memberId", "bad-signature"],
    ["deviceId", "bad-signature"],
    ["counter", "bad-signature"],
    ["logHead", "bad-signature"],
    ["heads", "bad-signature"],
    ["coversSeq", "bad-signature"],
    ["nonce", "bad-signature"],
    ["ciphertextStart", "bad-signature"],
    ["ciphertextMiddle", "bad-signature"],
    ["ciphertextEnd", "bad-signature"],
    ["signatureStart", "bad-signature"],
    ["signatureEnd", "bad-signature"],
  ])("%s → %s, for the relay and for members", (region, code) => {
    const bytes = seal(payload(1000));
    const tampered = flip(bytes, offsets(bytes)[region]);
    let parsed: ReturnType<typeof parseEnvelope> | undefined;
    expect(() => (parsed = parseEnvelope(tampered))).not.toThrow();
    expect(parsed?.ok === false && parsed.code).toBe(code);
    expect(codeOf(tampered)).toBe(code);
  });
});

describe("keys and bindings", () => {
  test("the wrong epoch key → decrypt-failed", () => {
    expect(codeOf(seal(), WRONG_KEY)).toBe("decrypt-failed");
  });

  test("no key for the envelope's epoch → stale-epoch, and keyFor is asked about that epoch", () => {
    const asked: number[] = [];
    const result = openEnvelope(seal(), (h) => (asked.push(h.epoch), null));
    expect(result.ok === false && result.code).toBe("stale-epoch");
    expect(asked).toEqual([3]);
  });

  test("Ben re-signs Ana's envelope while the header still names Ana → bad-signature", () => {
    const bytes = seal();
    const { signatureStart } = regions(bytes);
    const signed = bytes.subarray(0, signatureStart);
    const forged = concatBytes(signed, signWithContext("update", signed, ben.signing.privateKey));
    expect(codeOf(forged)).toBe("bad-signature");
  });

  test("a signature under another context (an entry signature) → bad-signature", () => {
    const bytes = seal();
    const signed = bytes.subarray(0, regions(bytes).signatureStart);
    expect(codeOf(concatBytes(signed, signWithContext("entry", signed, ana.signing.privateKey)))).toBe("bad-signature");
  });

  test.each([
    ["the same header (control: the rebuild itself is sound)", () => header, "ok"],
    ["another group", () => ({ ...header, groupId: OTHER_GROUP }), "decrypt-failed"],
    ["another epoch (same key offered)", () => ({ ...header, epoch: 4 }), "decrypt-failed"],
    ["another counter", () => ({ ...header, counter: 6 }), "decrypt-failed"],
  ])("re-signed by the author under %s → %s", (_name, makeHeader, code) => {
    expect(codeOf(rebuild(seal(), makeHeader()))).toBe(code);
  });

  test("a header naming Ben, signed by Ben, around Ana's ciphertext → decrypt-failed", () => {
    expect(codeOf(rebuild(seal(), { ...header, memberId: ben.memberId }, ben))).toBe("decrypt-failed");
  });
});

describe("truncated and garbage input", () => {
  test("every prefix of 0..120 bytes is refused without throwing", () => {
    const bytes = seal(payload(200));
    for (let length = 0; length <= 120; length++) {
      const code = codeOf(bytes.subarray(0, length));
      if (code === "ok" || code === "decrypt-failed") expect.fail(`prefix of ${length} bytes gave ${code}`);
    }
  });

  test("dropping the last byte, or appending one, is refused", () => {
    const bytes = seal();
    expect(codeOf(bytes.subarray(0, bytes.length - 1))).toBe("bad-signature");
    expect(codeOf(concatBytes(bytes, Uint8Array.of(0)))).toBe("bad-signature");
  });

  test("a header-length field claiming more than the envelope holds → bad-envelope", () => {
    const bytes = seal();
    bytes[1] = 0xff;
    expect(codeOf(bytes)).toBe("bad-envelope");
  });
});
