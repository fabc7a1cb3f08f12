/**
 * A round's manifest: what the organization commits to before any member contributes — the cohort and
 * period, the field rules (by hash), the steward committee (k devices, each with a per-round X25519
 * key, at most one per friend group, ordered by member id), the threshold t, the minimum contributors
 * and friend groups, and the deadlines. The organization signs it with its cohort key; each steward
 * signs it with its identity to accept its round key; a member's device checks both before it seals
 * anything to those keys (`checkManifest`, `verifyManifest`, `verifyAcceptance`).
 *
 * Defaults from the design: k = 7, t = 4 (k = 5, t = 3 for cohorts under 50).
 */
import { bytesEqual, concatBytes, utf8 } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import { MemberId } from "../ids.ts";
import type { Threshold } from "./shamir.ts";

/** One steward of a round. */
export interface RoundSteward {
  /** The steward's member id (its Ed25519 identity key, base64url). */
  readonly memberId: string;
  /** The friend group it stewards for (at most one steward per group). */
  readonly groupId: string;
  /** Its X25519 key for this round only (shares are sealed to it; deleted after the round). */
  readonly roundKey: Uint8Array;
}

/** What a round is, signed by the organization. Times are ms since the epoch. */
export interface RoundManifest {
  readonly roundId: Uint8Array;
  readonly cohortId: string;
  /** The period reported, "YYYY-MM". */
  readonly period: string;
  /** BLAKE2b-256 of the field rules in force (`schemaHash`). */
  readonly schemaHash: Uint8Array;
  /** Ordered by member id; share x = i + 1 goes to `stewards[i]`. */
  readonly stewards: readonly RoundSteward[];
  readonly k: number;
  readonly t: number;
  readonly minContributors: number;
  readonly minGroups: number;
  /** Reports accepted from `opensAt` until `freezesAt`; partials until `partialsBy`. */
  readonly opensAt: number;
  readonly freezesAt: number;
  readonly partialsBy: number;
}

/** The committee's size and threshold for a cohort of `members`. */
export function defaultThreshold(members: number): Threshold {
  return members < 50 ? { k: 5, t: 3 } : { k: 7, t: 4 };
}

/** BLAKE2b-256 of any CBOR-encodable rules (the manifest names the rules by this hash). */
export const schemaHash = (rules: unknown): Uint8Array => blake2b256(encodeCbor(rules));

/** The bytes the organization signs (and everyone hashes): the manifest as canonical CBOR. */
export function manifestBytes(m: RoundManifest): Uint8Array {
  return encodeCbor([
    "porch/v1/round",
    m.roundId,
    m.cohortId,
    m.period,
    m.schemaHash,
    m.stewards.map((s) => [s.memberId, s.groupId, s.roundKey]),
    m.k,
    m.t,
    m.minContributors,
    m.minGroups,
    m.opensAt,
    m.freezesAt,
    m.partialsBy,
  ]);
}

/** The manifest's hash: what reports, partials and the release name. */
export const manifestHash = (m: RoundManifest): Uint8Array => blake2b256(manifestBytes(m));

/** Why a manifest cannot be used. */
export type ManifestProblem =
  | "bad-threshold"
  | "steward-count"
  | "stewards-unordered"
  | "two-stewards-one-group"
  | "bad-round-key"
  | "bad-deadlines"
  | "bad-minimums";

/** The rules every manifest must follow, whoever signed it; null when it follows them. */
export function checkManifest(m: RoundManifest): ManifestProblem | null {
  if (!Number.isSafeInteger(m.k) || !Number.isSafeInteger(m.t) || m.t < 2 || m.t > m.k) return "bad-threshold";
  if (m.stewards.length !== m.k) return "steward-count";
  for (let i = 1; i < m.stewards.length; i++)
    if (!(m.stewards[i - 1]!.memberId < m.stewards[i]!.memberId)) return "stewards-unordered";
  if (new Set(m.stewards.map((s) => s.groupId)).size !== m.stewards.length) return "two-stewards-one-group";
  if (m.stewards.some((s) => s.roundKey.length !== 32 || MemberId.parse(s.memberId) === null)) return "bad-round-key";
  if (!(m.opensAt < m.freezesAt && m.freezesAt < m.partialsBy)) return "bad-deadlines";
  if (!(m.minContributors >= 1 && m.minGroups >= 1 && m.minGroups <= m.minContributors)) return "bad-minimums";
  return null;
}

/** The organization signs a manifest with its cohort key. */
export const signManifest = (m: RoundManifest, cohortSigningKey: Uint8Array): Uint8Array =>
  signWithContext("manifest", manifestBytes(m), cohortSigningKey);

/** True when the organization's pinned cohort key signed exactly this manifest. */
export const verifyManifest = (m: RoundManifest, signature: Uint8Array, cohortKey: Uint8Array): boolean =>
  verifyWithContext("manifest", manifestBytes(m), signature, cohortKey);

/** What a steward signs to accept a round: the manifest's hash and its own round key. */
const acceptanceBytes = (m: RoundManifest, steward: RoundSteward): Uint8Array =>
  concatBytes(utf8("porch/v1/steward"), manifestHash(m), steward.roundKey);

/** A steward accepts the round with its identity key (its round key is then bound to it). */
export const acceptRound = (m: RoundManifest, steward: RoundSteward, identitySigningKey: Uint8Array): Uint8Array =>
  signWithContext("stewardAccept", acceptanceBytes(m, steward), identitySigningKey);

/**
 * True when `steward` (one of the manifest's) accepted it: its identity key signed the manifest's hash
 * with its round key. A member checks this for every steward before sealing shares to their keys.
 */
export function verifyAcceptance(m: RoundManifest, steward: RoundSteward, signature: Uint8Array): boolean {
  const listed = m.stewards.find((s) => s.memberId === steward.memberId);
  if (listed === undefined || !bytesEqual(listed.roundKey, steward.roundKey)) return false;
  const key = MemberId.parse(steward.memberId);
  return (
    key !== null && verifyWithContext("stewardAccept", acceptanceBytes(m, steward), signature, MemberId.toBytes(key))
  );
}
