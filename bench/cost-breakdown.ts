/**
 * Where one edit's time goes, each step timed alone in this process with the same libraries the
 * client and relay use: Automerge change/capture/apply, an IndexedDB put of the group record
 * (fake-indexeddb, as in the bench), sealing and opening an envelope, and a PGlite envelope append
 * (the relay's own storage, in a temporary data directory).
 */
import "fake-indexeddb/auto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as A from "@automerge/automerge";
import { openDB } from "idb";
import { DeviceId, GroupId, deriveIdentity, encodeCbor, parseEnvelope, randomBytes, readySodium, type MemberId } from "@porch/shared";
import { openEnvelope, sealEnvelope } from "@porch/shared/sealing";
import { editGoalIn, goalsOf, initGroupDoc, putGoal, type GroupDoc } from "../client/src/services/group-doc.ts";
import { openPgliteStorage } from "@porch/sync-server/in-process";
import { ms, printTable, summarize } from "./stats.ts";

const N = 300;

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

/** Prints the p50/p99 of each step of one small edit. */
export async function benchCostBreakdown(recordSample: object | null): Promise<void> {
  console.log(`\n## Cost of each step of one small edit (${N} runs each, in-process)\n`);
  await readySodium();
  const me = "member" as MemberId;
  const input = (i: number) => ({ title: `edit ${i}`, category: "savings" as const, targetAmount: 100 });
  let doc = A.change(A.init<GroupDoc>(), (d) => initGroupDoc(d, "G", me, "Ana", 1));
  for (let g = 0; g < 10; g++) doc = A.change(doc, (d) => putGoal(d, `goal-${g}`, me, input(g), 1));
  let replica = A.load<GroupDoc>(A.save(doc));
  const rows: [string, number[]][] = [];

  let lastChange: Uint8Array = new Uint8Array();
  rows.push(["Automerge: change + getChangesSince + getHeads (A)", await time((i) => {
    const heads = A.getHeads(doc);
    doc = A.change(doc, (d) => editGoalIn(d, `goal-${Math.abs(i) % 10}`, input(i), 2));
    lastChange = A.getChangesSince(doc, heads)[0]!;
    A.getHeads(doc);
  })]);
  const changes: Uint8Array[] = [];
  for (let i = 0; i < N + 20; i++) {
    const heads = A.getHeads(doc);
    doc = A.change(doc, (d) => editGoalIn(d, `goal-${i % 10}`, input(i), 3));
    changes.push(A.getChangesSince(doc, heads)[0]!);
  }
  let k = 0;
  rows.push(["Automerge: applyChanges of one change (B)", await time(() => {
    [replica] = A.applyChanges(replica, [changes[k++]!]);
  })]);
  rows.push(["goalsOf(doc), 10 goals (B's group() mapping)", await time(() => goalsOf(replica))]);

  const identity = deriveIdentity(randomBytes(32));
  const key = randomBytes(32);
  const header = { kind: "update" as const, groupId: GroupId.random(), epoch: 0, memberId: identity.memberId, deviceId: DeviceId.random(), counter: 1, logHead: randomBytes(32), heads: [randomBytes(32)], coversSeq: 0 };
  const payload = encodeCbor([lastChange]);
  let sealed: Uint8Array = new Uint8Array();
  rows.push(["sealEnvelope (pad, XChaCha20-Poly1305, Ed25519 sign) (A)", await time(() => {
    sealed = sealEnvelope(header, payload, key, identity.signing.privateKey);
  })]);
  rows.push(["parseEnvelope (relay: header + signature check)", await time(() => parseEnvelope(sealed))]);
  rows.push(["openEnvelope (verify + decrypt) (B)", await time(() => openEnvelope(sealed, () => key))]);

  const db = await openDB(`cost-${process.pid}`, 1, { upgrade: (d) => d.createObjectStore("groups", { keyPath: "groupId" }) });
  const record = recordSample ?? { groupId: "g", outbox: [], log: [randomBytes(300)], actors: {} };
  rows.push(["IndexedDB put of the group record (fake-indexeddb) (A ×3–4, B ×2 per edit)", await time(() => db.put("groups", { ...record, groupId: "g" }))]);

  const dir = await mkdtemp(join(tmpdir(), "porch-bench-pglite-"));
  try {
    const storage = await openPgliteStorage({ dataDir: dir });
    const groupId = randomBytes(16);
    const created = await storage.appendEntry(groupId, null, { hash: randomBytes(32), bytes: randomBytes(200) });
    if (!created.ok) throw new Error(`appendEntry: ${created.code}`);
    const deviceId = randomBytes(16);
    let counter = 0;
    rows.push([`PGlite appendEnvelope, ${sealed.length} B (the sealed envelope above), on disk (relay)`, await time(async () => {
      const r = await storage.appendEnvelope(groupId, { deviceId, counter: ++counter, kind: "update", coversSeq: 0, bytes: sealed });
      if (!r.ok) throw new Error(`appendEnvelope: ${r.code}`);
    })]);
    await storage.close();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  printTable(["step", "p50 ms", "p99 ms"], rows.map(([name, xs]) => [name, ms(summarize(xs).p50), ms(summarize(xs).p99)]));
}
