import { beforeAll, describe, expect, it } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import { commitNonce, drawStewards, lotterySeed, ticket, verifyReveal, type Volunteer } from "./lottery.ts";

const nonce = (n: number) => new Uint8Array(32).fill(n);
const volunteers = (n: number, groups: number): Volunteer[] =>
  Array.from({ length: n }, (_, i) => ({
    memberId: `member-${String(i).padStart(3, "0")}`,
    groupId: `g${i % groups}`,
  }));

beforeAll(async () => {
  await readySodium();
});

describe("the steward lottery", () => {
  it("a reveal opens its own commitment only", () => {
    const c = commitNonce(nonce(1));
    expect(verifyReveal(c, nonce(1))).toBe(true);
    expect(verifyReveal(c, nonce(2))).toBe(false);
    expect(verifyReveal(c, nonce(1).subarray(0, 31))).toBe(false);
  });

  it("the seed does not depend on the order reveals arrive in, and changes with any one of them", () => {
    const seed = lotterySeed([nonce(1), nonce(2), nonce(3)]);
    expect(lotterySeed([nonce(3), nonce(1), nonce(2)])).toEqual(seed);
    expect(lotterySeed([nonce(1), nonce(2), nonce(4)])).not.toEqual(seed);
  });

  it("draws k stewards, at most one per friend group, ordered by member id; anyone recomputes the same draw", () => {
    const seed = lotterySeed([nonce(1), nonce(2)]);
    const drawn = drawStewards(volunteers(40, 10), seed, 7);
    expect(drawn).toHaveLength(7);
    expect(new Set(drawn.map((v) => v.groupId)).size).toBe(7);
    expect(drawn.map((v) => v.memberId)).toEqual([...drawn.map((v) => v.memberId)].sort());
    expect(drawStewards([...volunteers(40, 10)].reverse(), seed, 7)).toEqual(drawn);
    // The drawn are exactly the lowest tickets among their groups' best.
    const best = new Map<string, string>();
    for (const v of volunteers(40, 10)) {
      const prev = best.get(v.groupId);
      if (prev === undefined || compare(ticket(seed, v.memberId), ticket(seed, prev)) < 0)
        best.set(v.groupId, v.memberId);
    }
    const expected = [...best.values()]
      .sort((a, b) => compare(ticket(seed, a), ticket(seed, b)))
      .slice(0, 7)
      .sort();
    expect(drawn.map((v) => v.memberId)).toEqual(expected);
  });

  it("fewer groups than k: fewer stewards (the round cannot open)", () => {
    expect(drawStewards(volunteers(20, 4), lotterySeed([nonce(1)]), 7)).toHaveLength(4);
  });

  it("over many seeds every volunteer is drawn about equally often (no position is favoured)", () => {
    const pool = volunteers(30, 30);
    const counts = new Map<string, number>();
    const runs = 2000;
    for (let i = 0; i < runs; i++) {
      const seed = lotterySeed([new Uint8Array(32).map((_, j) => (i >> (8 * (j % 4))) & 255)]);
      for (const v of drawStewards(pool, seed, 5)) counts.set(v.memberId, (counts.get(v.memberId) ?? 0) + 1);
    }
    const expected = (runs * 5) / 30; // ≈ 333
    for (const v of pool) expect(Math.abs((counts.get(v.memberId) ?? 0) - expected)).toBeLessThan(expected * 0.3);
  });
});

function compare(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
