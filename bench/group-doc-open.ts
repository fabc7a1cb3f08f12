/**
 * Opening a big group document: 3 years of a 12-member group (monthly check-ins from everyone, 500
 * offers with their state changes, 100 goals with weekly progress, two lending circles), generated
 * with a fixed seed. Measures size, plain `Automerge.load()`, and a cold open through the real path
 * (fake-indexeddb + automerge-repo's IndexedDBStorageAdapter: new Repo, find, doc()) plus building
 * every group-life view, p50 over 10 runs, with where the time goes (the repo's load is
 * `A.loadIncremental(A.init(), bytes)` then `A.diff` from the empty document; then record index and
 * each area's view). Longest synchronous task: the single `loadIncremental` call (the repo's own
 * "document-loaded" timing) and the event loop's longest block. Then the cost of one more change
 * (apply + re-index + views) on the loaded document.
 *
 * Standalone: node --import tsx bench/group-doc-open.ts   (also run by bench/run-all.ts)
 */
import "fake-indexeddb/auto";
import { monitorEventLoopDelay } from "node:perf_hooks";
import * as A from "@automerge/automerge";
import { Repo, type AutomergeUrl } from "@automerge/automerge-repo";
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import type { MemberId } from "@porch/shared";
import { checkInsView, putCheckIn, putReply, putRhythm } from "../client/src/core/doc/checkins.ts";
import { circleViews, putCircle, putPaid, putReceived } from "../client/src/core/doc/circles.ts";
import { initGroupDoc, putMember } from "../client/src/core/doc/group-doc.ts";
import { goalViews, putCheer, putComment, putGoal, putMilestone, putProgress } from "../client/src/core/doc/goals.ts";
import { lifeView } from "../client/src/core/doc/life-view.ts";
import { offerViews, putClaim, putConfirm, putOffer, putThanks, tallyOf } from "../client/src/core/doc/offers.ts";
import { addDays, toDay } from "../client/src/core/doc/periods.ts";
import { indexOf } from "../client/src/core/doc/records.ts";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";
import { mulberry32 as seededRandom, pick } from "@porch/testing/seeded-random";

const DAY = 86_400_000;
const START = Date.UTC(2022, 0, 3, 12);
const CATS = ["income", "savings", "debt", "education", "housing", "health", "business", "family", "other"] as const;
const OCATS = ["childcare-swap", "rides", "meals", "tools", "skills", "errands", "items", "other"] as const;
const sentence = (r: () => number, words: number) =>
  Array.from(
    { length: words },
    () => ["rent", "saved", "class", "kids", "bank", "ride", "call", "plan", "job", "soup"][pick(r, 10)],
  ).join(" ");

/** The 3-year document, deterministically (one Automerge change per member action). */
export function buildThreeYearDoc(seed = 42): { doc: A.Doc<GroupDoc>; changes: number } {
  const r = seededRandom(seed);
  const members = Array.from({ length: 12 }, (_, i) => `member-${String(i).padStart(2, "0")}` as MemberId);
  const id = () =>
    Array.from({ length: 4 }, () =>
      Math.floor(r() * 2 ** 32)
        .toString(16)
        .padStart(8, "0"),
    ).join("");
  let doc = A.change(A.init<GroupDoc>({ actor: "0123456789abcdef0123456789abcdef" }), (d) =>
    initGroupDoc(d, "Three-year group", members[0]!, "Member 0", START),
  );
  let changes = 1;
  const ch = (fn: (d: GroupDoc) => void) => {
    doc = A.change(doc, fn);
    changes++;
  };
  members.forEach((m, i) => ch((d) => putMember(d, m, `Member ${i}`, START + i)));
  ch((d) => putRhythm(d, members[0]!, "monthly", "2022-01-01", START));
  const goals = Array.from({ length: 100 }, (_, i) => ({
    id: id(),
    owner: members[i % 12]!,
    start: pick(r, 52),
    target: 500 + pick(r, 50) * 100,
    percentOnly: r() < 0.3,
  }));
  const offers: { id: string; by: MemberId; at: number }[] = [];
  const weeks = 156;
  for (let w = 0; w < weeks; w++) {
    const t = START + w * 7 * DAY;
    for (const g of goals) {
      if (w === g.start)
        ch((d) => {
          putGoal(
            d,
            g.id,
            g.owner,
            {
              title: sentence(r, 4),
              category: CATS[pick(r, 9)]!,
              targetAmount: g.target,
              visibility: g.percentOnly ? "percent" : "amounts",
              targetDate: toDay(t + 365 * DAY),
            },
            t,
          );
          putMilestone(d, id(), g.id, g.owner, { title: "Half way", targetAmount: g.target / 2 }, t);
        });
      if (w > g.start)
        ch((d) =>
          putProgress(
            d,
            id(),
            g.id,
            g.owner,
            { amount: Math.min(g.target, (w - g.start) * 10), note: r() < 0.3 ? sentence(r, 8) : "" },
            t + 1,
          ),
        );
      if (w > g.start && r() < 0.02) ch((d) => putCheer(d, g.id, members[pick(r, 12)]!, true, t + 2));
      if (w > g.start && r() < 0.01)
        ch((d) => putComment(d, id(), g.id, members[pick(r, 12)]!, sentence(r, 10), t + 3));
    }
    if (w % 4 === 0)
      for (const m of members) {
        const period = addDays("2022-01-01", 0).slice(0, 8) && toDay(t).slice(0, 8) + "01";
        ch((d) =>
          putCheckIn(
            d,
            period,
            m,
            { wins: sentence(r, 12), nextSteps: sentence(r, 10), asks: r() < 0.5 ? sentence(r, 8) : "" },
            t + 4,
          ),
        );
        if (r() < 0.5)
          ch((d) => putReply(d, id(), `checkin:${period}:${m}`, members[pick(r, 12)]!, sentence(r, 8), t + 5));
      }
    // ~3.2 offers a week → 500 over three years, each through its states.
    const n = Math.round((500 * (w + 1)) / weeks) - offers.length;
    for (let k = 0; k < n; k++) {
      const o = { id: id(), by: members[pick(r, 12)]!, at: t + 10 + k };
      offers.push(o);
      ch((d) =>
        putOffer(
          d,
          o.id,
          o.by,
          {
            kind: r() < 0.6 ? "offer" : "ask",
            category: OCATS[pick(r, 8)]!,
            description: sentence(r, 15),
            when: "weekend",
            expiryDays: 1 + pick(r, 14),
          },
          o.at,
        ),
      );
      if (r() < 0.8) {
        const claimer = members[(members.indexOf(o.by) + 1 + pick(r, 11)) % 12]!;
        ch((d) => putClaim(d, o.id, claimer, o.at + DAY));
        if (r() < 0.1) ch((d) => putClaim(d, o.id, members[(members.indexOf(claimer) + 1) % 12]!, o.at + DAY + 5));
        if (r() < 0.85) {
          ch((d) =>
            putConfirm(
              d,
              o.id,
              o.by,
              { hours: 1 + pick(r, 8) / 4, dollars: r() < 0.3 ? pick(r, 60) : null },
              o.at + 2 * DAY,
            ),
          );
          ch((d) => putConfirm(d, o.id, claimer, {}, o.at + 2 * DAY + 1));
          if (r() < 0.5) ch((d) => putThanks(d, o.id, claimer, sentence(r, 10), o.at + 3 * DAY));
        }
      }
    }
  }
  // Two finished 12-month circles.
  for (const year of [0, 1]) {
    const cid = id();
    const start = toDay(START + year * 365 * DAY);
    ch((d) =>
      putCircle(
        d,
        cid,
        members[0]!,
        {
          name: `Circle ${year}`,
          members,
          contribution: 100,
          schedule: { kind: "monthly", day: 5 },
          startDate: start,
          order: { kind: "random" },
        },
        id(),
        START,
      ),
    );
    const order = [...members];
    for (let round = 0; round < 12; round++)
      for (const payer of order)
        ch((d) => {
          putPaid(d, cid, round, payer, START);
          putReceived(d, cid, round, payer, members[round]!, START);
        });
  }
  return { doc, changes };
}

const p50 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => ms.toFixed(1);
const timed = <T>(fn: () => T): [T, number] => {
  const s = performance.now();
  const r = fn();
  return [r, performance.now() - s];
};

/** Prints the figures; returns them for run-all. */
export async function benchGroupDocOpen(runs = 10): Promise<Record<string, number>> {
  const t0 = performance.now();
  const bytes = (() => {
    const { doc } = buildThreeYearDoc();
    const b = A.save(doc);
    A.free(doc);
    return b;
  })();
  const loaded = A.load<GroupDoc>(bytes);
  const changes = A.stats(loaded).numChanges,
    ops = A.stats(loaded).numOps;
  console.log(
    `\n## group-doc-open — 3-year, 12-member group document (built in ${fmt(performance.now() - t0)} ms, ${changes} changes, ${ops} ops)`,
  );
  const now = START + 3 * 365 * DAY,
    today = toDay(now),
    viewer = "member-03" as MemberId,
    authors: Record<string, string> = {};

  // Plain load and where the rest goes (each run on a freshly loaded document: no cache can help).
  const loadMs: number[] = [],
    incMs: number[] = [],
    diffMs: number[] = [],
    indexMs: number[] = [],
    viewMs: number[] = [],
    plainTotal: number[] = [];
  const area: Record<string, number[]> = { goals: [], checkIns: [], offers: [], circles: [] };
  for (let i = 0; i < runs; i++) {
    const [d, l] = timed(() => A.load<GroupDoc>(bytes));
    const [index, ix] = timed(() => indexOf(d));
    const [, v] = timed(() => lifeView(d, viewer, now, today, authors));
    loadMs.push(l);
    indexMs.push(ix);
    viewMs.push(ix + v);
    plainTotal.push(l + ix + v);
    area.goals!.push(timed(() => goalViews(index, viewer, authors))[1]);
    area.checkIns!.push(timed(() => checkInsView(d, index, viewer, today, authors))[1]);
    area.offers!.push(timed(() => tallyOf(offerViews(index, viewer, now, authors)))[1]);
    area.circles!.push(timed(() => circleViews(index, viewer, today, authors))[1]);
    const [inc, im] = timed(() => A.loadIncremental(A.init<GroupDoc>(), bytes));
    incMs.push(im);
    diffMs.push(timed(() => A.diff(inc, [], A.getHeads(inc)))[1]);
    A.free(d);
    A.free(inc);
  }
  const counts = (() => {
    const v = lifeView(loaded, viewer, now, today);
    return `${v.goals.length} goals, ${v.goals.reduce((n, g) => n + g.progressCount, 0)} progress updates, ${v.checkIns.periods.reduce((n, p) => n + p.posts.length, 0)} check-ins, ${v.offers.length} offers, ${v.circles.length} circles`;
  })();

  // Store once through automerge-repo + IndexedDB, as the app does.
  const dbName = `bench-group-doc-open-${Date.now()}`;
  const first = new Repo({ storage: new IndexedDBStorageAdapter(dbName), network: [] });
  const handle = first.import<GroupDoc>(bytes);
  const url: AutomergeUrl = handle.url;
  await first.flush();
  await first.shutdown();

  const coldMs: number[] = [],
    toDocMs: number[] = [],
    maxBlock: number[] = [],
    loadTask: number[] = [];
  for (let i = 0; i < runs; i++) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const s = performance.now();
    const repo = new Repo({ storage: new IndexedDBStorageAdapter(dbName), network: [] });
    repo.storageSubsystem?.on("document-loaded", (e) => loadTask.push(e.durationMillis));
    const found = await repo.find<GroupDoc>(url);
    const d = found.doc();
    const got = performance.now();
    lifeView(d, viewer, now, today, authors);
    const e = performance.now();
    await new Promise((resolve) => setTimeout(resolve, 5));
    h.disable();
    coldMs.push(e - s);
    toDocMs.push(got - s);
    maxBlock.push(h.max / 1e6);
    await repo.shutdown();
  }

  // One more change on the loaded 3-year document: apply it, re-index, rebuild the views (the UI's
  // re-read). Alternates a progress update (goals rebuilt) and a claim (only offers rebuilt).
  let doc = loaded;
  lifeView(doc, viewer, now, today, authors);
  const goal = lifeView(doc, viewer, now, today, authors).goals[0]!;
  const applyMs: number[] = [],
    rereadMs: number[] = [];
  for (let i = 0; i < 2 * runs; i++) {
    const [next, a] = timed(() =>
      A.change(doc, (x) =>
        i % 2 === 0
          ? putProgress(x, `bench-p${i}`, goal.id, goal.owner, { amount: i }, now)
          : putClaim(x, `bench-o${i}`, viewer, now),
      ),
    );
    doc = next;
    rereadMs.push(timed(() => lifeView(doc, viewer, now, today, authors))[1]);
    applyMs.push(a);
  }

  const fig = {
    sizeKB: bytes.length / 1024,
    changes,
    ops,
    loadP50: p50(loadMs),
    loadIncrementalP50: p50(incMs),
    diffFromEmptyP50: p50(diffMs),
    indexP50: p50(indexMs),
    viewP50: p50(viewMs),
    plainP50: p50(plainTotal),
    goalsViewP50: p50(area.goals!),
    checkInsViewP50: p50(area.checkIns!),
    offersViewP50: p50(area.offers!),
    circlesViewP50: p50(area.circles!),
    coldToDocP50: p50(toDocMs),
    coldToRenderP50: p50(coldMs),
    loadTaskP50: p50(loadTask),
    loadTaskMax: Math.max(...loadTask),
    longestTaskP50: p50(maxBlock),
    longestTaskMax: Math.max(...maxBlock),
    changeApplyP50: p50(applyMs),
    changeRereadP50: p50(rereadMs),
  };
  console.log(`  ${counts}`);
  console.log(`  size ${fmt(fig.sizeKB)} KB; p50 over ${runs} runs:`);
  console.log(`  plain A.load(bytes)                          ${fmt(fig.loadP50)} ms`);
  console.log(`  A.loadIncremental(A.init(), bytes) (repo)    ${fmt(fig.loadIncrementalP50)} ms`);
  console.log(`  A.diff(doc, [], heads) (repo's change event) ${fmt(fig.diffFromEmptyP50)} ms`);
  console.log(`  record index (JSON parse), cold              ${fmt(fig.indexP50)} ms`);
  console.log(
    `  all group-life views incl. index, cold       ${fmt(fig.viewP50)} ms   (goals ${fmt(fig.goalsViewP50)}, check-ins ${fmt(fig.checkInsViewP50)}, offers+tally ${fmt(fig.offersViewP50)}, circles ${fmt(fig.circlesViewP50)})`,
  );
  console.log(`  plain load + views                           ${fmt(fig.plainP50)} ms`);
  console.log(`  IndexedDB: new Repo → find → doc()           ${fmt(fig.coldToDocP50)} ms`);
  console.log(`  IndexedDB → views built (first render data)  ${fmt(fig.coldToRenderP50)} ms   (target ≤ 150 ms)`);
  console.log(
    `  longest task: the repo's one loadIncremental call  p50 ${fmt(fig.loadTaskP50)} ms, max ${fmt(fig.loadTaskMax)} ms   (target ≤ 50 ms)`,
  );
  console.log(
    `  longest event-loop block during cold open    p50 ${fmt(fig.longestTaskP50)} ms, max ${fmt(fig.longestTaskMax)} ms`,
  );
  console.log(
    `  one more change: A.change ${fmt(fig.changeApplyP50)} ms, re-index + views ${fmt(fig.changeRereadP50)} ms (p50 of ${2 * runs}, progress/claim alternating)`,
  );
  return fig;
}

if (import.meta.url === `file://${process.argv[1]}`) await benchGroupDocOpen(Number(process.env.BENCH_RUNS ?? 10));
