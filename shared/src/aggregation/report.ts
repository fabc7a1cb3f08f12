/**
 * A member's report to a round: the (lane-packed, packing.ts) report vector Shamir-shared among the
 * manifest's stewards, share x sealed (an anonymous sealed box) to steward x's round key, and the whole
 * signed with the member's identity over the round and the hash of every sealed share. The relay can
 * check the signature, the round and the exact size of every sealed share (`verifyReport`) without
 * being able to open anything; a steward opens only its own share (`openShare`, in
 * `@porch/shared/sealing`).
 *
 * Seed slots and full slots. Shares x = 1..t − 1 are expanded from a fresh 32-byte seed each
 * (`seedElements`, ChaCha20), and only the seed is sealed; shares x = t..k are computed in full on the
 * polynomial through (0, vector) and those t − 1 points (`completeShares`) and sealed whole, each
 * element in 61 bits (`elementsToBytes`). A sealed share's plaintext is
 *   binding (32) ‖ seed (32)                              for x < t
 *   binding (32) ‖ elements (⌈61 · vectorLength / 8⌉)    for x ≥ t
 * where binding = BLAKE2b-256 of CBOR ["porch/v1/share", roundId, x, memberId] (`shareBinding`), so a
 * share cannot be replayed into another round, slot or member's report.
 *
 * Every report of a round has the same sizes slot by slot: they depend only on t, x and the (packed)
 * vector's length, which depends only on the rules (vector-layout.ts), whatever the member consented to
 * or answered. `vectorLength` everywhere here is the length of the vector shared: `packedLength(layout)`
 * when the vector was packed with `packVector` (as it should be; the rebuilt sum is then unpacked with
 * `unpackVector`).
 */
import { bytesEqual, concatBytes } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { sealToBoxKey } from "../crypto/sealed-box.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import { MemberId } from "../ids.ts";
import { elementsByteLength, elementsToBytes, type RandomSource } from "./field.ts";
import { manifestHash, type RoundManifest } from "./manifest.ts";
import { SHARE_SEED_BYTES, seedElements } from "./random.ts";
import { completeShares, type Share, type Threshold } from "./shamir.ts";

/** A sealed, signed report as it travels to the relay and is kept there. */
export interface SealedReport {
  readonly roundId: Uint8Array;
  readonly manifestHash: Uint8Array;
  readonly memberId: string;
  /** Share x sealed to `manifest.stewards[x - 1].roundKey`, for x = 1..k (a seed for x < t, else in full). */
  readonly shares: readonly Uint8Array[];
  readonly signature: Uint8Array;
}

/** What the member signs: the round, the manifest, who, and each sealed share's hash. */
function reportBytes(r: Omit<SealedReport, "signature">): Uint8Array {
  return encodeCbor(["porch/v1/report", r.roundId, r.manifestHash, r.memberId, r.shares.map((s) => blake2b256(s))]);
}

/** Bytes of a share's binding (the plaintext's first bytes). */
export const SHARE_BINDING_BYTES = 32;
/** What a sealed box adds to its plaintext (ephemeral public key and MAC). */
const SEALED_BOX_OVERHEAD = 48;

/** The first 32 bytes of share x's plaintext: BLAKE2b-256 of the round, the steward's index and the member. */
export const shareBinding = (roundId: Uint8Array, x: number, memberId: string): Uint8Array =>
  blake2b256(encodeCbor(["porch/v1/share", roundId, x, memberId]));

/** True when slot x of a round with threshold t carries a seed (x < t), not a share in full. */
export const isSeedSlot = (manifest: { readonly t: number }, x: number): boolean => x < manifest.t;

/** Plaintext bytes after the binding: a seed for x < t, else the share's elements at 61 bits each. */
export const sharePayloadLength = (manifest: { readonly t: number }, x: number, vectorLength: number): number =>
  isSeedSlot(manifest, x) ? SHARE_SEED_BYTES : elementsByteLength(vectorLength);

/**
 * The sharing a report carries: a fresh seed from `random` for each of x = 1..t − 1, their shares
 * expanded from the seeds (`seedElements`), the shares x = t..k computed from them (`completeShares`).
 * `shares` holds all k, in order of x; `seeds[x − 1]` is what steward x < t receives instead of its share.
 */
export function splitVectorWithSeeds(
  vector: readonly bigint[],
  { k, t }: Threshold,
  random: RandomSource,
): { readonly seeds: readonly Uint8Array[]; readonly shares: readonly Share[] } {
  const seeds = Array.from({ length: t - 1 }, () => {
    const seed = new Uint8Array(SHARE_SEED_BYTES);
    random(seed);
    return seed;
  });
  const derived = seeds.map((seed, i) => ({ x: i + 1, values: seedElements(seed, vector.length) }));
  return { seeds, shares: [...derived, ...completeShares(vector, derived, k)] };
}

/**
 * Shares `vector` (elements; pass `packVector(buildReportVector(...), layout)`) among the manifest's
 * stewards — a fresh seed from `random` for each of x = 1..t − 1, the other shares computed from them —
 * seals each to its steward's round key and signs the report with the member's identity key.
 */
export function buildReport(
  manifest: RoundManifest,
  vector: readonly bigint[],
  member: { readonly memberId: string; readonly signingKey: Uint8Array },
  random: RandomSource,
): SealedReport {
  const { seeds, shares: all } = splitVectorWithSeeds(vector, manifest, random);
  const payloads = [...seeds, ...all.slice(seeds.length).map((share) => elementsToBytes(share.values))];
  const shares = payloads.map((payload, i) =>
    sealToBoxKey(
      concatBytes(shareBinding(manifest.roundId, i + 1, member.memberId), payload),
      manifest.stewards[i]!.roundKey,
    ),
  );
  const unsigned = {
    roundId: manifest.roundId,
    manifestHash: manifestHash(manifest),
    memberId: member.memberId,
    shares,
  };
  return { ...unsigned, signature: signWithContext("report", reportBytes(unsigned), member.signingKey) };
}

/**
 * The exact size of sealed share x (1..k) in every report of a round with threshold `manifest.t` and
 * vectors of `vectorLength` elements: 32 + 32 + 48 = 112 bytes for a seed slot (x < t), and
 * 32 + ⌈61 · vectorLength / 8⌉ + 48 for a full one.
 */
export const sealedShareLength = (manifest: { readonly t: number }, x: number, vectorLength: number): number =>
  SHARE_BINDING_BYTES + sharePayloadLength(manifest, x, vectorLength) + SEALED_BOX_OVERHEAD;

/** Why the relay refuses a report (it cannot open it; it checks what it can). */
export type ReportProblem = "wrong-round" | "wrong-size" | "bad-signature";

/**
 * The relay's checks: the report names this round and manifest, has one share per steward, each of
 * exactly the size that slot has in every member's report (`sealedShareLength`), and is signed by the
 * member it names. Null when it passes.
 */
export function verifyReport(
  report: SealedReport,
  manifest: RoundManifest,
  vectorLength: number,
): ReportProblem | null {
  if (!bytesEqual(report.roundId, manifest.roundId) || !bytesEqual(report.manifestHash, manifestHash(manifest)))
    return "wrong-round";
  if (
    report.shares.length !== manifest.k ||
    report.shares.some((s, i) => s.length !== sealedShareLength(manifest, i + 1, vectorLength))
  )
    return "wrong-size";
  const key = MemberId.parse(report.memberId);
  if (key === null) return "bad-signature";
  const { signature, ...unsigned } = report;
  return verifyWithContext("report", reportBytes(unsigned), signature, MemberId.toBytes(key)) ? null : "bad-signature";
}
