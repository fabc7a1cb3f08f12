/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): what a public relay's
 * limits keep in storage — device ids bound to their first member, groups created per identity, open
 * link mailboxes per identity, and envelope bytes per group — including concurrent requests (on
 * PostgreSQL they run in separate transactions) and, for a durable store, a reopen.
 */
import { describe, expect, it } from "vitest";
import type { NewEnvelope, RelayStorage } from "./relay-storage.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));
const update = (deviceId: Uint8Array, counter: number, body: Uint8Array): NewEnvelope => ({
  deviceId,
  counter,
  kind: "update",
  coversSeq: 0,
  bytes: body,
});
const T = 1_700_000_000_000;

export function describeLimits(current: () => RelayStorage, reopen: (() => Promise<RelayStorage>) | null): void {
  const ana = random(32);
  const ben = random(32);

  describe("device ids bound to their member", () => {
    it("the first member to bind a device id keeps it; another member is told whose it is", async () => {
      const storage = current();
      const device = random(16);
      expect(await storage.bindDevice(device, ana)).toEqual(ana);
      expect(await storage.bindDevice(device, ana)).toEqual(ana);
      expect(await storage.bindDevice(device, ben)).toEqual(ana);
      expect(await storage.bindDevice(random(16), ben)).toEqual(ben);
    });

    it("of two members binding one new device id at once, exactly one wins and both see the winner", async () => {
      const storage = current();
      for (let round = 0; round < 5; round++) {
        const device = random(16);
        const [a, b] = await Promise.all([storage.bindDevice(device, ana), storage.bindDevice(device, ben)]);
        expect(a).toEqual(b);
        expect([ana, ben]).toContainEqual(a);
      }
    });

    if (reopen !== null)
      it("a binding survives closing and reopening the store", async () => {
        const device = random(16);
        await current().bindDevice(device, ana);
        const again = await reopen();
        expect(await again.bindDevice(device, ben)).toEqual(ana);
      });
  });

  describe("groups created per identity", () => {
    const create = (storage: RelayStorage, creator: Uint8Array, maxGroups: number, id = random(16)) =>
      storage.appendEntry(id, null, { hash: random(32), bytes: bytes(0xc0) }, undefined, undefined, {
        memberId: creator,
        maxGroups,
      });

    it("an identity creates up to its quota; the next creation stores nothing; a refused duplicate is not counted", async () => {
      const storage = current();
      const first = random(16);
      expect(await create(storage, ana, 3, first)).toMatchObject({ ok: true });
      expect(await create(storage, ana, 3, first)).toMatchObject({ ok: false, code: "group-exists" });
      expect(await create(storage, ana, 3)).toMatchObject({ ok: true });
      expect(await create(storage, ana, 3)).toMatchObject({ ok: true });
      const refused = random(16);
      expect(await create(storage, ana, 3, refused)).toMatchObject({ ok: false, code: "too-many-groups" });
      expect(await storage.readLog(refused, 0)).toEqual([]);
      // The refused id is free for anyone else; another identity has its own count.
      expect(await create(storage, ben, 3, refused)).toMatchObject({ ok: true });
    });

    it("concurrent creations by one identity are counted one after the other", async () => {
      const storage = current();
      const results = await Promise.all([1, 2, 3, 4, 5, 6].map(() => create(storage, ana, 4)));
      expect(results.filter((r) => r.ok)).toHaveLength(4);
      expect(results.filter((r) => !r.ok && r.code === "too-many-groups")).toHaveLength(2);
    });

    if (reopen !== null)
      it("the count survives closing and reopening the store", async () => {
        expect(await create(current(), ana, 1)).toMatchObject({ ok: true });
        expect(await create(await reopen(), ana, 1)).toMatchObject({ ok: false, code: "too-many-groups" });
      });
  });

  describe("open link mailboxes per identity", () => {
    const open = (storage: RelayStorage, owner: Uint8Array, mailbox: Uint8Array, now = T) =>
      storage.openLinkMailbox({ mailbox, owner, ownerSocket: "s", expiresAt: now + 600_000 }, now, 2);

    it("an owner holds at most its quota open; reopening its own is not one more; expired ones free places", async () => {
      const storage = current();
      const [a, b, c] = [random(32), random(32), random(32)];
      expect(await open(storage, ana, a)).toEqual({ ok: true, value: true });
      expect(await open(storage, ana, b)).toEqual({ ok: true, value: true });
      expect(await open(storage, ana, c)).toMatchObject({ ok: false, code: "too-many-links" });
      expect(await open(storage, ana, a)).toEqual({ ok: true, value: true });
      expect(await open(storage, ben, c)).toEqual({ ok: true, value: true });
      expect(await open(storage, ana, random(32), T + 600_001)).toEqual({ ok: true, value: true });
    });

    it("concurrent opens by one owner are counted one after the other", async () => {
      const storage = current();
      const results = await Promise.all([1, 2, 3, 4, 5].map(() => open(storage, ana, random(32))));
      expect(results.filter((r) => r.ok)).toHaveLength(2);
      expect(results.filter((r) => !r.ok && r.code === "too-many-links")).toHaveLength(3);
    });
  });

  describe("envelope bytes per group", () => {
    async function group(storage: RelayStorage): Promise<Uint8Array> {
      const id = random(16);
      expect(await storage.appendEntry(id, null, { hash: random(32), bytes: bytes(0xc0) })).toMatchObject({ ok: true });
      return id;
    }

    it("stored bytes are counted per group; an envelope over the quota is refused and stores nothing", async () => {
      const storage = current();
      const id = await group(storage);
      const device = random(16);
      const first = random(400);
      expect(await storage.appendEnvelope(id, update(device, 1, first), undefined, 1_000)).toMatchObject({ ok: true });
      expect(await storage.appendEnvelope(id, update(device, 2, random(500)), undefined, 1_000)).toMatchObject({
        ok: true,
      });
      expect(await storage.storedBytes(id)).toBe(900);
      expect(await storage.appendEnvelope(id, update(device, 3, random(101)), undefined, 1_000)).toMatchObject({
        ok: false,
        code: "group-full",
      });
      expect(await storage.storedBytes(id)).toBe(900);
      expect(await storage.nextCounter(id, device)).toBe(3);
      // A resend of what is stored is no new bytes; exactly filling the quota is allowed.
      expect(await storage.appendEnvelope(id, update(device, 1, first), undefined, 1_000)).toEqual({
        ok: true,
        value: { seq: 1, duplicate: true },
      });
      expect(await storage.appendEnvelope(id, update(device, 3, random(100)), undefined, 1_000)).toMatchObject({
        ok: true,
        value: { seq: 3 },
      });
      expect(await storage.storedBytes(id)).toBe(1_000);
      // Without a quota (an older caller) the count still moves.
      expect(await storage.appendEnvelope(id, update(device, 4, random(10)))).toMatchObject({ ok: true });
      expect(await storage.storedBytes(id)).toBe(1_010);
    });

    it("concurrent envelopes committed together never take a group over its quota", async () => {
      const storage = current();
      const id = await group(storage);
      const devices = [random(16), random(16), random(16), random(16)];
      const results = await Promise.all(
        devices.flatMap((d) =>
          [1, 2, 3].map((c) => storage.appendEnvelope(id, update(d, c, random(100)), undefined, 750)),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(7);
      expect(await storage.storedBytes(id)).toBe(700);
    });

    if (reopen !== null)
      it("the count survives closing and reopening the store", async () => {
        const id = await group(current());
        await current().appendEnvelope(id, update(random(16), 1, random(123)));
        expect(await (await reopen()).storedBytes(id)).toBe(123);
      });
  });
}
