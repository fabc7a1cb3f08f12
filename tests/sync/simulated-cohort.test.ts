/**
 * Consented aggregation through the real protocol, at the size of a real cohort: a real relay (in this
 * process, over PGlite), the organization's agent, and one real member agent per family — 1,000
 * families in 60 friend groups (@porch/testing/cohort-sim). Proved here:
 *
 * - the published release equals the statistics computed directly from every family's plaintext,
 *   for every block that was reconstructed (exactly, before and after disclosure);
 * - up to k − t stewards may go quiet and it still publishes; one more and nothing is reconstructed;
 * - a family that edits its journal before the freeze resends, and the release counts the edit;
 * - a cohort below the minimum contributors aborts at the freeze and no partial is ever accepted;
 * - privacy: no family's report vector (in either encoding) nor its journal answers appear anywhere in
 *   what the relay stored or what the organization received — while the same search does find each
 *   report's sealed shares (the search sees what is stored: a positive control).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeCbor, utf8 } from "@porch/shared";
import {
  applyDisclosure,
  buildReportVector,
  computeRelease,
  DEFAULT_FIELD_RULES,
  elementsToBytes,
  encodeCall,
  packVector,
  vectorLayout,
  add,
} from "@porch/shared/aggregation";
import { containsBytes } from "@porch/testing/byte-search";
import { simulatedCohort } from "@porch/testing/cohort-data";
import { reportOf, runCohort, type CohortFile, type SimResult } from "@porch/testing/cohort-sim";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
let relay: TestRelay;
let baseUrl: string;

beforeAll(async () => {
  // A thousand families, each with a socket of its own, all from this machine's one address.
  relay = await startTestRelay({ limits: { maxSocketsPerAddress: 100_000 } });
  baseUrl = relay.url.replace(/^ws/, "http").replace(/\/api\/sync$/, "");
});
afterAll(async () => relay?.stop());

/** Every family's report vector, from its plaintext, exactly as its agent builds it. */
const vectorsOf = (file: CohortFile) =>
  file.families.map((f) => {
    const r = reportOf(f);
    return buildReportVector(r.values, r.baseline, r.fields, DEFAULT_FIELD_RULES);
  });

/** The release computed directly from the plaintext (no protocol at all). */
function plaintextRelease(file: CohortFile) {
  const sum = vectorsOf(file).reduce((a, b) => a.map((x, i) => add(x, b[i]!)));
  const groups = [...new Set(file.families.map((f) => f.group))].map(
    (g) => file.families.filter((f) => f.group === g).length,
  );
  return applyDisclosure(computeRelease(sum, layout, { contributors: file.families.length, groups }));
}

/** Every byte the relay's database holds: every bytea and text column of every table. */
async function storedBytes(): Promise<{ label: string; bytes: Uint8Array }[]> {
  const columns = await relay.sql.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT table_name, column_name, data_type FROM information_schema.columns
     WHERE table_schema = 'public' AND data_type IN ('bytea', 'text', 'character varying', 'jsonb', 'json')`,
  );
  // One buffer per column: its rows back to back, each followed by a zero byte (a needle never spans
  // two rows unless it ends in zeros, which none of the needles below is made to).
  const out: { label: string; bytes: Uint8Array }[] = [];
  for (const c of columns) {
    const rows = await relay.sql.query<{ v: Uint8Array | string | null }>(
      `SELECT "${c.column_name}"::${c.data_type === "bytea" ? "bytea" : "text"} AS v FROM "${c.table_name}"`,
    );
    const parts = rows.flatMap((row) =>
      row.v === null ? [] : [typeof row.v === "string" ? utf8(row.v) : row.v, new Uint8Array(1)],
    );
    out.push({ label: `${c.table_name}.${c.column_name}`, bytes: Buffer.concat(parts) });
  }
  return out;
}

describe("a simulated cohort of 1,000 families in 60 friend groups", () => {
  const file = simulatedCohort({ families: 1000, groups: 60, months: 24, seed: 7 });
  let result: SimResult;

  it("publishes a release equal to the plaintext computation", async () => {
    result = await runCohort(file, { baseUrl, cohortName: "Oakland 2026", progress: (line) => console.log(line) });
    expect(result.round.phase).toBe("published");
    expect(result.round.contributors).toBe(1000);
    expect(result.round.groups).toBe(60);
    expect(result.round.releaseSigned).toBe(true);
    expect(result.round.participation).toHaveLength(1000);
    const expected = plaintextRelease(file);
    const release = result.round.release!;
    if (expected.withheld || release.withheld) throw new Error("expected a release");
    expect(release.series).toEqual(expected.series);
    // Every field the families answered was reconstructed (1,000 ≥ the minimum) and matches exactly.
    const answered = new Set(file.families.flatMap((f) => Object.values(f.months).flatMap((m) => Object.keys(m))));
    for (const name of answered)
      expect(release.fields.find((b) => b.name === name)).toEqual(expected.fields.find((b) => b.name === name));
    const income = release.series.find((b) => b.name === "income")!;
    expect(typeof income.sum).toBe("number");
    expect(typeof income.change.ratio).toBe("number");
  }, 600_000);

  it("nothing the relay stored or the organization received holds a family's vector or answers", async () => {
    const stored = await storedBytes();
    const org = utf8(JSON.stringify(result.org, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v)));
    const haystacks = [...stored, { label: "organization", bytes: org }];
    const vectors = vectorsOf(file);
    let checked = 0;
    for (const [i, vector] of vectors.entries()) {
      if (i % 10 !== 0) continue; // a hundred families, every encoding
      const packed = packVector(vector, layout);
      const needles = [
        elementsToBytes(packed),
        encodeCbor(packed.map((x) => x.toString())),
        utf8(JSON.stringify(file.families[i]!.months)),
      ];
      for (const needle of needles)
        for (const h of haystacks) expect(containsBytes(h.bytes, needle), h.label).toBe(false);
      checked++;
    }
    expect(checked).toBe(100);
    // Positive controls: the same search finds what the relay does store (the round's call, the
    // cohort's name in its record) and what the organization does receive (the names families gave).
    expect(stored.some((h) => containsBytes(h.bytes, encodeCall(result.round.call)))).toBe(true);
    expect(stored.some((h) => containsBytes(h.bytes, utf8("Oakland 2026")))).toBe(true);
    expect(containsBytes(org, utf8('"name":"f1"'))).toBe(true);
  }, 120_000);
});

describe("stewards who go quiet, and cohorts too small", () => {
  it("with k − t stewards missing the release still publishes; with one more, nothing is reconstructed", async () => {
    const file = simulatedCohort({ families: 60, groups: 8, months: 6, seed: 11 });
    const ok = await runCohort(file, { baseUrl, absentStewards: 3 }); // k = 7, t = 4
    expect([ok.round.call.k, ok.round.call.t]).toEqual([7, 4]);
    expect(ok.round.phase).toBe("published");
    // The quiet stewards' own families went quiet too: the release is over the 57 who reported.
    const reported = new Set(ok.round.participation.map((p) => p.name));
    expect(reported.size).toBe(57);
    const expected = plaintextRelease({ families: file.families.filter((f) => reported.has(f.id)) });
    if (expected.withheld || ok.round.release === null || ok.round.release.withheld) throw new Error("no release");
    expect(ok.round.release.series).toEqual(expected.series);

    const short = await runCohort(file, { baseUrl, absentStewards: 4 });
    expect(short.round.phase).toBe("aborted");
    expect(short.round.aborted).toBe("too-few-partials");
    expect(short.round.release).toBeNull();
  }, 600_000);

  it("a family that edits its journal before the freeze resends: the release counts the edit, not the first report", async () => {
    const file = simulatedCohort({ families: 36, groups: 6, months: 3, seed: 13 });
    const tripled = (months: CohortFile["families"][number]["months"]) => {
      const latest = Object.keys(months).sort().at(-1)!;
      const wages = Number(months[latest]!["income.wages"] ?? 1000);
      return { ...months, [latest]: { ...months[latest], "income.wages": wages * 3 } };
    };
    const editing = new Set(file.families.slice(0, 6).map((f) => f.id));
    const edited: CohortFile = {
      families: file.families.map((f) => (editing.has(f.id) ? { ...f, months: tripled(f.months) } : f)),
    };
    const result = await runCohort(file, {
      baseUrl,
      beforeFreeze: async (families) => {
        for (const f of families.filter((x) => editing.has(x.row.id))) {
          f.edit(tripled(f.row.months));
          await f.agent.tick(); // what the journal service does after a write
        }
      },
    });
    expect(result.round.phase).toBe("published");
    const release = result.round.release;
    const expected = plaintextRelease(edited);
    const before = plaintextRelease(file);
    if (release === null || release.withheld || expected.withheld || before.withheld) throw new Error("no release");
    expect(release.series).toEqual(expected.series);
    expect(release.series).not.toEqual(before.series);
  }, 300_000);

  it("a cohort below the minimum contributors aborts at the freeze; no steward is ever asked to add up", async () => {
    const file = simulatedCohort({ families: 15, groups: 5, months: 3, seed: 5 });
    const result = await runCohort(file, { baseUrl });
    expect(result.round.phase).toBe("aborted");
    expect(result.round.aborted).toBe("too-few-contributors");
    expect(result.round.release).toBeNull();
    expect(result.round.stewardList.every((s) => !s.counts && !s.values)).toBe(true);
  }, 300_000);
});
