/**
 * Arithmetic in the prime field of p = 2^61 − 1, the numbers the organization's totals are shared in.
 *
 * Why this prime: it is a Mersenne prime, so reducing a product is a shift, a mask and an add; and it is
 * large enough that the sum of every coordinate over the largest cohort (30,000 families, see
 * `VECTOR_BOUNDS`) stays below (p − 1)/2, so signed totals decode exactly (no wrap-around).
 *
 * Elements are BigInts in [0, p). Signed integers are encoded as v for v ≥ 0 and p + v for v < 0;
 * anything above (p − 1)/2 decodes as negative.
 *
 * Random elements are drawn by rejection sampling: 8 bytes from a CSPRNG, masked to 61 bits, and drawn
 * again when the result is p itself (2^61 − 1, the one 61-bit value outside the field), so every element
 * is exactly equally likely. The randomness source is a parameter: production passes `sodiumRandom`
 * (random.ts), tests a seeded source, so a test run reproduces.
 *
 * On the wire an element takes 61 bits, not 64: `elementsToBytes` packs a vector's elements back to back
 * (big-endian bit order, zero bits to the last byte's end), `elementsFromBytes` reads them back and
 * refuses p itself, a wrong length or non-zero padding, so one vector has exactly one encoding.
 */
import { assert } from "../result.ts";

/** The field's prime, 2^61 − 1. */
export const P = (1n << 61n) - 1n;
/** (p − 1)/2: the largest element that decodes as a non-negative number. */
export const HALF_P = (P - 1n) / 2n;

/** A source of randomness: fills `out` with random bytes (like `crypto.getRandomValues`). */
export type RandomSource = (out: Uint8Array) => void;

/** x mod p for any x ≥ 0 below 2^122 (a sum or a product of two elements): two Mersenne folds. */
function reduce(x: bigint): bigint {
  x = (x & P) + (x >> 61n);
  x = (x & P) + (x >> 61n);
  return x >= P ? x - P : x;
}

/** True for a BigInt in [0, p). */
export const isElement = (x: unknown): x is bigint => typeof x === "bigint" && x >= 0n && x < P;

/** a + b mod p. */
export function add(a: bigint, b: bigint): bigint {
  const s = a + b;
  return s >= P ? s - P : s;
}

/** a − b mod p. */
export function sub(a: bigint, b: bigint): bigint {
  const d = a - b;
  return d < 0n ? d + P : d;
}

/** −a mod p. */
export const neg = (a: bigint): bigint => (a === 0n ? 0n : P - a);

/** a · b mod p. */
export const mul = (a: bigint, b: bigint): bigint => reduce(a * b);

/** a^e mod p, by square-and-multiply (e ≥ 0). */
export function pow(a: bigint, e: bigint): bigint {
  assert(e >= 0n, "pow: negative exponent");
  let result = 1n;
  let base = a;
  for (let k = e; k > 0n; k >>= 1n) {
    if (k & 1n) result = mul(result, base);
    base = mul(base, base);
  }
  return result;
}

/** a^−1 mod p, by the extended Euclidean algorithm. Zero has no inverse (a bug to ask). */
export function inv(a: bigint): bigint {
  assert(a !== 0n && isElement(a), "inv: zero or not a field element");
  let [r0, r1] = [P, a];
  let [t0, t1] = [0n, 1n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [t0, t1] = [t1, t0 - q * t1];
  }
  return t0 < 0n ? t0 + P : t0;
}

/** A signed integer as an element: v ≥ 0 → v, v < 0 → p + v. |v| must be at most (p − 1)/2. */
export function encodeSigned(v: number | bigint): bigint {
  assert(typeof v === "bigint" || Number.isSafeInteger(v), "encodeSigned: not an integer");
  const b = BigInt(v);
  assert(b <= HALF_P && b >= -HALF_P, "encodeSigned: out of the field's signed range");
  return b < 0n ? P + b : b;
}

/** An element as a signed integer: above (p − 1)/2 decodes as negative (x − p). */
export function decodeSigned(x: bigint): bigint {
  assert(isElement(x), "decodeSigned: not a field element");
  return x > HALF_P ? x - P : x;
}

const MASK_61 = (1n << 61n) - 1n;
/** Bytes asked of the source at once (`crypto.getRandomValues` refuses more than 65,536). */
const CHUNK = 65_536;

/** `count` independent, uniformly random elements, by rejection sampling 61-bit values from `random`. */
export function randomElements(count: number, random: RandomSource): bigint[] {
  assert(Number.isSafeInteger(count) && count >= 0, "randomElements: bad count");
  const out: bigint[] = [];
  while (out.length < count) {
    const want = Math.min(count - out.length, CHUNK / 8);
    const bytes = new Uint8Array(want * 8);
    random(bytes);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    for (let i = 0; i < want; i++) {
      const x = view.getBigUint64(i * 8, true) & MASK_61;
      if (x !== P) out.push(x); // the only 61-bit value outside [0, p): draw again (next round)
    }
  }
  return out;
}

/** One uniformly random element. */
export const randomElement = (random: RandomSource): bigint => randomElements(1, random)[0]!;

/** Bits per element on the wire (p < 2^61). */
export const ELEMENT_BITS = 61;

/** Bytes of `count` elements packed at 61 bits each: ⌈61 · count / 8⌉. */
export const elementsByteLength = (count: number): number => Math.ceil((count * ELEMENT_BITS) / 8);

// Element i starts at bit 61·i: byte ⌊61i/8⌋, bit (61i mod 8) from that byte's top. Its 61 bits then lie
// in the 64-bit word at that byte when the bit offset is at most 3, and spill into the ninth byte above.
const SHIFTS = Array.from({ length: 12 }, (_, i) => BigInt(i));

/** `values` (elements) packed at 61 bits each, big-endian bit order, zero-padded to a whole byte. */
export function elementsToBytes(values: readonly bigint[]): Uint8Array {
  const length = elementsByteLength(values.length);
  const out = new Uint8Array(length + 8); // room for the last element's 64-bit word
  const view = new DataView(out.buffer);
  values.forEach((v, i) => {
    assert(isElement(v), "elementsToBytes: not a field element");
    const bit = i * ELEMENT_BITS;
    const at = bit >>> 3;
    const shift = bit & 7;
    if (shift <= 3) {
      view.setBigUint64(at, view.getBigUint64(at) | (v << SHIFTS[3 - shift]!));
    } else {
      view.setBigUint64(at, view.getBigUint64(at) | (v >> SHIFTS[shift - 3]!));
      out[at + 8] = out[at + 8]! | Number((v << SHIFTS[11 - shift]!) & 0xffn);
    }
  });
  return out.slice(0, length);
}

/**
 * The `count` elements packed in `bytes` by `elementsToBytes`, or null when `bytes` is not exactly such
 * an encoding (another length, non-zero padding bits, or a 61-bit value equal to p).
 */
export function elementsFromBytes(bytes: Uint8Array, count: number): bigint[] | null {
  const length = elementsByteLength(count);
  if (bytes.length !== length) return null;
  const padding = length * 8 - count * ELEMENT_BITS;
  if (length > 0 && (bytes[length - 1]! & ((1 << padding) - 1)) !== 0) return null;
  const padded = new Uint8Array(length + 8);
  padded.set(bytes);
  const view = new DataView(padded.buffer);
  const out = new Array<bigint>(count);
  for (let i = 0; i < count; i++) {
    const bit = i * ELEMENT_BITS;
    const at = bit >>> 3;
    const shift = bit & 7;
    const word = view.getBigUint64(at);
    const v =
      shift <= 3
        ? (word >> SHIFTS[3 - shift]!) & MASK_61
        : ((word << SHIFTS[shift - 3]!) | BigInt(padded[at + 8]! >>> (11 - shift))) & MASK_61;
    if (v === P) return null;
    out[i] = v;
  }
  return out;
}
