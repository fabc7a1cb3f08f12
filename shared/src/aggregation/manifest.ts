/**
 * A round: first its **call**, which the organization signs when it opens the round (cohort, period,
 * field rules by hash, k and t, minimum contributors and friend groups, deadlines); then, once the
 * lottery has drawn the committee, its **manifest**: the call plus k stewards (at most one per friend
 * group, ordered by member id), each with a per-round X25519 key it bound to the call with its identity
 * (`acceptRound`). A member's device checks the organization's signature on the call, every steward's
 * acceptance and the manifest's rules (`checkManifest`) before it seals anything to those keys. The
 * organization cannot choose the stewards (lottery.ts), so it signs only what it decides.
 *
 * Defaults from the design: k = 7, t = 4 (k = 5, t = 3 for cohorts under 50).
 */
import * as v from "valibot";
import { decodeCbor, encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import { sodium } from "../crypto/sodium.ts";
import type { KeyPair } from "../crypto/identity.ts";
import { MemberId } from "../ids.ts";
import { bytesOf, parseWith, uint } from "../schema-helpers.ts";
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

/**
 * What the organization commits to when it opens a round, before any steward is drawn: signed by the
 * organization's key. Times are ms since the epoch.
 */
export interface RoundCall {
  readonly roundId: Uint8Array;
  readonly cohortId: string;
  /** The period reported, "YYYY-MM". */
  readonly period: string;
  /** BLAKE2b-256 of the field rules in force (`schemaHash`). */
  readonly schemaHash: Uint8Array;
  readonly k: number;
  readonly t: number;
  readonly minContributors: number;
  readonly minGroups: number;
  /**
   * Volunteers commit until `volunteersBy`; then they reveal, the stewards are drawn and accept, and
   * reports are accepted from the moment all k have accepted until `freezesAt`; partials until `partialsBy`.
   */
  readonly volunteersBy: number;
  readonly freezesAt: number;
  readonly partialsBy: number;
}

/** A round once its committee is known: the call plus the k stewards with their round keys. */
export interface RoundManifest extends RoundCall {
  /** Ordered by member id; share x = i + 1 goes to `stewards[i]`. */
  readonly stewards: readonly RoundSteward[];
}

/** The committee's size and threshold for a cohort of `members`. */
export function defaultThreshold(members: number): Threshold {
  return members < 50 ? { k: 5, t: 3 } : { k: 7, t: 4 };
}

/** BLAKE2b-256 of any CBOR-encodable rules (the manifest names the rules by this hash). */
export const schemaHash = (rules: unknown): Uint8Array => blake2b256(encodeCbor(rules));

const callFields = (c: RoundCall) => [
  c.roundId,
  c.cohortId,
  c.period,
  c.schemaHash,
  c.k,
  c.t,
  c.minContributors,
  c.minGroups,
  c.volunteersBy,
  c.freezesAt,
  c.partialsBy,
];

/** The bytes the organization signs and that travel: the call as canonical CBOR. */
export const encodeCall = (c: RoundCall): Uint8Array => encodeCbor(["porch/v1/round-call", ...callFields(c)]);

const CallWire = v.tuple([
  v.literal("porch/v1/round-call"),
  bytesOf(16),
  v.pipe(v.string(), v.maxLength(64)),
  v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
  bytesOf(32),
  uint,
  uint,
  uint,
  uint,
  uint,
  uint,
  uint,
]);

/** Decodes a call from untrusted bytes (null when malformed); check it with `checkCall`. */
export function decodeCall(bytes: Uint8Array): RoundCall | null {
  const w = parseWith(CallWire, decodeCbor(bytes));
  if (w === null) return null;
  const [, roundId, cohortId, period, schema, k, t, minContributors, minGroups, volunteersBy, freezesAt, partialsBy] =
    w;
  return {
    roundId,
    cohortId,
    period,
    schemaHash: schema,
    k,
    t,
    minContributors,
    minGroups,
    volunteersBy,
    freezesAt,
    partialsBy,
  };
}

/** The call's hash: what stewards accept. */
export const callHash = (c: RoundCall): Uint8Array => blake2b256(encodeCall(c));

/** The bytes everyone hashes for the manifest: the call and the stewards, as canonical CBOR. */
export function manifestBytes(m: RoundManifest): Uint8Array {
  return encodeCbor(["porch/v1/round", ...callFields(m), m.stewards.map((s) => [s.memberId, s.groupId, s.roundKey])]);
}

/** The manifest's hash: what reports, partials and the release name. */
export const manifestHash = (m: RoundManifest): Uint8Array => blake2b256(manifestBytes(m));

/** Why a call or manifest cannot be used. */
export type ManifestProblem =
  | "bad-threshold"
  | "steward-count"
  | "stewards-unordered"
  | "two-stewards-one-group"
  | "bad-round-key"
  | "bad-deadlines"
  | "bad-minimums";

/** The rules every call must follow, whoever signed it; null when it follows them. */
export function checkCall(c: RoundCall): ManifestProblem | null {
  if (!Number.isSafeInteger(c.k) || !Number.isSafeInteger(c.t) || c.t < 2 || c.t > c.k || c.k > 15)
    return "bad-threshold";
  if (!(c.volunteersBy < c.freezesAt && c.freezesAt < c.partialsBy)) return "bad-deadlines";
  if (!(c.minContributors >= 1 && c.minGroups >= 1 && c.minGroups <= c.minContributors)) return "bad-minimums";
  return null;
}

/** The rules every manifest must follow, whoever signed it; null when it follows them. */
export function checkManifest(m: RoundManifest): ManifestProblem | null {
  const call = checkCall(m);
  if (call !== null) return call;
  if (m.stewards.length !== m.k) return "steward-count";
  for (let i = 1; i < m.stewards.length; i++)
    if (!(m.stewards[i - 1]!.memberId < m.stewards[i]!.memberId)) return "stewards-unordered";
  if (new Set(m.stewards.map((s) => s.groupId)).size !== m.stewards.length) return "two-stewards-one-group";
  if (m.stewards.some((s) => s.roundKey.length !== 32 || MemberId.parse(s.memberId) === null)) return "bad-round-key";
  return null;
}

/** The organization signs a round's call with its key. */
export const signCall = (c: RoundCall, orgSigningKey: Uint8Array): Uint8Array =>
  signWithContext("manifest", encodeCall(c), orgSigningKey);

/** True when the organization's pinned key signed exactly this call. */
export const verifyCall = (c: RoundCall, signature: Uint8Array, orgKey: Uint8Array): boolean =>
  verifyWithContext("manifest", encodeCall(c), signature, orgKey);

/** What a steward signs to accept a round: the call's hash, who it is, its group and its round key. */
const acceptanceBytes = (c: RoundCall, steward: RoundSteward): Uint8Array =>
  encodeCbor(["porch/v1/steward", callHash(c), steward.memberId, steward.groupId, steward.roundKey]);

/** A steward accepts the round with its identity key (its round key is then bound to it). */
export const acceptRound = (c: RoundCall, steward: RoundSteward, identitySigningKey: Uint8Array): Uint8Array =>
  signWithContext("stewardAccept", acceptanceBytes(c, steward), identitySigningKey);

/**
 * True when `steward`'s identity key signed this call with this round key and group. A member checks
 * it for every steward of the manifest before sealing shares to their keys.
 */
export function verifyAcceptance(c: RoundCall, steward: RoundSteward, signature: Uint8Array): boolean {
  const key = MemberId.parse(steward.memberId);
  return (
    key !== null && verifyWithContext("stewardAccept", acceptanceBytes(c, steward), signature, MemberId.toBytes(key))
  );
}

/** A steward's round key pair from a fresh 32-byte seed (the device keeps only the seed, until the round ends). */
export function deriveRoundKeys(seed: Uint8Array): KeyPair {
  const pair = sodium().crypto_box_seed_keypair(seed);
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}
