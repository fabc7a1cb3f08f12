import { beforeAll, describe, expect, it } from "vitest";
import { readySodium } from "../crypto/sodium.ts";
import { deriveIdentity } from "../crypto/identity.ts";
import { toBase64Url } from "../bytes.ts";
import {
  cohortHash,
  deriveEnrolKeys,
  encodeCohort,
  enrolProof,
  formatEnrolToken,
  openCohort,
  parseEnrolToken,
  signCohort,
  verifyEnrolProof,
  type CohortRecord,
} from "./cohort.ts";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import { DEFAULT_DISCLOSURE_RULES } from "./disclosure.ts";

const seed = (n: number) => new Uint8Array(32).fill(n);
let org: ReturnType<typeof deriveIdentity>;
let record: CohortRecord;
const secret = seed(44);

beforeAll(async () => {
  await readySodium();
  org = deriveIdentity(seed(200));
  record = {
    cohortId: toBase64Url(new Uint8Array(16).fill(3)),
    name: "Oakland 2026",
    orgKey: org.signing.publicKey,
    orgBoxKey: org.box.publicKey,
    enrolKey: deriveEnrolKeys(secret).publicKey,
    rules: DEFAULT_FIELD_RULES,
    disclosure: DEFAULT_DISCLOSURE_RULES,
    createdAt: Date.UTC(2026, 0, 1),
  };
});

describe("a cohort record", () => {
  it("travels as the bytes the organization signed and opens to the same record", () => {
    const bytes = encodeCohort(record);
    const opened = openCohort(bytes, signCohort(bytes, org.signing.privateKey));
    expect(opened.ok && opened.cohort).toEqual(record);
    expect(cohortHash(bytes)).toEqual(cohortHash(encodeCohort(record)));
  });

  it("is refused when forged, malformed, with rules that could overflow, or with weaker disclosure", () => {
    const bytes = encodeCohort(record);
    const other = deriveIdentity(seed(9));
    expect(openCohort(bytes, signCohort(bytes, other.signing.privateKey))).toEqual({
      ok: false,
      problem: "bad-signature",
    });
    expect(openCohort(new Uint8Array([1, 2]), new Uint8Array(64))).toEqual({ ok: false, problem: "malformed" });
    const sign = (r: CohortRecord) => {
      const b = encodeCohort(r);
      return openCohort(b, signCohort(b, org.signing.privateKey));
    };
    const huge = { field: "income.wages", clip: { min: 0, max: 2 ** 40 }, buckets: [2 ** 40] } as const;
    expect(sign({ ...record, rules: { "income.wages": huge } })).toEqual({ ok: false, problem: "bad-rules" });
    const unordered = { field: "income.wages", clip: { min: 0, max: 100 }, buckets: [50, 20, 100] } as const;
    expect(sign({ ...record, rules: { "income.wages": unordered } })).toEqual({ ok: false, problem: "bad-rules" });
    expect(sign({ ...record, disclosure: { ...DEFAULT_DISCLOSURE_RULES, minContributors: 5 } })).toEqual({
      ok: false,
      problem: "disclosure-below-default",
    });
    expect(sign({ ...record, disclosure: { ...DEFAULT_DISCLOSURE_RULES, minContributors: 50 } }).ok).toBe(true);
  });
});

describe("enrolment", () => {
  it("the link's secret proves enrolment for one member and one group only", () => {
    const member = deriveIdentity(seed(1)).memberId;
    const proof = enrolProof(record.cohortId, member, "group-a", secret);
    expect(verifyEnrolProof(record, member, "group-a", proof)).toBe(true);
    expect(verifyEnrolProof(record, member, "group-b", proof)).toBe(false);
    expect(verifyEnrolProof(record, deriveIdentity(seed(2)).memberId, "group-a", proof)).toBe(false);
    expect(verifyEnrolProof(record, member, "group-a", enrolProof(record.cohortId, member, "group-a", seed(45)))).toBe(
      false,
    );
  });

  it("a token round-trips (also pasted as a whole link) and garbage is not a token", () => {
    const link = {
      cohortId: record.cohortId,
      name: record.name,
      orgKey: org.signing.publicKey,
      orgBoxKey: org.box.publicKey,
      secret,
    };
    const token = formatEnrolToken(link);
    expect(parseEnrolToken(token)).toEqual(link);
    expect(parseEnrolToken(`https://porch.example/#/enrol/${token}`)).toEqual(link);
    expect(parseEnrolToken("not a token")).toBeNull();
    expect(parseEnrolToken(token.slice(0, 20))).toBeNull();
  });
});
