/**
 * `BENCH_ONLY=scale-out npm run bench` (needs DATABASE_URL): several relay processes on one PostgreSQL.
 * BENCH_SCALE_DEVICES devices (default 2,000; cheap raw sockets, not client cores) in groups of
 * BENCH_SCALE_GROUP (default 12), alternating between two relay processes, so every group has members
 * on both. Measured in one run, so the two fan-out paths are compared under the same load:
 *
 * - fan-out latency, publish sent → envelope received by each other member, split by whether the
 *   receiver's socket is on the publisher's process (in-process emitter) or the other one
 *   (NOTIFY → read back from PostgreSQL); BENCH_SCALE_SAMPLES publishes one at a time;
 * - publishes/s with every group publishing at once (BENCH_SCALE_BURST each, 4 in flight per group),
 *   and how long until every member has every envelope;
 * - each process's RSS when started and once every device is connected and subscribed (idle), and so
 *   the cost per idle connection.
 *
 * The bench process itself runs every client, so its own event loop is part of every latency (both
 * paths alike).
 */
import { WebSocket } from "ws";
import {
  MemberId,
  PROTOCOL_VERSION,
  authMessage,
  encodeFrame,
  parseServerFrame,
  readySodium,
  signWithContext,
  toBase64Url,
  type ClientFrame,
  type ServerFrame,
} from "@porch/shared";
import {
  createEntry,
  inviteEntry,
  joinEntry,
  member,
  newGroup,
  seal,
  type TestGroup,
  type TestMember,
} from "@porch/testing/members";
import { LOAD_RUN_ENV, startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { printTable, summarize, ms } from "./stats.ts";

const DEVICES = Number(process.env.BENCH_SCALE_DEVICES ?? 2000);
const GROUP_SIZE = Number(process.env.BENCH_SCALE_GROUP ?? 12);
const SAMPLES = Number(process.env.BENCH_SCALE_SAMPLES ?? 300);
const BURST = Number(process.env.BENCH_SCALE_BURST ?? 10);
const SETUP_PARALLEL = 8;

type Request = ClientFrame extends infer F ? (F extends { id: number } ? Omit<F, "id" | "v"> : never) : never;

/** A raw authenticated socket that keeps nothing but its pending requests (2,000 of them must stay light). */
class BenchSocket {
  private nextId = 1;
  private readonly pending = new Map<number, (frame: ServerFrame) => void>();
  onEnvelope: (groupKey: string, seq: number, at: number) => void = () => {};

  private constructor(
    private readonly ws: WebSocket,
    readonly relay: number,
  ) {}

  static open(url: string, relay: number, who: TestMember): Promise<BenchSocket> {
    const ws = new WebSocket(url);
    ws.binaryType = "nodebuffer";
    const socket = new BenchSocket(ws, relay);
    return new Promise((resolve, reject) => {
      ws.on("error", reject);
      ws.on("close", (code) => reject(new Error(`closed ${code} during hello`)));
      ws.on("message", (data: Buffer) => {
        const at = performance.now();
        const frame = parseServerFrame(new Uint8Array(data));
        if (frame === null) return;
        if (frame.type === "challenge") {
          const memberId = MemberId.toBytes(who.identity.memberId);
          const signature = signWithContext(
            "auth",
            authMessage(frame, memberId, who.deviceId),
            who.identity.signing.privateKey,
          );
          ws.send(encodeFrame({ v: PROTOCOL_VERSION, type: "hello", memberId, deviceId: who.deviceId, signature }));
        } else if (frame.type === "welcome") {
          ws.removeAllListeners("close");
          ws.on("close", () => {});
          resolve(socket);
        } else if (frame.type === "envelope") {
          socket.onEnvelope(toBase64Url(frame.groupId), frame.seq, at);
        } else if ("id" in frame && typeof frame.id === "number") {
          socket.pending.get(frame.id)?.(frame);
          socket.pending.delete(frame.id);
        } else if (frame.type === "error") reject(new Error(frame.code));
      });
    });
  }

  request(frame: Request): Promise<ServerFrame> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.ws.send(encodeFrame({ ...frame, v: PROTOCOL_VERSION, id } as ClientFrame));
    });
  }

  close(): void {
    this.ws.close();
  }
}

interface BenchGroup {
  readonly group: TestGroup;
  readonly key: string;
  readonly members: { readonly who: TestMember; readonly socket: BenchSocket; counter: number }[];
}

const rssMb = (relay: RelayProcess) => relay.rssBytes() / 1024 / 1024;

async function must(answer: Promise<ServerFrame>, type: ServerFrame["type"]): Promise<ServerFrame> {
  const frame = await answer;
  if (frame.type !== type) throw new Error(`expected ${type}, got ${JSON.stringify(frame)}`);
  return frame;
}

/** One group: members alternate between the relays; the founder creates it, each member joins on its own socket. */
async function setUpGroup(relays: readonly RelayProcess[], size: number, first: number): Promise<BenchGroup> {
  const group = newGroup();
  const now = Date.now();
  const members: BenchGroup["members"] = [];
  for (let i = 0; i < size; i++) {
    const who = member(`device ${first + i}`);
    const relay = (first + i) % relays.length;
    members.push({ who, socket: await BenchSocket.open(relays[relay]!.syncUrl, relay, who), counter: 1 });
  }
  const founder = members[0]!;
  const append = async (socket: BenchSocket, entry: { wire: Uint8Array; hash: Uint8Array }, sealedKey?: Uint8Array) => {
    await must(
      socket.request({
        type: "append",
        groupId: group.bytes,
        entry: entry.wire,
        ...(sealedKey ? { sealedKey } : { sealedKey: null }),
      }),
      "appended",
    );
    group.head = entry.hash;
  };
  await append(founder.socket, createEntry(founder.who, group, now));
  for (const m of members.slice(1)) {
    const invite = inviteEntry(founder.who, group, now);
    await append(founder.socket, invite.entry, invite.sealedKey);
    await append(m.socket, joinEntry(m.who, group, invite, now));
  }
  for (const m of members) {
    await must(m.socket.request({ type: "subscribe", groupId: group.bytes, afterSeq: 0, afterIndex: 0 }), "catch-up");
  }
  return { group, key: toBase64Url(group.bytes), members };
}

export async function benchScaleOut(): Promise<void> {
  const url = process.env.DATABASE_URL;
  console.log(
    `\n## scale-out — ${DEVICES} devices in groups of ${GROUP_SIZE} over two relay processes on one PostgreSQL`,
  );
  if (!url) {
    console.log("Skipped: set DATABASE_URL (docs/setup.md, PostgreSQL).");
    return;
  }
  await readySodium();
  const env = { ...LOAD_RUN_ENV, DATABASE_URL: url };
  const relays = await Promise.all([startRelay({ env }), startRelay({ env })]);
  try {
    // Idle after start: wait for nothing but the processes' own settling is not measured here.
    const startRss = relays.map(rssMb);

    const setupStarted = performance.now();
    const groups: BenchGroup[] = [];
    const count = Math.max(1, Math.floor(DEVICES / GROUP_SIZE));
    for (let g = 0; g < count; g += SETUP_PARALLEL) {
      const made = await Promise.all(
        Array.from({ length: Math.min(SETUP_PARALLEL, count - g) }, (_, i) =>
          setUpGroup(relays, GROUP_SIZE, (g + i) * GROUP_SIZE),
        ),
      );
      groups.push(...made);
    }
    const sockets = groups.length * GROUP_SIZE;
    const setupSeconds = (performance.now() - setupStarted) / 1000;
    const connectedRss = relays.map(rssMb);
    const perRelay = relays.map((_, r) => groups.flatMap((g) => g.members).filter((m) => m.socket.relay === r).length);

    // Receipts: group key → seq → receivers still expected, and when each arrived (with its relay).
    const receipts = new Map<string, { relay: number; at: number }[]>();
    const waiting = new Map<string, () => void>();
    for (const g of groups)
      for (const m of g.members)
        m.socket.onEnvelope = (groupKey, seq, at) => {
          const id = `${groupKey}:${seq}`;
          const list = receipts.get(id) ?? [];
          list.push({ relay: m.socket.relay, at });
          receipts.set(id, list);
          if (list.length === GROUP_SIZE - 1) waiting.get(id)?.();
        };
    const allReceived = (id: string) =>
      new Promise<void>((resolve) => {
        if ((receipts.get(id)?.length ?? 0) >= GROUP_SIZE - 1) return resolve();
        waiting.set(id, resolve);
      });

    // Latency: one publish at a time, from a random member of a random group (fixed sequence).
    const same: number[] = [];
    const cross: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const g = groups[(i * 7919) % groups.length]!;
      const m = g.members[(i * 31) % GROUP_SIZE]!;
      const envelope = seal(m.who, g.group, { counter: m.counter++ });
      const sentAt = performance.now();
      const ack = await must(m.socket.request({ type: "publish", envelope }), "ack");
      if (ack.type !== "ack") continue;
      const id = `${g.key}:${ack.seq}`;
      await allReceived(id);
      for (const r of receipts.get(id) ?? []) (r.relay === m.socket.relay ? same : cross).push(r.at - sentAt);
      receipts.delete(id);
      waiting.delete(id);
    }

    // Throughput: every group publishes BURST envelopes at once (4 in flight per group).
    const burstStarted = performance.now();
    let acked = 0;
    const delivered: Promise<void>[] = [];
    await Promise.all(
      groups.map(async (g, gi) => {
        for (let i = 0; i < BURST; i += 4) {
          const batch = [];
          for (let j = i; j < Math.min(BURST, i + 4); j++) {
            const m = g.members[(gi + j) % GROUP_SIZE]!;
            batch.push(
              must(
                m.socket.request({ type: "publish", envelope: seal(m.who, g.group, { counter: m.counter++ }) }),
                "ack",
              ),
            );
          }
          for (const ack of await Promise.all(batch)) {
            acked++;
            if (ack.type === "ack") delivered.push(allReceived(`${g.key}:${ack.seq}`));
          }
        }
      }),
    );
    const ackedSeconds = (performance.now() - burstStarted) / 1000;
    await Promise.all(delivered);
    const deliveredSeconds = (performance.now() - burstStarted) / 1000;
    const afterRss = relays.map(rssMb);

    console.log(
      `\n${sockets} sockets (${perRelay.join(" + ")}) in ${groups.length} groups, set up in ${setupSeconds.toFixed(0)} s`,
    );
    console.log("\nFan-out latency, publish sent → received by each other member (ms):\n");
    const row = (label: string, sample: number[]) => {
      const s = summarize(sample);
      return [label, s.n, ms(s.p50), ms(s.p90), ms(s.p99), ms(s.max)];
    };
    printTable(
      ["receiver", "n", "p50", "p90", "p99", "max"],
      [row("same process (baseline)", same), row("other process (NOTIFY)", cross)],
    );
    console.log(
      `\nThroughput: ${acked} publishes from ${groups.length} groups at once: ${(acked / ackedSeconds).toFixed(0)} publishes/s acknowledged; ` +
        `every member had every envelope after ${deliveredSeconds.toFixed(2)} s (${((acked * (GROUP_SIZE - 1)) / deliveredSeconds).toFixed(0)} deliveries/s)\n`,
    );
    printTable(
      [
        "process",
        "RSS at start (MB)",
        "RSS connected, idle (MB)",
        "sockets",
        "per idle connection (KB)",
        "RSS after the burst (MB)",
      ],
      relays.map((_, r) => [
        `relay ${r + 1}`,
        startRss[r]!.toFixed(0),
        connectedRss[r]!.toFixed(0),
        perRelay[r]!,
        (((connectedRss[r]! - startRss[r]!) * 1024) / Math.max(1, perRelay[r]!)).toFixed(0),
        afterRss[r]!.toFixed(0),
      ]),
    );
    for (const g of groups) for (const m of g.members) m.socket.close();
  } finally {
    await Promise.all(relays.map((r) => r.stop()));
  }
}

// Run directly: `node --import tsx bench/scale-out.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  await benchScaleOut();
  process.exit(0);
}
