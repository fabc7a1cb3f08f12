/**
 * A signature made for one purpose must never verify for another: relay authentication, log entries,
 * invitation co-signatures and envelopes each sign under their own context from SIGN_CONTEXTS.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { deriveIdentity } from "./identity.ts";
import { SIGN_CONTEXTS, signWithContext, verifyWithContext, type SignContext } from "./sign-context.ts";
import { sodium } from "./sodium.ts";

const CONTEXTS = Object.keys(SIGN_CONTEXTS) as SignContext[];
const message = new TextEncoder().encode("Ana invites Ben to the Sunday lunch group");

let ana: ReturnType<typeof deriveIdentity>;
let ben: ReturnType<typeof deriveIdentity>;

beforeAll(async () => {
  await readySodium();
  ana = deriveIdentity(new Uint8Array(32).fill(1));
  ben = deriveIdentity(new Uint8Array(32).fill(2));
});

test("the context labels are distinct and fit in their one-byte length prefix", () => {
  const labels = Object.values(SIGN_CONTEXTS);
  expect(new Set(labels).size).toBe(labels.length);
  for (const label of labels) expect(new TextEncoder().encode(label).length).toBeLessThan(256);
});

describe.each(CONTEXTS)("a signature made under %s", (context) => {
  test("verifies under its own context", () => {
    expect(
      verifyWithContext(
        context,
        message,
        signWithContext(context, message, ana.signing.privateKey),
        ana.signing.publicKey,
      ),
    ).toBe(true);
  });

  test.each(CONTEXTS.filter((other) => other !== context))("fails under %s", (other) => {
    const signature = signWithContext(context, message, ana.signing.privateKey);
    expect(verifyWithContext(other, message, signature, ana.signing.publicKey)).toBe(false);
  });

  test("fails under another member's key (wrong key)", () => {
    expect(
      verifyWithContext(
        context,
        message,
        signWithContext(context, message, ana.signing.privateKey),
        ben.signing.publicKey,
      ),
    ).toBe(false);
  });

  test("fails when any byte of the message is tampered with", () => {
    const signature = signWithContext(context, message, ana.signing.privateKey);
    for (const at of [0, 1, message.length >> 1, message.length - 1]) {
      const tampered = message.slice();
      tampered[at] = (tampered[at] ?? 0) ^ 0x01;
      expect(verifyWithContext(context, tampered, signature, ana.signing.publicKey)).toBe(false);
    }
    expect(verifyWithContext(context, message.subarray(1), signature, ana.signing.publicKey)).toBe(false);
  });
});

test("a plain Ed25519 signature over the bare bytes verifies under no context", () => {
  const bare = sodium().crypto_sign_detached(message, ana.signing.privateKey);
  for (const context of CONTEXTS) expect(verifyWithContext(context, message, bare, ana.signing.publicKey)).toBe(false);
});

describe("malformed input returns false and never throws", () => {
  test.each([0, 1, 63, 65, 128])("a signature of %i bytes", (length) => {
    const signature = signWithContext("entry", message, ana.signing.privateKey);
    const malformed =
      length <= 64 ? signature.slice(0, length) : Uint8Array.from({ length }, (_, i) => signature[i % 64] ?? 0);
    expect(verifyWithContext("entry", message, malformed, ana.signing.publicKey)).toBe(false);
  });

  test.each([0, 31, 33])("a public key of %i bytes", (length) => {
    const signature = signWithContext("entry", message, ana.signing.privateKey);
    const key = Uint8Array.from({ length }, (_, i) => ana.signing.publicKey[i % 32] ?? 0);
    expect(verifyWithContext("entry", message, signature, key)).toBe(false);
  });

  test("an all-zero key and signature (a small-order point)", () => {
    expect(verifyWithContext("entry", message, new Uint8Array(64), new Uint8Array(32))).toBe(false);
  });
});
