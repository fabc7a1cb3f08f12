/**
 * Linking a second device: the mailbox id and MAC are keyed by the link secret, and the sealed seed
 * carries an inner MAC, so neither a relay (which knows the mailbox and the ephemeral public key) nor
 * anyone without the secret can substitute a key or a seed. Every table has tamper and wrong-key rows.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { encodeCbor } from "../codec.ts";
import { readySodium } from "../index.ts";
import { openLinkPayload } from "../sealing.ts";
import { checkLinkMac, linkMac, linkMailboxId, linkSeedMac, sealLinkPayload, type LinkPayload } from "./device-link.ts";
import type { KeyPair } from "./identity.ts";
import { sodium } from "./sodium.ts";

const SECRET = new Uint8Array(16).fill(0x51);
const OTHER_SECRET = new Uint8Array(16).fill(0x52);
const SEED = new Uint8Array(32).fill(0x5e);
const PAYLOAD: LinkPayload = { rootSeed: SEED, displayName: "Ana García", lang: "es" };

let ephemeral: KeyPair;
let stranger: KeyPair;

beforeAll(async () => {
  await readySodium();
  const s = sodium();
  const a = s.crypto_box_seed_keypair(new Uint8Array(32).fill(1));
  const b = s.crypto_box_seed_keypair(new Uint8Array(32).fill(2));
  ephemeral = { publicKey: a.publicKey, privateKey: a.privateKey };
  stranger = { publicKey: b.publicKey, privateKey: b.privateKey };
});

const flip = (bytes: Uint8Array, at: number) => {
  const out = bytes.slice();
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
};

describe("mailbox id and MAC", () => {
  test("the mailbox id depends only on the secret, and differs from the MAC's domain", () => {
    expect(linkMailboxId(SECRET)).toEqual(linkMailboxId(SECRET.slice()));
    expect(linkMailboxId(SECRET)).toHaveLength(32);
    expect(linkMailboxId(SECRET)).not.toEqual(linkMailboxId(OTHER_SECRET));
    expect(linkMac(SECRET, new Uint8Array(32))).not.toEqual(linkMailboxId(SECRET));
  });

  test.each([
    [
      "the MAC the new device made with the secret",
      () => [SECRET, ephemeral.publicKey, linkMac(SECRET, ephemeral.publicKey)] as const,
      true,
    ],
    [
      "tampered: the relay swapped in its own key",
      () => [SECRET, stranger.publicKey, linkMac(SECRET, ephemeral.publicKey)] as const,
      false,
    ],
    [
      "tampered: one MAC bit flipped",
      () => [SECRET, ephemeral.publicKey, flip(linkMac(SECRET, ephemeral.publicKey), 5)] as const,
      false,
    ],
    [
      "wrong key: a MAC made with another secret",
      () => [SECRET, ephemeral.publicKey, linkMac(OTHER_SECRET, ephemeral.publicKey)] as const,
      false,
    ],
    [
      "wrong key: the mailbox id offered as a MAC",
      () => [SECRET, ephemeral.publicKey, linkMailboxId(SECRET)] as const,
      false,
    ],
    ["a MAC of the wrong length", () => [SECRET, ephemeral.publicKey, new Uint8Array(16)] as const, false],
  ])("checkLinkMac: %s", (_name, args, expected) => {
    const [secret, key, mac] = args();
    expect(checkLinkMac(secret, key, mac)).toBe(expected);
  });

  test("a secret of the wrong size is a bug, not a failure", () => {
    expect(() => linkMailboxId(new Uint8Array(32))).toThrow(/16 bytes/);
    expect(() => linkMac(new Uint8Array(15), ephemeral.publicKey)).toThrow(/16 bytes/);
  });
});

describe("the sealed identity", () => {
  const sealed = () => sealLinkPayload(SECRET, ephemeral.publicKey, PAYLOAD);
  /** What the relay could make: it knows the ephemeral public key, but not the secret. */
  const forgedByRelay = () =>
    sodium().crypto_box_seal(
      encodeCbor([new Uint8Array(32).fill(9), "Ana", "en", linkSeedMac(OTHER_SECRET, new Uint8Array(32).fill(9))]),
      ephemeral.publicKey,
    );

  test.each([
    [
      "the box the owner sealed opens to the same seed, name and language",
      () => openLinkPayload(SECRET, ephemeral, sealed()),
      null,
    ],
    [
      "tampered: one ciphertext bit flipped",
      () => openLinkPayload(SECRET, ephemeral, flip(sealed(), 40)),
      "decrypt-failed",
    ],
    ["tampered: truncated", () => openLinkPayload(SECRET, ephemeral, sealed().subarray(0, 40)), "decrypt-failed"],
    [
      "wrong key: opened with another ephemeral key pair",
      () => openLinkPayload(SECRET, stranger, sealed()),
      "decrypt-failed",
    ],
    [
      "wrong key: checked with another link secret",
      () => openLinkPayload(OTHER_SECRET, ephemeral, sealed()),
      "link-bad-mac",
    ],
    [
      "a seed the relay sealed itself to the ephemeral key",
      () => openLinkPayload(SECRET, ephemeral, forgedByRelay()),
      "link-bad-mac",
    ],
    [
      "a well-sealed box that is not a link payload",
      () => openLinkPayload(SECRET, ephemeral, sodium().crypto_box_seal(encodeCbor(["x"]), ephemeral.publicKey)),
      "decrypt-failed",
    ],
  ])("%s", (_name, open, code) => {
    const result = open();
    if (code === null) expect(result).toEqual({ ok: true, value: PAYLOAD });
    else expect(result).toMatchObject({ ok: false, code });
  });

  test("sealing is randomized (an observer cannot tell two links for one member apart)", () => {
    expect(sealed()).not.toEqual(sealed());
  });

  test("a display name too long for the wire limit is a bug caught before sending", () => {
    expect(() => sealLinkPayload(SECRET, ephemeral.publicKey, { ...PAYLOAD, displayName: "a".repeat(2000) })).toThrow(
      /wire limit/,
    );
  });
});
