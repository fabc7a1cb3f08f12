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
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vite";
import type { BrowserContext, CDPSession, Page } from "playwright-core";
import { launchBrowser, newDevice } from "@porch/testing/browser";
import { onboard } from "@porch/testing/porch-page";
import { LOAD_RUN_ENV, startRelay } from "@porch/testing/relay-process";
import { printTable } from "./stats.ts";
import { writeThreeYearGroup } from "./three-year-history.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));

/** A long animation frame (LoAF) and the scripts that ran in it: which callback made a long task. */
interface Frame {
  start: number;
  duration: number;
  renderStart: number;
  styleAndLayoutStart: number;
  scripts: { invoker: string; fn: string; url: string; at: number; duration: number; layout: number }[];
}

/** What the init script records (before any of the app's code runs): when things first appeared. */
declare global {
  interface Window {
    __open?: {
      firstGoal: number | null;
      firstGoalSource: string | null;
      live: number | null;
      heading: number | null;
      synced: number | null;
      longtasks: { start: number; duration: number }[];
      frames: Frame[];
      /** Resolves once live views show a goal and the status says synced (no polling from the bench). */
      done: Promise<void>;
    };
  }
}

// Plain JavaScript text: a function passed to addInitScript would carry tsx's `__name` helper calls,
// which do not exist in the page. The page is watched by its own MutationObserver, not by Playwright
// locators: those poll with querySelectorAll in every animation frame, and on a page of thousands of
// nodes that polling (tens of ms per open) lands in the very frames whose length is measured.
const recordMarks = `{
  let finish;
  const marks = { firstGoal: null, firstGoalSource: null, live: null, heading: null, synced: null, longtasks: [], frames: [],
    done: new Promise((r) => (finish = r)) };
  window.__open = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longtasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: "longtask", buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries())
        marks.frames.push({ start: e.startTime, duration: e.duration, renderStart: e.renderStart,
          styleAndLayoutStart: e.styleAndLayoutStart,
          scripts: e.scripts.map((s) => ({ invoker: s.invoker, fn: s.sourceFunctionName, url: s.sourceURL.split("/").pop() + ":" + s.sourceCharPosition,
            at: s.startTime, duration: s.duration, layout: s.forcedStyleAndLayoutDuration })) });
    }).observe({ type: "long-animation-frame", buffered: true });
  } catch {}
  const check = () => {
    const goal = document.querySelector('[data-testid="goal-title"]');
    if (marks.firstGoal === null && goal !== null) {
      marks.firstGoal = performance.now();
      marks.firstGoalSource = document.documentElement.dataset.views ?? null;
    }
    if (marks.live === null && goal !== null && document.documentElement.dataset.views === "live") marks.live = performance.now();
    if (marks.heading === null && document.querySelector("main h1") !== null) marks.heading = performance.now();
    if (marks.live !== null && marks.synced === null && document.querySelector('[data-testid="sync-status"][data-state="synced"]') !== null) {
      marks.synced = performance.now();
      finish();
    }
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-views", "data-state"] });
}`;

type Marks = NonNullable<Window["__open"]>;
const p50 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const range = (xs: readonly number[]) => `${fmt(p50(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

/** One DevTools session per page: a rate set in one session is not undone by another session's. */
const sessions = new WeakMap<Page, CDPSession>();

async function throttle(context: BrowserContext, page: Page, rate: number, network = false): Promise<void> {
  const cdp = sessions.get(page) ?? (await context.newCDPSession(page));
  sessions.set(page, cdp);
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
  frames: Frame[];
}

/** One reload of the group page: the marks, once live and synced. */
async function openApp(page: Page, url: string): Promise<AppOpen> {
  // Going to the URL the page is already on only moves the fragment (no new document): reload instead.
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.evaluate(() => window.__open?.done);
  // Long tasks still being reported (the observer's callback runs after the task): one more frame.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
  const m = (await page.evaluate(() => ({ ...window.__open, done: null }))) as unknown as Marks;
  const tasks = m.longtasks.map((t) => t.duration);
  return {
    firstGoal: m.firstGoal ?? NaN,
    fromCache: m.firstGoalSource === "cache",
    live: m.live ?? NaN,
    synced: m.synced ?? NaN,
    longest: Math.max(0, ...tasks),
    over50: tasks.length,
    frames: m.frames,
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
  const relay = await startRelay({ env: { ...LOAD_RUN_ENV, PORCH_STATIC_DIR: staticDir } });
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

    const measure = async () => {
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
        printFrames(label, app);
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
    };
    await measure();
    // BENCH_OPEN_WATCH=<file>: for whoever tunes the page, keep the group and measure again (with a fresh
    // copy of dist/) each time <file> is touched, instead of writing the history anew (~7 min) per try.
    const watch = process.env.BENCH_OPEN_WATCH;
    if (watch !== undefined) {
      let seen = existsSync(watch) ? statSync(watch).mtimeMs : 0;
      console.log(`  watching ${watch}: touch it after \`npm run build\` to measure again`);
      for (;;) {
        await new Promise((r) => setTimeout(r, 1000));
        const now = existsSync(watch) ? statSync(watch).mtimeMs : 0;
        if (now === seen) continue;
        seen = now;
        cpSync(join(repoRoot, "dist"), staticDir, { recursive: true });
        // Reload until the page runs the new build (its service worker precaches it first), then once
        // more so the cache is refilled by the new build.
        const entry = /src="(\/assets\/index-[^"]+\.js)"/.exec(
          readFileSync(join(staticDir, "index.html"), "utf8"),
        )?.[1];
        // The new service worker may reload the page under a reload in progress: try again.
        const settle = () => openApp(page, goalUrl).catch(() => openApp(page, goalUrl));
        for (let i = 0; i < 20; i++) {
          await settle();
          if (entry === undefined || (await page.content()).includes(entry)) break;
        }
        await settle();
        console.log(`\n  again, dist/ copied at ${new Date().toISOString()}`);
        await measure();
      }
    }
    await context.close();
  } finally {
    await browser.close();
    await relay.stop();
    rmSync(staticDir, { recursive: true, force: true });
  }
}

/** Each reload's longest animation frame and the scripts that ran in it (long-animation-frame entries). */
function printFrames(label: string, opens: readonly AppOpen[]): void {
  console.log(`  longest animation frame per reload, ${label}:`);
  for (const o of opens) {
    const f = [...o.frames].sort((a, b) => b.duration - a.duration)[0];
    if (f === undefined) {
      console.log("    (none over 50 ms)");
      continue;
    }
    const render = f.start + f.duration - f.renderStart;
    const scripts = [...f.scripts]
      .sort((a, b) => b.duration - a.duration)
      .slice(0, 4)
      .map(
        (x) =>
          `${x.invoker}${x.fn ? ` → ${x.fn}` : ""} ${x.duration.toFixed(0)} ms${x.layout > 0 ? ` (${x.layout.toFixed(0)} forced layout)` : ""}`,
      )
      .join("; ");
    console.log(
      `    ${f.duration.toFixed(0)} ms at ${f.start.toFixed(0)} (render+layout ${render.toFixed(0)} ms): ${scripts}`,
    );
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
      nodes: {
        id: number;
        children?: number[];
        callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
      }[];
      samples: number[];
      timeDeltas: number[];
    };
  };
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const nameOf = (id: number) => {
    const f = byNode.get(id)?.callFrame;
    return f === undefined
      ? "?"
      : `${f.functionName || "(anonymous)"} ${f.url.split("/").pop() ?? ""}:${f.lineNumber}:${f.columnNumber}`;
  };
  const idle = (id: number) => byNode.get(id)?.callFrame.functionName === "(idle)";
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) =>
    self.set(nameOf(id), (self.get(nameOf(id)) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000),
  );
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  console.log("\n  main-thread self time by function during one reload (ms):");
  for (const [name, ms] of top) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
  // BENCH_OPEN_PROFILE_UNDER=<function name>: the call tree below that function (inclusive ms, 5 levels).
  const under = process.env.BENCH_OPEN_PROFILE_UNDER;
  if (under !== undefined) {
    const tree = new Map<string, number>();
    profile.samples.forEach((leaf, i) => {
      const stack: string[] = [];
      for (let n: number | undefined = leaf; n !== undefined; n = parent.get(n)) stack.unshift(nameOf(n));
      const at = stack.findIndex((name) => name.startsWith(`${under} `));
      if (at < 0) return;
      const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      for (let depth = 0; depth <= 5 && at + depth < stack.length; depth++) {
        const path = stack.slice(at, at + depth + 1).join(" > ");
        tree.set(path, (tree.get(path) ?? 0) + d);
      }
    });
    console.log(`\n  call tree under ${under} (inclusive ms, ≥ 2 ms):`);
    for (const [path, v] of [...tree].sort((a, b) => (a[0] < b[0] ? -1 : 1)))
      if (v >= 2) {
        const parts = path.split(" > ");
        console.log(`    ${v.toFixed(1).padStart(8)}  ${"  ".repeat(parts.length - 1)}${parts.at(-1)}`);
      }
  }
  // The busiest stretches without an idle sample (≈ tasks, back-to-back tasks merge): what each is made of.
  const spans: { from: number; to: number; ms: number }[] = [];
  let from = -1;
  let ms = 0;
  profile.samples.forEach((id, i) => {
    const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    if (idle(id)) {
      if (from >= 0) spans.push({ from, to: i, ms });
      from = -1;
      ms = 0;
    } else {
      if (from < 0) from = i;
      ms += d;
    }
  });
  if (from >= 0) spans.push({ from, to: profile.samples.length, ms });
  for (const span of spans.sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    const total = new Map<string, number>();
    const selfIn = new Map<string, number>();
    for (let i = span.from; i < span.to; i++) {
      const d = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      const leaf = profile.samples[i]!;
      selfIn.set(nameOf(leaf), (selfIn.get(nameOf(leaf)) ?? 0) + d);
      const onStack = new Set<string>();
      for (let n: number | undefined = leaf; n !== undefined; n = parent.get(n)) onStack.add(nameOf(n));
      for (const name of onStack) total.set(name, (total.get(name) ?? 0) + d);
    }
    const fmtTop = (m: Map<string, number>, k: number) =>
      [...m]
        .sort((a, b) => b[1] - a[1])
        .slice(0, k)
        .map(([name, v]) => `    ${v.toFixed(1).padStart(8)}  ${name}`)
        .join("\n");
    console.log(
      `\n  busy stretch of ${span.ms.toFixed(1)} ms — inclusive (ms):\n${fmtTop(total, 30)}\n  self (ms):\n${fmtTop(selfIn, 15)}`,
    );
  }
}
