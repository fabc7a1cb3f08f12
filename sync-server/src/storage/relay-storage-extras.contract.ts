/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): the member → groups
 * index, revoked invitation keys, second-device link mailboxes and notices.
 */
import { describe, expect, it } from "vitest";
import type { RelayStorage } from "./relay-storage.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

export function describeIndexLinksAndNotices(current: () => RelayStorage): void {
  const ana = filled(32, 0xa);
  const ben = filled(32, 0xb);
  const g1 = filled(16, 1);
  const g2 = filled(16, 2);
  const T = 1_700_000_000_000;

  describe("member → groups index", () => {
    it("follows the roster changes passed with each append, and a refused append changes nothing", async () => {
      const storage = current();
      await storage.appendEntry(g1, null, { hash: bytes(1), bytes: bytes(1) }, undefined, {
        added: [ana],
        removed: [],
      });
      await storage.appendEntry(g2, null, { hash: bytes(2), bytes: bytes(2) }, undefined, {
        added: [ana],
        removed: [],
      });
      await storage.appendEntry(g1, bytes(1), { hash: bytes(3), bytes: bytes(3) }, undefined, {
        added: [ben],
        removed: [],
      });
      expect(await storage.groupsOf(ana)).toEqual([g1, g2]);
      expect(await storage.groupsOf(ben)).toEqual([g1]);

      const stale = await storage.appendEntry(g1, bytes(1), { hash: bytes(4), bytes: bytes(4) }, undefined, {
        added: [],
        removed: [ben],
      });
      expect(stale).toMatchObject({ ok: false, code: "stale-head" });
      expect(await storage.groupsOf(ben)).toEqual([g1]);

      await storage.appendEntry(g1, bytes(3), { hash: bytes(5), bytes: bytes(5) }, undefined, {
        added: [],
        removed: [ben],
      });
      expect(await storage.groupsOf(ben)).toEqual([]);
      expect(await storage.groupsOf(filled(32, 0xc))).toEqual([]);
    });

    it("a join whose invitation key is gone rolls the index back with the append", async () => {
      const storage = current();
      await storage.appendEntry(g1, null, { hash: bytes(1), bytes: bytes(1) }, undefined, {
        added: [ana],
        removed: [],
      });
      const joined = await storage.appendEntry(
        g1,
        bytes(1),
        { hash: bytes(2), bytes: bytes(2) },
        { take: { inviteId: bytes(9) } },
        { added: [ben], removed: [] },
      );
      expect(joined).toMatchObject({ ok: false, code: "invite-not-found" });
      expect(await storage.groupsOf(ben)).toEqual([]);
    });
  });

  describe("revoked invitations", () => {
    it("discarding deletes the sealed key in the append's transaction; a later join finds nothing", async () => {
      const storage = current();
      await storage.appendEntry(g1, null, { hash: bytes(1), bytes: bytes(1) });
      await storage.appendEntry(
        g1,
        bytes(1),
        { hash: bytes(2), bytes: bytes(2) },
        { put: { inviteId: bytes(0x1d), sealedKey: bytes(5) } },
      );
      expect(await storage.hasInviteKey(g1, bytes(0x1d))).toBe(true);
      expect(
        await storage.appendEntry(
          g1,
          bytes(2),
          { hash: bytes(3), bytes: bytes(3) },
          { discard: { inviteId: bytes(0x1d) } },
        ),
      ).toMatchObject({ ok: true });
      expect(await storage.hasInviteKey(g1, bytes(0x1d))).toBe(false);
      expect(
        await storage.appendEntry(
          g1,
          bytes(3),
          { hash: bytes(4), bytes: bytes(4) },
          { take: { inviteId: bytes(0x1d) } },
        ),
      ).toMatchObject({ ok: false, code: "invite-not-found" });
    });
  });

  describe("link mailboxes", () => {
    const box = filled(32, 0x3b);
    const answer = { ephemeralKey: filled(32, 0xe), mac: filled(32, 0x3a), answerSocket: "new-device" };
    const open = (storage: RelayStorage, expiresAt = T + 600_000, owner = ana) =>
      storage.openLinkMailbox({ mailbox: box, owner, ownerSocket: "phone", expiresAt }, T);

    it("open, answer once, complete once by the owner", async () => {
      const storage = current();
      expect(await open(storage)).toEqual({ ok: true, value: true });
      expect(await storage.answerLinkMailbox(box, answer, T + 1)).toEqual({ ok: true, value: { owner: ana } });
      expect(await storage.answerLinkMailbox(box, { ...answer, answerSocket: "thief" }, T + 2)).toMatchObject({
        ok: false,
        code: "link-not-found",
      });
      expect(await storage.completeLinkMailbox(box, ben, T + 3)).toMatchObject({ ok: false, code: "not-a-member" });
      expect(await storage.completeLinkMailbox(box, ana, T + 3)).toEqual({ ok: true, value: answer });
      expect(await storage.completeLinkMailbox(box, ana, T + 4)).toMatchObject({ ok: false, code: "link-not-found" });
      expect(await storage.answerLinkMailbox(box, answer, T + 5)).toMatchObject({ ok: false, code: "link-not-found" });
    });

    it("an unknown mailbox is not found; an unanswered one cannot be completed", async () => {
      const storage = current();
      expect(await storage.answerLinkMailbox(box, answer, T)).toMatchObject({ ok: false, code: "link-not-found" });
      await open(storage);
      expect(await storage.completeLinkMailbox(box, ana, T + 1)).toMatchObject({ ok: false, code: "link-not-found" });
    });

    it("an expired mailbox is refused and deleted", async () => {
      const storage = current();
      await open(storage, T + 1000);
      expect(await storage.answerLinkMailbox(box, answer, T + 1000)).toMatchObject({ ok: false, code: "link-expired" });
      expect(await storage.answerLinkMailbox(box, answer, T + 1001)).toMatchObject({
        ok: false,
        code: "link-not-found",
      });
    });

    it("another member cannot take over an open mailbox; the owner may reopen it", async () => {
      const storage = current();
      await open(storage);
      expect(await open(storage, T + 600_000, ben)).toMatchObject({ ok: false, code: "link-not-found" });
      expect(await open(storage, T + 300_000)).toEqual({ ok: true, value: true });
      // Once expired, anyone's open sweeps it first.
      expect(
        await storage.openLinkMailbox(
          { mailbox: box, owner: ben, ownerSocket: "x", expiresAt: T + 900_000 },
          T + 300_000,
        ),
      ).toEqual({ ok: true, value: true });
    });
  });

  describe("notices", () => {
    it("seqs rise per member, lists start after a seq, and only the newest are kept", async () => {
      const storage = current();
      for (let i = 1; i <= 7; i++) expect(await storage.postNotice(ana, bytes(i), T + i, 5)).toBe(i);
      expect(await storage.postNotice(ben, bytes(0xb), T, 5)).toBe(1);
      const all = await storage.readNotices(ana, 0);
      expect(all.map((n) => n.seq)).toEqual([3, 4, 5, 6, 7]);
      expect(all[0]).toEqual({ seq: 3, sealed: bytes(3), time: T + 3 });
      expect(all[0]?.sealed.constructor).toBe(Uint8Array);
      expect((await storage.readNotices(ana, 6)).map((n) => n.seq)).toEqual([7]);
      expect(await storage.readNotices(ben, 0)).toEqual([{ seq: 1, sealed: bytes(0xb), time: T }]);
    });
  });
}
