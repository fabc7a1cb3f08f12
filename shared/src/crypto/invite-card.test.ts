import { beforeAll, describe, expect, test } from "vitest";
import { readySodium } from "./sodium.ts";
import { openInviteCard, sealInviteCard, type InviteCard } from "./invite-card.ts";

const secret = Uint8Array.from({ length: 32 }, (_, i) => i);
const otherSecret = Uint8Array.from({ length: 32 }, (_, i) => 255 - i);
const group = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
const otherGroup = Uint8Array.from({ length: 16 }, (_, i) => i + 2);
const card: InviteCard = { groupName: "Maple Street Families", inviterName: "Ana", note: "For María — welcome!" };

beforeAll(async () => {
  await readySodium();
});

describe("invitation cards open only with the link's secret, for their own group", () => {
  const flip = (bytes: Uint8Array, at: number) => bytes.map((b, i) => (i === at ? b ^ 1 : b));
  test.each([
    ["the link's holder opens it", (s: Uint8Array) => openInviteCard(secret, group, s), "ok"],
    ["a wrong secret cannot", (s: Uint8Array) => openInviteCard(otherSecret, group, s), "decrypt-failed"],
    ["moved to another group it fails", (s: Uint8Array) => openInviteCard(secret, otherGroup, s), "decrypt-failed"],
    [
      "a flipped ciphertext byte fails",
      (s: Uint8Array) => openInviteCard(secret, group, flip(s, 30)),
      "decrypt-failed",
    ],
    ["a flipped nonce byte fails", (s: Uint8Array) => openInviteCard(secret, group, flip(s, 0)), "decrypt-failed"],
    ["truncated, it fails", (s: Uint8Array) => openInviteCard(secret, group, s.subarray(0, 20)), "decrypt-failed"],
  ])("%s", (_story, open, outcome) => {
    const result = open(sealInviteCard(secret, group, card));
    expect(result.ok ? "ok" : result.code).toBe(outcome);
    if (result.ok) expect(result.value).toEqual(card);
  });

  test("an empty note reads as no note, and the sealed size hides the exact lengths (Padmé)", () => {
    const opened = openInviteCard(secret, group, sealInviteCard(secret, group, { ...card, note: "" }));
    expect(opened.ok && opened.value.note).toBeNull();
    const a = sealInviteCard(secret, group, { ...card, note: "x".repeat(100) });
    const b = sealInviteCard(secret, group, { ...card, note: "x".repeat(101) });
    expect(a.length).toBe(b.length);
  });
});
