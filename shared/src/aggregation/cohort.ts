/**
 * A cohort: the organization's group of enrolled families whose consented journal fields are added up
 * in rounds ("Oakland 2026"). Its **record** — name, the organization's signing and box keys, the
 * enrolment key, the field rules and the disclosure rules — is signed by the organization and travels
 * as the exact bytes signed (`encodeCohort`); a member's device pins the organization's key from the
 * enrolment link and refuses a record it did not sign.
 *
 * **Enrolment.** The organization hands out a link (or its QR) carrying the cohort id, its signing key
 * and a 32-byte enrolment secret. The secret derives an Ed25519 enrolment key whose public half is in
 * the record; the member's device signs (cohort, member, friend group) with it (`enrolProof`), so the
 * relay can check the member holds the link without ever being able to enrol anyone itself from what
 * it stores. The member's name for the organization's participation list is sealed to the
 * organization's box key (the relay cannot read it).
 */
import * as v from "valibot";
import { fromBase64Url, toBase64Url } from "../bytes.ts";
import { decodeCbor, encodeCbor } from "../codec.ts";
import { blake2b256 } from "../crypto/hash.ts";
import { sodium } from "../crypto/sodium.ts";
import { signWithContext, verifyWithContext } from "../crypto/sign-context.ts";
import type { KeyPair } from "../crypto/identity.ts";
import { SHAREABLE_FIELDS, type ShareableFieldId } from "../journal/fields.ts";
import { bytesOf, parseWith, uint } from "../schema-helpers.ts";
import type { FieldRule, FieldRules } from "./contribution.ts";
import { DEFAULT_DISCLOSURE_RULES, type DisclosureRules } from "./disclosure.ts";
import { HALF_P } from "./field.ts";
import { MAX_COHORT } from "./vector-layout.ts";

/** Longest cohort name. */
export const MAX_COHORT_NAME = 80;

/** A cohort as the organization signs it. */
export interface CohortRecord {
  /** 16 random bytes, base64url. */
  readonly cohortId: string;
  readonly name: string;
  /** The organization's Ed25519 key: signs the record and every round's call. */
  readonly orgKey: Uint8Array;
  /** The organization's X25519 key: members seal their name for the participation list to it. */
  readonly orgBoxKey: Uint8Array;
  /** The public half of the key the enrolment link's secret derives. */
  readonly enrolKey: Uint8Array;
  readonly rules: FieldRules;
  readonly disclosure: DisclosureRules;
  readonly createdAt: number;
}

const RuleWire = v.object({
  field: v.picklist(SHAREABLE_FIELDS),
  clip: v.object({ min: v.pipe(v.number(), v.safeInteger()), max: v.pipe(v.number(), v.safeInteger()) }),
  buckets: v.pipe(v.array(v.pipe(v.number(), v.safeInteger())), v.minLength(1), v.maxLength(64)),
});

const DisclosureWire = v.object({
  minContributors: uint,
  minGroups: uint,
  maxGroupShare: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  smallCount: uint,
  minForDollars: uint,
});

const CohortWire = v.tuple([
  v.literal("porch/v1/cohort"),
  bytesOf(16),
  v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_COHORT_NAME)),
  bytesOf(32),
  bytesOf(32),
  bytesOf(32),
  v.array(RuleWire),
  DisclosureWire,
  uint,
]);

/** The bytes the organization signs and that travel. Rules are listed in the catalogue's order. */
export function encodeCohort(c: CohortRecord): Uint8Array {
  const rules = SHAREABLE_FIELDS.flatMap((f) => {
    const r = c.rules[f];
    return r === undefined ? [] : [{ field: f, clip: { min: r.clip.min, max: r.clip.max }, buckets: [...r.buckets] }];
  });
  return encodeCbor([
    "porch/v1/cohort",
    fromBase64Url(c.cohortId) ?? new Uint8Array(0),
    c.name,
    c.orgKey,
    c.orgBoxKey,
    c.enrolKey,
    rules,
    { ...c.disclosure },
    c.createdAt,
  ]);
}

/** Why a cohort record is refused. */
export type CohortProblem = "malformed" | "bad-rules" | "disclosure-below-default" | "bad-signature";

/** A rule no member's vector could overflow the field with, and whose buckets cover its range. */
export function checkRule(field: ShareableFieldId, r: FieldRule): boolean {
  const { min, max } = r.clip;
  const bound = BigInt(Math.max(Math.abs(min), Math.abs(max)));
  if (r.field !== field || !(min < max) || bound * bound * BigInt(MAX_COHORT) * 2n >= HALF_P) return false;
  if (r.buckets[r.buckets.length - 1] !== max || r.buckets[0]! < min) return false;
  return r.buckets.every((b, i) => i === 0 || r.buckets[i - 1]! < b);
}

/** Disclosure rules may only be stricter than the defaults. */
export const disclosureAtLeastDefault = (d: DisclosureRules): boolean =>
  d.minContributors >= DEFAULT_DISCLOSURE_RULES.minContributors &&
  d.minGroups >= DEFAULT_DISCLOSURE_RULES.minGroups &&
  d.maxGroupShare <= DEFAULT_DISCLOSURE_RULES.maxGroupShare &&
  d.smallCount >= DEFAULT_DISCLOSURE_RULES.smallCount &&
  d.minForDollars >= DEFAULT_DISCLOSURE_RULES.minForDollars;

/**
 * Decodes and checks a signed cohort record from untrusted bytes: well formed, rules that cannot
 * overflow, disclosure at least the defaults, signed by the organization key it names (callers that
 * pinned a key compare it too).
 */
export function openCohort(
  bytes: Uint8Array,
  signature: Uint8Array,
): { ok: true; cohort: CohortRecord } | { ok: false; problem: CohortProblem } {
  const w = parseWith(CohortWire, decodeCbor(bytes));
  if (w === null) return { ok: false, problem: "malformed" };
  const [, id, name, orgKey, orgBoxKey, enrolKey, ruleList, disclosure, createdAt] = w;
  const rules: Partial<Record<ShareableFieldId, FieldRule>> = {};
  for (const r of ruleList) {
    if (rules[r.field] !== undefined || !checkRule(r.field, r)) return { ok: false, problem: "bad-rules" };
    rules[r.field] = r;
  }
  if (!disclosureAtLeastDefault(disclosure)) return { ok: false, problem: "disclosure-below-default" };
  if (!verifyWithContext("cohort", bytes, signature, orgKey)) return { ok: false, problem: "bad-signature" };
  return {
    ok: true,
    cohort: { cohortId: toBase64Url(id), name, orgKey, orgBoxKey, enrolKey, rules, disclosure, createdAt },
  };
}

/** What a round's call names as its schema: the hash of the cohort record's exact bytes (rules, disclosure, keys). */
export const cohortHash = (bytes: Uint8Array): Uint8Array => blake2b256(bytes);

/** The organization signs a cohort record (the bytes of `encodeCohort`). */
export const signCohort = (bytes: Uint8Array, orgSigningKey: Uint8Array): Uint8Array =>
  signWithContext("cohort", bytes, orgSigningKey);

/** The enrolment key pair a link's 32-byte secret derives (context `porch-en`). */
export function deriveEnrolKeys(secret: Uint8Array): KeyPair {
  if (secret.length !== 32) throw new Error("enrolment secret must be 32 bytes");
  const s = sodium();
  const pair = s.crypto_sign_seed_keypair(s.crypto_kdf_derive_from_key(32, 1, "porch-en", secret));
  return { publicKey: pair.publicKey, privateKey: pair.privateKey };
}

const enrolBytes = (cohortId: string, memberId: string, groupId: string) =>
  encodeCbor(["porch/v1/enrol", cohortId, memberId, groupId]);

/** Proof that the member holds the cohort's enrolment link, for this member and friend group. */
export const enrolProof = (cohortId: string, memberId: string, groupId: string, enrolSecret: Uint8Array) =>
  signWithContext("enrol", enrolBytes(cohortId, memberId, groupId), deriveEnrolKeys(enrolSecret).privateKey);

/** The relay's check of an enrolment proof against the cohort's enrolment key. */
export const verifyEnrolProof = (
  cohort: Pick<CohortRecord, "cohortId" | "enrolKey">,
  memberId: string,
  groupId: string,
  proof: Uint8Array,
): boolean => verifyWithContext("enrol", enrolBytes(cohort.cohortId, memberId, groupId), proof, cohort.enrolKey);

/**
 * What an enrolment link carries after `#/enrol/`: enough to show the member what they are joining and
 * to seal their name to the organization before anything else is fetched. The record fetched later
 * must be signed by `orgKey` and match `orgBoxKey` (a link cannot lend another cohort its name).
 */
export interface EnrolLink {
  readonly cohortId: string;
  readonly name: string;
  readonly orgKey: Uint8Array;
  readonly orgBoxKey: Uint8Array;
  readonly secret: Uint8Array;
}

/** The token of an enrolment link (base64url of a CBOR array). */
export const formatEnrolToken = (l: EnrolLink): string =>
  toBase64Url(encodeCbor([fromBase64Url(l.cohortId), l.name, l.orgKey, l.orgBoxKey, l.secret]));

const TokenWire = v.tuple([
  bytesOf(16),
  v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_COHORT_NAME)),
  bytesOf(32),
  bytesOf(32),
  bytesOf(32),
]);

/** Parses an enrolment token (from a link, a QR or typed); null when it is not one. */
export function parseEnrolToken(token: string): EnrolLink | null {
  const bytes = fromBase64Url(token.trim().replace(/^.*#\/enrol\//, ""));
  if (bytes === null) return null;
  const w = parseWith(TokenWire, decodeCbor(bytes));
  return w === null ? null : { cohortId: toBase64Url(w[0]), name: w[1], orgKey: w[2], orgBoxKey: w[3], secret: w[4] };
}
