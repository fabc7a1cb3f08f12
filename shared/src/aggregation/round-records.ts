/**
 * The signed records of a round after its manifest: the relay's **receipt** for a report, the relay's
 * signature of the **frozen batch** (which reports count, or why the round aborted), a steward's signed
 * **partial** sum, and the relay's signature of the **release**. Each is signed over canonical CBOR under
 * its own context (sign-context.ts), so none can be replayed as another or into another round.
 *
 * Partials come in two parts, over the packed vector (packing.ts keeps parts in separate elements):
 * first the **counts** (each block's "answered" coordinate), then — only for blocks whose count reached
 * the round's minimum contributors — the **values** (every other coordinate of those blocks). A field
 * too few families answered is never reconstructed, not even by the relay.
 */
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import type { SealedReport } from "./report.ts";
import { decodeSigned } from "./field.ts";
import { packedLength, partKey, unpackVector, vectorPacking } from "./packing.ts";
import type { VectorLayout } from "./vector-layout.ts";

/** A report's hash: what the receipt and the batch name. */
export const reportHash = (r: SealedReport): Uint8Array =>
  blake2b256(encodeCbor([r.roundId, r.manifestHash, r.memberId, r.shares, r.signature]));

/** The relay's receipt, kept by the member: its report was stored at `receivedAt`. */
export interface Receipt {
  readonly roundId: Uint8Array;
  readonly memberId: string;
  readonly reportHash: Uint8Array;
  readonly receivedAt: number;
}

const receiptBytes = (r: Receipt) =>
  encodeCbor(["porch/v1/receipt", r.roundId, r.memberId, r.reportHash, r.receivedAt]);
export const signReceipt = (r: Receipt, relaySigningKey: Uint8Array): Uint8Array =>
  signWithContext("relayReceipt", receiptBytes(r), relaySigningKey);
export const verifyReceipt = (r: Receipt, signature: Uint8Array, relayKey: Uint8Array): boolean =>
  verifyWithContext("relayReceipt", receiptBytes(r), signature, relayKey);

/** One report in a frozen batch. */
export interface BatchItem {
  readonly memberId: string;
  readonly groupId: string;
  readonly reportHash: Uint8Array;
}

/** The batch's hash: items ordered by member id, so the same reports always hash the same. */
export function batchHash(items: readonly BatchItem[]): Uint8Array {
  const sorted = [...items].sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  return blake2b256(encodeCbor(sorted.map((i) => [i.memberId, i.groupId, i.reportHash])));
}

/** What the relay signs when a round freezes: the batch, or the reason nothing will be reconstructed. */
export interface Freeze {
  readonly roundId: Uint8Array;
  readonly manifestHash: Uint8Array;
  readonly batchHash: Uint8Array;
  readonly contributors: number;
  readonly groups: number;
  /** Null when the batch goes to the stewards; else why the round aborted. */
  readonly aborted: string | null;
}

const freezeBytes = (f: Freeze) =>
  encodeCbor(["porch/v1/freeze", f.roundId, f.manifestHash, f.batchHash, f.contributors, f.groups, f.aborted]);
export const signFreeze = (f: Freeze, relaySigningKey: Uint8Array): Uint8Array =>
  signWithContext("relayBatch", freezeBytes(f), relaySigningKey);
export const verifyFreeze = (f: Freeze, signature: Uint8Array, relayKey: Uint8Array): boolean =>
  verifyWithContext("relayBatch", freezeBytes(f), signature, relayKey);

/** Which part of a steward's partial sum. */
export type PartialPart = "counts" | "values";

/** A steward's partial sum over the frozen batch, for one part. */
export interface Partial {
  readonly roundId: Uint8Array;
  readonly batchHash: Uint8Array;
  readonly x: number;
  readonly part: PartialPart;
  /** The part's packed elements (`countElements` / `valueElements`), 8 bytes each, big-endian. */
  readonly values: Uint8Array;
}

const partialBytes = (p: Partial) =>
  encodeCbor(["porch/v1/partial", p.roundId, p.batchHash, p.x, p.part, blake2b256(p.values)]);
export const signPartial = (p: Partial, identitySigningKey: Uint8Array): Uint8Array =>
  signWithContext("partial", partialBytes(p), identitySigningKey);
export const verifyPartial = (p: Partial, signature: Uint8Array, stewardKey: Uint8Array): boolean =>
  verifyWithContext("partial", partialBytes(p), signature, stewardKey);

/** The blocks of a layout in part order (fields, then series). */
const blocksOf = (layout: VectorLayout) => [...layout.fields, ...layout.series];

/** The packed elements of each part: "counts", and each block's index for its values. */
function partElements(layout: VectorLayout): Map<string, number[]> {
  const { wide, lanes } = vectorPacking(layout);
  const parts = new Map<string, number[]>();
  const add = (part: string, element: number) => parts.set(part, [...(parts.get(part) ?? []), element]);
  wide.forEach((c, i) => add(partKey(layout, c), i));
  lanes.forEach((group, g) => add(partKey(layout, group[0]!), wide.length + g));
  return parts;
}

/** The packed elements of the counts part (every block's "answered" count), ascending. */
export const countElements = (layout: VectorLayout): number[] => partElements(layout).get("counts") ?? [];

/** Each block's count (decoded), in block order, from the rebuilt counts part (`countElements` order). */
export function blockCounts(layout: VectorLayout, countsPart: readonly bigint[]): bigint[] {
  const packed = new Array<bigint>(packedLength(layout)).fill(0n);
  countElements(layout).forEach((e, i) => (packed[e] = countsPart[i]!));
  const sum = unpackVector(packed, layout);
  return blocksOf(layout).map((b) => decodeSigned(sum[b.at.answered]!));
}

/**
 * The packed elements of the values part: every element of each block whose count reached `min`, except
 * its count, ascending. `counts` is `blockCounts` of the rebuilt counts part.
 */
export const valueElements = (layout: VectorLayout, counts: readonly bigint[], min: number): number[] =>
  valueElementsOf(layout, valueBlocks(counts, min));

/** The blocks (by index, fields then series) whose count reached `min`: their values are rebuilt. */
export const valueBlocks = (counts: readonly bigint[], min: number): number[] =>
  counts.flatMap((c, i) => (c >= BigInt(min) ? [i] : []));

/** The packed elements of the values part of `blocks` (block indices), ascending. */
export function valueElementsOf(layout: VectorLayout, blocks: readonly number[]): number[] {
  const parts = partElements(layout);
  return blocks.flatMap((i) => parts.get(String(i)) ?? []).sort((a, b) => a - b);
}

/** Packs field elements as 8 bytes each, big-endian. */
export function packElements(values: readonly bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const view = new DataView(out.buffer);
  values.forEach((x, i) => view.setBigUint64(i * 8, x, false));
  return out;
}

/** Unpacks 8-byte big-endian field elements; null when the length is not a multiple of 8. */
export function unpackElements(bytes: Uint8Array): bigint[] | null {
  if (bytes.length % 8 !== 0) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 8 }, (_, i) => view.getBigUint64(i * 8, false));
}

/** What the relay signs when it publishes: the round, its batch and the release's exact bytes. */
export const releaseBytesToSign = (roundId: Uint8Array, batch: Uint8Array, release: Uint8Array) =>
  encodeCbor(["porch/v1/release", roundId, batch, blake2b256(release)]);
export const signRelease = (roundId: Uint8Array, batch: Uint8Array, release: Uint8Array, key: Uint8Array) =>
  signWithContext("relayRelease", releaseBytesToSign(roundId, batch, release), key);
export const verifyRelease = (
  roundId: Uint8Array,
  batch: Uint8Array,
  release: Uint8Array,
  signature: Uint8Array,
  relayKey: Uint8Array,
) => verifyWithContext("relayRelease", releaseBytesToSign(roundId, batch, release), signature, relayKey);
