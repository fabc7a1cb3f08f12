/**
 * Edit latency: one small goal edit on device A until device B sees it, through Porch's real relay and
 * through the plain automerge-repo server, one at a time and in bursts. Both systems edit through the
 * same `GroupLifeService.editGoal` (goal-edits.ts) and detect arrival the way the goals panel does: B
 * reads its life view's goals on every notification (Porch: `subscribe`; plain: the handle's "change").
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import { GroupId as GroupIds, parseClientFrame, parseServerFrame, type MemberId } from "@porch/shared";
import { initGroupDoc, putMember } from "../client/src/core/doc/group-doc.ts";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";
import { SNAPSHOT_MAX_TAIL, SNAPSHOT_MIN_TAIL, SNAPSHOT_TAIL_SHARE } from "../client/src/core/engine/doc-sync.ts";
import { countIdbPuts } from "./count-idb-puts.ts";
import type { ScriptInput } from "./edit-script.ts";
import { applyScriptOp, plainGoalLife, type GoalLife, type PlainAuthors } from "./goal-edits.ts";
import { openPlainClient } from "./plain-repo-client.ts";
import {
  documentOf,
  must,
  recordOf,
  openDevice,
  waitFor,
  whenSynced,
  type GroupId,
  type PorchDevice,
} from "./porch-node-client.ts";
import { kb, ms, printTable, summarize, type Summary } from "./stats.ts";

const GOALS = 10;
const input = (title: string): ScriptInput => ({ title, category: "savings", targetAmount: 100 });

/** How many edits to measure in each mode. */
export interface LatencyPlan {
  readonly warmup: number;
  readonly measured: number;
  readonly burst: number;
}

/** Edits goal number `goal` (of `ids`) to `title` through the shared script op. */
const editTo = (life: GoalLife, groupId: GroupId, ids: string[], goal: number, title: string): Promise<void> =>
  applyScriptOp(life, groupId, { kind: "edit", goal, input: input(title) }, ids);

/** One system under test: fire an edit of goal `goal` to `title`; `arrived` resolves when B sees it. */
interface Target {
  edit(goal: number, title: string): { fired: Promise<unknown>; arrived: Promise<number> };
}

/** Runs sequential then burst edits against a target; returns latencies (ms) per mode. */
async function drive(
  target: Target,
  plan: LatencyPlan,
  tag: string,
  onSequential?: (i: number, latency: number) => void,
  onBurst?: (t0: number) => void,
  afterSequential?: () => void,
): Promise<{ seq: number[]; burst: number[] }> {
  const seq: number[] = [];
  for (let i = 0; i < plan.warmup + plan.measured; i++) {
    const t0 = performance.now();
    const { fired, arrived } = target.edit(i % GOALS, `${tag} seq ${i}`);
    const at = await arrived;
    await fired;
    if (i >= plan.warmup) {
      seq.push(at - t0);
      onSequential?.(i, at - t0);
    }
  }
  afterSequential?.();
  const burst: number[] = [];
  for (let i = 0; i < plan.warmup + plan.measured; i += plan.burst) {
    const t0 = performance.now();
    const edits = Array.from({ length: plan.burst }, (_, k) => target.edit(k % GOALS, `${tag} burst ${i + k}`));
    const arrivals = await Promise.all(edits.map((e) => e.arrived));
    await Promise.all(edits.map((e) => e.fired));
    if (i >= plan.warmup) {
      burst.push(...arrivals.map((at) => at - t0));
      onBurst?.(t0);
    }
  }
  return { seq, burst };
}

/** Resolvers keyed by the goal title B is waiting to see. */
class Expectations {
  private readonly waiting = new Map<string, (at: number) => void>();
  expect(title: string): Promise<number> {
    return new Promise((resolve) => this.waiting.set(title, resolve));
  }
  get size(): number {
    return this.waiting.size;
  }
  /** Resolves the expectation for each title now visible. */
  seen(titles: Iterable<string>): void {
    if (this.waiting.size === 0) return;
    const at = performance.now();
    for (const t of titles) {
      const resolve = this.waiting.get(t);
      if (resolve === undefined) continue;
      this.waiting.delete(t);
      resolve(at);
    }
  }
}

/** Porch: A edits its own goals in the pair's group; B watches through `subscribe` + `life.goals()`. */
async function porchTarget(relayUrl: string, existing?: Pair) {
  const { a, b, groupId } = existing ?? (await freshPair(relayUrl));
  const ids = (a.porch.life.goals(groupId) ?? [])
    .filter((g) => g.mine)
    .slice(0, GOALS)
    .map((g) => g.id);
  await Promise.all([whenSynced(a.porch), whenSynced(b.porch)]);
  // A's key rotation owed after the join must be done before measuring.
  await waitFor(a.porch, () => a.porch.sync().kind === "synced");

  const expectations = new Expectations();
  let groupCalls = 0;
  let groupMs = 0;
  b.porch.subscribe(() => {
    if (expectations.size === 0) return;
    const s = performance.now();
    const goals = b.porch.life.goals(groupId);
    groupMs += performance.now() - s;
    groupCalls++;
    expectations.seen((goals ?? []).map((g) => g.title));
  });
  // Taps for the sequential breakdown: when A's publish left and when B's envelope arrived.
  const taps = {
    publishAt: 0,
    envelopeAt: 0,
    publishes: [] as number[],
    envelopes: [] as { bytes: number; frame: number }[],
  };
  a.wire.onSend = (bytes, at) => {
    if (parseClientFrame(bytes)?.type !== "publish") return;
    taps.publishAt = at;
    taps.publishes.push(at);
  };
  b.wire.onReceive = (bytes, at) => {
    const f = parseServerFrame(bytes);
    if (f?.type !== "envelope") return;
    taps.envelopeAt = at;
    taps.envelopes.push({ bytes: f.bytes.length, frame: bytes.length });
  };
  const target: Target = {
    edit(goal, title) {
      const arrived = expectations.expect(title);
      return { fired: editTo(a.porch.life, groupId, ids, goal, title), arrived };
    },
  };
  return {
    a: a.porch,
    b: b.porch,
    dbNames: { a: a.dbName, b: b.dbName },
    groupId,
    target,
    taps,
    groupCost: () => ({ calls: groupCalls, ms: groupMs }),
  };
}

/** Two devices of two members in one group, as the catch-up bench leaves them. */
export interface Pair {
  readonly a: PorchDevice;
  readonly b: PorchDevice;
  readonly groupId: GroupId;
}

/** A fresh group with GOALS goals, created by A and joined by B. */
async function freshPair(relayUrl: string): Promise<Pair> {
  const a = await openDevice(relayUrl, "Ana");
  const b = await openDevice(relayUrl, "Ben");
  const groupId: GroupId = must(await a.porch.createGroup("Latency group"), "createGroup");
  const link = must(await a.porch.createInviteLink(groupId), "createInviteLink");
  must(await b.porch.joinWithInvite(new URL(link).hash), "joinWithInvite");
  const ids: string[] = [];
  for (let g = 0; g < GOALS; g++)
    await applyScriptOp(a.porch.life, groupId, { kind: "add", goal: g, input: input(`goal ${g}`) }, ids);
  await whenSynced(a.porch);
  await waitFor(b.porch, () => b.porch.life.goals(groupId)?.length === GOALS);
  return { a, b, groupId };
}

/** Porch only, sequential, in the big group the catch-up bench built: what a large document costs. */
export async function benchBigGroupLatency(pair: Pair, measured: number): Promise<void> {
  const goals = pair.a.porch.life.goals(pair.groupId)?.length ?? 0;
  console.log(
    `\n## Porch edit latency in the catch-up group (${goals} goals; 20 warm-up, ${measured} sequential edits)\n`,
  );
  const porch = await porchTarget("", pair);
  const probe = instrument(porch);
  const { seq } = await drive(probe.target, { warmup: 20, measured, burst: 1 }, "big", probe.onSequential);
  const cost = porch.groupCost();
  printTable(
    ["system / mode", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"],
    [row(`Porch sequential, ${goals} goals`, summarize(seq))],
  );
  console.log("");
  printBreakdown(probe.parts);
  console.log(
    `B's life.goals() in the listener: ${cost.calls} calls (${(cost.calls / (20 + measured)).toFixed(1)} per edit), ${ms(cost.ms / Math.max(1, cost.calls))} ms each on average`,
  );
  pair.a.wire.onSend = undefined;
  pair.b.wire.onReceive = undefined;
}

/**
 * Plain: two Repo clients of the plain server sharing one document shaped like freshPair's (A's
 * group with GOALS goals, B's member entry), edited and read through the same GroupLifeService.
 */
async function plainTarget(plainUrl: string) {
  const ca = openPlainClient(plainUrl);
  const cb = openPlainClient(plainUrl);
  const ha: DocHandle<GroupDoc> = ca.repo.create<GroupDoc>();
  const [meA, meB] = ["plain-ana", "plain-ben"] as MemberId[];
  const groupId = GroupIds.random();
  const authors: PlainAuthors = {};
  ha.change((d) => initGroupDoc(d, "Latency group", meA!, "Ana", Date.now()));
  const hb: DocHandle<GroupDoc> = await cb.repo.find<GroupDoc>(ha.url);
  await untilChange(hb, () => hb.doc().members !== undefined);
  hb.change((d) => putMember(d, meB!, "Ben", Date.now()));
  const lifeA = plainGoalLife(ha, meA!, authors);
  const lifeB = plainGoalLife(hb, meB!, authors);
  const ids: string[] = [];
  for (let g = 0; g < GOALS; g++)
    await applyScriptOp(lifeA, groupId, { kind: "add", goal: g, input: input(`goal ${g}`) }, ids);
  await untilChange(hb, () => lifeB.goals(groupId)?.length === GOALS);
  await untilChange(ha, () => ha.doc().members[meB!] !== undefined);
  const expectations = new Expectations();
  hb.on("change", () => {
    if (expectations.size === 0) return;
    expectations.seen((lifeB.goals(groupId) ?? []).map((g) => g.title));
  });
  const target: Target = {
    edit(goal, title) {
      const arrived = expectations.expect(title);
      return { fired: editTo(lifeA, groupId, ids, goal, title), arrived };
    },
  };
  // automerge-repo's per-document sync throttle, read from A's running synchronizer.
  const syncDelayMs = ca.repo.synchronizer.docSynchronizers[ha.documentId]?.syncDebounceRate ?? Number.NaN;
  return {
    target,
    wire: cb.wire,
    syncDelayMs,
    doc: () => ha.doc(),
    close: () => Promise.all([ca.repo.shutdown(), cb.repo.shutdown()]),
  };
}

/** Resolves once `done()` holds, re-checking on every change of `h`. */
function untilChange(h: DocHandle<GroupDoc>, done: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!done()) return;
      h.off("change", check);
      resolve();
    };
    h.on("change", check);
    check();
  });
}

type PorchUnderTest = Awaited<ReturnType<typeof porchTarget>>;

/** Wraps a Porch target to split each sequential edit into segments and to time burst sends. */
function instrument(porch: PorchUnderTest) {
  const parts = { durable: [] as number[], local: [] as number[], relay: [] as number[], remote: [] as number[] };
  const firstPublish: number[] = [];
  const spacing: number[] = [];
  let editStart = 0;
  let durableAt = 0;
  const target: Target = {
    edit(goal, title) {
      editStart = performance.now();
      const e = porch.target.edit(goal, title);
      return { fired: e.fired.then(() => (durableAt = performance.now())), arrived: e.arrived };
    },
  };
  const onSequential = (_i: number, latency: number) => {
    const { publishAt, envelopeAt } = porch.taps;
    parts.durable.push(durableAt - editStart);
    parts.local.push(publishAt - editStart);
    parts.relay.push(envelopeAt - publishAt);
    parts.remote.push(editStart + latency - envelopeAt);
  };
  const onBurst = (t0: number) => {
    const sent = porch.taps.publishes.filter((x) => x >= t0);
    if (sent[0] !== undefined) firstPublish.push(sent[0] - t0);
    for (let j = 1; j < sent.length; j++) spacing.push(sent[j]! - sent[j - 1]!);
    porch.taps.publishes.length = 0;
  };
  return { target, parts, firstPublish, spacing, onSequential, onBurst };
}

function printBreakdown(parts: ReturnType<typeof instrument>["parts"]): void {
  const cell = (xs: number[]) => [ms(summarize(xs).p50), ms(summarize(xs).p99)];
  console.log("Porch sequential breakdown (ms):");
  printTable(
    ["segment", "p50", "p99"],
    [
      ["A: editGoal → resolved (ownership check, Automerge change, capture, outbox persisted)", ...cell(parts.durable)],
      ["A: editGoal → publish frame sent (… + doc flush, seal, sealed item persisted)", ...cell(parts.local)],
      [
        "relay: publish sent → envelope frame at B (verify, PGlite insert, fan-out, 2 loopback hops)",
        ...cell(parts.relay),
      ],
      ["B: envelope frame → title visible via life.goals() (open, apply, notify, life view)", ...cell(parts.remote)],
    ],
  );
}

const row = (name: string, s: Summary) => [name, s.n, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];

/** What the cost breakdown reuses: B's group record, and IndexedDB group-record puts per sequential edit. */
export interface LatencyFindings {
  readonly record: object;
  readonly recordPutsPerEdit: { readonly a: number; readonly b: number };
}

/** Measures both systems and prints the table, the breakdown and the envelope overhead. */
export async function benchEditLatency(
  relayUrl: string,
  plainUrl: string,
  plan: LatencyPlan,
  plainPlan: LatencyPlan,
): Promise<LatencyFindings> {
  console.log(
    `\n## Edit latency A → B on loopback (${plan.warmup} warm-up edits, then ${plan.measured} measured; bursts of ${plan.burst})\n`,
  );
  const porch = await porchTarget(relayUrl);
  const probe = instrument(porch);
  // IndexedDB writes of each device during the sequential edits (warm-up included), per edit.
  const puts = countIdbPuts();
  const sequentialEdits = plan.warmup + plan.measured;
  const per = (db: string, store?: string) => puts.of(db, store) / sequentialEdits;
  const putsOf = (db: string) =>
    `${per(db, "groups").toFixed(2)} group record + ${per(`${db}-docs`).toFixed(2)} document storage`;
  let putsPerEdit = { a: "", b: "" };
  let recordPutsPerEdit = { a: 0, b: 0 };
  const p = await drive(probe.target, plan, "porch", probe.onSequential, probe.onBurst, () => {
    recordPutsPerEdit = { a: per(porch.dbNames.a, "groups"), b: per(porch.dbNames.b, "groups") };
    putsPerEdit = { a: putsOf(porch.dbNames.a), b: putsOf(porch.dbNames.b) };
    puts.stop();
  });
  const cost = porch.groupCost();

  // Envelope overhead of one small edit: raw Automerge change vs what the relay stores and sends.
  // Every envelope B received is an update of one small edit except the periodic snapshots.
  const sizes = [...porch.taps.envelopes].sort((x, y) => x.bytes - y.bytes);
  const median = sizes[Math.floor(sizes.length / 2)] ?? { bytes: 0, frame: 0 };
  const snapshots = sizes.filter((e) => e.bytes > 4 * median.bytes);
  const rawChange = A.getLastLocalChange(documentOf(porch.a, porch.groupId))?.length ?? 0;
  const record = recordOf(porch.b, porch.groupId);

  const plain = await plainTarget(plainUrl);
  const wireBefore = plain.wire.received;
  const q = await drive(plain.target, plainPlan, "plain");
  const plainBytesPerEdit = (plain.wire.received - wireBefore) / (2 * (plainPlan.warmup + plainPlan.measured));
  const plainChange = A.getLastLocalChange(plain.doc())?.length ?? 0;
  await plain.close();

  printTable(
    ["system / mode", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"],
    [
      row("Porch sequential", summarize(p.seq)),
      row(`Porch bursts of ${plan.burst}`, summarize(p.burst)),
      row("plain automerge-repo sequential", summarize(q.seq)),
      row(`plain automerge-repo bursts of ${plainPlan.burst}`, summarize(q.burst)),
    ],
  );
  console.log(
    `Note: the plain automerge-repo rows are dominated by its fixed ${plain.syncDelayMs} ms sync delay (DocSynchronizer.syncDebounceRate, read from the running client; not configurable); a ratio of the two measures that delay, not the cost of syncing.`,
  );
  console.log(
    `\nTargets: p50 ≤ 5 ms, p99 ≤ 15 ms (Porch sequential p50 ${ms(summarize(p.seq).p50)}, p99 ${ms(summarize(p.seq).p99)}; bursts p50 ${ms(summarize(p.burst).p50)}, p99 ${ms(summarize(p.burst).p99)})`,
  );
  printBreakdown(probe.parts);
  console.log(
    `B's life.goals() in the listener: ${cost.calls} calls, ${ms(cost.ms / Math.max(1, cost.calls))} ms each on average (${GOALS} goals)`,
  );
  console.log(`IndexedDB puts per sequential edit (counted): A ${putsPerEdit.a}; B ${putsPerEdit.b}`);
  const fp = summarize(probe.firstPublish);
  const sp = summarize(probe.spacing);
  const spacing =
    probe.spacing.length === 0
      ? "the burst's edits left together in one coalesced envelope"
      : `then further envelopes ${ms(sp.p50)} ms apart (p99 ${ms(sp.p99)}), one in flight`;
  console.log(
    `Porch bursts: first publish leaves A ${ms(fp.p50)} ms (p99 ${ms(fp.p99)}) after the burst is fired; ${spacing}`,
  );
  console.log(
    `\nOne small edit on the wire: raw Automerge change ${kb(rawChange)} (plain: ${kb(plainChange)}); Porch update envelope ${kb(median.bytes)} (${(median.bytes / Math.max(1, rawChange)).toFixed(1)}×), relay frame ${kb(median.frame)}; plain automerge-repo ≈ ${kb(Math.round(plainBytesPerEdit))} received per edit`,
  );
  console.log(
    `B also received ${snapshots.length} snapshot envelopes of ${kb(snapshots[0]?.bytes ?? 0)}–${kb(snapshots.at(-1)?.bytes ?? 0)} during these ${porch.taps.envelopes.length} envelopes (snapshot policy: tail ≥ ${SNAPSHOT_MAX_TAIL} updates, or ≥ ${SNAPSHOT_MIN_TAIL} updates of ≥ ${SNAPSHOT_TAIL_SHARE * 100}% of the last snapshot's bytes)`,
  );
  return { record, recordPutsPerEdit };
}
