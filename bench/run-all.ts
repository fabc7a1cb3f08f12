/**
 * `npm run bench`: every benchmark against one real relay (its own process, PGlite on disk) and one
 * plain automerge-repo server (its own process, in memory). Prints figures; never fails on time.
 * BENCH_EDITS, BENCH_LATENCY_EDITS, BENCH_PLAIN_EDITS and
 * BENCH_ONLY=catch-up|latency|group-doc-open|open-browser|rotation|journal|journal-browser|aggregation|aggregation-relay|relay-memory|scale-out
 * shorten a run (open-browser also reads BENCH_OPEN_SCALE and BENCH_OPEN_RUNS; journal-browser
 * BENCH_JOURNAL_OPEN_RUNS; aggregation BENCH_AGG_MEMBERS; scale-out needs DATABASE_URL and reads
 * BENCH_SCALE_DEVICES, BENCH_SCALE_GROUP, BENCH_SCALE_SAMPLES, BENCH_SCALE_BURST).
 */
import { cpus, loadavg } from "node:os";
import { LOAD_RUN_ENV, startRelay } from "@porch/testing/relay-process";
import { benchAggregation } from "./aggregation.ts";
import { benchAggregationRelay } from "./aggregation-relay.ts";
import { benchCatchUp } from "./catch-up.ts";
import { benchCostBreakdown } from "./cost-breakdown.ts";
import { benchBigGroupLatency, benchEditLatency } from "./edit-latency.ts";
import { benchGroupDocOpen } from "./group-doc-open.ts";
import { benchGroupDocOpenBrowser } from "./group-doc-open-browser.ts";
import { benchJournal } from "./journal.ts";
import { benchJournalOpenBrowser } from "./journal-open-browser.ts";
import { benchRelayMemory } from "./relay-memory.ts";
import { benchRotation } from "./rotation.ts";
import { benchScaleOut } from "./scale-out.ts";
import { spawnPlainServer } from "./plain-server-process.ts";

const edits = Number(process.env.BENCH_EDITS ?? 5000);
const measured = Number(process.env.BENCH_LATENCY_EDITS ?? 1000);
const only = process.env.BENCH_ONLY;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");

console.log(
  `# Porch benchmarks — ${new Date().toISOString()} — node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "?"}), load average ${load()}`,
);
const started = performance.now();
const relay = await startRelay({ env: { ...LOAD_RUN_ENV } });
const plain = await spawnPlainServer();
try {
  if (only === undefined || only === "catch-up") {
    const pair = await benchCatchUp(relay.url, plain.url, edits);
    await benchBigGroupLatency(pair, 200);
  }
  if (only === undefined || only === "latency") {
    const plan = { warmup: 50, measured, burst: 10 };
    const findings = await benchEditLatency(relay.url, plain.url, plan, {
      ...plan,
      measured: Number(process.env.BENCH_PLAIN_EDITS ?? measured),
    });
    await benchCostBreakdown(findings);
  }
  // Local only (no relay); generating the 3-year document takes a few minutes.
  if (only === undefined || only === "group-doc-open") await benchGroupDocOpen();
  // The same group in real Chromium (its own relay, which also serves the built PWA: run `npm run build` first).
  if (only === undefined || only === "open-browser")
    await benchGroupDocOpenBrowser(Number(process.env.BENCH_OPEN_SCALE ?? 1), Number(process.env.BENCH_OPEN_RUNS ?? 5));
  // Issue 3: rotation cost (local) and a member joining a group with two years of history (relay).
  if (only === undefined || only === "rotation") await benchRotation(relay.url);
  // The member's private journal after ten years: open to "My progress", sealed catch-up bytes (relay).
  if (only === undefined || only === "journal")
    await benchJournal(relay.url, Number(process.env.BENCH_JOURNAL_RUNS ?? 20));
  // The same ten years opened in real Chromium: navigation → first row of "My progress" (its own relay).
  if (only === undefined || only === "journal-browser")
    await benchJournalOpenBrowser(Number(process.env.BENCH_JOURNAL_OPEN_RUNS ?? 5));
  // Aggregation, pure part (local, no relay): a 5,000-member round's member, steward and reconstruction costs.
  if (only === undefined || only === "aggregation") await benchAggregation();
  // The same round through a relay process with a real agent per member (minutes at 5,000).
  if (only === undefined || only === "aggregation-relay") await benchAggregationRelay();
  // Memory of idle relay processes (their own, two configurations) and what the settings cost in throughput.
  if (only === undefined || only === "relay-memory") await benchRelayMemory();
  // Two relay processes on one PostgreSQL (DATABASE_URL): cross-process fan-out against in-process, RSS per socket.
  if (only === undefined || only === "scale-out") await benchScaleOut();
} finally {
  await plain.stop();
  await relay.stop();
}
console.log(
  `\nTotal ${((performance.now() - started) / 1000).toFixed(0)} s; load average at the end ${load()} (other work on this machine inflates tails)`,
);
process.exit(0);
