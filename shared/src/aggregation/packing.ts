/**
 * Lane packing: several small non-negative coordinates of a report vector carried in one field element,
 * so a member shares (and seals to every steward) fewer elements.
 *
 * A coordinate is lane-eligible when it is never negative (`vectorMinimums`) and its bound
 * (`vectorBounds`) times `MAX_COHORT` stays below 2^15: under the default rules exactly the indicators,
 * the one-hot histogram and change cells and the yes/no fields' values (with their squares, baselines
 * and paired values) — 0 or 1 per member, so their sums over a cohort are at most 30,000 < 2^15. Four such coordinates v₀…v₃ (in layout order, within one part) become one element
 * v₀ + v₁·2^15 + v₂·2^30 + v₃·2^45 < 2^60 < p. Sharing is linear, so the rebuilt sum of packed vectors is the
 * packing of the summed vectors, and no lane's sum carries into the next: `unpackVector` of the rebuilt
 * sum is exactly the 479-coordinate sum `checkConsistency` and `computeRelease` take. Every other
 * coordinate (values, squares, signed sums) keeps an element of its own.
 *
 * The packed vector: the wide coordinates in layout order, then the lane groups — first the blocks'
 * counts, then each block's other small coordinates, never two parts in one element (a group may hold
 * fewer than four). It depends only on the layout, hence only on the rules.
 *
 * A dishonest member can put anything in a packed element (as in any coordinate, README.md:
 * "poisoning"), including values that carry into or borrow from a neighbouring lane. That gives it
 * nothing new: whatever it does to the unpacked sum, it could do by sharing other values in the unpacked
 * coordinates. `unpackVector` gives the last lane of an element every bit above the others, so a packed
 * sum that wraps around the field (a member subtracting more than everyone else added) shows as a lane
 * far above the cohort's size, which `checkConsistency` refuses; a change that stays within range is a
 * plausible lie the sum cannot reveal, like any other.
 */
import { assert } from "../result.ts";
import { isElement } from "./field.ts";
import { MAX_COHORT, vectorBounds, vectorMinimums, type VectorLayout } from "./vector-layout.ts";

/** Bits per lane: MAX_COHORT < 2^15. */
export const LANE_BITS = 15;
/** Lanes per element: 4 × 15 = 60 bits, below p = 2^61 − 1. */
export const LANES = 4;

const LANE_MASK = (1n << BigInt(LANE_BITS)) - 1n;

/** Where every coordinate of a layout goes in the packed vector. */
export interface Packing {
  /** Elements of the packed vector. */
  readonly length: number;
  /** Coordinates that keep an element each: packed[i] = vector[wide[i]]. */
  readonly wide: readonly number[];
  /** Lane groups: packed[wide.length + g] = Σ vector[lanes[g][j]] · 2^(17·j). */
  readonly lanes: readonly (readonly number[])[];
}

const packings = new WeakMap<VectorLayout, Packing>();

/** The packing of every report vector under `layout` (computed once per layout). */
export function vectorPacking(layout: VectorLayout): Packing {
  const cached = packings.get(layout);
  if (cached !== undefined) return cached;
  const bounds = vectorBounds(layout);
  const minimums = vectorMinimums(layout);
  const limit = 1n << BigInt(LANE_BITS);
  const wide: number[] = [];
  // Lanes never mix parts (round-records.ts): the counts share elements only with counts, and a block's
  // other small coordinates only with that block's, so a part's elements can be rebuilt without another's.
  const small = new Map<string, number[]>();
  for (let i = 0; i < layout.length; i++) {
    if (!(minimums[i]! >= 0n && bounds[i]! * BigInt(MAX_COHORT) < limit)) wide.push(i);
    else {
      const part = partKey(layout, i);
      small.set(part, [...(small.get(part) ?? []), i]);
    }
  }
  const lanes: number[][] = [];
  for (const coordinates of small.values())
    for (let i = 0; i < coordinates.length; i += LANES) lanes.push(coordinates.slice(i, i + LANES));
  const packing = { length: wide.length + lanes.length, wide, lanes };
  packings.set(layout, packing);
  return packing;
}

/** Which part a coordinate is revealed in: "counts" for a block's "answered", else its block's index. */
export function partKey(layout: VectorLayout, coordinate: number): string {
  const blocks = [...layout.fields, ...layout.series];
  let owner = 0;
  blocks.forEach((b, i) => {
    if (b.at.answered <= coordinate) owner = i;
  });
  return blocks[owner]!.at.answered === coordinate ? "counts" : String(owner);
}

/** Elements in a packed vector under `layout`: what a report shares, `verifyReport` and `openShare` take. */
export const packedLength = (layout: VectorLayout): number => vectorPacking(layout).length;

/**
 * A member's report vector (`buildReportVector`, elements) packed for sharing. Throws when a
 * lane-eligible coordinate is outside its bound (a bug: `buildReportVector` never makes one).
 */
export function packVector(vector: readonly bigint[], layout: VectorLayout): bigint[] {
  assert(vector.length === layout.length, "packVector: the vector does not have the layout's length");
  const { wide, lanes } = vectorPacking(layout);
  const bounds = vectorBounds(layout);
  const out = wide.map((i) => vector[i]!);
  for (const group of lanes) {
    let element = 0n;
    group.forEach((i, j) => {
      const v = vector[i]!;
      assert(v >= 0n && v <= bounds[i]!, "packVector: a lane coordinate outside its bound");
      element |= v << BigInt(LANE_BITS * j);
    });
    out.push(element);
  }
  return out;
}

/**
 * The layout's full vector from a packed one — in practice the rebuilt SUM of packed vectors (a single
 * share is uniformly random and unpacks to nothing meaningful). Lanes are read as non-negative
 * integers, the last lane of an element taking every bit above the others.
 */
export function unpackVector(packed: readonly bigint[], layout: VectorLayout): bigint[] {
  const { length, wide, lanes } = vectorPacking(layout);
  assert(packed.length === length && packed.every(isElement), "unpackVector: not a packed vector of this layout");
  const out = new Array<bigint>(layout.length);
  wide.forEach((i, at) => (out[i] = packed[at]!));
  lanes.forEach((group, g) => {
    const element = packed[wide.length + g]!;
    group.forEach((i, j) => {
      const lane = element >> BigInt(LANE_BITS * j);
      out[i] = j === group.length - 1 ? lane : lane & LANE_MASK;
    });
  });
  return out;
}
