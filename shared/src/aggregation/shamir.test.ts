import { beforeAll, describe, expect, it } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import { checkPartials } from "./check-partials.ts";
import { add, decodeSigned, encodeSigned, P, randomElements } from "./field.ts";
import { seedElements } from "./random.ts";
import { splitVectorWithSeeds } from "./report.ts";
import {
  addShares,
  completeShares,
  lagrangeCoefficients,
  reconstructVector,
  splitVector,
  type Share,
  type Threshold,
} from "./shamir.ts";
import { seededRandom } from "./test-kit.ts";

beforeAll(readySodium);

const enc = (vs: readonly (number | bigint)[]) => vs.map(encodeSigned);
const dec = (xs: readonly bigint[]) => xs.map(decodeSigned);
/** Every subset of `items` of size `size`. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

describe("Shamir sharing among the steward committee", () => {
  const secret = enc([0, 1, 2151, -800_000, 1_700_000, 123_456_789_012n]);

  it("any t of k stewards rebuild the vector, for every t", () => {
    const k = 5;
    for (let t = 1; t <= k; t++) {
      const shares = splitVector(secret, { k, t }, seededRandom(t));
      expect(shares.map((s) => s.x)).toEqual([1, 2, 3, 4, 5]);
      for (const subset of subsets(shares, t)) expect(reconstructVector(subset), `t=${t}`).toEqual(secret);
    }
  });

  it("t − 1 shares rebuild something else (with overwhelming probability)", () => {
    const shares = splitVector(secret, { k: 5, t: 3 }, seededRandom(9));
    expect(reconstructVector(shares.slice(0, 2))).not.toEqual(secret);
  });

  it("negative values round-trip through sharing", () => {
    const values = [-1, -2151, -800_000, -1_700_000, -(2 ** 53 - 1)];
    const shares = splitVector(enc(values), { k: 4, t: 2 }, seededRandom(3));
    expect(dec(reconstructVector([shares[3]!, shares[1]!]))).toEqual(values.map(BigInt));
  });

  it("sums of shares interpolate to the sum of the vectors", () => {
    const members = [
      [10, -5, 3],
      [200, 7, -3],
      [-1000, 0, 0],
      [1, 1, 1],
    ];
    const threshold = { k: 5, t: 3 };
    const perMember = members.map((v, i) => splitVector(enc(v), threshold, seededRandom(100 + i)));
    // Steward x holds one share of each member's vector and posts their sum (its partial).
    const partials = [0, 1, 2, 3, 4].map((s) => perMember.map((shares) => shares[s]!).reduce(addShares));
    expect(dec(reconstructVector([partials[0]!, partials[2]!, partials[4]!]))).toEqual([-789n, 3n, 1n]);
    expect(dec(reconstructVector(partials.slice(1, 4)))).toEqual([-789n, 3n, 1n]);
  });

  it("Lagrange coefficients at 0 for {1, 2, 3} are 3, −3, 1", () => {
    expect(lagrangeCoefficients([1, 2, 3])).toEqual([3n, P - 3n, 1n]);
    expect(lagrangeCoefficients([1, 2])).toEqual([2n, P - 1n]);
    // At a point already in the set, the coefficients pick that share.
    expect(lagrangeCoefficients([1, 2, 3], 2)).toEqual([0n, 1n, 0n]);
  });

  it("t − 1 shares reveal nothing: a share coordinate is uniform whatever the secret (chi-square)", () => {
    // t = 3: any two shares are jointly uniform. Bucket the pair (share at x = 1, share at x = 2) into
    // 4 × 4 = 16 cells by their top two bits, for 8,000 sharings of a secret, and compare with uniform.
    // With 15 degrees of freedom, chi-square above 37.7 has probability 0.001 under uniformity.
    const chiSquare = (s: bigint, seed: number, t = 3): number => {
      const random = seededRandom(seed);
      const cells = new Array<number>(16).fill(0);
      const n = 8000;
      for (let i = 0; i < n; i++) {
        const [a, b] = splitVector([s], { k: 3, t }, random);
        cells[Number(a!.values[0]! >> 59n) * 4 + Number(b!.values[0]! >> 59n)]!++;
      }
      const expected = n / 16;
      return cells.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
    };
    const stats = [0n, 1n, encodeSigned(-1), 1_700_000n, (P - 1n) >> 1n].map((s, i) => chiSquare(s, 40 + i));
    for (const x of stats) expect(x).toBeLessThan(37.7);
    // The test can fail: with t = 2, two shares are t shares and lie on a line through the secret, far
    // from uniform over the cells.
    expect(chiSquare(0n, 50, 2)).toBeGreaterThan(1000);
  });
});

describe("seed-derived sharing (what a report carries): t − 1 shares from seeds, the rest computed", () => {
  const secret = enc([0, 1, 2151, -800_000, 1_700_000, 123_456_789_012n]);
  /** The report's sharing: seeds for x = 1..t − 1, shares x = t..k on the polynomial through them. */
  const seeded = (s: readonly bigint[], threshold: Threshold, seed: number): Share[] => [
    ...splitVectorWithSeeds(s, threshold, seededRandom(seed)).shares,
  ];

  it("any t of k stewards rebuild the vector, for every t", () => {
    const k = 5;
    for (let t = 1; t <= k; t++) {
      const { seeds, shares } = splitVectorWithSeeds(secret, { k, t }, seededRandom(t));
      expect(seeds).toHaveLength(t - 1);
      expect(shares.map((s) => s.x)).toEqual([1, 2, 3, 4, 5]);
      // A seed steward's share is exactly its seed's expansion: it receives only the 32 bytes.
      seeds.forEach((seed, i) => expect(shares[i]!.values).toEqual(seedElements(seed, secret.length)));
      for (const subset of subsets(shares, t)) expect(reconstructVector(subset), `t=${t}`).toEqual(secret);
    }
  });

  it("completes any t − 1 given points to a polynomial through the secret (shares of degree < t)", () => {
    const given = [1, 2, 3].map((x) => ({ x, values: randomElements(secret.length, seededRandom(60 + x)) }));
    const all = [...given, ...completeShares(secret, given, 7)];
    expect(all.map((s) => s.x)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    for (const subset of subsets(all, 4)) expect(reconstructVector(subset)).toEqual(secret);
    expect(reconstructVector(all.slice(0, 3))).not.toEqual(secret); // t − 1 of them do not
    expect(() => completeShares(secret, [given[1]!, given[0]!], 7)).toThrow(/x = 1..t − 1/);
    expect(() => completeShares(secret, given, 3)).toThrow();
  });

  it("negative values round-trip", () => {
    const values = [-1, -2151, -800_000, -1_700_000, -(2 ** 53 - 1)];
    const shares = seeded(enc(values), { k: 7, t: 4 }, 3);
    expect(dec(reconstructVector([shares[6]!, shares[1]!, shares[4]!, shares[0]!]))).toEqual(values.map(BigInt));
    expect(dec(reconstructVector(shares.slice(3)))).toEqual(values.map(BigInt)); // the four full shares alone
  });

  it("sums of shares interpolate to the sum of the vectors", () => {
    const members = [
      [10, -5, 3],
      [200, 7, -3],
      [-1000, 0, 0],
      [1, 1, 1],
    ];
    const perMember = members.map((v, i) => seeded(enc(v), { k: 7, t: 4 }, 200 + i));
    const partials = [0, 1, 2, 3, 4, 5, 6].map((s) => perMember.map((shares) => shares[s]!).reduce(addShares));
    for (const subset of subsets(partials, 4)) expect(dec(reconstructVector(subset))).toEqual([-789n, 3n, 1n]);
    expect(checkPartials(partials, 4, 7)).toEqual({ ok: true, sum: enc([-789, 3, 1]), checked: 3 });
  });

  it("t − 1 shares look uniform whatever the secret: seed shares, full shares and a mix (chi-square)", () => {
    // As for plain sharing above, but the secret is a vector of one and the pairs are steward (1, 2)
    // (both expanded from seeds), (2, 3) (a seed and a computed share) and (4, 5) (both computed),
    // t = 3, k = 5. Pseudo-random, not information-theoretic: this checks for a gross error (a share
    // that depends on the secret), not the PRG. 15 degrees of freedom: above 37.7 has probability 0.001.
    const pairs = [
      [0, 1],
      [1, 2],
      [3, 4],
    ] as const;
    const chiSquares = (s: bigint, seed: number, t = 3): number[] => {
      const random = seededRandom(seed);
      const cells = pairs.map(() => new Array<number>(16).fill(0));
      const n = 8000;
      for (let i = 0; i < n; i++) {
        const { shares } = splitVectorWithSeeds([s], { k: 5, t }, random);
        pairs.forEach(([a, b], p) => {
          cells[p]![Number(shares[a]!.values[0]! >> 59n) * 4 + Number(shares[b]!.values[0]! >> 59n)]!++;
        });
      }
      const expected = n / 16;
      return cells.map((c) => c.reduce((sum, x) => sum + (x - expected) ** 2 / expected, 0));
    };
    for (const [i, s] of [0n, 1n, encodeSigned(-1), 1_700_000n, (P - 1n) >> 1n].entries())
      for (const x of chiSquares(s, 70 + i)) expect(x).toBeLessThan(37.7);
    // The test can fail: with t = 2, shares (1, 2) and (2, 3) are t shares on a line through the secret,
    // far from uniform over the cells. (For (4, 5), 4a and 5a mod p happen to fill these coarse cells
    // evenly: the cells detect gross dependence, not every dependence.)
    const [seedPair, mixedPair] = chiSquares(0n, 80, 2);
    expect(seedPair).toBeGreaterThan(1000);
    expect(mixedPair).toBeGreaterThan(500);
  });
});

describe("checking stewards' partials", () => {
  const threshold = { k: 5, t: 3 };
  const secret = enc([5, -7, 11, 0]);
  const shares = splitVector(secret, threshold, seededRandom(77));
  const tamper = (s: Share, coordinate: number, by = 1n): Share => ({
    x: s.x,
    values: s.values.map((v, c) => (c === coordinate ? add(v, by) : v)),
  });

  it("all k consistent partials give the sum, with every extra partial checked", () => {
    expect(checkPartials(shares, 3, 5)).toEqual({ ok: true, sum: secret, checked: 2 });
    expect(checkPartials([...shares].reverse().slice(0, 3), 3, 5)).toEqual({ ok: true, sum: secret, checked: 0 });
  });

  it("a steward outside the lowest t posting a wrong partial is named", () => {
    const posted = [shares[0]!, shares[1]!, shares[2]!, tamper(shares[3]!, 2), shares[4]!];
    expect(checkPartials(posted, 3, 5)).toEqual({
      ok: false,
      code: "partial-disagrees",
      steward: 4,
      disagreeing: [4],
      coordinate: 2,
    });
  });

  it("a steward among the lowest t posting a wrong partial is named too (every other one disagrees)", () => {
    const posted = [shares[0]!, tamper(shares[1]!, 3), shares[2]!, shares[3]!, shares[4]!];
    const check = checkPartials(posted, 3, 5);
    expect(check).toEqual({ ok: false, code: "partial-disagrees", steward: 2, disagreeing: [4, 5], coordinate: 3 });
  });

  it("with t + 1 partials a wrong one is detected but cannot be pinned on anyone", () => {
    const posted = [shares[0]!, shares[1]!, shares[2]!, tamper(shares[3]!, 0)];
    expect(checkPartials(posted, 3, 5)).toMatchObject({ ok: false, steward: null, disagreeing: [4] });
  });

  it("two wrong stewards are detected; no single one is named", () => {
    const posted = [shares[0]!, shares[1]!, tamper(shares[2]!, 1), tamper(shares[3]!, 1, 5n), shares[4]!];
    expect(checkPartials(posted, 3, 5)).toMatchObject({ ok: false, code: "partial-disagrees", steward: null });
  });

  it("naming assumes one wrong steward: two who coordinate their errors can frame an honest one", () => {
    // Stewards 3 and 4 both add 1: the points then fit a polynomial that misses only steward 1.
    const posted = [shares[0]!, shares[1]!, tamper(shares[2]!, 1), tamper(shares[3]!, 1), shares[4]!];
    expect(checkPartials(posted, 3, 5)).toMatchObject({ ok: false, steward: 1 });
  });

  it("refuses too few, duplicated, out-of-committee, misshapen or out-of-field partials", () => {
    expect(checkPartials(shares.slice(0, 2), 3, 5)).toEqual({ ok: false, code: "too-few-partials", have: 2, need: 3 });
    const bad = (s: Share) => checkPartials([shares[0]!, shares[1]!, s], 3, 5);
    expect(bad(shares[0]!)).toEqual({ ok: false, code: "malformed-partial", x: 1 });
    expect(bad({ x: 6, values: shares[2]!.values })).toMatchObject({ code: "malformed-partial", x: 6 });
    expect(bad({ x: 3, values: shares[2]!.values.slice(1) })).toMatchObject({ code: "malformed-partial", x: 3 });
    expect(bad({ x: 3, values: [P, 0n, 0n, 0n] })).toMatchObject({ code: "malformed-partial", x: 3 });
    expect(bad({ x: 3, values: [-1n, 0n, 0n, 0n] })).toMatchObject({ code: "malformed-partial", x: 3 });
  });
});
