/**
 * Lockboxes carry an epoch key to one member; the chain key carries the previous epoch's key under the
 * new one. Each is bound to its group, epoch and recipient, and checked against the log's commitment,
 * so an admin cannot hand out a key the log did not commit to.
 */
import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "../index.ts";
import { GroupId, MemberId } from "../ids.ts";
import { openLockbox, openPreviousKey, sealPreviousKey } from "../sealing.ts";
import { deriveIdentity, type Identity } from "./identity.ts";
import { keyCommitment } from "./key-commitment.ts";
import { sealLockbox } from "./lockbox.ts";

const GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x61))!;
const OTHER_GROUP = GroupId.fromBytes(new Uint8Array(16).fill(0x62))!;
const K2 = new Uint8Array(32).fill(2);
const K3 = new Uint8Array(32).fill(3);

let ben: Identity;
let cara: Identity;

beforeAll(async () => {
  await readySodium();
  ben = deriveIdentity(new Uint8Array(32).fill(2));
  cara = deriveIdentity(new Uint8Array(32).fill(3));
});

const idBytes = (who: Identity) => MemberId.toBytes(who.memberId);
const flip = (bytes: Uint8Array, at: number) => {
  const out = bytes.slice();
  out[at] = (out[at] ?? 0) ^ 0x01;
  return out;
};

describe("lockbox for Ben, epoch 2 of the group", () => {
  const boxForBen = () => sealLockbox(GROUP, 2, idBytes(ben), ben.box.publicKey, K2);
  const codeOf = (
    box: Uint8Array,
    opts: { group?: GroupId; epoch?: number; recipient?: Identity; opener?: Identity; commitment?: Uint8Array } = {},
  ) => {
    const result = openLockbox(
      box,
      opts.group ?? GROUP,
      opts.epoch ?? 2,
      idBytes(opts.recipient ?? ben),
      (opts.opener ?? ben).box,
      opts.commitment ?? keyCommitment(K2, GROUP, 2),
    );
    return result.ok ? "ok" : result.code;
  };

  test("Ben opens it and gets the committed key", () => {
    const result = openLockbox(boxForBen(), GROUP, 2, idBytes(ben), ben.box, keyCommitment(K2, GROUP, 2));
    expect(result.ok && Array.from(result.value)).toEqual(Array.from(K2));
  });

  test.each([
    ["Cara's key tries to open it (wrong key)", () => codeOf(boxForBen(), { opener: cara }), "decrypt-failed"],
    ["a bit of the box is flipped (tamper)", () => codeOf(flip(boxForBen(), 40)), "decrypt-failed"],
    ["the box is truncated to nothing", () => codeOf(new Uint8Array(0)), "decrypt-failed"],
    ["the box is 10 random-ish bytes", () => codeOf(new Uint8Array(10).fill(9)), "decrypt-failed"],
    ["it is presented as another group's box", () => codeOf(boxForBen(), { group: OTHER_GROUP }), "bad-entry"],
    ["it is presented as epoch 3's box", () => codeOf(boxForBen(), { epoch: 3 }), "bad-entry"],
    [
      "a box for Cara is sealed to Ben's key and offered as Ben's",
      () => codeOf(sealLockbox(GROUP, 2, idBytes(cara), ben.box.publicKey, K2)),
      "bad-entry",
    ],
    [
      "the key inside differs from the log's commitment",
      () => codeOf(sealLockbox(GROUP, 2, idBytes(ben), ben.box.publicKey, K3)),
      "key-commitment-mismatch",
    ],
    [
      "the commitment is for another epoch",
      () => codeOf(boxForBen(), { commitment: keyCommitment(K2, GROUP, 3) }),
      "key-commitment-mismatch",
    ],
  ])("is refused when %s", (_name, attempt, code) => {
    expect(attempt()).toBe(code);
  });

  test("an invitation's lockbox is addressed to the invitation's public key, not a member", () => {
    const invitation = deriveIdentity(new Uint8Array(32).fill(9));
    const box = sealLockbox(GROUP, 2, invitation.signing.publicKey, invitation.box.publicKey, K2);
    const result = openLockbox(
      box,
      GROUP,
      2,
      invitation.signing.publicKey,
      invitation.box,
      keyCommitment(K2, GROUP, 2),
    );
    expect(result.ok).toBe(true);
  });
});

describe("chain key: epoch 2's key sealed under epoch 3's", () => {
  const sealed = () => sealPreviousKey(GROUP, 3, K3, K2);
  const codeOf = (
    bytes: Uint8Array,
    opts: { group?: GroupId; epoch?: number; key?: Uint8Array; commitment?: Uint8Array } = {},
  ) => {
    const result = openPreviousKey(
      opts.group ?? GROUP,
      opts.epoch ?? 3,
      opts.key ?? K3,
      bytes,
      opts.commitment ?? keyCommitment(K2, GROUP, 2),
    );
    return result.ok ? "ok" : result.code;
  };

  test("a newcomer holding only epoch 3's key recovers epoch 2's", () => {
    const result = openPreviousKey(GROUP, 3, K3, sealed(), keyCommitment(K2, GROUP, 2));
    expect(result.ok && Array.from(result.value)).toEqual(Array.from(K2));
  });

  test.each([
    ["opened with the wrong new key", () => codeOf(sealed(), { key: K2 }), "decrypt-failed"],
    ["a nonce bit is flipped", () => codeOf(flip(sealed(), 3)), "decrypt-failed"],
    ["a ciphertext bit is flipped", () => codeOf(flip(sealed(), 30)), "decrypt-failed"],
    ["presented for another group", () => codeOf(sealed(), { group: OTHER_GROUP }), "decrypt-failed"],
    ["presented for another epoch", () => codeOf(sealed(), { epoch: 4 }), "decrypt-failed"],
    [
      "the previous commitment names another key",
      () => codeOf(sealed(), { commitment: keyCommitment(K3, GROUP, 2) }),
      "key-commitment-mismatch",
    ],
  ])("is refused when %s", (_name, attempt, code) => {
    expect(attempt()).toBe(code);
  });

  test("truncated input of every length 0..60 is refused without throwing", () => {
    const bytes = sealed();
    for (let length = 0; length <= 60; length++) expect(codeOf(bytes.subarray(0, length))).toBe("decrypt-failed");
  });
});
