/**
 * A member who asks for much and reads little cannot exhaust the relay's memory (a real relay process;
 * its RSS read from /proc). The group holds ~18 MB of history: 20 updates of ~900 KB.
 *
 * - One socket subscribes 500 times and never reads: before paged catch-up the relay answered each
 *   subscribe with the whole history into the socket's buffer (RSS past 4 GB, health checks timing
 *   out). Now each answer is a page, a fifth subscribe of a group still being caught up is refused, the
 *   relay stops reading a socket whose buffer is over its mark, and closes it with 4008 `slow-consumer`.
 * - A reading client subscribing 100 times at once gets 4 pages and 96 refusals.
 * - A subscriber that never reads stops accumulating live updates: it is closed at the cap.
 *
 * The relay's RSS is checked after every answered health call: it must grow by less than
 * RSS_GROWTH_BOUND (192 MB) over what it was once the history was written (540–870 MB from run to run,
 * most of it PGlite and garbage not yet collected), and stay under RSS_BOUND (1.25 GB) whatever that
 * was. Before the fix the first scenario passed 3 GB within 150 subscribes (+2.7 GB), with health calls
 * taking 9–14 s; the second peaked at 2.3 GB (+1.8 GB) with a 16 s health stall. Every health call
 * must answer within HEALTH_BOUND_MS. Nothing here sleeps: each step waits on an answer, a log line or
 * a close.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import {
  GroupId,
  MemberId,
  PROTOCOL_VERSION,
  authMessage,
  encodeFrame,
  parseServerFrame,
  readySodium,
  signWithContext,
  type ClientFrame,
  type ServerFrame,
} from "@porch/shared";
import { member, type TestMember } from "@porch/testing/members";
import { envelopeWithBody, foundOwnGroup, type OwnGroup } from "@porch/testing/own-group";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { TestClient } from "@porch/testing/test-client";

/** The bounds this test states for the relay's resident memory, all scenarios included. */
const RSS_BOUND = 1280 * 1024 * 1024;
const RSS_GROWTH_BOUND = 192 * 1024 * 1024;
const HEALTH_BOUND_MS = 2_000;
const UPDATES = 20;
const UPDATE_BYTES = 900 * 1024;

let relay: RelayProcess;
let ana: TestMember;
let anaClient: TestClient;
let group: OwnGroup;
let peakRss = 0;
let baselineRss = 0;
let slowestHealthMs = 0;

beforeAll(async () => {
  await readySodium();
  relay = await startRelay({
    env: {
      // Defaults for the page (4 MiB) and the repeat limit (4); a smaller buffer mark than the default
      // 16 MiB so that 500 unread subscribes cross it, and a short no-progress timeout.
      PORCH_SOCKET_BUFFER_BYTES: String(8 * 1024 * 1024),
      PORCH_SOCKET_DRAIN_MS: "1000",
      PORCH_SOCKET_SLOW_SENDS: "8",
    },
  });
  ana = member("Ana");
  anaClient = await TestClient.as(relay.syncUrl, ana);
  group = await foundOwnGroup(anaClient, ana.identity);
  for (let i = 0; i < UPDATES; i++) await publish();
  baselineRss = relay.rssBytes();
});

afterAll(async () => {
  // SIGKILL: a relay that blew past the bound frees its memory at once.
  console.log(
    `relay RSS: ${mb(baselineRss)} MB with the history written, peak ${mb(peakRss)} MB; slowest health call ${Math.round(slowestHealthMs)} ms`,
  );
  await relay?.kill();
});

async function publish(): Promise<number> {
  const envelope = envelopeWithBody(ana.identity, ana.deviceId, group, new Uint8Array(randomBytes(UPDATE_BYTES)));
  const answer = await anaClient.request({ type: "publish", envelope });
  if (answer.type !== "ack") throw new Error(`publish refused: ${JSON.stringify(answer)}`);
  return answer.seq;
}

/** One health call, timed; checks the bounds (RSS after the answer). */
async function health(): Promise<void> {
  const started = performance.now();
  const response = await fetch(`${relay.url}/api/health`, { signal: AbortSignal.timeout(HEALTH_BOUND_MS * 5) });
  const ms = performance.now() - started;
  expect(((await response.json()) as { ok: boolean }).ok).toBe(true);
  const rss = relay.rssBytes();
  peakRss = Math.max(peakRss, rss);
  slowestHealthMs = Math.max(slowestHealthMs, ms);
  expect(rss, `relay RSS ${mb(rss)} MB`).toBeLessThan(RSS_BOUND);
  expect(rss - baselineRss, `relay RSS ${mb(rss)} MB, ${mb(baselineRss)} MB before`).toBeLessThan(RSS_GROWTH_BOUND);
  expect(ms, "health answered in ms").toBeLessThan(HEALTH_BOUND_MS);
}

/** Health calls back to back until `done()` holds. */
async function healthUntil(done: () => boolean): Promise<number> {
  let calls = 0;
  while (!done()) {
    await health();
    calls++;
  }
  await health();
  return calls + 1;
}

const mb = (n: number) => Math.round(n / 1024 / 1024);
/** How many sockets the relay has given up on so far (it logs `slow-consumer` for each). */
const slowConsumers = () => relay.logs().split("slow-consumer").length - 1;

/** An authenticated raw socket that stops reading (like a member's tab that hangs) once told to. */
interface QuietSocket {
  readonly socket: WebSocket;
  readonly frames: ServerFrame[];
  readonly closed: Promise<{ code: number; reason: string }>;
  send(frame: Omit<ClientFrame, "v">): void;
}

async function quietSocket(who: TestMember): Promise<QuietSocket> {
  const socket = new WebSocket(relay.syncUrl);
  const frames: ServerFrame[] = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on("close", (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  socket.on("error", () => {});
  await new Promise<void>((resolve, reject) => {
    socket.on("message", (data: Buffer) => {
      const frame = parseServerFrame(new Uint8Array(data));
      if (frame === null) return;
      if (frame.type === "challenge") {
        const memberId = MemberId.toBytes(who.identity.memberId);
        const signature = signWithContext(
          "auth",
          authMessage(frame, memberId, who.deviceId),
          who.identity.signing.privateKey,
        );
        socket.send(encodeFrame({ v: PROTOCOL_VERSION, type: "hello", memberId, deviceId: who.deviceId, signature }));
      } else if (frame.type === "welcome") resolve();
      else frames.push(frame.type === "catch-up" ? { ...frame, snapshot: null, updates: [] } : frame);
    });
    void closed.then(() => reject(new Error("closed before welcome")));
  });
  return {
    socket,
    frames,
    closed,
    send: (frame) => socket.send(encodeFrame({ ...frame, v: PROTOCOL_VERSION } as ClientFrame)),
  };
}

const subscribeFrame = (id: number, afterSeq = 0) =>
  ({ type: "subscribe", id, groupId: GroupId.toBytes(group.id), afterSeq, afterIndex: 0 }) as const;

describe("a member who does not read cannot exhaust the relay", () => {
  it("one socket subscribes 500 times and never reads: RSS stays bounded, health answers, the socket is closed with 4008", async () => {
    await health();
    const quiet = await quietSocket(ana);
    quiet.socket.pause(); // never reads from here on
    let closedWith: { code: number; reason: string } | null = null;
    void quiet.closed.then((c) => (closedWith = c));
    // 10 bursts of 50, each after a health answer: the relay's queue limit (256) is never what stops it.
    for (let burst = 0; burst < 10; burst++) {
      for (let i = 1; i <= 50; i++) quiet.send(subscribeFrame(burst * 50 + i));
      await health();
    }
    await healthUntil(() => slowConsumers() === 1);
    // Reading again, the socket gets what was queued for it, then the relay's close.
    quiet.socket.resume();
    expect(await quiet.closed).toEqual({ code: 4008, reason: "slow-consumer" });
    expect(closedWith).not.toBeNull();
    expect(quiet.frames.at(-1)).toMatchObject({ type: "error", id: null, code: "slow-consumer", fatal: true });
    await health();
  });

  it("a reading client subscribes 100 times at once: 4 pages, 96 refusals with too-many-catch-ups, RSS bounded", async () => {
    const reader = await quietSocket(ana);
    const answers = new Map<number, ServerFrame>();
    const all = new Promise<void>((resolve) => {
      reader.socket.on("message", (data: Buffer) => {
        const frame = parseServerFrame(new Uint8Array(data));
        if (frame !== null && "id" in frame && frame.id !== null) answers.set(frame.id, frame);
        if (answers.size === 100) resolve();
      });
    });
    for (let id = 1; id <= 100; id++) reader.send(subscribeFrame(id));
    let done = false;
    void all.then(() => (done = true));
    await healthUntil(() => done);
    const pages = [...answers.values()].filter((f) => f.type === "catch-up");
    const refusals = [...answers.values()].filter((f) => f.type === "error");
    expect(pages).toHaveLength(4);
    for (const page of pages) expect(page).toMatchObject({ more: true });
    expect(refusals).toHaveLength(96);
    for (const refusal of refusals) expect(refusal).toMatchObject({ code: "too-many-catch-ups", fatal: false });
    reader.socket.close();
  });

  it("a subscriber that never reads stops accumulating live updates: closed with 4008 at the cap", async () => {
    const head = await publish();
    const before = slowConsumers();
    const quiet = await quietSocket(ana);
    quiet.send(subscribeFrame(1, head));
    // Its (empty) catch-up arrives, then it stops reading.
    await new Promise<void>((resolve) => {
      const check = () => (quiet.frames.some((f) => f.type === "catch-up") ? resolve() : undefined);
      quiet.socket.on("message", () => setImmediate(check));
      check();
    });
    quiet.socket.pause();
    let closed = false;
    void quiet.closed.then(() => (closed = true));
    let published = 0;
    // Ana keeps writing (each publish acknowledged) until the relay gives up on the quiet socket.
    while (slowConsumers() === before) {
      await publish();
      published++;
      await health();
      expect(published, "updates published before the quiet socket was closed").toBeLessThan(200);
    }
    quiet.socket.resume();
    expect(await quiet.closed).toEqual({ code: 4008, reason: "slow-consumer" });
    expect(closed).toBe(true);
    await health();
  });
});
