/**
 * `BENCH_ONLY=relay-memory npm run bench`: what an idle relay process costs in memory, what each idle
 * connection adds, and what the memory settings cost in throughput. Two configurations of the same
 * relay (`startRelay`: its own process, PGlite on disk), each from a fresh data directory:
 *
 * - before: PostgreSQL's default `shared_buffers` (128MB) and Node's default young generation;
 * - after: the relay's defaults (16MB, `RELAY_NODE_FLAGS` = --max-semi-space-size=2).
 *
 * RSS is the process's VmRSS (/proc, Linux), read after 10 s without traffic. Throughput: one client
 * publishes BENCH_MEM_UPDATES envelopes of 4 KB (20 in flight) into its own group, about 20 MB (more
 * than 16MB of buffers); then a new socket reads them all back from seq 0 (catch-up pages).
 */
import { readFileSync } from "node:fs";
import { GroupId, readySodium, randomBytes } from "@porch/shared";
import { member } from "@porch/testing/members";
import { envelopeWithBody, foundOwnGroup } from "@porch/testing/own-group";
import { startRelay, type RelayOptions, type RelayProcess } from "@porch/testing/relay-process";
import { TestClient } from "@porch/testing/test-client";

const UPDATES = Number(process.env.BENCH_MEM_UPDATES ?? 5000);
const IDLE_SOCKETS = Number(process.env.BENCH_MEM_SOCKETS ?? 500);
const BODY_BYTES = 4096;

const rssMb = (pid: number) => {
  const line = readFileSync(`/proc/${pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m);
  return line ? Number(line[1]) / 1024 : NaN;
};
const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Figures {
  readonly freshIdle: number;
  readonly reopenIdle: number;
  readonly perSocketKb: number;
  readonly publishPerSecond: number;
  readonly catchUpMs: number;
  readonly afterLoad: number;
}

async function measure(options: RelayOptions): Promise<Figures> {
  const relay = await startRelay(options);
  try {
    await settle(10_000);
    const freshIdle = rssMb(relay.pid());
    await relay.restart();
    await settle(10_000);
    const reopenIdle = rssMb(relay.pid());

    const sockets: TestClient[] = [];
    for (let i = 0; i < IDLE_SOCKETS; i++) sockets.push(await TestClient.as(relay.syncUrl, member(`idle ${i}`)));
    await settle(10_000);
    const perSocketKb = ((rssMb(relay.pid()) - reopenIdle) * 1024) / IDLE_SOCKETS;
    await Promise.all(sockets.map((s) => s.close()));

    const { publishPerSecond, catchUpMs } = await throughput(relay);
    return { freshIdle, reopenIdle, perSocketKb, publishPerSecond, catchUpMs, afterLoad: rssMb(relay.pid()) };
  } finally {
    await relay.stop();
  }
}

async function throughput(relay: RelayProcess): Promise<{ publishPerSecond: number; catchUpMs: number }> {
  const ana = member("Ana");
  const writer = await TestClient.as(relay.syncUrl, ana);
  const group = await foundOwnGroup(writer, ana.identity);
  const started = performance.now();
  for (let sent = 0; sent < UPDATES;) {
    const batch = [];
    for (let i = 0; i < 20 && sent < UPDATES; i++, sent++) {
      const envelope = envelopeWithBody(ana.identity, ana.deviceId, group, randomBytes(BODY_BYTES));
      batch.push(writer.request({ type: "publish", envelope }));
    }
    for (const answer of await Promise.all(batch))
      if (answer.type !== "ack") throw new Error(`publish refused: ${JSON.stringify(answer)}`);
  }
  const publishPerSecond = UPDATES / ((performance.now() - started) / 1000);

  const reader = await TestClient.as(relay.syncUrl, ana);
  const readStarted = performance.now();
  let afterSeq = 0;
  for (;;) {
    const answer = await reader.request({
      type: "subscribe",
      groupId: GroupId.toBytes(group.id),
      afterSeq,
      afterIndex: 1,
    });
    if (answer.type !== "catch-up") throw new Error(`expected a catch-up, got ${answer.type}`);
    afterSeq = Math.max(afterSeq, ...answer.updates.map((u) => u.seq));
    if (afterSeq >= answer.headSeq || answer.updates.length === 0) break;
  }
  const catchUpMs = performance.now() - readStarted;
  await writer.close();
  await reader.close();
  return { publishPerSecond, catchUpMs };
}

export async function benchRelayMemory(): Promise<void> {
  await readySodium();
  console.log(
    `\n## relay-memory — an idle relay's RSS, per idle socket, and throughput (${UPDATES} × ${BODY_BYTES} B publishes, ${IDLE_SOCKETS} idle sockets)`,
  );
  const configs: [string, RelayOptions][] = [
    [
      "before: shared_buffers 128MB, default young generation",
      { env: { PORCH_PGLITE_SHARED_BUFFERS: "128MB" }, nodeFlags: [] },
    ],
    ["shared_buffers 16MB only", { nodeFlags: [] }],
    ["after: shared_buffers 16MB, --max-semi-space-size=2 (the defaults)", {}],
  ];
  const rows: string[] = [];
  for (const [label, options] of configs) {
    const f = await measure(options);
    rows.push(
      `| ${label} | ${f.freshIdle.toFixed(0)} | ${f.reopenIdle.toFixed(0)} | ${f.perSocketKb.toFixed(0)} | ${f.publishPerSecond.toFixed(0)} | ${f.catchUpMs.toFixed(0)} | ${f.afterLoad.toFixed(0)} |`,
    );
    console.log(rows.at(-1));
  }
  console.log(
    "\n| configuration | idle RSS, new data dir (MB) | idle RSS, restarted (MB) | per idle socket (KB) | publishes/s | catch-up of all (ms) | RSS after the load (MB) |",
  );
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const row of rows) console.log(row);
}
