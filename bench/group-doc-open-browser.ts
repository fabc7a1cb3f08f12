/**
 * The three-year group document opened in real Chromium (issue 7's benchmark). Node devices write the
 * group through the public API against a real relay (three-year-history.ts); a browser device joins by
 * invitation link and catches up through sync. Then, reload by reload (p50 of BENCH_OPEN_RUNS), with
 * DevTools CPU throttling off and ×4: navigation → the first goal title painted from the cached views
 * (`data-views="cache"` at that moment), → live views (`data-views="live"`), → synced, and the longest
 * main-thread task (PerformanceObserver "longtask", buffered). Baseline in the same run, same profile:
 * the same core on the main thread (main-thread-open.ts, served by the relay under /bench-open/). Also
 * the welcome heading on a fresh device on a slow-phone profile (Slow-4G-like network, CPU ×4).
 *
 * Standalone: node --import tsx bench/group-doc-open-browser.ts   (BENCH_OPEN_SCALE, BENCH_OPEN_RUNS)
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDevice } from "@porch/testing/browser";
import { onboard } from "@porch/testing/porch-page";
import { startRelay } from "@porch/testing/relay-process";
import { printTable } from "./stats.ts";
import { writeThreeYearGroup } from "./three-year-history.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** What the init script records (before any of the app's code runs): when things first appeared. */
declare global {
  interface Window {
    __open?: {
      firstGoal: number | null;
      firstGoalSource: string | null;
      live: number | null;
      heading: number | null;
      longtasks: { start: number; duration: number }[];
    };
  }
}

// Plain JavaScript text: a function passed to addInitScript would carry tsx's `__name` helper calls,
// which do not exist in the page.
const recordMarks = `{
  const marks = { firstGoal: null, firstGoalSource: null, live: null, heading: null, longtasks: [] };
  window.__open = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  const check = () => {
    const goal = document.querySelector('[data-testid="goal-title"]');
    if (marks.firstGoal === null && goal !== null) {
      marks.firstGoal = performance.now();
      marks.firstGoalSource = document.documentElement.dataset.views ?? null;
    }
    if (marks.live === null && goal !== null && document.documentElement.dataset.views === "live") marks.live = performance.now();
    if (marks.heading === null && document.querySelector("main h1") !== null) marks.heading = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-views"] });
}`;

type Marks = NonNullable<Window["__open"]>;
const p50 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const range = (xs: readonly number[]) => `${fmt(p50(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

async function throttle(context: BrowserContext, page: Page, rate: number, network = false): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  if (network) {
    // Chrome DevTools' "Slow 4G" preset: 562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up.
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 562.5,
      downloadThroughput: (1.6 * 1024 * 1024 * 0.9) / 8,
      uploadThroughput: (750 * 1024 * 0.9) / 8,
    });
  }
}

interface AppOpen {
  firstGoal: number;
  fromCache: boolean;
  live: number;
  synced: number;
  longest: number;
  over50: number;
}

/** One reload of the group page: the marks, once live and synced. */
async function openApp(page: Page, url: string): Promise<AppOpen> {
  // Going to the URL the page is already on only moves the fragment (no new document): reload instead.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.locator('html[data-views="live"] [data-testid="goal-title"]').first().waitFor({ timeout: 120_000 });
  await page.locator('[data-testid="sync-status"][data-state="synced"]').waitFor({ timeout: 120_000 });
  const synced = await page.evaluate(() => performance.now());
  const m = (await page.evaluate(() => window.__open)) as Marks;
  const tasks = m.longtasks.map((t) => t.duration);
  return {
    firstGoal: m.firstGoal ?? NaN,
    fromCache: m.firstGoalSource === "cache",
    live: m.live ?? NaN,
    synced,
    longest: Math.max(0, ...tasks),
    over50: tasks.length,
  };
}

interface BaselineOpen {
  views: number;
  synced: number;
  longest: number;
  goals: number;
}

/** The same core on the main thread of a page of the same origin (a relay 404 the service worker leaves alone). */
async function openBaseline(page: Page, relayUrl: string, groupId: string, goals: number): Promise<BaselineOpen> {
  await page.goto(`${relayUrl}/api/bench-blank`);
  return page.evaluate(
    async ({ groupId, goals }) => {
      const t0 = performance.now();
      const entry = "/bench-open/main-thread-open.js";
      const m = (await import(/* @vite-ignore */ entry)) as typeof import("./main-thread-open.ts");
      const loaded = performance.now() - t0;
      const r = await m.openOnMainThread(groupId, goals);
      const tasks = (window.__open?.longtasks ?? []).filter((t) => t.start >= t0).map((t) => t.duration);
      return { views: loaded + r.viewsMs, synced: loaded + r.syncedMs, longest: Math.max(0, ...tasks), goals: r.goals };
    },
    { groupId, goals },
  );
}

export async function benchGroupDocOpenBrowser(scale = 1, runs = 5): Promise<void> {
  console.log(
    `\n## group-doc-open in Chromium — three-year group written through the API (scale ${scale}), p50 of ${runs} reloads`,
  );
  // The relay serves the built PWA plus the baseline module under /bench-open/.
  const staticDir = mkdtempSync(join(tmpdir(), "porch-bench-open-"));
  cpSync(join(repoRoot, "dist"), staticDir, { recursive: true });
  await build({
    configFile: join(repoRoot, "bench/main-thread-open.vite.config.ts"),
    build: { outDir: join(staticDir, "bench-open") },
  });
  const relay = await startRelay({ env: { PORCH_STATIC_DIR: staticDir } });
  const browser = await launchBrowser();
  try {
    // Slow-phone profile, fresh device: navigation → welcome heading.
    const welcome: number[] = [];
    for (let i = 0; i < Math.min(runs, 3); i++) {
      const { context, page } = await newDevice(browser, relay.url);
      await context.addInitScript({ content: recordMarks });
      await throttle(context, page, 4, true);
      await page.goto("/");
      await page.locator("main h1").waitFor({ timeout: 60_000 });
      welcome.push((await page.evaluate(() => window.__open?.heading)) ?? NaN);
      await context.close();
    }
    console.log(
      `  slow phone (Slow-4G-like network, CPU ×4), fresh device: navigation → welcome heading p50 ${range(welcome)} ms (target ≤ 2,500)`,
    );

    const t = performance.now();
    const group = await writeThreeYearGroup(relay.url, scale);
    const writes = Object.entries(group.writes)
      .map(([k, n]) => `${k} ${n}`)
      .join(", ");
    const total = Object.values(group.writes).reduce((a, b) => a + b, 0);
    console.log(
      `  history: ${total} API writes (${writes}) by 3 writer devices, 12 members, in ${((performance.now() - t) / 1000).toFixed(0)} s`,
    );

    const { context, page } = await newDevice(browser, relay.url);
    await context.addInitScript({ content: recordMarks });
    const link = must(await group.ana.porch.createInviteLink(group.groupId));
    const j = performance.now();
    await onboard(page, "Dee", link);
    await page.locator('html[data-views="live"] [data-testid="goal-title"]').first().waitFor({ timeout: 300_000 });
    const goalUrl = page.url();
    console.log(
      `  browser device joined and caught up in ${((performance.now() - j) / 1000).toFixed(1)} s (group page ${new URL(goalUrl).hash.slice(0, 12)}…)`,
    );
    // A first reload fills the cache with the caught-up views and warms the service worker; not counted.
    await openApp(page, goalUrl);
    const goals = await page.getByTestId("goal-title").count();

    const rows: string[][] = [];
    for (const rate of [1, 4]) {
      await throttle(context, page, rate);
      const app: AppOpen[] = [];
      const base: BaselineOpen[] = [];
      for (let i = 0; i < runs; i++) {
        app.push(await openApp(page, goalUrl));
        base.push(await openBaseline(page, relay.url, group.groupId, goals));
      }
      const label = rate === 1 ? "unthrottled" : `CPU ×${rate}`;
      const cached = app.filter((a) => a.fromCache).length;
      rows.push([
        `worker + cached views, ${label}`,
        `${range(app.map((a) => a.firstGoal))} (${cached}/${runs} from cache)`,
        range(app.map((a) => a.live)),
        range(app.map((a) => a.synced)),
        range(app.map((a) => a.longest)),
        String(p50(app.map((a) => a.over50))),
      ]);
      rows.push([
        `main-thread core (baseline), ${label}`,
        "—",
        range(base.map((b) => b.views)),
        range(base.map((b) => b.synced)),
        range(base.map((b) => b.longest)),
        "—",
      ]);
    }
    await throttle(context, page, 1);
    if (process.env.BENCH_OPEN_PROFILE === "1") await profileReload(context, page, goalUrl);
    console.log(`  ${goals} goals on the group page\n`);
    printTable(
      [
        "open",
        "first goal painted ms",
        "live views ms",
        "synced ms",
        "longest main-thread task ms",
        "long tasks (>50 ms)",
      ],
      rows,
    );
    console.log(
      "\n  App: from navigation start. Baseline: from importing the core module on a blank page of the same origin to the views built (no rendering).",
    );
    await context.close();
  } finally {
    await browser.close();
    await relay.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

function must<T>(result: { ok: true; value: T } | { ok: false; code: string }): T {
  if (!result.ok) throw new Error(`failed: ${result.code}`);
  return result.value;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchGroupDocOpenBrowser(Number(process.env.BENCH_OPEN_SCALE ?? 1), Number(process.env.BENCH_OPEN_RUNS ?? 5));
  process.exit(0);
}

/**
 * BENCH_OPEN_PROFILE=1: one more unthrottled reload under the DevTools CPU profiler (main thread only);
 * prints where the page's own time went, by function (self time), to find what the long task is made of.
 */
async function profileReload(context: BrowserContext, page: Page, url: string): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Profiler.enable");
  await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
  await cdp.send("Profiler.start");
  await openApp(page, url);
  const { profile } = (await cdp.send("Profiler.stop")) as unknown as {
    profile: {
      nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)?.callFrame;
    const name =
      f === undefined ? "?" : `${f.functionName || "(anonymous)"} ${f.url.split("/").pop() ?? ""}:${f.lineNumber}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log("\n  main-thread self time by function during one reload (ms):");
  for (const [name, ms] of top) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
}
