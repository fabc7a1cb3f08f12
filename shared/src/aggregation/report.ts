/**
 * A member's report to a round: the report vector Shamir-shared among the manifest's stewards, share x
 * sealed (an anonymous sealed box) to steward x's round key, and the whole signed with the member's
 * identity over the round and the hash of every sealed share. The relay can check the signature, the
 * round and the size (`verifyReport`) without being able to open anything; a steward opens only its own
 * share (`openShare`, in `@porch/shared/sealing`), and the share's plaintext repeats the round, its
 * index and the member, so a share cannot be replayed into another round, slot or member's report.
 *
 * Every report of a round has the same size: the vector's length depends only on the rules
 * (vector-layout.ts), whatever the member consented to or answered.
 */
import { bytesEqual } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { sealToBoxKey } from "../crypto/sealed-box.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import { MemberId } from "../ids.ts";
import type { RandomSource } from "./field.ts";
import { manifestHash, type RoundManifest } from "./manifest.ts";
import { splitVector } from "./shamir.ts";

/** A sealed, signed report as it travels to the relay and is kept there. */
export interface SealedReport {
  readonly roundId: Uint8Array;
  readonly manifestHash: Uint8Array;
  readonly memberId: string;
  /** Share x sealed to `manifest.stewards[x - 1].roundKey`, for x = 1..k. */
  readonly shares: readonly Uint8Array[];
  readonly signature: Uint8Array;
}

/** What the member signs: the round, the manifest, who, and each sealed share's hash. */
function reportBytes(r: Omit<SealedReport, "signature">): Uint8Array {
  return encodeCbor(["porch/v1/report", r.roundId, r.manifestHash, r.memberId, r.shares.map((s) => blake2b256(s))]);
}

/** A share's plaintext: the round, the steward's index, the member, then 8 bytes per field element. */
export function sharePlaintext(
  roundId: Uint8Array,
  x: number,
  memberId: string,
  values: readonly bigint[],
): Uint8Array {
  const packed = new Uint8Array(values.length * 8);
  const view = new DataView(packed.buffer);
  values.forEach((v, i) => view.setBigUint64(i * 8, v, false));
  return encodeCbor([roundId, x, memberId, packed]);
}

/**
 * Shares `vector` among the manifest's stewards (fresh random coefficients from `random`), seals each
 * share to its steward's round key and signs the report with the member's identity key.
 */
export function buildReport(
  manifest: RoundManifest,
  vector: readonly bigint[],
  member: { readonly memberId: string; readonly signingKey: Uint8Array },
  random: RandomSource,
): SealedReport {
  const shares = splitVector(vector, { k: manifest.k, t: manifest.t }, random).map((share) =>
    sealToBoxKey(
      sharePlaintext(manifest.roundId, share.x, member.memberId, share.values),
      manifest.stewards[share.x - 1]!.roundKey,
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

/** The size every sealed share of a round has (a sealed box adds 48 bytes to the plaintext). */
export const sealedShareLength = (roundId: Uint8Array, memberId: string, vectorLength: number): number =>
  sharePlaintext(roundId, 1, memberId, new Array<bigint>(vectorLength).fill(0n)).length + 48;

/** Why the relay refuses a report (it cannot open it; it checks what it can). */
export type ReportProblem = "wrong-round" | "wrong-size" | "bad-signature";

/**
 * The relay's checks: the report names this round and manifest, has one share per steward of the size
 * every member's share has, and is signed by the member it names. Null when it passes.
 */
export function verifyReport(
  report: SealedReport,
  manifest: RoundManifest,
  vectorLength: number,
): ReportProblem | null {
  if (!bytesEqual(report.roundId, manifest.roundId) || !bytesEqual(report.manifestHash, manifestHash(manifest)))
    return "wrong-round";
  const size = sealedShareLength(manifest.roundId, report.memberId, vectorLength);
  if (report.shares.length !== manifest.k || report.shares.some((s) => s.length !== size)) return "wrong-size";
  const key = MemberId.parse(report.memberId);
  if (key === null) return "bad-signature";
  const { signature, ...unsigned } = report;
  return verifyWithContext("report", reportBytes(unsigned), signature, MemberId.toBytes(key)) ? null : "bad-signature";
}
