/**
 * `npm run demo`: a relay with embedded storage, filled through the real protocol with a simulated
 * cohort (300 families in 50 friend groups, 24 months by default), then the organization's dashboard
 * URL and its recovery words — a populated `/org` in about a minute.
 *
 * `npm run demo -- --cohort FILE`: runs the families in FILE (README, "A simulated cohort") through one
 * round and prints the published release as JSON on standard output (progress on standard error).
 *
 * Options: --families N --groups N --months N (the generated cohort), --port N (dashboard mode).
 */
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { readySodium } from "@porch/shared";
import type { DisclosedBlock } from "@porch/shared/aggregation";
import { simulatedCohort } from "@porch/testing/cohort-data";
import { parseCohortFile, runCohort, type CohortFile, type SimResult } from "@porch/testing/cohort-sim";
import { startRelay } from "@porch/testing/relay-process";

const root = fileURLToPath(new URL("..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    cohort: { type: "string" },
    families: { type: "string", default: "300" },
    groups: { type: "string", default: "50" },
    months: { type: "string", default: "24" },
  },
});
const log = (line: string) => process.stderr.write(`${line}\n`);
const whole = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) {
    log(`--${name} must be a whole number above 0, not "${text}".`);
    process.exit(2);
  }
  return n;
};

await readySodium();

if (args.cohort !== undefined) {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(args.cohort, "utf8"));
  } catch (error) {
    log(`Cannot read ${args.cohort}: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  }
  const parsed = parseCohortFile(json);
  if (!parsed.ok) {
    log(`${args.cohort}: ${parsed.problem}`);
    process.exit(2);
  }
  const relay = await startRelay();
  try {
    const result = await runCohort(parsed.file, { baseUrl: relay.url, cohortName: "Cohort file", progress: log });
    process.stdout.write(`${JSON.stringify(summary(result, parsed.file), null, 2)}\n`);
  } finally {
    await relay.stop();
  }
} else {
  const file = simulatedCohort({
    families: whole("families", args.families),
    groups: whole("groups", args.groups),
    months: whole("months", args.months),
  });
  log("Building the app…");
  const { build } = await import("vite");
  await build({ configFile: `${root}vite.config.ts`, logLevel: "warn" });
  const dataDir = `${root}data-demo`;
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const relay = await startRelay({ dataDir });
  const result = await runCohort(file, { baseUrl: relay.url, cohortName: "Oakland 2026 (demo)", progress: log });
  log("");
  log(`The organization's dashboard: ${relay.url}/org`);
  log("Sign in with the organization's recovery words:");
  log(`  ${result.orgPhrase}`);
  log(`Members enrol with: ${result.org.enrolLink}`);
  log(`Round ${result.period}: ${result.round.phase}${result.round.aborted ? ` (${result.round.aborted})` : ""}.`);
  log("The relay keeps running (data in data-demo/); press Ctrl-C to stop.");
  process.on("SIGINT", () => void relay.stop().then(() => process.exit(0)));
}

/** What the release says about the four series, and the whole release. */
function summary(result: SimResult, file: CohortFile) {
  const { round } = result;
  const release = round.release;
  const seriesOf = (b: DisclosedBlock) => ({
    contributors: b.contributors,
    sum: b.sum,
    mean: b.mean,
    changePercent: typeof b.change.ratio === "number" ? round1(b.change.ratio * 100) : b.change.ratio,
    shareUpTenPercent: b.up === null ? null : typeof b.up.share === "number" ? round1(b.up.share * 100) : b.up.share,
  });
  return {
    period: result.period,
    families: file.families.length,
    phase: round.phase,
    aborted: round.aborted,
    contributors: round.contributors,
    friendGroups: round.groups,
    series:
      release === null || release.withheld
        ? null
        : Object.fromEntries(release.series.map((b) => [b.name, seriesOf(b)])),
    release,
  };
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
