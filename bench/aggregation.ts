/**
 * Aggregation, the pure part (no relay, no transport): one round of BENCH_AGG_MEMBERS (default 5,000)
 * members with k = 7 stewards, threshold t = 4, the default field rules, and seeded, realistic journal
 * answers (`@porch/testing/seeded-random`). Everything runs in this process on libsodium's wasm, as it
 * would on each party's device:
 *
 * 1. Member: `buildReportVector` + `packVector` + `buildReport` (seeds for x = 1..3, shares x = 4..7
 *    computed, sealed to the stewards' round keys, signed) — time per member (p50/p95 over every member)
 *    and the report's bytes as CBOR (`encodeCbor`, the repo's codec). Baseline: `buildReportVector` alone.
 * 2. Steward: each of the 7 opens its 5,000 shares (`openShare`: a seed expanded, or a full share read)
 *    and adds them (`addShares`) — total time and bytes of its sealed shares. Of which: the sealed boxes
 *    alone (`openSealedBox`), measured separately.
 * 3. Reconstruction: `checkPartials` (all 7 partials: 3 checked) + `unpackVector` + `checkConsistency` +
 *    `computeRelease` + `applyDisclosure` (p50 of 5 runs).
 * 4. Baseline: the plaintext sum of the same 5,000 (unpacked) vectors; the reconstructed sum must equal
 *    it (throws otherwise).
 *
 * Standalone: node --import tsx bench/aggregation.ts   (also `BENCH_ONLY=aggregation npm run bench`)
 * Prints figures beside their targets; never fails on time.
 */
import { loadavg } from "node:os";
import { deriveIdentity, encodeCbor, readySodium, type Identity } from "@porch/shared";
import {
  add,
  addShares,
  applyDisclosure,
  buildReport,
  buildReportVector,
  checkConsistency,
  checkPartials,
  computeRelease,
  DEFAULT_FIELD_RULES,
  packedLength,
  packVector,
  schemaHash,
  sealedShareLength,
  sodiumRandom,
  unpackVector,
  vectorLayout,
  verifyReport,
  type RoundManifest,
  type SealedReport,
  type Share,
} from "@porch/shared/aggregation";
import { FIELD_IDS, JOURNAL_FIELDS, type FieldId, type JournalValue, type JournalValues } from "@porch/shared/journal";
import { openSealedBox, openShare } from "@porch/shared/sealing";
import { mulberry32, pick } from "@porch/testing/seeded-random";
import { kb, ms, percentile, printTable } from "./stats.ts";

const SEED = 479;
const K = 7;
const T = 4;
const GROUPS = 500;
const MEMBER_TARGET_MS = 20;
const MEMBER_TARGET_BYTES = 8000;
const STEWARD_TARGET_MS = 3000;
const RECONSTRUCT_TARGET_MS = 1000;

// ---------------------------------------------------------------------------------------------------
// Realistic answers (seeded)

/** Money fields: chance of a zero answer and a typical monthly amount / balance in dollars. */
const MONEY: Readonly<Record<string, readonly [zero: number, typical: number]>> = {
  "income.wages": [0.25, 2500],
  "income.selfEmployment": [0.75, 800],
  "income.benefits": [0.6, 400],
  "income.family": [0.8, 200],
  "income.other": [0.85, 150],
  "assets.cash": [0.1, 800],
  "assets.retirement": [0.6, 8000],
  "assets.vehicle": [0.35, 5000],
  "assets.homeEquity": [0.75, 60_000],
  "assets.business": [0.9, 10_000],
  "debts.creditCards": [0.4, 2500],
  "debts.loans": [0.5, 12_000],
  "debts.medical": [0.7, 1200],
  "debts.other": [0.8, 800],
  "housing.cost": [0.1, 1100],
};

/** Cents around `typical` dollars: log-uniform within ×/÷ e² (so some exceed their clip), or zero. */
function cents(rnd: () => number, field: string): number {
  const [zero, typical] = MONEY[field] ?? [0.5, 500];
  if (rnd() < zero) return 0;
  return Math.round(typical * Math.exp((rnd() * 2 - 1) * 2) * 100);
}

/** One month's answers: each field answered with probability 0.85 (the reflection never leaves). */
function answers(rnd: () => number): JournalValues {
  const values: Partial<Record<FieldId, JournalValue>> = { reflection: "A month like any other." };
  for (const def of JOURNAL_FIELDS) {
    if (def.kind === "text" || rnd() >= 0.85) continue;
    switch (def.kind) {
      case "money":
        values[def.id] = cents(rnd, def.id);
        break;
      case "count":
        values[def.id] = def.id === "household.size" ? 1 + pick(rnd, 8) : pick(rnd, rnd() < 0.7 ? 5 : 30);
        break;
      case "rating":
        values[def.id] = def.min + pick(rnd, def.max - def.min + 1);
        break;
      case "yesNo":
        values[def.id] = rnd() < 0.4;
        break;
      case "choice":
        values[def.id] = def.choices[pick(rnd, def.choices.length)]!;
        break;
    }
  }
  return values;
}

interface Family {
  readonly values: JournalValues;
  readonly baseline: JournalValues | null;
  readonly consented: readonly FieldId[];
  readonly group: number;
}

/** A contributing family: 85% with a baseline month near this one, 60% consenting to every field. */
function family(rnd: () => number): Family {
  const values = answers(rnd);
  const baseline =
    rnd() < 0.15
      ? null
      : Object.fromEntries(
          Object.entries(answers(rnd)).map(([f, v]) => {
            const now = values[f as FieldId];
            if (typeof now === "number" && typeof v === "number" && rnd() < 0.7)
              return [f, Math.round(now * (0.6 + rnd() * 0.7))];
            return [f, rnd() < 0.8 && now !== undefined ? now : v];
          }),
        );
  const consented = rnd() < 0.6 ? [...FIELD_IDS] : FIELD_IDS.filter(() => rnd() < 0.75);
  return { values, baseline, consented, group: pick(rnd, GROUPS) };
}

// ---------------------------------------------------------------------------------------------------

const timed = <R>(fn: () => R): [R, number] => {
  const start = performance.now();
  const result = fn();
  return [result, performance.now() - start];
};

const median = (xs: readonly number[]) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    50,
  );
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");
const thousands = (n: number) => n.toLocaleString("en-US");

/** The section: prints its tables; returns the headline figures. */
export async function benchAggregation(members = Number(process.env.BENCH_AGG_MEMBERS ?? 5000)) {
  await readySodium();
  const rnd = mulberry32(SEED);
  const seed = (n: number) => {
    const bytes = new Uint8Array(32);
    new DataView(bytes.buffer).setUint32(0, n);
    return bytes;
  };
  const layout = vectorLayout(DEFAULT_FIELD_RULES);
  const length = packedLength(layout);
  const stewards: Identity[] = Array.from({ length: K }, (_, i) => deriveIdentity(seed(1_000_000 + i))).sort((a, b) =>
    a.memberId < b.memberId ? -1 : 1,
  );
  // Each steward's per-round key pair: a fresh X25519 pair (here the identity's box pair stands in).
  const manifest: RoundManifest = {
    roundId: seed(2_000_000).subarray(0, 16),
    cohortId: "bench-cohort",
    period: "2026-01",
    schemaHash: schemaHash(DEFAULT_FIELD_RULES),
    stewards: stewards.map((s, i) => ({ memberId: s.memberId, groupId: `g${i}`, roundKey: s.box.publicKey })),
    k: K,
    t: T,
    minContributors: 20,
    minGroups: 3,
    volunteersBy: 0,
    freezesAt: 1,
    partialsBy: 2,
  };
  const identities = Array.from({ length: members }, (_, i) => deriveIdentity(seed(i)));
  const families = Array.from({ length: members }, () => family(rnd));

  console.log(
    `\n## Aggregation (pure part): ${thousands(members)} members, k = ${K}, t = ${T}, default rules (${layout.length} coordinates, ${length} packed elements), seed ${SEED}, load average ${loadavg()[0]!.toFixed(2)}\n`,
  );

  // 1. Members.
  const vectors: bigint[][] = [];
  const reports: SealedReport[] = [];
  const vectorMs: number[] = [];
  const memberMs: number[] = [];
  families.forEach((f, i) => {
    const start = performance.now();
    const vector = buildReportVector(f.values, f.baseline, f.consented);
    const built = performance.now();
    const report = buildReport(
      manifest,
      packVector(vector, layout),
      { memberId: identities[i]!.memberId, signingKey: identities[i]!.signing.privateKey },
      sodiumRandom,
    );
    const end = performance.now();
    vectorMs.push(built - start);
    memberMs.push(end - start);
    vectors.push(vector);
    reports.push(report);
  });
  const reportBytes = new Set(reports.map((r) => encodeCbor(r).length));
  if (reportBytes.size !== 1) throw new Error(`reports of different sizes: ${[...reportBytes].join(", ")}`);
  const bytes = [...reportBytes][0]!;
  const slotBytes = Array.from({ length: K }, (_, i) => sealedShareLength(manifest, i + 1, length));
  // The relay's checks (signature, round, exact sizes): not a target here, for scale.
  const [problems, verifyMs] = timed(() => reports.filter((r) => verifyReport(r, manifest, length) !== null).length);
  if (problems > 0) throw new Error(`${problems} reports refused by verifyReport`);

  const sorted = [...memberMs].sort((a, b) => a - b);
  const sortedVector = [...vectorMs].sort((a, b) => a - b);
  printTable(
    ["member (one device)", "p50", "p95", "max", "target"],
    [
      [
        "buildReportVector + packVector + buildReport",
        `${ms(percentile(sorted, 50))} ms`,
        `${ms(percentile(sorted, 95))} ms`,
        `${ms(sorted.at(-1)!)} ms`,
        `< ${MEMBER_TARGET_MS} ms: ${verdict(percentile(sorted, 95) < MEMBER_TARGET_MS)}`,
      ],
      [
        "the first member of the run (cold: includes JIT)",
        `${ms(memberMs[0]!)} ms`,
        "",
        "",
        `< ${MEMBER_TARGET_MS} ms: ${verdict(memberMs[0]! < MEMBER_TARGET_MS)}`,
      ],
      [
        "baseline: buildReportVector alone",
        `${ms(percentile(sortedVector, 50))} ms`,
        `${ms(percentile(sortedVector, 95))} ms`,
        `${ms(sortedVector.at(-1)!)} ms`,
        "",
      ],
    ],
  );
  console.log();
  printTable(
    ["report bytes", "measured", "target"],
    [
      [
        "whole report, CBOR (every member the same)",
        `${thousands(bytes)} B (${kb(bytes)})`,
        `< ${thousands(MEMBER_TARGET_BYTES)} B: ${verdict(bytes < MEMBER_TARGET_BYTES)}`,
      ],
      ["sealed shares x = 1..7", slotBytes.join(" / ") + " B", "exact per slot (verifyReport)"],
    ],
  );
  console.log(
    `  relay checks (verifyReport) of all ${thousands(members)} reports: ${ms(verifyMs)} ms (${ms(verifyMs / members)} ms each)\n`,
  );

  // 2. Stewards.
  const partials: Share[] = [];
  const stewardRows: (string | number)[][] = [];
  const stewardTotals: number[] = [];
  for (let x = 1; x <= K; x++) {
    const keys = stewards[x - 1]!.box;
    const [, boxMs] = timed(() => {
      for (const r of reports) if (!openSealedBox(r.shares[x - 1]!, keys).ok) throw new Error("box did not open");
    });
    const [partial, totalMs] = timed(() => {
      let sum: Share | null = null;
      for (const r of reports) {
        const opened = openShare(r, x, keys, length);
        if (!opened.ok) throw new Error(`steward ${x}: ${opened.code} ${opened.detail ?? ""}`);
        sum = sum === null ? opened.value : addShares(sum, opened.value);
      }
      return sum!;
    });
    partials.push(partial);
    stewardTotals.push(totalMs);
    const downloaded = reports.reduce((n, r) => n + r.shares[x - 1]!.length, 0);
    stewardRows.push([
      x,
      x < T ? "seed (expanded)" : "full (61-bit elements)",
      `${ms(totalMs)} ms`,
      `${ms(boxMs)} ms`,
      kb(downloaded),
      `< ${STEWARD_TARGET_MS} ms: ${verdict(totalMs < STEWARD_TARGET_MS)}`,
    ]);
  }
  printTable(
    [
      `steward x`,
      "slot",
      `open ${thousands(members)} shares + add`,
      "sealed boxes alone (separate pass)",
      "sealed shares downloaded",
      "target",
    ],
    stewardRows,
  );

  // 3. Reconstruction (whoever publishes), p50 of 5 runs; 4. the plaintext baseline.
  const cohort = {
    contributors: members,
    groups: Array.from({ length: GROUPS }, (_, g) => families.filter((f) => f.group === g).length),
  };
  const runs = { partials: [] as number[], unpack: [] as number[], consistency: [] as number[] };
  const more = { release: [] as number[], disclosure: [] as number[], plaintext: [] as number[] };
  let reconstructed: bigint[] = [];
  let plaintext: bigint[] = [];
  for (let run = 0; run < 5; run++) {
    const [check, a] = timed(() => checkPartials(partials, T, K));
    if (!check.ok) throw new Error(`checkPartials: ${check.code}`);
    const [sum, b] = timed(() => unpackVector(check.sum, layout));
    const [consistent, c] = timed(() => checkConsistency(sum, layout, members));
    if (!consistent.ok) throw new Error(`checkConsistency: ${consistent.name} ${consistent.reason}`);
    const [release, d] = timed(() => computeRelease(sum, layout, cohort));
    const [, e] = timed(() => applyDisclosure(release));
    const [plain, f] = timed(() => vectors.reduce((acc, v) => acc.map((s, i) => add(s, v[i]!))));
    runs.partials.push(a);
    runs.unpack.push(b);
    runs.consistency.push(c);
    more.release.push(d);
    more.disclosure.push(e);
    more.plaintext.push(f);
    reconstructed = sum;
    plaintext = plain;
  }
  if (reconstructed.length !== plaintext.length || reconstructed.some((v, i) => v !== plaintext[i]))
    throw new Error("the reconstructed sum differs from the plaintext sum");
  const steps = [
    ["checkPartials (7 partials, 3 checked)", median(runs.partials)],
    ["unpackVector", median(runs.unpack)],
    ["checkConsistency", median(runs.consistency)],
    ["computeRelease", median(more.release)],
    ["applyDisclosure", median(more.disclosure)],
  ] as const;
  const reconstruction = steps.reduce((n, [, t]) => n + t, 0);
  console.log();
  printTable(
    ["reconstruction (p50 of 5)", "ms", "target"],
    [
      ...steps.map(([name, t]) => [name, ms(t), ""]),
      [
        "total",
        ms(reconstruction),
        `< ${RECONSTRUCT_TARGET_MS} ms: ${verdict(reconstruction < RECONSTRUCT_TARGET_MS)}`,
      ],
      [`baseline: plaintext sum of the ${thousands(members)} vectors`, ms(median(more.plaintext)), ""],
    ],
  );
  console.log(`  check: the reconstructed sum equals the plaintext sum (${layout.length} coordinates)`);

  return {
    memberP50: percentile(sorted, 50),
    memberP95: percentile(sorted, 95),
    reportBytes: bytes,
    stewardMaxMs: Math.max(...stewardTotals),
    reconstructionMs: reconstruction,
    plaintextSumMs: median(more.plaintext),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAggregation();
  process.exit(0);
}
