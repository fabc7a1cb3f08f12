/**
 * The member's private monthly journal after ten years: 120 monthly entries (every field answered,
 * seeded), some months saved a second time (edit records), consents switched on and off, a baseline.
 * Everything is written by the real client core in Node (`createPorch`, fake-indexeddb, `ws`) through
 * `porch.journal.*` — `validateEntry` then `saveMonth` inside the sync engine — against the real relay
 * (`startRelay()`, PGlite), on a simulated clock (`Date.now` moved month by month), waiting after each
 * write until the relay acknowledged it, as a member saving once a month online would.
 *
 * Measures:
 * 1. Open to the data of "My progress" (`journalView`), cold (a new Repo each run), from the device's
 *    own IndexedDB (automerge-repo's IndexedDB adapter over fake-indexeddb: the chunks the app wrote)
 *    and from the same document imported as one snapshot; baseline `A.load(save)` + the same view.
 * 2. Sealed bytes a new device of the same member downloads to catch the journal up (the relay's
 *    catch-up answer: snapshot + updates), against `A.save()` of the same document: (a) as the engine's
 *    snapshot policy left the relay after the ten years, (b) right after a snapshot (forced through the
 *    engine's `patch`: the policy's max-tail rule fires on the next flush). Then where the bytes go, and
 *    the same policy replayed on the measured sizes of every write (plus alternative policies), so the
 *    ratio is seen at every month, not only at the end.
 *
 * Standalone: node --import tsx bench/journal.ts   (also `BENCH_ONLY=journal npm run bench`)
 * BENCH_JOURNAL_RUNS (default 20) sets the cold opens.
 */
import "fake-indexeddb/auto";
import * as A from "@automerge/automerge";
import { Repo, type AutomergeUrl, type DocHandle } from "@automerge/automerge-repo";
import { deflateRawSync } from "node:zlib";
import { IndexedDBStorageAdapter } from "@automerge/automerge-repo-storage-indexeddb";
import { decodeCbor, encodeCbor, GroupId, padmeLength, parseClientFrame, parseServerFrame } from "@porch/shared";
import { FIELD_IDS, JOURNAL_FIELDS, type FieldId, type RawValue, type RawValues } from "@porch/shared/journal";
import { openEnvelope } from "@porch/shared/sealing";
import { createPorch, type PorchApi } from "@porch/client/core";
import { readJournal } from "../client/src/core/doc/journal/journal-doc.ts";
import type { JournalDoc } from "../client/src/core/doc/journal/journal-schema.ts";
import { journalView } from "../client/src/core/doc/journal/journal-view.ts";
import {
  SNAPSHOT_MAX_TAIL,
  SNAPSHOT_MIN_TAIL,
  SNAPSHOT_TAIL_SHARE,
  type DocSync,
} from "../client/src/core/engine/doc-sync.ts";
import type { SyncRecord } from "../client/src/core/engine/sync-record.ts";
import type { JournalKeys } from "../client/src/core/features/journal/journal-keys.ts";
import { JOURNAL_SNAPSHOT_POLICY } from "../client/src/core/features/journal/journal-store.ts";
import { countingWebSocket, must, waitFor, type WireCounter } from "./porch-node-client.ts";
import { mulberry32 as seededRandom, pick } from "@porch/testing/seeded-random";
import { kb, ms, percentile, printTable } from "./stats.ts";

const SEED = 120;
/** Envelope layout (shared/src/crypto/envelope.ts): nonce, AEAD tag and signature bytes. */
const NONCE_BYTES = 24;
const TAG_BYTES = 16;
const SIGNATURE_BYTES = 64;
const MONTHS = 120;
const DAY = 86_400_000;

// ---------------------------------------------------------------------------------------------------
// Devices

export interface JournalDevice {
  readonly porch: PorchApi;
  readonly wire: WireCounter;
  readonly dbName: string;
}

/** The journal store inside PorchCore (private: the UI never needs it); throws if its shape changed. */
function journalStoreOf(porch: PorchApi): {
  keys: JournalKeys;
  handle: DocHandle<JournalDoc>;
  sync: DocSync<JournalDoc, SyncRecord>;
} {
  const store = (
    porch as unknown as {
      journalStore?: { keys?: JournalKeys; handle?: DocHandle<JournalDoc>; sync?: DocSync<JournalDoc, SyncRecord> };
    }
  ).journalStore;
  if (store?.keys === undefined || store.handle == null || store.sync == null)
    throw new Error("PorchCore internals changed: cannot reach the journal store");
  return { keys: store.keys, handle: store.handle, sync: store.sync };
}

let opened = 0;
export async function openJournalDevice(relayHttpUrl: string, name: string): Promise<JournalDevice> {
  const wire: WireCounter = { received: 0, sent: 0 };
  const dbName = `bench-journal-${process.pid}-${++opened}-${name}`;
  const porch = await createPorch({
    relayUrl: `${relayHttpUrl.replace(/^http/, "ws")}/api/sync`,
    origin: relayHttpUrl,
    dbName,
    WebSocketImpl: countingWebSocket(wire),
  });
  return { porch, wire, dbName };
}

/**
 * Resolves once the journal's outbox is empty and the engine's flush has finished (so a snapshot the
 * policy queues after the last acknowledgement is sent and acknowledged too).
 */
export async function journalSettled(porch: PorchApi): Promise<void> {
  const { sync } = journalStoreOf(porch);
  const flushing = () => (sync as unknown as { flushing: boolean }).flushing;
  for (;;) {
    await waitFor(porch, () => sync.current.outbox.length === 0 && sync.error === null);
    if (!flushing() && sync.current.outbox.length === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

// ---------------------------------------------------------------------------------------------------
// Ten years of a member's answers, deterministically

const WORDS = (
  "work rent kids school saved bank paid bill car clinic church neighbour class shift overtime " +
  "grocery bus loan card medical family mother brother garden savings plan budget goal proud tired " +
  "better month paycheck daycare landlord repair job interview certificate"
).split(" ");

const usd = (cents: number, r: () => number): string => {
  const dollars = cents / 100;
  // As members type them: "2,134.57", "$2,134.57", or whole dollars without grouping.
  const style = pick(r, 3);
  if (style === 2 && cents % 100 === 0) return String(dollars);
  const text = dollars.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return style === 1 ? `$${text}` : text;
};

/** One month's full form, for month index `i` (0 = ten years ago). */
function monthForm(i: number, r: () => number): RawValues {
  const year = i / 12;
  const noise = (x: number, share = 0.08) => Math.max(0, Math.round(x * (1 + (r() * 2 - 1) * share)));
  const owns = i >= 66;
  const cents = (dollars: number) => noise(dollars * 100);
  const form: Record<FieldId, RawValue> = {
    "income.wages": usd(cents(2100 * 1.035 ** year), r),
    "income.selfEmployment": usd(i >= 30 && r() < 0.6 ? cents(300 + 40 * year) : 0, r),
    "income.benefits": usd(cents(Math.max(0, 450 - 45 * year)), r),
    "income.family": usd(r() < 0.2 ? cents(150) : 0, r),
    "income.other": usd(r() < 0.1 ? cents(80) : 0, r),
    "household.size": String(i < 40 ? 3 : 4),
    "assets.cash": usd(cents(200 + 95 * i), r),
    "assets.retirement": usd(i >= 36 ? cents(60 * (i - 36)) : 0, r),
    "assets.vehicle": usd(cents(Math.max(1500, 6000 - 35 * i)), r),
    "assets.homeEquity": usd(owns ? cents(9000 + 180 * (i - 66)) : 0, r),
    "assets.business": usd(i >= 30 ? cents(500 + 20 * (i - 30)) : 0, r),
    "debts.creditCards": usd(cents(Math.max(0, 4200 - 45 * i)), r),
    "debts.loans": usd(cents(Math.max(0, 9000 - 70 * i)), r),
    "debts.medical": usd(r() < 0.15 ? cents(350) : 0, r),
    "debts.other": usd(r() < 0.1 ? cents(120) : 0, r),
    "health.insured": i >= 20 || r() < 0.3,
    "health.selfRated": String(Math.min(5, 2 + Math.floor(year / 3) + pick(r, 2))),
    "education.enrolled": i >= 18 && i < 48,
    "education.credential": i >= 48,
    "education.childrenSchool": ["na", "struggling", "onTrack", "thriving"][Math.min(3, 1 + pick(r, 3))]!,
    "housing.status": owns ? "own" : i < 6 ? "family" : "rent",
    "housing.cost": usd(cents(owns ? 1150 : 900 + 4 * i), r),
    "leadership.school": r() < 0.4,
    "leadership.faith": r() < 0.5,
    "leadership.neighbourhood": i >= 50 && r() < 0.6,
    "leadership.volunteer": r() < 0.3,
    "connections.countOn": ["few", "some", "many"][Math.min(2, Math.floor(year / 4) + pick(r, 2))]!,
    "help.given": String(pick(r, 7)),
    "help.received": String(pick(r, 5)),
    reflection: sentence(r, 15 + pick(r, 45)),
  };
  return form;
}

function sentence(r: () => number, words: number): string {
  const s = Array.from({ length: words }, () => WORDS[pick(r, WORDS.length)]!).join(" ");
  return s.charAt(0).toUpperCase() + s.slice(1) + ".";
}

/** A second save a few days later: one to three answers corrected. */
function correction(i: number, r: () => number): RawValues {
  const out: Partial<Record<FieldId, RawValue>> = {};
  const n = 1 + pick(r, 3);
  for (let k = 0; k < n; k++) {
    const field = JOURNAL_FIELDS[pick(r, JOURNAL_FIELDS.length)]!;
    if (field.kind === "money") out[field.id] = usd(100 * (50 + pick(r, 5000)) + pick(r, 100), r);
    else if (field.kind === "text") out[field.id] = sentence(r, 20 + pick(r, 30));
    else if (field.kind === "yesNo") out[field.id] = r() < 0.5;
    else if (field.kind === "choice") out[field.id] = field.choices[pick(r, field.choices.length)]!;
    else if (field.id === "household.size") out[field.id] = String(i < 40 ? 4 : 5);
    else out[field.id] = String(field.min + pick(r, Math.min(6, field.max - field.min + 1)));
  }
  return out;
}

/** Consent switches at these month indexes (audience, field, granted). */
const CONSENTS: readonly (readonly [number, "org-totals" | "group-progress", string, boolean])[] = [
  [2, "org-totals", "income.wages", true],
  [2, "org-totals", "household.size", true],
  [2, "org-totals", "health.insured", true],
  [29, "org-totals", "assets.cash", true],
  [29, "org-totals", "debts.creditCards", true],
  [54, "org-totals", "income.wages", false],
  [70, "org-totals", "housing.status", true],
  [99, "org-totals", "health.insured", false],
  [110, "org-totals", "income.wages", true],
];

const monthName = (start: Date, i: number): string => {
  const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, "0")}`;
};

/** One acknowledged write: its sealed envelope(s) as published, and `A.save()` after it. */
interface Step {
  readonly what: string;
  readonly updates: readonly number[];
  readonly snapshots: readonly number[];
  readonly saveBytes: number;
  readonly snapshotPayloadBytes: number;
}

export async function writeTenYears(
  device: JournalDevice,
): Promise<{ steps: Step[]; writeMs: number[]; first: string }> {
  const { porch, wire } = device;
  const r = seededRandom(SEED);
  const realNow = Date.now;
  const end = new Date(realNow());
  const start = new Date(Date.UTC(end.getUTCFullYear(), end.getUTCMonth() - MONTHS, 1));
  const published: { kind: string; bytes: number }[] = [];
  wire.onSend = (bytes) => {
    const f = parseClientFrame(bytes);
    if (f?.type !== "publish") return;
    const kind =
      f.envelope.length > 3
        ? (decodeCbor(f.envelope.subarray(3, 3 + ((f.envelope[1]! << 8) | f.envelope[2]!))) as unknown[])[0]
        : "?";
    published.push({ kind: String(kind), bytes: f.envelope.length });
  };
  const steps: Step[] = [];
  const writeMs: number[] = [];
  let fake = start.getTime();
  Date.now = () => fake;
  try {
    const write = async (what: string, run: () => Promise<{ ok: boolean; code?: string }>) => {
      const before = published.length;
      const s = performance.now();
      const result = await run();
      writeMs.push(performance.now() - s);
      if (!result.ok) throw new Error(`${what} failed: ${result.code}`);
      await journalSettled(porch);
      const { handle, sync } = journalStoreOf(porch);
      const save = A.save(handle.doc());
      const rec = sync.current;
      const counters = { ...rec.counters, [journalStoreOf(porch).keys.deviceId]: rec.nextCounter - 1 };
      const payload = encodeCbor([save, Object.entries(counters), Object.entries(rec.actors)]);
      const mine = published.slice(before);
      steps.push({
        what,
        updates: mine.filter((p) => p.kind === "update").map((p) => p.bytes),
        snapshots: mine.filter((p) => p.kind === "snapshot").map((p) => p.bytes),
        saveBytes: save.length,
        snapshotPayloadBytes: payload.length,
      });
    };
    for (let i = 0; i < MONTHS; i++) {
      const month = monthName(start, i);
      const d = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + i, 24 + pick(r, 4), 19, pick(r, 60)));
      fake = d.getTime();
      const form = monthForm(i, r);
      await write(`save ${month}`, () => porch.journal.saveMonth(month, form));
      if (i === 13) await write("baseline", () => porch.journal.setBaseline(monthName(start, 12)));
      for (const [, audience, field, granted] of CONSENTS.filter(([at]) => at === i)) {
        fake += 60_000;
        await write(`consent ${field} ${granted}`, () =>
          porch.journal.setConsent(audience, field, granted, audience === "group-progress" ? "bench-group" : undefined),
        );
      }
      if (r() < 0.2) {
        fake += (1 + pick(r, 5)) * DAY;
        await write(`edit ${month}`, () => porch.journal.saveMonth(month, correction(i, r)));
      }
      if ((i + 1) % 24 === 0) process.stderr.write(`  journal: ${i + 1}/${MONTHS} months written\n`);
    }
  } finally {
    Date.now = realNow;
    delete wire.onSend;
  }
  return { steps, writeMs, first: monthName(start, 0) };
}

// ---------------------------------------------------------------------------------------------------
// Snapshot policies, replayed on the measured sizes

interface Policy {
  readonly name: string;
  readonly due: (tailCount: number, tailBytes: number, snapshotBytes: number) => boolean;
}

const J = JOURNAL_SNAPSHOT_POLICY;
const enginePolicy: Policy = {
  name: `the journal's policy (≥${J.maxTail}, or ≥${J.minTail} and tail ≥ ${J.tailShare * 100}% of snapshot)`,
  due: (n, b, s) => n >= J.maxTail || (n >= J.minTail && b >= J.tailShare * s),
};

/** Sealed size of a snapshot whose CBOR payload has `payload` bytes (header length as measured). */
const sealedSize = (payload: number, headerBytes: number) =>
  3 + headerBytes + NONCE_BYTES + padmeLength(payload + 1) + TAG_BYTES + SIGNATURE_BYTES;

/** Catch-up bytes / A.save() after every step under `policy` (the engine's rule, on the same sizes). */
function replay(steps: readonly Step[], policy: Policy, headerBytes: number) {
  let snapshot = 0;
  let tailCount = 0;
  let tailBytes = 0;
  let snapshots = 0;
  let uploaded = 0;
  const ratios: number[] = [];
  const catchUp: number[] = [];
  for (const step of steps) {
    for (const u of step.updates) {
      tailCount++;
      tailBytes += u;
    }
    if (policy.due(tailCount, tailBytes, snapshot)) {
      snapshot = sealedSize(step.snapshotPayloadBytes, headerBytes);
      uploaded += snapshot;
      tailCount = 0;
      tailBytes = 0;
      snapshots++;
    }
    catchUp.push(snapshot + tailBytes);
    ratios.push((snapshot + tailBytes) / step.saveBytes);
  }
  return { ratios, catchUp, snapshots, uploaded, tailCount, tailBytes };
}

// ---------------------------------------------------------------------------------------------------
// A new device of the same member catching the journal up

interface CatchUp {
  readonly ms: number;
  readonly frameBytes: number;
  readonly snapshot: Uint8Array | null;
  readonly updates: readonly Uint8Array[];
  readonly wireBytes: number;
}

async function newDeviceCatchUp(
  relayUrl: string,
  phrase: string,
  name: string,
  want: string,
  journalId: Uint8Array,
): Promise<CatchUp> {
  const device = await openJournalDevice(relayUrl, name);
  let found: Omit<CatchUp, "ms" | "wireBytes"> | null = null;
  let done = false;
  // Summed over the catch-up's pages (the relay pages it in bytes; the client pulls each page).
  device.wire.onReceive = (bytes) => {
    const f = parseServerFrame(bytes);
    if (f?.type !== "catch-up" || done || !sameBytes(f.groupId, journalId)) return;
    const before = found ?? { frameBytes: 0, snapshot: null, updates: [] };
    found = {
      frameBytes: before.frameBytes + bytes.length,
      snapshot: f.snapshot?.bytes ?? before.snapshot,
      updates: [...before.updates, ...f.updates.map((u) => u.bytes)],
    };
    done = f.more !== true;
  };
  const s = performance.now();
  must(await device.porch.membership.recover(phrase, name, "en"), "recover");
  await waitFor(device.porch, () => JSON.stringify(shapeOf(device.porch)) === want);
  const took = performance.now() - s;
  const got = found as Omit<CatchUp, "ms" | "wireBytes"> | null;
  if (got === null) throw new Error("no journal catch-up frame seen");
  return { ...got, ms: took, wireBytes: device.wire.received };
}

const sameBytes = (x: Uint8Array, y: Uint8Array) => x.length === y.length && x.every((b, i) => b === y[i]);

/** What must match between devices: months, answers, edit counts, consents, baseline. */
function shapeOf(porch: PorchApi): unknown {
  const v = porch.journal.view();
  if (v === null) return null;
  return {
    months: v.months.map((m) => [m.month, m.editCount, Object.keys(m.values).length, m.values["income.wages"]]),
    consents: v.consentHistory.length,
    baseline: v.baseline.chosen,
  };
}

// ---------------------------------------------------------------------------------------------------

const p = (xs: readonly number[], q: number) =>
  percentile(
    [...xs].sort((a, b) => a - b),
    q,
  );
const timed = <T>(fn: () => T): [T, number] => {
  const s = performance.now();
  const out = fn();
  return [out, performance.now() - s];
};

/** Prints the figures; returns them for run-all. */
export async function benchJournal(relayUrl: string, runs = 20): Promise<Record<string, number>> {
  console.log(`\n## journal — ten years of a member's private monthly journal (seed ${SEED})\n`);
  const t0 = performance.now();
  const ana = await openJournalDevice(relayUrl, "Ana");
  const phrase = must(await ana.porch.createProfile("Ana", "en"), "createProfile").recoveryPhrase;
  const { steps, writeMs } = await writeTenYears(ana);
  const buildS = (performance.now() - t0) / 1000;
  const { handle, sync, keys } = journalStoreOf(ana.porch);
  const doc = handle.doc();
  const save = A.save(doc);
  const stored = readJournal(doc);
  const stats = A.stats(A.load(save));
  const edits = stored.months.reduce((n, m) => n + m.edits.length, 0);
  const updates = steps.reduce((n, s) => n + s.updates.length, 0);
  const snapshots = steps.flatMap((s) => s.snapshots);
  const rootKeys = Object.keys(doc).length;
  const answers = stored.months.reduce((n, m) => n + Object.keys(m.values).length, 0);
  console.log(
    `Built in ${buildS.toFixed(1)} s through porch.journal.* (p50 write ${ms(p(writeMs, 50))} ms): ${stored.months.length} months, ${answers} answers (${FIELD_IDS.length} fields), ${edits} edit records, ${stored.consents.length} consent events, baseline ${stored.baseline}; ${steps.length} writes → ${updates} sealed updates + ${snapshots.length} snapshots published (${snapshots.map(kb).join(", ")}); ${stats.numChanges} changes, ${stats.numOps} ops, ${rootKeys} root keys; A.save() ${kb(save.length)}`,
  );

  // --- 1. Open to the data of "My progress".
  ana.porch.journal.view(); // warm the code paths once
  const now = Date.now();
  const url: AutomergeUrl = handle.url;
  // The device's own IndexedDB as the app wrote it (incremental chunks and whatever automerge-repo compacted).
  await (ana.porch as unknown as { repo: Repo }).repo?.flush?.();
  const appDb = `${ana.dbName}-docs`;
  const chunks = await new IndexedDBStorageAdapter(appDb).loadRange([handle.documentId]);
  const chunkKinds = chunks.reduce<Record<string, { n: number; bytes: number }>>((acc, c) => {
    const k = c.key[1] ?? "?";
    acc[k] = { n: (acc[k]?.n ?? 0) + 1, bytes: (acc[k]?.bytes ?? 0) + (c.data?.length ?? 0) };
    return acc;
  }, {});
  // The same document imported as one snapshot into a fresh database.
  const oneDb = `bench-journal-${process.pid}-snapshot`;
  {
    const first = new Repo({ storage: new IndexedDBStorageAdapter(oneDb), network: [] });
    first.import<JournalDoc>(save, { docId: handle.documentId });
    await first.flush();
    await first.shutdown();
  }
  const coldOpen = async (db: string) => {
    const total: number[] = [];
    const toDoc: number[] = [];
    const loadTask: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const repo = new Repo({ storage: new IndexedDBStorageAdapter(db), network: [] });
      repo.storageSubsystem?.on("document-loaded", (e) => loadTask.push(e.durationMillis));
      const found = await repo.find<JournalDoc>(url);
      const d = found.doc();
      const got = performance.now();
      const view = journalView(d, now);
      const e = performance.now();
      if (view.months.length !== MONTHS) throw new Error(`opened ${view.months.length} months from ${db}`);
      total.push(e - s);
      toDoc.push(got - s);
      await repo.shutdown();
    }
    return { total, toDoc, loadTask };
  };
  const fromApp = await coldOpen(appDb);
  const fromOne = await coldOpen(oneDb);
  const plainLoad: number[] = [];
  const plainView: number[] = [];
  const plainTotal: number[] = [];
  const readMs: number[] = [];
  const idbRead: number[] = [];
  const incMs: number[] = [];
  const diffMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await new IndexedDBStorageAdapter(appDb).loadRange([handle.documentId]);
    idbRead.push(performance.now() - s);
    const [inc, im] = timed(() => A.loadIncremental(A.init<JournalDoc>(), save));
    incMs.push(im);
    diffMs.push(timed(() => A.diff(inc, [], A.getHeads(inc)))[1]);
    const [d, l] = timed(() => A.load<JournalDoc>(save));
    const [view, v] = timed(() => journalView(d, now));
    if (view.months.length !== MONTHS) throw new Error("plain view");
    plainLoad.push(l);
    plainView.push(v);
    plainTotal.push(l + v);
    const d2 = A.load<JournalDoc>(save);
    readMs.push(timed(() => readJournal(d2))[1]);
  }
  console.log(
    `\n### Open → "My progress" data (journalView), cold, ${runs} runs (median / p95, ms); now = ${new Date(now).toISOString().slice(0, 10)}\n`,
  );
  printTable(
    ["path", "to doc()", "to journalView built", "p95"],
    [
      [
        `IndexedDB as the app wrote it (${Object.entries(chunkKinds)
          .map(([k, c]) => `${c.n} ${k} ${kb(c.bytes)}`)
          .join(", ")}) → new Repo → find → doc() → journalView`,
        ms(p(fromApp.toDoc, 50)),
        `**${ms(p(fromApp.total, 50))}**`,
        ms(p(fromApp.total, 95)),
      ],
      [
        `IndexedDB, one imported snapshot (${kb(save.length)}) → new Repo → find → doc() → journalView`,
        ms(p(fromOne.toDoc, 50)),
        ms(p(fromOne.total, 50)),
        ms(p(fromOne.total, 95)),
      ],
      ["baseline: A.load(save) + journalView", ms(p(plainLoad, 50)), ms(p(plainTotal, 50)), ms(p(plainTotal, 95))],
    ],
  );
  console.log(
    `  where the engine's open goes (median): fake-indexeddb read of the app's chunks ${ms(p(idbRead, 50))} ms; the repo's load task (\`document-loaded\`) ${ms(p(fromApp.loadTask, 50))} ms; alone: A.loadIncremental(A.init(), save) ${ms(p(incMs, 50))} ms, A.diff from the empty doc ${ms(p(diffMs, 50))} ms`,
  );
  console.log(
    `  of which journalView on a freshly loaded doc ${ms(p(plainView, 50))} ms (readJournal alone ${ms(p(readMs, 50))} ms); target ≤ 50 ms: ${p(fromApp.total, 95) <= 50 ? "met" : p(fromApp.total, 50) <= 50 ? "met at the median" : "missed"} (median ${ms(p(fromApp.total, 50))}, p95 ${ms(p(fromApp.total, 95))})`,
  );

  // --- 2. A new device of the same member catches up.
  const want = JSON.stringify(shapeOf(ana.porch));
  const journalId = GroupId.toBytes(keys.journalId);
  const tailA = sync.current;
  const a = await newDeviceCatchUp(relayUrl, phrase, "Ana tablet", want, journalId);
  // (b) right after a snapshot: the policy's max-tail rule, made to fire through the engine's own patch.
  await sync.patch({ tailCount: SNAPSHOT_MAX_TAIL });
  await sync.flush();
  await journalSettled(ana.porch);
  if (sync.current.tailCount !== 0) throw new Error("the forced snapshot was not uploaded");
  const finalSave = A.save(handle.doc());
  const b = await newDeviceCatchUp(relayUrl, phrase, "Ana laptop", want, journalId);

  const sizes = (c: CatchUp) => (c.snapshot?.length ?? 0) + c.updates.reduce((n, u) => n + u.length, 0);
  const headerBytes = (env: Uint8Array) => (env[1]! << 8) | env[2]!;
  const anatomy = (env: Uint8Array) => {
    const opened = openEnvelope(env, () => keys.key);
    if (!opened.ok) throw new Error(`cannot open the snapshot: ${opened.code}`);
    const [inner, counters, actors] = decodeCbor(opened.value.plaintext) as [Uint8Array, unknown, unknown];
    return {
      total: env.length,
      header: 3 + headerBytes(env),
      crypto: NONCE_BYTES + TAG_BYTES + SIGNATURE_BYTES,
      plaintext: opened.value.plaintext.length,
      save: inner.length,
      counters: encodeCbor(counters).length,
      actors: encodeCbor(actors).length,
      padding: padmeLength(opened.value.plaintext.length + 1) - opened.value.plaintext.length,
    };
  };
  console.log(`\n### Sealed sync bytes for a new device of the same member (real relay, catch-up answer)\n`);
  printTable(
    ["case", "catch-up frame", "snapshot", "updates after it", "envelopes total", "A.save() of the doc", "ratio"],
    [
      [
        "(a) ten years as the policy left them",
        kb(a.frameBytes),
        a.snapshot === null ? "—" : kb(a.snapshot.length),
        `${a.updates.length} (${kb(a.updates.reduce((n, u) => n + u.length, 0))})`,
        kb(sizes(a)),
        kb(save.length),
        `**${(sizes(a) / save.length).toFixed(3)}×**`,
      ],
      [
        "(b) right after a snapshot",
        kb(b.frameBytes),
        b.snapshot === null ? "—" : kb(b.snapshot.length),
        `${b.updates.length} (${kb(b.updates.reduce((n, u) => n + u.length, 0))})`,
        kb(sizes(b)),
        kb(finalSave.length),
        `**${(sizes(b) / finalSave.length).toFixed(3)}×**`,
      ],
    ],
  );
  console.log(
    `  target ≤ 1.10×: (a) ${sizes(a) / save.length <= 1.1 ? "met" : "missed"}, (b) ${sizes(b) / finalSave.length <= 1.1 ? "met" : "missed"}; catch-up to equal views ${ms(a.ms)} / ${ms(b.ms)} ms (recover → journal view equal to Ana's); all bytes the relay sent the new device ${kb(a.wireBytes)} / ${kb(b.wireBytes)}`,
  );
  console.log(
    `  Ana's record before (a): tail ${tailA.tailCount} updates, ${kb(tailA.tailBytes)} since a ${kb(tailA.snapshotBytes)} snapshot`,
  );
  for (const [label, c] of [
    ["(a)", a],
    ["(b)", b],
  ] as const) {
    if (c.snapshot === null) continue;
    const x = anatomy(c.snapshot);
    console.log(
      `  ${label} snapshot envelope ${x.total} B = header ${x.header} + nonce/tag/signature ${x.crypto} + padded plaintext ${x.plaintext + x.padding} (A.save ${x.save} + CBOR framing ${x.plaintext - x.save - x.counters - x.actors} + counters ${x.counters} + actors ${x.actors} + Padmé ${x.padding})`,
    );
  }
  const tail = a.updates.map((u) => u.length);
  if (tail.length > 0) console.log(`  (a) updates after the snapshot: ${tail.map((n) => `${n}`).join(", ")} B`);
  const perUpdate = steps.flatMap((s) => s.updates);
  console.log(
    `  one sealed update (a month's save): p50 ${kb(p(perUpdate, 50))}, max ${kb(Math.max(...perUpdate))}; sum of all ${perUpdate.length} updates ${kb(perUpdate.reduce((n, u) => n + u, 0))} = ${(perUpdate.reduce((n, u) => n + u, 0) / save.length).toFixed(2)}× A.save()`,
  );

  // What one month's update carries (the Automerge changes of the ten years, raw and deflated).
  const changes = A.getAllChanges(doc);
  const rawChanges = changes.map((c) => c.length);
  const deflated = changes.map((c) => deflateRawSync(c).length);
  const editJson = Object.entries(doc)
    .filter(([k]) => k.startsWith("edit:"))
    .reduce((n, [, v]) => n + String(v).length, 0);
  const updateHeader = a.updates[0] !== undefined ? 3 + headerBytes(a.updates[0]) : 158;
  console.log(
    `  Automerge changes: p50 ${kb(p(rawChanges, 50))} raw (deflate-raw ${kb(p(deflated, 50))}), all ${changes.length} ${kb(rawChanges.reduce((n, x) => n + x, 0))} raw / ${kb(deflated.reduce((n, x) => n + x, 0))} deflated vs A.save() ${kb(save.length)}; sealed update = change + CBOR + header ${updateHeader} + nonce/tag/signature 104 + Padmé; the edit records' JSON is ${kb(editJson)} of text`,
  );

  // --- 3. The same policy replayed on every write's measured sizes, and alternatives.
  const hb = snapshots.length > 0 && a.snapshot !== null ? headerBytes(a.snapshot) : 120;
  const policies: Policy[] = [
    enginePolicy,
    {
      name: `a group's policy (≥${SNAPSHOT_MAX_TAIL}, or ≥${SNAPSHOT_MIN_TAIL} and tail ≥ ${SNAPSHOT_TAIL_SHARE * 100}%)`,
      due: (n, b, s) => n >= SNAPSHOT_MAX_TAIL || (n >= SNAPSHOT_MIN_TAIL && b >= SNAPSHOT_TAIL_SHARE * s),
    },
    { name: "≥ 10 updates and tail ≥ 8% of snapshot", due: (n, b, s) => n >= 10 && b >= 0.08 * s },
    { name: "tail ≥ 8% of snapshot (no minimum count)", due: (n, b, s) => n >= 1 && b >= 0.08 * s },
    { name: "tail ≥ 5% of snapshot (no minimum count)", due: (n, b, s) => n >= 1 && b >= 0.05 * s },
    { name: "after every update (tail ≥ 1)", due: (n) => n >= 1 },
  ];
  let saves = 0;
  const fromYear = steps.findIndex((s) => s.what.startsWith("save ") && ++saves === 13);
  console.log(
    `\n### Snapshot policy replayed on the ${steps.length} writes' measured sizes (catch-up bytes / A.save() after each write, from the second year on)\n`,
  );
  const replayRows = policies.map((pol) => {
    const rep = replay(steps, pol, hb);
    const later = rep.ratios.slice(Math.max(0, fromYear));
    return [
      pol.name,
      String(rep.snapshots),
      rep.ratios.at(-1)!.toFixed(3),
      p(later, 50).toFixed(3),
      Math.max(...later).toFixed(3),
      `${((later.filter((x) => x <= 1.1).length / later.length) * 100).toFixed(0)}%`,
      kb(rep.uploaded),
    ];
  });
  // Prototype (not in the engine): updates deflated before sealing, each sized as the engine would seal it.
  const deflatedSteps: Step[] = [];
  let next = 0;
  for (const step of steps) {
    const ds = step.updates.map(() => {
      const d = deflated[Math.min(next++, deflated.length - 1)]!;
      return updateHeader + NONCE_BYTES + padmeLength(d + 4 + 1) + TAG_BYTES + SIGNATURE_BYTES;
    });
    deflatedSteps.push({ ...step, updates: ds });
  }
  for (const pol of [enginePolicy, policies[2]!, policies[3]!]) {
    const rep = replay(deflatedSteps, pol, hb);
    const later = rep.ratios.slice(Math.max(0, fromYear));
    replayRows.push([
      `${pol.name}, updates deflated (prototype)`,
      String(rep.snapshots),
      rep.ratios.at(-1)!.toFixed(3),
      p(later, 50).toFixed(3),
      Math.max(...later).toFixed(3),
      `${((later.filter((x) => x <= 1.1).length / later.length) * 100).toFixed(0)}%`,
      kb(rep.uploaded),
    ]);
  }
  printTable(
    [
      "policy",
      "snapshots uploaded",
      "ratio at the end",
      "median",
      "max",
      "writes ≤ 1.10×",
      "snapshot bytes uploaded in ten years",
    ],
    replayRows,
  );
  const real = replay(steps, enginePolicy, hb);
  console.log(
    `  check: the replayed engine policy uploads ${real.snapshots} snapshots, the engine uploaded ${snapshots.length}; replayed catch-up at the end ${kb(real.catchUp.at(-1)!)}, measured ${kb(sizes(a))}`,
  );

  return {
    saveKB: save.length / 1024,
    changes: stats.numChanges,
    openAppP50: p(fromApp.total, 50),
    openAppP95: p(fromApp.total, 95),
    openSnapshotP50: p(fromOne.total, 50),
    plainP50: p(plainTotal, 50),
    ratioA: sizes(a) / save.length,
    ratioB: sizes(b) / finalSave.length,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { LOAD_RUN_ENV, startRelay } = await import("@porch/testing/relay-process");
  const relay = await startRelay({ env: { ...LOAD_RUN_ENV } });
  try {
    await benchJournal(relay.url, Number(process.env.BENCH_JOURNAL_RUNS ?? 20));
  } finally {
    await relay.stop();
  }
  process.exit(0);
}
