/**
 * Refusing an impossible sum before anything is computed from it.
 *
 * Shares hide each member's vector from the stewards, so nobody can check a single contribution. What
 * can be checked is the SUM: n honest fixed-layout vectors add up to a vector with hard constraints —
 * every indicator is between 0 and n, every one-hot histogram totals its answered count, every sum of
 * values lies within count × the clip range and within what its histogram's buckets allow, Σx² is
 * within count × the squared range and at least (Σx)²/count (Cauchy–Schwarz). A member who shared a
 * malformed vector (a histogram of 1,000,000 in one bucket, an income of $10⁹) or a steward's wrong
 * partial that slipped past `checkPartials` breaks one of them with overwhelming probability; the
 * failing coordinate is named. A member who lies within the rules (a plausible wrong income) cannot
 * be caught this way — see README.md, "poisoning": this is detection of the impossible, not robustness.
 */
import { bucketRange } from "./contribution.ts";
import { decodeSigned, isElement } from "./field.ts";
import { CHANGE_BUCKETS, type Block, type VectorLayout } from "./vector-layout.ts";

/** The first impossible coordinate of a sum, or none. */
export type ConsistencyCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly coordinate: number; readonly name: string; readonly reason: string };

/** An impossible coordinate: its index and why. */
interface Impossible {
  readonly coordinate: number;
  readonly reason: string;
}
type Check = () => Impossible | null;

/** The checks of one block, in order; each is run only if the ones before it passed. */
function blockChecks(b: Block, at: (i: number) => bigint, n: bigint): Check[] {
  const within =
    (i: number, lo: () => bigint, hi: () => bigint, what: string): Check =>
    () => {
      const [v, l, h] = [at(i), lo(), hi()];
      return v < l || v > h ? { coordinate: i, reason: `${what}: ${v} is outside [${l}, ${h}]` } : null;
    };
  const { min, max } = b.range.clip;
  const [lo, hi] = [BigInt(min), BigInt(max)];
  const sqLo = min <= 0 && max >= 0 ? 0n : BigInt(Math.min(min * min, max * max));
  const sqHi = BigInt(Math.max(min * min, max * max));
  const answered = () => at(b.at.answered);
  const paired = () => at(b.at.baselineAnswered);
  const hist = b.range.buckets.map((_, i) => b.at.histogram + i);
  const sumOf = (cells: readonly number[], weight: (k: number) => bigint = () => 1n) =>
    cells.reduce((acc, c, k) => acc + at(c) * weight(k), 0n);
  const ranges = b.range.buckets.map((_, i) => bucketRange(b.range, i));
  const checks: Check[] = [
    within(
      b.at.answered,
      () => 0n,
      () => n,
      "answered count",
    ),
    within(
      b.at.value,
      () => answered() * lo,
      () => answered() * hi,
      "sum of values",
    ),
    within(
      b.at.square,
      () => answered() * sqLo,
      () => answered() * sqHi,
      "sum of squares",
    ),
    () =>
      answered() * at(b.at.square) < at(b.at.value) ** 2n
        ? { coordinate: b.at.square, reason: "sum of squares below (Σx)²/n" }
        : null,
    ...hist.map((c) => within(c, () => 0n, answered, "histogram count")),
    () =>
      sumOf(hist) !== answered()
        ? { coordinate: b.at.histogram, reason: `histogram totals ${sumOf(hist)}, answered ${answered()}` }
        : null,
    within(
      b.at.value,
      () => sumOf(hist, (k) => BigInt(ranges[k]!.min)),
      () => sumOf(hist, (k) => BigInt(ranges[k]!.max)),
      "sum of values against the histogram",
    ),
    within(b.at.baselineAnswered, () => 0n, answered, "baseline answered count"),
    within(
      b.at.baseline,
      () => paired() * lo,
      () => paired() * hi,
      "sum of baseline values",
    ),
    within(
      b.at.paired,
      () => paired() * lo,
      () => paired() * hi,
      "sum of paired values",
    ),
  ];
  if (b.kind !== "series") return checks;
  const change = CHANGE_BUCKETS.map((_, i) => b.at.change + i);
  const up = () => at(b.at.change + 3) + at(b.at.change + 4); // "up 10–50%" + "up 50% or more"
  return [
    ...checks,
    ...change.map((c) => within(c, () => 0n, paired, "change histogram count")),
    () =>
      sumOf(change) !== paired()
        ? { coordinate: b.at.change, reason: `change histogram totals ${sumOf(change)}, paired ${paired()}` }
        : null,
    within(b.at.upTenPercent, up, up, "up-10% count against the change histogram"),
  ];
}

/**
 * Checks that `sum` could be the sum of `n` honest report vectors laid out by `layout`; otherwise names
 * the first coordinate that could not (its index, its name in `layout.names`, and why).
 */
export function checkConsistency(sum: readonly bigint[], layout: VectorLayout, n: number): ConsistencyCheck {
  if (sum.length !== layout.length)
    return {
      ok: false,
      coordinate: Math.min(sum.length, layout.length),
      name: "length",
      reason: `length ${sum.length}, layout ${layout.length}`,
    };
  const bad = sum.findIndex((x) => !isElement(x));
  if (bad >= 0) return { ok: false, coordinate: bad, name: layout.names[bad]!, reason: "not a field element" };
  const at = (i: number) => decodeSigned(sum[i]!);
  for (const b of [...layout.fields, ...layout.series])
    for (const check of blockChecks(b, at, BigInt(n))) {
      const fail = check();
      if (fail !== null) return { ok: false, ...fail, name: layout.names[fail.coordinate]! };
    }
  return { ok: true };
}
