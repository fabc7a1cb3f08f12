/**
 * Padmé padding: the padded length of L keeps only O(log log L) significant bits, so ciphertext
 * lengths leak little about content (overhead ≤ 12%, ~2–3% at snapshot sizes). Plaintext is padded
 * with 0x80 then zeros up to Padmé(len + 1), which is unambiguous to remove.
 */

/** The Padmé length for a message of `length` bytes (length ≥ 1). */
export function padmeLength(length: number): number {
  if (length < 2) return length;
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  return length + mask - ((length + mask) % (mask + 1));
}

/** Appends 0x80 and zeros up to Padmé(len + 1). */
export function pad(plain: Uint8Array): Uint8Array {
  const out = new Uint8Array(padmeLength(plain.length + 1));
  out.set(plain);
  out[plain.length] = 0x80;
  return out;
}

/** Removes padding; `null` if the padding is malformed. */
export function unpad(padded: Uint8Array): Uint8Array | null {
  let i = padded.length - 1;
  while (i >= 0 && padded[i] === 0) i--;
  if (i < 0 || padded[i] !== 0x80) return null;
  return padded.subarray(0, i);
}
