import { describe, expect, it } from "vitest";
import { checkPartials } from "./check-partials.ts";
import { add, decodeSigned, encodeSigned, P } from "./field.ts";
import { addShares, lagrangeCoefficients, reconstructVector, splitVector, type Share } from "./shamir.ts";
import { seededRandom } from "./test-kit.ts";

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
