/**
 * Aggregation through the real relay: one round of BENCH_AGG_RELAY_MEMBERS (default 5,000) families in
 * friend groups of six, run by `runCohort` (@porch/testing/cohort-sim) — every family a real identity
 * on its own socket with its real cohort agent; the relay a real process over PGlite in a temporary data
 * directory. The agents report what they measure (`AgentMeasure`); afterwards the relay's database is
 * opened to read what it stored and to time, on the stored partials, exactly the reconstruction the
 * relay ran (checkPartials for both parts + publishRelease). Baseline in the same run: the plaintext sum
 * of the same families' vectors.
 *
 * All members run in this one process, as do the stewards: timings include their contention (a member's
 * build is synchronous, so its figure is its own; a submit's round trip waits behind the others).
 *
 * Standalone: node --import tsx bench/aggregation-relay.ts   (also `BENCH_ONLY=aggregation-relay npm run bench`)
 */
import { loadavg } from "node:os";
import { readySodium } from "@porch/shared";
import {
  add,
  blockCounts,
  buildReportVector,
  checkPartials,
  DEFAULT_FIELD_RULES,
  packVector,
  publishRelease,
  unpackElements,
  vectorLayout,
} from "@porch/shared/aggregation";
import type { AgentMeasure } from "@porch/client/aggregation";
import { openPgliteStore } from "@porch/sync-server/in-process";
import { simulatedCohort } from "@porch/testing/cohort-data";
import { reportOf, runCohort } from "@porch/testing/cohort-sim";
import { LOAD_RUN_ENV, startRelay } from "@porch/testing/relay-process";
import { kb, ms, percentile, printTable } from "./stats.ts";

const TARGETS = { memberMs: 20, memberBytes: 8000, stewardMs: 3000, relayMs: 1000 };

export async function benchAggregationRelay(
  members = Number(process.env.BENCH_AGG_RELAY_MEMBERS ?? 5000),
): Promise<void> {
  await readySodium();
  console.log(
    `\n## aggregation-relay — one round of ${members.toLocaleString("en-US")} members through a relay process`,
  );
  const file = simulatedCohort({ families: members, groups: Math.ceil(members / 6), months: 13, seed: 5000 });
  const measured: AgentMeasure[] = [];
  const relay = await startRelay({ env: { ...LOAD_RUN_ENV } });
  const started = performance.now();
  let result;
  try {
    result = await runCohort(file, {
      baseUrl: relay.url,
      cohortName: "Benchmark",
      measure: (m) => measured.push(m),
      progress: (line) => console.log(`  ${((performance.now() - started) / 1000).toFixed(0)} s: ${line}`),
    });
  } finally {
    await relay.stop();
  }
  const wall = performance.now() - started;
  if (result.round.phase !== "published") throw new Error(`round ${result.round.phase}: ${result.round.aborted}`);

  // What the relay stored, read from its database after it stopped.
  const { storage, sql } = await openPgliteStore({ dataDir: relay.dataDir });
  const roundId = result.round.call.roundId;
  const [shares] = await sql.query<{ n: number; bytes: number }>(
    "select count(*)::int as n, coalesce(sum(octet_length(share)), 0)::bigint as bytes from agg_report_shares",
  );
  const [reports] = await sql.query<{ bytes: number }>(
    "select coalesce(sum(octet_length(signature) + octet_length(report_hash) + octet_length(manifest_hash) + octet_length(member_id) + octet_length(group_id)), 0)::bigint as bytes from agg_reports",
  );
  const sizes = await sql.query<{ name: string; bytes: number }>(
    "select relname as name, pg_total_relation_size(relid)::bigint as bytes from pg_catalog.pg_statio_user_tables where relname like 'agg_%' order by relname",
  );
  const layout = vectorLayout(DEFAULT_FIELD_RULES);
  const { k, t, minContributors } = result.round.call;
  const read = async (part: "counts" | "values") =>
    (await storage.partials(roundId, part)).map((p) => ({ x: p.x, values: unpackElements(p.elements) ?? [] }));
  const countsPartials = await read("counts");
  const valuesPartials = await read("values");
  const groups = [...new Set(file.families.map((f) => f.group))].map(
    (g) => file.families.filter((f) => f.group === g).length,
  );
  const rebuild: number[] = [];
  for (let run = 0; run < 5; run++) {
    const t0 = performance.now();
    const counts = checkPartials(countsPartials, t, k);
    const values = checkPartials(valuesPartials, t, k);
    if (!counts.ok || !values.ok) throw new Error("stored partials do not rebuild");
    blockCounts(layout, counts.sum);
    const published = publishRelease(
      layout,
      { contributors: members, groups },
      counts.sum,
      values.sum,
      minContributors,
      result.org.cohort.disclosure,
    );
    rebuild.push(performance.now() - t0);
    if (!published.ok) throw new Error(published.reason);
  }
  await storage.close();

  // Baseline: the plaintext sum of the same vectors (what a trusted server would do).
  const vectors = file.families.map((f) => {
    const r = reportOf(f);
    return packVector(buildReportVector(r.values, r.baseline, r.fields, DEFAULT_FIELD_RULES), layout);
  });
  const t0 = performance.now();
  vectors.reduce((a, b) => a.map((x, i) => add(x, b[i]!)));
  const plaintextMs = performance.now() - t0;

  const reportsMeasured = measured.filter((m) => m.kind === "report");
  const build = reportsMeasured.map((m) => m.buildMs).sort((a, b) => a - b);
  const send = reportsMeasured.map((m) => m.sendMs).sort((a, b) => a - b);
  const bytes = reportsMeasured.map((m) => m.bytes).sort((a, b) => a - b);
  const stewards = measured.filter((m) => m.kind === "steward");
  console.log(
    `Round wall time ${(wall / 1000).toFixed(0)} s (setup of ${members} identities, groups and enrolments included); load ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  printTable(
    ["party", "measure", "figure", "target"],
    [
      [
        "member",
        "build report (vector, pack, share, seal, sign), p50 / p95",
        `${ms(percentile(build, 0.5))} / ${ms(percentile(build, 0.95))} ms`,
        `< ${TARGETS.memberMs} ms`,
      ],
      [
        "member",
        "submit round trip to the signed receipt, p50 / p95",
        `${ms(percentile(send, 0.5))} / ${ms(percentile(send, 0.95))} ms`,
        "—",
      ],
      ["member", "bytes sent (sealed shares + signature + ids)", `${bytes[0]} B`, `< ${TARGETS.memberBytes} B`],
      ...stewards
        .sort((a, b) => a.x - b.x)
        .map((s) => [
          "steward",
          `x = ${s.x}: download (${s.shares} shares) + open and add`,
          `${ms(s.downloadMs)} + ${ms(s.openMs)} ms, ${kb(s.bytes)}`,
          `< ${TARGETS.stewardMs} ms`,
        ]),
      ["relay", "stored sealed shares", `${shares!.n} rows, ${kb(Number(shares!.bytes))}`, "—"],
      ["relay", "stored report rows (ids, hashes, signatures)", kb(Number(reports!.bytes)), "—"],
      [
        "relay",
        "reconstruction: both parts' partials checked + release (p50 of 5)",
        `${ms(
          percentile(
            [...rebuild].sort((a, b) => a - b),
            0.5,
          ),
        )} ms`,
        `< ${TARGETS.relayMs} ms`,
      ],
      ["baseline", `plaintext sum of the same ${members} vectors`, `${ms(plaintextMs)} ms`, "—"],
    ],
  );
  printTable(
    ["table", "size on disk"],
    sizes.map((s) => [s.name, kb(Number(s.bytes))]),
  );
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchAggregationRelay();
  process.exit(0);
}
