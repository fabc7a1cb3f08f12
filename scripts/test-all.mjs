#!/usr/bin/env node
// The single test command (`npm test`): makes sure Chromium is there, builds the PWA the browser
// tests serve, runs every Vitest project, and ends with the line CI counts:
// `N passed, N failed` (`, N skipped` when any were skipped).
// Extra arguments (`npm test -- shared/src/ids`) go straight to Vitest.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const reportFile = ".vitest-report.json";
const systemChromium = "/usr/bin/chromium";

function say(message) {
  console.log(`[porch test] ${message}`);
}

/** Runs a command with inherited output; resolves to its exit code (1 if it could not start). */
function run(command, args, env = process.env) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env });
    child.once("error", (error) => {
      say(`could not run ${command}: ${error.message}`);
      resolve(1);
    });
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Prints the final count line and exits. Nothing may be printed after this. */
function finish(line, code) {
  console.log(line);
  process.exit(code);
}

async function ensureChromium() {
  const custom = process.env.PORCH_CHROMIUM;
  if (custom) {
    if (existsSync(custom)) return;
    console.error(`PORCH_CHROMIUM is set to ${custom}, which does not exist: point it at a Chromium/Chrome binary.`);
    process.exit(1);
  }
  if (existsSync(systemChromium)) return;

  if (process.getuid?.() !== 0) {
    console.error(
      "Chromium is needed for the browser tests: run `sudo apt-get install -y chromium` (Debian/Ubuntu) or set PORCH_CHROMIUM to a Chromium/Chrome binary.",
    );
    process.exit(1);
  }

  // Wait for a concurrent apt/dpkg run (e.g. a provisioning script) instead of failing on its lock.
  const aptEnv = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const lockWait = ["-o", "DPkg::Lock::Timeout=600"];
  say(`Chromium is missing at ${systemChromium}: running apt-get update`);
  const updated = await run("apt-get", [...lockWait, "update"], aptEnv);
  say("installing Chromium: DEBIAN_FRONTEND=noninteractive apt-get install -y chromium");
  const installed = updated === 0 ? await run("apt-get", [...lockWait, "install", "-y", "chromium"], aptEnv) : updated;
  if (installed !== 0 || !existsSync(systemChromium)) {
    say(`installing Chromium failed (exit code ${installed}); the browser tests cannot run.`);
    finish("0 passed, 1 failed", 1);
  }
}

async function buildClient() {
  if (process.env.PORCH_SKIP_BUILD === "1") {
    say("PORCH_SKIP_BUILD=1: using the existing client build");
    return;
  }
  say("building the PWA once for the browser tests: npx vite build");
  const code = await run("npx", ["vite", "build"]);
  if (code !== 0) {
    say(`the client build failed (exit code ${code}); fix it before the tests can run.`);
    finish("0 passed, 1 failed", code);
  }
}

/**
 * Individual test counts from Vitest's JSON report. A file that fails before running any test
 * (import error, failing hook) has no failed test of its own, so it counts as one failure; so does
 * a run Vitest failed for another reason (an unhandled error), so the line never reads "0 failed"
 * for a red run.
 */
function summarize(vitestCode) {
  if (!existsSync(`${root}/${reportFile}`)) return { line: "0 passed, 1 failed", code: vitestCode || 1 };
  let report;
  try {
    report = JSON.parse(readFileSync(`${root}/${reportFile}`, "utf8"));
  } catch {
    return { line: "0 passed, 1 failed", code: vitestCode || 1 };
  }
  const passed = report.numPassedTests ?? 0;
  const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === "failed" && !(file.assertionResults ?? []).some((t) => t.status === "failed"),
  ).length;
  let failed = (report.numFailedTests ?? 0) + brokenFiles;
  if (vitestCode !== 0 && failed === 0) failed = 1;
  const code = vitestCode !== 0 ? vitestCode : failed > 0 ? 1 : 0;
  return { line: `${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ""}`, code };
}

await ensureChromium();
await buildClient();

rmSync(`${root}/${reportFile}`, { force: true });
const extraArgs = process.argv.slice(2);
say(`running Vitest (unit and e2e projects)${extraArgs.length > 0 ? ` with: ${extraArgs.join(" ")}` : ""}`);
const vitestCode = await run("npx", [
  "vitest",
  "run",
  "--reporter=default",
  "--reporter=json",
  `--outputFile=${reportFile}`,
  ...extraArgs,
]);
const { line, code } = summarize(vitestCode);
finish(line, code);
