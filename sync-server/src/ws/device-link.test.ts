/**
 * Linking a second device through a relay mailbox, with the real crypto: Ana's phone opens a link, a
 * new laptop (authenticated with a throwaway identity) answers with its ephemeral key and MAC, the
 * phone checks the MAC and seals Ana's root seed, and the laptop opens the same seed. The relay only
 * carries bytes: it never sees the link secret.
 */
import {
  LINK_TTL_MS,
  checkLinkMac,
  deriveIdentity,
  deriveInviteKeys,
  linkMac,
  linkMailboxId,
  randomBytes,
  sealLinkPayload,
  type ServerFrame,
} from "@porch/shared";
// eslint-disable-next-line no-restricted-imports -- the test plays the new device, which opens the payload
import { openLinkPayload } from "@porch/shared/sealing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestMember } from "@porch/testing/members";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

let relay: TestRelay;
beforeAll(async () => {
  relay = await startTestRelay();
});
afterAll(async () => {
  await relay?.stop();
});

/** Ana's identity comes from a root seed the test keeps, so it can check what the new device receives. */
function ana(): { member: TestMember; rootSeed: Uint8Array } {
  const rootSeed = randomBytes(32);
  return { member: { name: "Ana", identity: deriveIdentity(rootSeed), deviceId: randomBytes(16) }, rootSeed };
}
const throwaway = (): TestMember => ({
  name: "new device",
  identity: deriveIdentity(randomBytes(32)),
  deviceId: randomBytes(16),
});
/** Any fresh X25519 key pair will do for the new device's ephemeral key (the relay may not import libsodium). */
const ephemeralKeys = () => deriveInviteKeys(randomBytes(32)).box;
const isType = (type: ServerFrame["type"]) => (f: ServerFrame) => f.type === type;

describe("second-device link", () => {
  it("Ana's phone opens a link, the new laptop answers, the phone seals her identity and the laptop opens the same seed", async () => {
    const { member: anaMember, rootSeed } = ana();
    const phone = await TestClient.as(relay.url, anaMember);
    const tablet = await TestClient.as(relay.url, anaMember);
    const secret = randomBytes(16);
    const mailbox = linkMailboxId(secret);
    expect(await phone.request({ type: "link-open", mailbox, expiresAt: Date.now() + LINK_TTL_MS })).toMatchObject({
      type: "link-opened",
    });

    const laptop = await TestClient.as(relay.url, throwaway());
    const ephemeral = ephemeralKeys();
    const mac = linkMac(secret, ephemeral.publicKey);
    expect(
      await laptop.request({ type: "link-answer", mailbox, ephemeralKey: ephemeral.publicKey, mac }),
    ).toMatchObject({ type: "link-answered-ack" });

    const request = await phone.next(isType("link-request"));
    expect(request).toEqual({ v: 1, type: "link-request", mailbox, ephemeralKey: ephemeral.publicKey, mac });
    // Every socket of Ana's hears it, not only the one that opened the link.
    expect(await tablet.next(isType("link-request"))).toEqual(request);
    if (request.type !== "link-request") return;
    expect(checkLinkMac(secret, request.ephemeralKey, request.mac)).toBe(true);

    const sealed = sealLinkPayload(secret, request.ephemeralKey, { rootSeed, displayName: "Ana", lang: "es" });
    expect(await phone.request({ type: "link-complete", mailbox, sealed })).toMatchObject({ type: "link-completed" });
    const delivered = await laptop.next(isType("link-sealed"));
    expect(delivered).toEqual({ v: 1, type: "link-sealed", mailbox, sealed });
    if (delivered.type !== "link-sealed") return;
    expect(openLinkPayload(secret, ephemeral, delivered.sealed)).toEqual({
      ok: true,
      value: { rootSeed, displayName: "Ana", lang: "es" },
    });

    // Single use: the mailbox is gone.
    expect(
      await laptop.request({ type: "link-answer", mailbox, ephemeralKey: ephemeral.publicKey, mac }),
    ).toMatchObject({ code: "link-not-found" });
    expect(await phone.request({ type: "link-complete", mailbox, sealed })).toMatchObject({ code: "link-not-found" });
  });

  it("an answer whose MAC was made without the secret is detected by the phone, and the new device gets link-bad-mac", async () => {
    const { member: anaMember } = ana();
    const phone = await TestClient.as(relay.url, anaMember);
    const secret = randomBytes(16);
    const mailbox = linkMailboxId(secret);
    await phone.request({ type: "link-open", mailbox, expiresAt: Date.now() + 60_000 });

    // Someone who learned the mailbox id (the relay, say) but not the secret.
    const impostor = await TestClient.as(relay.url, throwaway());
    const ephemeral = ephemeralKeys();
    await impostor.request({
      type: "link-answer",
      mailbox,
      ephemeralKey: ephemeral.publicKey,
      mac: linkMac(randomBytes(16), ephemeral.publicKey),
    });
    const request = await phone.next(isType("link-request"));
    if (request.type !== "link-request") return expect.fail("expected a link request");
    expect(checkLinkMac(secret, request.ephemeralKey, request.mac)).toBe(false);

    expect(await phone.request({ type: "link-complete", mailbox, sealed: null })).toMatchObject({
      type: "link-completed",
    });
    expect(await impostor.next(isType("error"))).toEqual({
      v: 1,
      type: "error",
      id: null,
      code: "link-bad-mac",
      fatal: false,
    });
    expect(impostor.unclaimed.filter((f) => f.type === "link-sealed")).toEqual([]);
  });

  it("an answer to an unknown mailbox is link-not-found; to an expired one link-expired", async () => {
    const laptop = await TestClient.as(relay.url, throwaway());
    const ephemeral = ephemeralKeys();
    const secret = randomBytes(16);
    const answer = {
      type: "link-answer",
      mailbox: linkMailboxId(secret),
      ephemeralKey: ephemeral.publicKey,
      mac: linkMac(secret, ephemeral.publicKey),
    } as const;
    expect(await laptop.request(answer)).toMatchObject({ type: "error", code: "link-not-found", fatal: false });

    const phone = await TestClient.as(relay.url, ana().member);
    // Asking for an hour is clamped to ten minutes.
    await phone.request({ type: "link-open", mailbox: answer.mailbox, expiresAt: Date.now() + 3600_000 });
    relay.advanceClock(LINK_TTL_MS + 1_000);
    try {
      expect(await laptop.request(answer)).toMatchObject({ type: "error", code: "link-expired", fatal: false });
      expect(await laptop.request(answer)).toMatchObject({ type: "error", code: "link-not-found" });
    } finally {
      relay.advanceClock(-(LINK_TTL_MS + 1_000));
    }
  });

  it("only the mailbox owner may complete it", async () => {
    const phone = await TestClient.as(relay.url, ana().member);
    const secret = randomBytes(16);
    const mailbox = linkMailboxId(secret);
    await phone.request({ type: "link-open", mailbox, expiresAt: Date.now() + 60_000 });
    const laptop = await TestClient.as(relay.url, throwaway());
    const ephemeral = ephemeralKeys();
    await laptop.request({
      type: "link-answer",
      mailbox,
      ephemeralKey: ephemeral.publicKey,
      mac: linkMac(secret, ephemeral.publicKey),
    });

    const mallory = await TestClient.as(relay.url, throwaway());
    expect(await mallory.request({ type: "link-complete", mailbox, sealed: new Uint8Array(100) })).toMatchObject({
      type: "error",
      code: "not-a-member",
      fatal: false,
    });
    expect(laptop.unclaimed.filter((f) => f.type === "link-sealed")).toEqual([]);
    // The owner still can.
    expect(await phone.request({ type: "link-complete", mailbox, sealed: new Uint8Array(100) })).toMatchObject({
      type: "link-completed",
    });
    expect(await laptop.next(isType("link-sealed"))).toMatchObject({ sealed: new Uint8Array(100) });
  });
});
