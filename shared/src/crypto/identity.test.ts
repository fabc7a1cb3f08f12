/**
 * FROZEN TEST VECTORS. A member's whole identity is derived from one 32-byte root seed; if any of these
 * values changes, every existing member is locked out of their groups and journals. Never update these
 * constants to make a test pass: fix the derivation instead.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { toBase64Url } from "../bytes.ts";
import { MemberId } from "../ids.ts";
import { deriveIdentity, deriveInviteKeys } from "./identity.ts";
import { sodium } from "./sodium.ts";

const hex = (bytes: Uint8Array): string => Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
const SEED = Uint8Array.from({ length: 32 }, (_, i) => i);

beforeAll(async () => {
  await readySodium();
});

describe("deriveIdentity (context porch-id, subkeys 1-4)", () => {
  test("the root seed 0x00..0x1f derives these keys, forever", () => {
    const id = deriveIdentity(SEED);
    expect(id.memberId).toBe("2_I0kqOwpVshnzs-7RTOhwvvGPtkWolHZMxvnPdSv04");
    expect(hex(id.signing.publicKey)).toBe("dbf23492a3b0a55b219f3b3eed14ce870bef18fb645a894764cc6f9cf752bf4e");
    expect(hex(id.box.publicKey)).toBe("c43b84a970419627c1b26987eec9464f00032ef1f9d8935b0eb7825b006bf403");
    expect(hex(id.journalKey)).toBe("558d40e8ffe974ce8ec17fb32eb07ea07228dea3de9a0c17c300c1467c5a9b02");
    expect(hex(id.journalSigning.publicKey)).toBe("3abf682655667c0e560230f27247d71fd754965101fb32cb39f0d0b91e262bae");
  });

  test("the memberId is the base64url of the Ed25519 public key, and the key pairs match", () => {
    const id = deriveIdentity(SEED);
    expect(id.memberId).toBe(toBase64Url(id.signing.publicKey));
    expect(MemberId.parse(id.memberId)).toBe(id.memberId);
    const s = sodium();
    const signature = s.crypto_sign_detached(SEED, id.signing.privateKey);
    expect(s.crypto_sign_verify_detached(signature, SEED, id.signing.publicKey)).toBe(true);
    expect(hex(s.crypto_scalarmult_base(id.box.privateKey))).toBe(hex(id.box.publicKey));
  });

  test("every derived key is distinct from the others and from the seed", () => {
    const id = deriveIdentity(SEED);
    const keys = [SEED, id.signing.publicKey, id.box.publicKey, id.journalKey, id.journalSigning.publicKey].map(hex);
    expect(new Set(keys).size).toBe(keys.length);
  });

  test("is deterministic, and different seeds give different members", () => {
    expect(deriveIdentity(SEED).memberId).toBe(deriveIdentity(SEED.slice()).memberId);
    const ids = new Set<string>();
    for (let i = 0; i < 32; i++) {
      const seed = SEED.slice();
      seed[i] = (seed[i] ?? 0) ^ 1;
      ids.add(deriveIdentity(seed).memberId);
    }
    ids.add(deriveIdentity(SEED).memberId);
    expect(ids.size).toBe(33);
  });

  test.each([0, 16, 31, 33, 64])("refuses a root seed of %i bytes", (length) => {
    expect(() => deriveIdentity(new Uint8Array(length))).toThrow(/32 bytes/);
  });
});

describe("deriveInviteKeys (context porch-in, subkeys 1-2)", () => {
  test("the invitation secret 0x00..0x1f derives these keys, forever", () => {
    const keys = deriveInviteKeys(SEED);
    expect(hex(keys.signing.publicKey)).toBe("83bbefcacf51a2c2e79616574747c81040a34598536155ff403b21296c97e591");
    expect(hex(keys.box.publicKey)).toBe("6f96b1ea4f2af243e95e546b51318f6baa897489ad181846a3a6e43b4245ce0c");
  });

  test("an invitation secret never derives the keys of the identity with the same bytes", () => {
    const invite = deriveInviteKeys(SEED);
    const identity = deriveIdentity(SEED);
    expect(hex(invite.signing.publicKey)).not.toBe(hex(identity.signing.publicKey));
    expect(hex(invite.box.publicKey)).not.toBe(hex(identity.box.publicKey));
  });

  test("different secrets give different invitations", () => {
    const other = SEED.slice();
    other[31] = 0;
    expect(hex(deriveInviteKeys(other).signing.publicKey)).not.toBe(hex(deriveInviteKeys(SEED).signing.publicKey));
  });

  test.each([0, 16, 31, 33])("refuses an invitation secret of %i bytes", (length) => {
    expect(() => deriveInviteKeys(new Uint8Array(length))).toThrow(/32 bytes/);
  });
});
