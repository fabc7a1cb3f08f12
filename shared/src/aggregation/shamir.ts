/**
 * Shamir secret sharing of a vector of field elements among the k stewards, threshold t.
 *
 * Each coordinate s gets its own polynomial f(x) = s + a₁x + … + a_{t−1}x^{t−1} with fresh, uniformly
 * random coefficients; steward i (x = i, 1..k) receives f(i). Any t shares determine f, hence s = f(0)
 * (Lagrange interpolation at 0); any t − 1 shares are uniformly distributed whatever s is, so they say
 * nothing about it. Sharing is linear: the share-wise sum of many members' shares is a share of the sum
 * of their vectors — which is all a steward ever publishes (a "partial"), and all anyone can rebuild.
 *
 * Seed-derived sharing (what a member's report uses, report.ts): the t − 1 shares at x = 1..t − 1 are
 * not drawn as coefficients but expanded from a fresh seed each (random.ts, `seedElements`), and
 * `completeShares` computes the others, x = t..k, on the polynomial through (0, s) and those t − 1
 * points. If the t − 1 points were uniform this is exactly the sharing above (a polynomial of degree
 * < t with f(0) = s is determined by its values at 1..t − 1, and uniform values give uniform
 * coefficients); expanded from seeds they are pseudo-random, so the t − 1-shares-say-nothing property
 * holds computationally, as long as the PRG (ChaCha20) is secure — see README.md, "The math".
 *
 * Checking partials (more than t of them) is in check-partials.ts.
 */
import { assert } from "../result.ts";
import { add, inv, isElement, mul, P, randomElements, sub, type RandomSource } from "./field.ts";

/** One steward's share of a vector (or, summed over members, its partial): f(x) per coordinate. */
export interface Share {
  /** The steward's evaluation point, 1..k. */
  readonly x: number;
  readonly values: readonly bigint[];
}

/** Sharing parameters: k stewards, any t of whom reconstruct. */
export interface Threshold {
  readonly k: number;
  readonly t: number;
}

/** True for 1 ≤ t ≤ k ≤ 255 (k is a committee of devices, never near p). */
export const isThreshold = ({ k, t }: Threshold): boolean =>
  Number.isInteger(k) && Number.isInteger(t) && t >= 1 && t <= k && k <= 255;

/**
 * Splits `secret` (elements in [0, p)) into k shares at x = 1..k, with a fresh uniform polynomial of
 * degree t − 1 per coordinate (coefficients from `random`).
 */
export function splitVector(secret: readonly bigint[], { k, t }: Threshold, random: RandomSource): Share[] {
  assert(isThreshold({ k, t }), "splitVector: need 1 ≤ t ≤ k ≤ 255");
  assert(secret.every(isElement), "splitVector: secret holds a non-element");
  const n = secret.length;
  const coefficients = randomElements(n * (t - 1), random); // coordinate c's a_j at c·(t−1) + j − 1
  const shares: Share[] = [];
  for (let x = 1; x <= k; x++) {
    const bx = BigInt(x);
    const values = new Array<bigint>(n);
    for (let c = 0; c < n; c++) {
      // Horner: ((a_{t−1}·x + a_{t−2})·x + …)·x + s
      let y = 0n;
      for (let j = t - 1; j >= 1; j--) y = add(mul(y, bx), coefficients[c * (t - 1) + j - 1]!);
      values[c] = add(mul(y, bx), secret[c]!);
    }
    shares.push({ x, values });
  }
  return shares;
}

/**
 * The shares at x = t..k of the polynomial of degree < t through (0, secret[c]) and the t − 1 given
 * shares at x = 1..t − 1 (t = given.length + 1), per coordinate: Lagrange interpolation, one set of
 * coefficients per x. `given` are typically expanded from seeds (report.ts).
 */
export function completeShares(secret: readonly bigint[], given: readonly Share[], k: number): Share[] {
  const t = given.length + 1;
  assert(isThreshold({ k, t }), "completeShares: need 1 ≤ t ≤ k ≤ 255");
  assert(
    given.every((s, i) => s.x === i + 1 && s.values.length === secret.length && s.values.every(isElement)),
    "completeShares: given shares must be at x = 1..t − 1, of the secret's length",
  );
  assert(secret.every(isElement), "completeShares: secret holds a non-element");
  const points = [{ x: 0, values: secret }, ...given];
  const xs = points.map((s) => s.x);
  const shares: Share[] = [];
  for (let x = t; x <= k; x++) shares.push({ x, values: interpolate(points, lagrangeCoefficients(xs, x)) });
  return shares;
}

/** Share-wise sum of shares held by one steward (all at the same x, same length): a share of the sum. */
export function addShares(a: Share, b: Share): Share {
  assert(a.x === b.x && a.values.length === b.values.length, "addShares: different stewards or lengths");
  return { x: a.x, values: a.values.map((v, i) => add(v, b.values[i]!)) };
}

/**
 * Lagrange coefficients for evaluating, at `at` (0 for the secret), the polynomial of degree < xs.length
 * through points at `xs` (distinct): λ_i = Π_{j≠i} (at − x_j)/(x_i − x_j). Compute once per set of
 * stewards, apply to every coordinate.
 */
export function lagrangeCoefficients(xs: readonly number[], at = 0): bigint[] {
  assert(new Set(xs).size === xs.length && xs.length > 0, "lagrangeCoefficients: points must be distinct");
  const bat = BigInt(at);
  const points = xs.map((x) => BigInt(x) % P);
  return points.map((xi, i) => {
    let num = 1n;
    let den = 1n;
    points.forEach((xj, j) => {
      if (j === i) return;
      num = mul(num, sub(bat % P, xj));
      den = mul(den, sub(xi, xj));
    });
    return mul(num, inv(den));
  });
}

/** Σ λ_i · y_i per coordinate: the shares' polynomial evaluated where `coefficients` were made for. */
export function interpolate(shares: readonly Share[], coefficients: readonly bigint[]): bigint[] {
  assert(shares.length === coefficients.length && shares.length > 0, "interpolate: one coefficient per share");
  const n = shares[0]!.values.length;
  assert(
    shares.every((s) => s.values.length === n),
    "interpolate: shares of different lengths",
  );
  const out = new Array<bigint>(n).fill(0n);
  shares.forEach((s, i) => {
    const l = coefficients[i]!;
    for (let c = 0; c < n; c++) out[c] = add(out[c]!, mul(l, s.values[c]!));
  });
  return out;
}

/** The secret vector from exactly the shares given (at least t of them, distinct x): f(0) per coordinate. */
export const reconstructVector = (shares: readonly Share[]): bigint[] =>
  interpolate(shares, lagrangeCoefficients(shares.map((s) => s.x)));
