/**
 * Where one edit's time goes, each step timed alone in this process with the same libraries the
 * client and relay use: the edit itself (GroupLifeService.editGoal over a DocHandle, as goal-edits.ts
 * makes it on both systems) and its capture, applying it and reading the goals view on B, an IndexedDB
 * put of the group record (fake-indexeddb, as in the bench), sealing and opening an envelope, and a
 * PGlite envelope append (the relay's own storage, in a temporary data directory).
 */
import "fake-indexeddb/auto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { Repo } from "@automerge/automerge-repo";
import { openDB } from "idb";
import {
  DeviceId,
  GroupId,
  deriveIdentity,
  encodeCbor,
  parseEnvelope,
  randomBytes,
  readySodium,
  type MemberId,
} from "@porch/shared";
import { openEnvelope, sealEnvelope } from "@porch/shared/sealing";
import { initGroupDoc } from "../client/src/core/doc/group-doc.ts";
import { lifeView } from "../client/src/core/doc/life-view.ts";
import { localToday } from "../client/src/core/doc/periods.ts";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";
import { openPgliteStorage } from "@porch/sync-server/in-process";
import type { ScriptInput } from "./edit-script.ts";
import type { LatencyFindings } from "./edit-latency.ts";
import { applyScriptOp, plainGoalLife } from "./goal-edits.ts";
import { kb, ms, printTable, summarize } from "./stats.ts";

const N = 300;
const GOALS = 10;

async function time(fn: (i: number) => unknown): Promise<number[]> {
  for (let i = 0; i < 20; i++) await fn(-1 - i); // warm-up
  const out: number[] = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Prints the p50/p99 of each step of one small edit; `latency` gives a real record and the put counts. */
export async function benchCostBreakdown(latency: LatencyFindings | null): Promise<void> {
  console.log(`\n## Cost of each step of one small edit (${N} runs each, in-process, ${GOALS} goals)\n`);
  await readySodium();
  const [ana, ben] = ["member-ana", "member-ben"] as MemberId[];
  const input = (i: number): ScriptInput => ({ title: `edit ${i}`, category: "savings", targetAmount: 100 });
  const groupId = GroupId.random();
  // A's document in a DocHandle (no network, no storage), edited through the shared GroupLifeService.
  const repo = new Repo({ network: [] });
  const handle = repo.create<GroupDoc>();
  handle.change((d) => initGroupDoc(d, "G", ana!, "Ana", Date.now()));
  const life = plainGoalLife(handle, ana!, {});
  const ids: string[] = [];
  for (let g = 0; g < GOALS; g++) await applyScriptOp(life, groupId, { kind: "add", goal: g, input: input(g) }, ids);
  const edit = async (i: number): Promise<Uint8Array> => {
    const heads = A.getHeads(handle.doc());
    await applyScriptOp(life, groupId, { kind: "edit", goal: Math.abs(i) % GOALS, input: input(i) }, ids);
    const change = A.getChangesSince(handle.doc(), heads);
    if (change.length !== 1) throw new Error(`one edit made ${change.length} changes`);
    A.getHeads(handle.doc());
    return change[0]!;
  };
  let replica = A.load<GroupDoc>(A.save(handle.doc()));
  const rows: [string, number[]][] = [];

  let lastChange: Uint8Array = new Uint8Array();
  rows.push([
    "editGoal (view, ownership check, putGoalSpec change) + getChangesSince + getHeads (A)",
    await time(async (i) => {
      lastChange = await edit(i);
    }),
  ]);
  const changes: Uint8Array[] = [];
  for (let i = 0; i < N + 20; i++) changes.push(await edit(i));
  // B: apply one change, then read the goals view as B's UI does; each step timed on its own.
  const applyMs: number[] = [];
  const viewMs: number[] = [];
  for (const [i, change] of changes.entries()) {
    let t = performance.now();
    [replica] = A.applyChanges(replica, [change]);
    const applied = performance.now() - t;
    t = performance.now();
    const goals = lifeView(replica, ben!, Date.now(), localToday()).goals;
    const viewed = performance.now() - t;
    if (goals.length !== GOALS) throw new Error(`B sees ${goals.length} goals, not ${GOALS}`);
    if (i < 20) continue; // warm-up
    applyMs.push(applied);
    viewMs.push(viewed);
  }
  rows.push(["Automerge: applyChanges of one change (B)", applyMs]);
  rows.push([`lifeView(doc).goals after it, ${GOALS} goals (B's life.goals())`, viewMs]);
  await repo.shutdown();

  const identity = deriveIdentity(randomBytes(32));
  const key = randomBytes(32);
  const header = {
    kind: "update" as const,
    groupId: GroupId.random(),
    epoch: 0,
    memberId: identity.memberId,
    deviceId: DeviceId.random(),
    counter: 1,
    logHead: randomBytes(32),
    heads: [randomBytes(32)],
    coversSeq: 0,
  };
  const payload = encodeCbor([lastChange]);
  let sealed: Uint8Array = new Uint8Array();
  rows.push([
    "sealEnvelope (pad, XChaCha20-Poly1305, Ed25519 sign) (A)",
    await time(() => {
      sealed = sealEnvelope(header, payload, key, identity.signing.privateKey);
    }),
  ]);
  rows.push(["parseEnvelope (relay: header + signature check)", await time(() => parseEnvelope(sealed))]);
  rows.push(["openEnvelope (verify + decrypt) (B)", await time(() => openEnvelope(sealed, () => key))]);

  const db = await openDB(`cost-${process.pid}`, 1, {
    upgrade: (d) => d.createObjectStore("groups", { keyPath: "groupId" }),
  });
  const record = latency?.record ?? { groupId: "g", outbox: [], log: [randomBytes(300)], actors: {} };
  const perEdit =
    latency === null
      ? ""
      : `; per sequential edit, counted in the latency run: A ×${latency.recordPutsPerEdit.a.toFixed(2)}, B ×${latency.recordPutsPerEdit.b.toFixed(2)}`;
  rows.push([
    `IndexedDB put of the group record, ${kb(encodeCbor(record).length)} as CBOR (fake-indexeddb)${perEdit}`,
    await time(() => db.put("groups", { ...record, groupId: "g" })),
  ]);

  const dir = await mkdtemp(join(tmpdir(), "porch-bench-pglite-"));
  try {
    const storage = await openPgliteStorage({ dataDir: dir });
    const groupId = randomBytes(16);
    const created = await storage.appendEntry(groupId, null, { hash: randomBytes(32), bytes: randomBytes(200) });
    if (!created.ok) throw new Error(`appendEntry: ${created.code}`);
    const deviceId = randomBytes(16);
    let counter = 0;
    rows.push([
      `PGlite appendEnvelope, ${sealed.length} B (the sealed envelope above), on disk (relay)`,
      await time(async () => {
        const r = await storage.appendEnvelope(groupId, {
          deviceId,
          counter: ++counter,
          kind: "update",
          coversSeq: 0,
          bytes: sealed,
        });
        if (!r.ok) throw new Error(`appendEnvelope: ${r.code}`);
      }),
    ]);
    await storage.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  printTable(
    ["step", "p50 ms", "p99 ms"],
    rows.map(([name, xs]) => [name, ms(summarize(xs).p50), ms(summarize(xs).p99)]),
  );
}
