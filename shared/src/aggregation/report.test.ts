import { beforeAll, describe, expect, it } from "vitest";
import { deriveIdentity } from "../crypto/identity.ts";
import { readySodium } from "../crypto/sodium.ts";
import { openShare } from "../sealing.ts";
import { DEFAULT_FIELD_RULES } from "./contribution.ts";
import { decodeSigned, encodeSigned } from "./field.ts";
import { schemaHash, type RoundManifest } from "./manifest.ts";
import { buildReport, sealedShareLength, verifyReport } from "./report.ts";
import { addShares, reconstructVector, type Share } from "./shamir.ts";
import { seededRandom } from "./test-kit.ts";
import { vectorLayout } from "./vector-layout.ts";

const seed = (n: number) => new Uint8Array(32).fill(n);
const T0 = Date.UTC(2025, 10, 1);
let stewards: ReturnType<typeof deriveIdentity>[];
let members: ReturnType<typeof deriveIdentity>[];
let manifest: RoundManifest;
const random = seededRandom(42);

beforeAll(async () => {
  await readySodium();
  stewards = [1, 2, 3, 4, 5].map((n) => deriveIdentity(seed(n))).sort((a, b) => (a.memberId < b.memberId ? -1 : 1));
  members = Array.from({ length: 12 }, (_, i) => deriveIdentity(seed(100 + i)));
  manifest = {
    roundId: new Uint8Array(16).fill(3),
    cohortId: "oakland-2026",
    period: "2025-10",
    schemaHash: schemaHash(DEFAULT_FIELD_RULES),
    // The stewards' box keys stand in for their per-round keys here.
    stewards: stewards.map((s, i) => ({ memberId: s.memberId, groupId: `g${i}`, roundKey: s.box.publicKey })),
    k: 5,
    t: 3,
    minContributors: 3,
    minGroups: 1,
    volunteersBy: T0,
    freezesAt: T0 + 1,
    partialsBy: T0 + 2,
  };
});

const vectorOf = (i: number, length = 8) => Array.from({ length }, (_, j) => encodeSigned((i + 1) * (j - 3)));
const reportOf = (i: number, length = 8) =>
  buildReport(
    manifest,
    vectorOf(i, length),
    { memberId: members[i]!.memberId, signingKey: members[i]!.signing.privateKey },
    random,
  );

describe("a member's sealed report", () => {
  it("stewards open only their own shares; t partials rebuild the sum of everyone's vectors, never one vector", () => {
    const reports = members.map((_, i) => reportOf(i));
    for (const r of reports) expect(verifyReport(r, manifest, 8)).toBeNull();
    const partials: Share[] = stewards.map((s, idx) => {
      const x = idx + 1;
      const shares = reports.map((r) => {
        const opened = openShare(r, x, s.box, 8);
        if (!opened.ok) throw new Error(opened.code);
        return opened.value;
      });
      return shares.reduce(addShares);
    });
    const sum = reconstructVector(partials.slice(0, 3)).map(decodeSigned);
    const expected = Array.from({ length: 8 }, (_, j) => members.reduce((n, _m, i) => n + (i + 1) * (j - 3), 0));
    expect(sum.map(Number)).toEqual(expected);
    // Another steward's key opens nothing.
    expect(openShare(reports[0]!, 1, stewards[1]!.box, 8).ok).toBe(false);
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
  });

  it("a share moved into another member's report, or to another slot, does not open as theirs", () => {
    const a = reportOf(0);
    const b = reportOf(1);
    const stolen = { ...b, shares: [a.shares[0]!, ...b.shares.slice(1)] };
    expect(openShare(stolen, 1, stewards[0]!.box, 8)).toMatchObject({ ok: false, code: "bad-entry" });
  });

  it("every report has the same size whatever the member shared; with the default rules and k = 7 it is measured here", () => {
    const sizes = members.slice(0, 4).map((_, i) => reportOf(i).shares.map((s) => s.length));
    expect(new Set(sizes.flat()).size).toBe(1);
    const length = vectorLayout(DEFAULT_FIELD_RULES).length;
    const perShare = sealedShareLength(manifest.roundId, members[0]!.memberId, length);
    // 479 coordinates × 8 bytes + framing: ~3.9 KB per share, ~27 KB for 7 stewards (README: "Report size").
    expect(perShare).toBeGreaterThan(length * 8);
    expect(perShare).toBeLessThan(length * 8 + 160); // CBOR framing, round id, member id, sealed box
    // Over the 8 KB per member with k = 7: the reductions to evaluate are in README.md.
    expect(perShare * 7).toBeGreaterThan(8 * 1024);
  });
});
