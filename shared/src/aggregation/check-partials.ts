/**
 * Rebuilding the sum from stewards' partials, and naming a steward whose partial is wrong.
 *
 * Partials are untrusted (a steward's device may be buggy or dishonest), so nothing here throws on
 * them. With more than t partials there is redundancy: reconstruct the polynomial from the t
 * lowest-indexed stewards and check that every other partial lies on it. When one does not, try leaving
 * each steward out in turn: if exactly one steward's absence makes all the rest agree, that steward is
 * named — under the assumption that at most one steward is wrong: two stewards who coordinate their
 * errors can make the points fit a polynomial that misses an honest steward instead (a test shows it),
 * so a name is a lead to investigate, not proof. With exactly t + 1 partials a disagreement is detected but cannot be pinned on anyone (any one
 * of the t + 1 could be the odd one out), and with only t partials nothing can be checked at all —
 * which is why the committee should post more than t.
 *
 * This detects a wrong steward; it does not detect a member who shared a dishonest vector (every
 * steward holds a consistent share of it) — see README.md, "poisoning".
 */
import { isElement } from "./field.ts";
import { interpolate, lagrangeCoefficients, type Share } from "./shamir.ts";

/** Why a set of partials gives no sum. */
export type PartialsFailure =
  | { readonly ok: false; readonly code: "too-few-partials"; readonly have: number; readonly need: number }
  /** A partial with a bad or repeated x, a non-element, or another length than the first. */
  | { readonly ok: false; readonly code: "malformed-partial"; readonly x: number }
  | {
      readonly ok: false;
      readonly code: "partial-disagrees";
      /** The steward whose partial is wrong, when exactly one steward explains every disagreement; else null. */
      readonly steward: number | null;
      /** Stewards (x) whose partial is off the polynomial of the t lowest-indexed ones. */
      readonly disagreeing: readonly number[];
      /** The first coordinate where a disagreement shows. */
      readonly coordinate: number;
    };

/** The rebuilt sum, or why there is none. */
export type PartialsCheck =
  { readonly ok: true; readonly sum: readonly bigint[]; readonly checked: number } | PartialsFailure;

interface Disagreement {
  readonly x: number;
  readonly coordinate: number;
}

/** Partials (sorted by x) that are off the polynomial through the first t of them. */
function disagreements(sorted: readonly Share[], t: number): Disagreement[] {
  const base = sorted.slice(0, t);
  const xs = base.map((s) => s.x);
  const found: Disagreement[] = [];
  for (const other of sorted.slice(t)) {
    const expected = interpolate(base, lagrangeCoefficients(xs, other.x));
    const coordinate = expected.findIndex((v, c) => v !== other.values[c]);
    if (coordinate >= 0) found.push({ x: other.x, coordinate });
  }
  return found;
}

/**
 * The sum the stewards' partials share (threshold t, committee of k), after checking every partial
 * beyond the t lowest-indexed against them. `checked` is how many partials were verified that way.
 */
export function checkPartials(partials: readonly Share[], t: number, k: number): PartialsCheck {
  if (partials.length < t) return { ok: false, code: "too-few-partials", have: partials.length, need: t };
  const length = partials[0]?.values.length ?? 0;
  const seen = new Set<number>();
  for (const p of partials) {
    const bad = !Number.isInteger(p.x) || p.x < 1 || p.x > k || seen.has(p.x) || p.values.length !== length;
    if (bad || !p.values.every(isElement)) return { ok: false, code: "malformed-partial", x: p.x };
    seen.add(p.x);
  }
  const sorted = [...partials].sort((a, b) => a.x - b.x);
  const found = disagreements(sorted, t);
  if (found.length === 0) {
    const base = sorted.slice(0, t);
    return { ok: true, sum: interpolate(base, lagrangeCoefficients(base.map((s) => s.x))), checked: sorted.length - t };
  }
  // Leaving the wrong steward out leaves a consistent set only when at least t + 1 others remain.
  const explains =
    sorted.length >= t + 2
      ? sorted.filter((_, i) => disagreements([...sorted.slice(0, i), ...sorted.slice(i + 1)], t).length === 0)
      : [];
  return {
    ok: false,
    code: "partial-disagrees",
    steward: explains.length === 1 ? explains[0]!.x : null,
    disagreeing: found.map((d) => d.x),
    coordinate: Math.min(...found.map((d) => d.coordinate)),
  };
}
