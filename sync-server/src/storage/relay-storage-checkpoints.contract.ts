/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): membership-log checkpoints —
 * signatures gathered per (group, index), a member's second signature ignored, and only a checkpoint
 * marked complete served, the newest first.
 */
import { describe, expect, it } from "vitest";
import type { RelayStorage } from "./relay-storage.ts";

const bytes = (...values: number[]): Uint8Array => new Uint8Array(values);
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

export function describeCheckpoints(current: () => RelayStorage): void {
  const ana = { signer: filled(32, 0xa), signature: filled(64, 1) };
  const ben = { signer: filled(32, 0xb), signature: filled(64, 2) };
  const g = filled(16, 7);

  describe("log checkpoints", () => {
    it("gathers signatures, keeps a member's first, and serves only a complete checkpoint, the newest", async () => {
      const storage = current();
      await storage.appendEntry(g, null, { hash: bytes(1), bytes: bytes(1) });
      expect(await storage.latestCheckpoint(g)).toBeNull();

      expect(await storage.addCheckpointSignature(g, 4, bytes(4, 4), ana)).toEqual([ana]);
      const again = { ...ana, signature: filled(64, 9) };
      expect(await storage.addCheckpointSignature(g, 4, bytes(4, 4), again)).toEqual([ana]);
      expect(await storage.latestCheckpoint(g)).toBeNull();

      expect(await storage.addCheckpointSignature(g, 4, bytes(4, 4), ben)).toEqual([ana, ben]);
      await storage.completeCheckpoint(g, 4);
      expect(await storage.latestCheckpoint(g)).toEqual({ index: 4, body: bytes(4, 4), signers: [ana, ben] });

      // A newer one is served only once it is complete too.
      await storage.addCheckpointSignature(g, 9, bytes(9, 9), ben);
      expect((await storage.latestCheckpoint(g))?.index).toBe(4);
      await storage.addCheckpointSignature(g, 9, bytes(9, 9), ana);
      await storage.completeCheckpoint(g, 9);
      expect(await storage.latestCheckpoint(g)).toEqual({ index: 9, body: bytes(9, 9), signers: [ana, ben] });
      expect(await storage.latestCheckpoint(filled(16, 8))).toBeNull();
    });
  });
}
