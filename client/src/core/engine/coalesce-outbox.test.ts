/** A burst of edits, or a morning's offline work, leaves as one envelope — never mixing what was sent. */
import { describe, expect, it } from "vitest";
import { encodeCbor } from "@porch/shared";
import type { OutboxItem } from "./sync-record.ts";
import { COALESCE_MAX_BYTES, coalesceOutbox } from "./doc-sync.ts";

const update = (n: number, size = 10): OutboxItem => {
  const changes = [new Uint8Array(size).fill(n)];
  return { kind: "update", payload: encodeCbor(changes), changes, heads: [`h${n}`], coversSeq: 0, sealed: null };
};

describe("coalescing the outbox", () => {
  it("merges consecutive unsent updates, keeping every change in order and the last heads", () => {
    const [first, rest] = coalesceOutbox([update(1), update(2), update(3)]);
    expect(first?.changes.map((c) => c[0])).toEqual([1, 2, 3]);
    expect(first?.heads).toEqual(["h3"]);
    expect(rest).toEqual([]);
  });

  it("never merges into an envelope already sealed (a resend must be byte-identical)", () => {
    const sent = { ...update(1), sealed: { counter: 4, epoch: 0, bytes: new Uint8Array([9]) } };
    const [first, rest] = coalesceOutbox([sent, update(2), update(3)]);
    expect(first).toBe(sent);
    expect(rest).toHaveLength(2);
  });

  it("stops at a snapshot and at the size cap", () => {
    const snapshot: OutboxItem = { ...update(9), kind: "snapshot", changes: [] };
    const [a, restA] = coalesceOutbox([update(1), update(2), snapshot, update(3)]);
    expect(a?.changes).toHaveLength(2);
    expect(restA[0]).toBe(snapshot);
    const big = Math.floor(COALESCE_MAX_BYTES / 2);
    const [b, restB] = coalesceOutbox([update(1, big), update(2, big), update(3, 10)]);
    expect(b?.changes).toHaveLength(1);
    expect(restB).toHaveLength(2);
  });
});
