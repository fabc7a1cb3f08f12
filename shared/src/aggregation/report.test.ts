import { beforeAll, describe, expect, it } from "vitest";
import { concatBytes } from "../bytes.ts";
import { encodeCbor } from "../codec.ts";
import { deriveIdentity } from "../crypto/identity.ts";
import { sealToBoxKey } from "../crypto/sealed-box.ts";
import { readySodium } from "../crypto/sodium.ts";
import { openShare } from "../sealing.ts";
import { checkPartials } from "./check-partials.ts";
import { checkConsistency } from "./consistency.ts";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import { decodeSigned, elementsByteLength, encodeSigned } from "./field.ts";
import { schemaHash, type RoundManifest } from "./manifest.ts";
import { packedLength, packVector, unpackVector } from "./packing.ts";
import { buildReport, sealedShareLength, shareBinding, verifyReport, type SealedReport } from "./report.ts";
import { addShares, reconstructVector, type Share } from "./shamir.ts";
import { cohortOf, mulberry32, randomFamily, seededRandom, sumOfVectors } from "./test-kit.ts";
import { vectorLayout } from "./vector-layout.ts";
import { buildReportVector } from "./vector.ts";

const seed = (n: number) => new Uint8Array(32).fill(n);
const T0 = Date.UTC(2025, 10, 1);
type Identity = ReturnType<typeof deriveIdentity>;
let stewards: Identity[];
let members: Identity[];
let manifest: RoundManifest;
const random = seededRandom(42);
const layout = vectorLayout(DEFAULT_FIELD_RULES);

/** A round with `count` stewards (k = count), threshold t. The stewards' box keys stand in for round keys. */
function roundOf(committee: readonly Identity[], t: number): RoundManifest {
  return {
    roundId: new Uint8Array(16).fill(3),
    cohortId: "oakland-2026",
    period: "2025-10",
    schemaHash: schemaHash(DEFAULT_FIELD_RULES),
    stewards: committee.map((s, i) => ({ memberId: s.memberId, groupId: `g${i}`, roundKey: s.box.publicKey })),
    k: committee.length,
    t,
    minContributors: 3,
    minGroups: 1,
    volunteersBy: T0,
    freezesAt: T0 + 1,
    partialsBy: T0 + 2,
  };
}

beforeAll(async () => {
  await readySodium();
  stewards = [1, 2, 3, 4, 5, 6, 7]
    .map((n) => deriveIdentity(seed(n)))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  members = Array.from({ length: 12 }, (_, i) => deriveIdentity(seed(100 + i)));
  manifest = roundOf(stewards.slice(0, 5), 3);
});

const signer = (m: Identity) => ({ memberId: m.memberId, signingKey: m.signing.privateKey });
const vectorOf = (i: number, length = 8) => Array.from({ length }, (_, j) => encodeSigned((i + 1) * (j - 3)));
const reportOf = (i: number, length = 8, round = manifest) =>
  buildReport(round, vectorOf(i, length), signer(members[i]!), random);

/** Steward x (1-based) opens its share of every report and adds them up: its partial. */
function partialOf(reports: readonly SealedReport[], x: number, length: number): Share {
  return reports
    .map((r) => {
      const opened = openShare(r, x, stewards[x - 1]!.box, length);
      if (!opened.ok) throw new Error(`${opened.code}: ${opened.detail ?? ""}`);
      return opened.value;
    })
    .reduce(addShares);
}

/** Every subset of `items` of size `size`. */
function subsets<T>(items: readonly T[], size: number): T[][] {
  if (size === 0) return [[]];
  return items.flatMap((item, i) => subsets(items.slice(i + 1), size - 1).map((rest) => [item, ...rest]));
}

describe("a member's sealed report", () => {
  it("stewards open only their own shares (seed or full); t partials rebuild the sum of everyone's vectors", () => {
    const reports = members.map((_, i) => reportOf(i));
    for (const r of reports) expect(verifyReport(r, manifest, 8)).toBeNull();
    const partials = [1, 2, 3, 4, 5].map((x) => partialOf(reports, x, 8));
    const expected = Array.from({ length: 8 }, (_, j) =>
      BigInt(members.reduce((n, _m, i) => n + (i + 1) * (j - 3), 0)),
    );
    for (const subset of subsets(partials, 3)) expect(reconstructVector(subset).map(decodeSigned)).toEqual(expected);
    // One member's shares: t of them are that member's vector (the committee's trust); t − 1 are not.
    const one = [1, 2, 3].map((x) => partialOf(reports.slice(0, 1), x, 8));
    expect(reconstructVector(one)).toEqual(vectorOf(0));
    expect(reconstructVector(one.slice(1))).not.toEqual(vectorOf(0));
    // Another steward's key opens nothing, a seed slot's or a full slot's.
    expect(openShare(reports[0]!, 1, stewards[1]!.box, 8)).toMatchObject({ ok: false, code: "decrypt-failed" });
    expect(openShare(reports[0]!, 4, stewards[1]!.box, 8)).toMatchObject({ ok: false, code: "decrypt-failed" });
  });

  it("k = 7, t = 4, default rules: any 4 of 7 stewards rebuild the cohort's sum, which unpacks to the plaintext sum", () => {
    const round = roundOf(stewards, 4);
    const rnd = mulberry32(7);
    const families = Array.from({ length: 40 }, () => randomFamily(rnd, 6));
    const length = packedLength(layout);
    const reports = families.map((f, i) =>
      buildReport(
        round,
        packVector(buildReportVector(f.values, f.baseline, f.consented), layout),
        signer(members[i % members.length]!),
        random,
      ),
    );
    for (const r of reports) expect(verifyReport(r, round, length)).toBeNull();
    const partials = [1, 2, 3, 4, 5, 6, 7].map((x) => partialOf(reports, x, length));
    expect(partials.every((p) => p.values.length === length)).toBe(true);
    const plaintextSum = sumOfVectors(families);
    for (const subset of subsets(partials, 4))
      expect(unpackVector(reconstructVector(subset), layout)).toEqual(plaintextSum);
    const check = checkPartials(partials, 4, 7);
    if (!check.ok) throw new Error(check.code);
    expect(check.checked).toBe(3);
    const sum = unpackVector(check.sum, layout);
    expect(sum).toEqual(plaintextSum);
    expect(checkConsistency(sum, layout, cohortOf(families, 6).contributors)).toEqual({ ok: true });
  });

  it("negative values round-trip through sealing, opening and reconstruction", () => {
    const round = roundOf(stewards, 4);
    const values = [-1, -2151, -800_000, -1_700_000, -(2 ** 53 - 1), 0, 5];
    const report = buildReport(round, values.map(encodeSigned), signer(members[0]!), random);
    const partials = [7, 2, 5, 1].map((x) => partialOf([report], x, values.length));
    expect(reconstructVector(partials).map(decodeSigned)).toEqual(values.map(BigInt));
  });

  it("the relay refuses a forged, altered, misdirected or odd-sized report", () => {
    const r = reportOf(0);
    expect(verifyReport({ ...r, memberId: members[1]!.memberId }, manifest, 8)).toBe("bad-signature");
    expect(verifyReport({ ...r, shares: [r.shares[1]!, r.shares[0]!, ...r.shares.slice(2)] }, manifest, 8)).toBe(
      "bad-signature",
    );
    expect(verifyReport(r, { ...manifest, period: "2025-11" }, 8)).toBe("wrong-round");
    expect(verifyReport({ ...r, shares: r.shares.slice(1) }, manifest, 8)).toBe("wrong-size");
    expect(verifyReport(reportOf(0, 9), manifest, 8)).toBe("wrong-size");
    // A seed slot and a full slot swapped (x = 2 is a seed slot, x = 3 full when t = 3): sizes are per slot.
    expect(
      verifyReport({ ...r, shares: [r.shares[0]!, r.shares[2]!, r.shares[1]!, ...r.shares.slice(3)] }, manifest, 8),
    ).toBe("wrong-size");
    // One byte more in any slot.
    for (let i = 0; i < 5; i++) {
      const shares = r.shares.map((s, j) => (j === i ? concatBytes(s, new Uint8Array(1)) : s));
      expect(verifyReport({ ...r, shares }, manifest, 8), `slot ${i + 1}`).toBe("wrong-size");
    }
  });

  it("a share moved into another member's report, another slot or another round does not open as theirs", () => {
    const a = reportOf(0);
    const b = reportOf(1);
    for (const x of [1, 4]) {
      const stolen = { ...b, shares: b.shares.map((s, i) => (i === x - 1 ? a.shares[i]! : s)) };
      expect(openShare(stolen, x, stewards[x - 1]!.box, 8), `x = ${x}`).toMatchObject({ ok: false, code: "bad-entry" });
    }
    expect(openShare({ ...a, roundId: new Uint8Array(16).fill(4) }, 1, stewards[0]!.box, 8)).toMatchObject({
      ok: false,
      code: "bad-entry",
    });
    // Two slots sealed to the same key (a test-only round): slot 1's seed moved to slot 2 fails its binding.
    const shared = {
      ...manifest,
      stewards: manifest.stewards.map((s) => ({ ...s, roundKey: stewards[0]!.box.publicKey })),
    };
    const c = reportOf(2, 8, shared);
    expect(openShare(c, 2, stewards[0]!.box, 8).ok).toBe(true);
    const moved = { ...c, shares: [c.shares[1]!, c.shares[0]!, ...c.shares.slice(2)] };
    expect(openShare(moved, 2, stewards[0]!.box, 8)).toMatchObject({ ok: false, code: "bad-entry" });
    expect(
      openShare({ ...c, shares: [...c.shares.slice(0, 3), c.shares[4]!, c.shares[3]!] }, 4, stewards[0]!.box, 8),
    ).toMatchObject({ ok: false, code: "bad-entry" });
  });

  it("a tampered, misshapen or out-of-field share is refused by the steward", () => {
    const r = reportOf(0);
    const flipped = r.shares[3]!.slice();
    flipped[100]! ^= 1;
    expect(
      openShare({ ...r, shares: [...r.shares.slice(0, 3), flipped, r.shares[4]!] }, 4, stewards[3]!.box, 8),
    ).toMatchObject({ ok: false, code: "decrypt-failed" });
    // Well sealed and bound, but not a share: p itself, non-zero padding, another length.
    const sealedAs = (x: number, payload: Uint8Array) =>
      sealToBoxKey(concatBytes(shareBinding(r.roundId, x, r.memberId), payload), stewards[x - 1]!.box.publicKey);
    const withShare = (x: number, sealed: Uint8Array) => ({
      ...r,
      shares: r.shares.map((s, i) => (i === x - 1 ? sealed : s)),
    });
    const bytes = elementsByteLength(8); // 61 bytes, 488 bits: no padding at 8 elements
    const allOnes = new Uint8Array(bytes).fill(0xff); // every element is 2^61 − 1 = p
    expect(openShare(withShare(4, sealedAs(4, allOnes)), 4, stewards[3]!.box, 8)).toMatchObject({ code: "bad-entry" });
    expect(openShare(withShare(4, sealedAs(4, new Uint8Array(bytes + 1))), 4, stewards[3]!.box, 8)).toMatchObject({
      code: "bad-entry",
    });
    const padded = new Uint8Array(elementsByteLength(7)); // 427 bits in 54 bytes: five padding bits
    padded[53] = 1;
    expect(openShare(withShare(4, sealedAs(4, padded)), 4, stewards[3]!.box, 7)).toMatchObject({ code: "bad-entry" });
    expect(openShare(withShare(4, sealedAs(4, new Uint8Array(54))), 4, stewards[3]!.box, 7).ok).toBe(true);
    expect(openShare(r, 6, stewards[0]!.box, 8)).toMatchObject({ code: "bad-entry" }); // no sixth steward
  });

  it("every report has the same size slot by slot whatever the member shared; k = 7, t = 4, default rules: < 8 KB", () => {
    const round = roundOf(stewards, 4);
    const length = packedLength(layout);
    expect(length).toBe(213);
    const rnd = mulberry32(3);
    const reports = Array.from({ length: 6 }, (_, i) => {
      const f = i === 0 ? { values: {}, baseline: null, consented: [] } : randomFamily(rnd, 3); // one shares nothing
      return buildReport(
        round,
        packVector(buildReportVector(f.values, f.baseline, f.consented), layout),
        signer(members[i]!),
        random,
      );
    });
    const expected = [1, 2, 3, 4, 5, 6, 7].map((x) => sealedShareLength(round, x, length));
    // Seeds for x = 1..3: binding 32 + seed 32 + sealed box 48; full shares: 32 + 213 elements × 61 bits + 48.
    expect(expected).toEqual([112, 112, 112, 1705, 1705, 1705, 1705]);
    for (const r of reports) {
      expect(r.shares.map((s) => s.length)).toEqual(expected);
      expect(verifyReport(r, round, length)).toBeNull();
    }
    // The report as CBOR (what travels): 7,387 bytes, against ~27.9 KB unpacked and unseeded (README.md).
    const sizes = new Set(reports.map((r) => encodeCbor(r).length));
    expect([...sizes]).toEqual([7387]);
    expect(7387).toBeLessThan(8000);
  });
});
