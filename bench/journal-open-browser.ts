/**
 * The ten-year journal opened in real Chromium: "How things are changing" (My progress), reload by
 * reload. A Node device of the same member (recovered from the browser's 24 words) writes the ten
 * years through `porch.journal.*` (journal.ts); the browser catches them up through the relay. Then,
 * with DevTools CPU throttling off and ×4: navigation → the first row of the progress table painted
 * (and whether it came from the cached views), → live views, and the longest main-thread task.
 *
 * Standalone: node --import tsx bench/journal-open-browser.ts   (BENCH_JOURNAL_OPEN_RUNS, default 5)
 */
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser, newDevice } from "@porch/testing/browser";
import { onboard } from "@porch/testing/porch-page";
import { LOAD_RUN_ENV, startRelay } from "@porch/testing/relay-process";
import { journalSettled, openJournalDevice, writeTenYears } from "./journal.ts";
import { printTable } from "./stats.ts";

declare global {
  interface Window {
    __journal?: { firstRow: number | null; source: string | null; live: number | null; longtasks: number[] };
  }
}

// Plain JavaScript text (a function would carry tsx's helpers into the page).
const recordMarks = `{
  const marks = { firstRow: null, source: null, live: null, longtasks: [] };
  window.__journal = marks;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.longtasks.push(e.duration);
  }).observe({ type: "longtask", buffered: true });
  const check = () => {
    const row = document.querySelector('[data-testid="progress-table-income"] tbody tr');
    if (marks.firstRow === null && row !== null) {
      marks.firstRow = performance.now();
      marks.source = document.documentElement.dataset.views ?? null;
    }
    if (marks.live === null && row !== null && document.documentElement.dataset.views === "live") marks.live = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-views"] });
}`;

const p50 = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;
const fmt = (x: number) => (Number.isFinite(x) ? x.toFixed(0) : "—");
const range = (xs: readonly number[]) => `${fmt(p50(xs))} (${fmt(Math.min(...xs))}–${fmt(Math.max(...xs))})`;

async function throttle(context: BrowserContext, page: Page, rate: number): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
}

interface Open {
  readonly firstRow: number;
  readonly fromCache: boolean;
  readonly live: number;
  readonly longest: number;
}

async function openProgress(page: Page, url: string): Promise<Open> {
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page
    .locator('html[data-views="live"] [data-testid="progress-table-income"] tbody tr')
    .first()
    .waitFor({ timeout: 120_000 });
  const m = (await page.evaluate(() => window.__journal)) as NonNullable<Window["__journal"]>;
  return {
    firstRow: m.firstRow ?? NaN,
    fromCache: m.source === "cache",
    live: m.live ?? NaN,
    longest: Math.max(0, ...m.longtasks),
  };
}

export async function benchJournalOpenBrowser(runs = 5): Promise<void> {
  console.log(`\n## journal open in Chromium — ten years of monthly entries, "My progress", p50 of ${runs} reloads`);
  const relay = await startRelay({ env: { ...LOAD_RUN_ENV } });
  const browser = await launchBrowser();
  try {
    const { context, page } = await newDevice(browser, relay.url);
    await context.addInitScript({ content: recordMarks });
    const words = await onboard(page, "Ana");
    const writer = await openJournalDevice(relay.url, "writer");
    const recovered = await writer.porch.membership.recover(words.join(" "), "Ana", "en");
    if (!recovered.ok) throw new Error(`recover failed: ${recovered.code}`);
    const t = performance.now();
    const { steps } = await writeTenYears(writer);
    await journalSettled(writer.porch);
    console.log(
      `  ${steps.length} writes by a Node device of the same member in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );

    const url = new URL("/#/progress", relay.url).toString();
    const c = performance.now();
    await page.goto(url);
    // Caught up once "Show all 120 months" is offered (the tables show the last year).
    await page.getByTestId("progress-all-months").filter({ hasText: "120" }).waitFor({ timeout: 300_000 });
    console.log(`  the browser caught the journal up in ${((performance.now() - c) / 1000).toFixed(1)} s`);
    await openProgress(page, url); // fills the view cache with the caught-up views; not counted

    const rows: string[][] = [];
    for (const rate of [1, 4]) {
      await throttle(context, page, rate);
      const opens: Open[] = [];
      for (let i = 0; i < runs; i++) opens.push(await openProgress(page, url));
      const cached = opens.filter((o) => o.fromCache).length;
      rows.push([
        rate === 1 ? "unthrottled" : `CPU ×${rate}`,
        `${range(opens.map((o) => o.firstRow))} (${cached}/${runs} from cache)`,
        range(opens.map((o) => o.live)),
        range(opens.map((o) => o.longest)),
      ]);
    }
    await throttle(context, page, 1);
    printTable(["profile", "first progress row painted ms", "live views ms", "longest main-thread task ms"], rows);
    console.log(
      "\n  From navigation start (the page, its scripts and the cached views all come from the local relay).",
    );
    await context.close();
  } finally {
    await browser.close();
    await relay.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchJournalOpenBrowser(Number(process.env.BENCH_JOURNAL_OPEN_RUNS ?? 5));
  process.exit(0);
}
