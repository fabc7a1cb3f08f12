/**
 * Scale-out: two real relay processes on one PostgreSQL. What one process accepts reaches the sockets
 * of the other through LISTEN/NOTIFY (storage's change feed): updates, removals, device links. Seqs
 * stay gap-free and in order under writers on both processes; a lost notification (the listening
 * connection cut) is made up once the relay listens again; and when one process is killed, its
 * clients resume on the other with nothing acknowledged lost and nothing doubled.
 *
 * Needs DATABASE_URL (CI starts PostgreSQL; docs/setup.md says how to start one by hand).
 */
import { readFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  LINK_TTL_MS,
  deriveIdentity,
  deriveInviteKeys,
  linkMac,
  linkMailboxId,
  randomBytes,
  readySodium,
  type ServerFrame,
} from "@porch/shared";
import { append, world, type World } from "@porch/testing/group-world";
import { member, removeEntry, seal, type TestMember } from "@porch/testing/members";
import { nodeDevice } from "@porch/testing/node-device";
import { startRelay, type RelayProcess } from "@porch/testing/relay-process";
import { TestClient } from "@porch/testing/test-client";

const url = process.env.DATABASE_URL;
let one: RelayProcess;
let two: RelayProcess;
/** The cluster (to create and drop this file's database, and to see its connections). */
let cluster: ReturnType<typeof postgres>;
/** This file's own database: other test files truncate the shared one's tables while they run. */
let admin: ReturnType<typeof postgres>;
const database = `porch_scale_out_${process.pid}`;

beforeAll(async () => {
  if (!url) return;
  await readySodium();
  cluster = postgres(url, { max: 1, onnotice: () => {} });
  await cluster.unsafe(`drop database if exists ${database} with (force)`);
  await cluster.unsafe(`create database ${database}`);
  const own = new URL(url);
  own.pathname = `/${database}`;
  const env = { DATABASE_URL: own.toString() };
  [one, two] = await Promise.all([startRelay({ env }), startRelay({ env })]);
  admin = postgres(own.toString(), { max: 1, onnotice: () => {} });
});
afterAll(async () => {
  await Promise.all([one?.stop(), two?.stop()]);
  await admin?.end();
  await cluster?.unsafe(`drop database if exists ${database} with (force)`);
  await cluster?.end();
});

/** A local process's name (`/proc/<pid>/comm`), or null. */
function readProcessName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return null;
  }
}

const isType = (type: ServerFrame["type"]) => (f: ServerFrame) => f.type === type;
const subscribe = async (client: TestClient, w: World) => {
  const answer = await client.request({ type: "subscribe", groupId: w.group.bytes, afterSeq: 0, afterIndex: 0 });
  if (answer.type !== "catch-up") throw new Error(`expected a catch-up, got ${JSON.stringify(answer)}`);
  return answer;
};
/** The next `count` live envelopes a socket receives, as seqs, in arrival order. */
async function liveSeqs(client: TestClient, count: number): Promise<number[]> {
  const seqs: number[] = [];
  while (seqs.length < count) {
    const frame = await client.nextLive("envelope");
    seqs.push(frame.seq);
  }
  return seqs;
}
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * A TCP load balancer with one backend at a time, as a reverse proxy in front of several relays (no
 * sticky sessions): new connections go to `target`; connections already open stay where they are.
 */
async function balancer(target: number): Promise<{ url: string; target: number; stop(): Promise<void> }> {
  const open = new Set<Socket>();
  const state = { target };
  const server: Server = createServer((client) => {
    const upstream = connect(state.target, "127.0.0.1");
    for (const s of [client, upstream]) {
      open.add(s);
      s.on("close", () => open.delete(s));
      s.on("error", () => {});
    }
    client.pipe(upstream).pipe(client);
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("no port");
  return {
    url: `http://127.0.0.1:${address.port}`,
    get target() {
      return state.target;
    },
    set target(port: number) {
      state.target = port;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

describe.skipIf(!url)("two relay processes on one PostgreSQL", () => {
  it("Ben, on relay 1, receives live the update Ana's device published through relay 2", async () => {
    const w = await world(two.syncUrl);
    const ben = await TestClient.as(one.syncUrl, w.ben);
    await subscribe(ben, w);
    const envelope = seal(w.ana, w.group, { counter: 1 });
    expect(await w.client(w.ana).request({ type: "publish", envelope })).toMatchObject({ type: "ack", seq: 1 });
    expect(await ben.nextLive("envelope")).toEqual({
      v: 1,
      type: "envelope",
      groupId: w.group.bytes,
      seq: 1,
      bytes: envelope,
    });
    await ben.close();
  });

  it("Ana removes Cara through relay 2: Cara's socket on relay 1 gets the entry, is told, and is closed as on relay 2", async () => {
    const w = await world(two.syncUrl);
    const caraOnOne = await TestClient.as(one.syncUrl, w.cara);
    const logLength = (await subscribe(caraOnOne, w)).entries.length;
    const { entry } = removeEntry(w.ana, w.group, w.cara, [w.ana, w.ben], w.now);
    expect(await append(w.client(w.ana), w.group, entry)).toMatchObject({ type: "appended", index: logLength });

    expect(await caraOnOne.nextLive("entry")).toMatchObject({ index: logLength, bytes: entry.wire });
    expect(await caraOnOne.next(isType("error"))).toMatchObject({ code: "removed-from-group" });
    // The same close code on both processes.
    expect(await caraOnOne.closed).toBe(1008);
    expect(await w.client(w.cara).closed).toBe(1008);
  });

  it("a device link opened by Ana's phone on relay 1 is answered and completed by a laptop on relay 2", async () => {
    const rootSeed = randomBytes(32);
    const ana: TestMember = { name: "Ana", identity: deriveIdentity(rootSeed), deviceId: randomBytes(16) };
    const phone = await TestClient.as(one.syncUrl, ana);
    const laptop = await TestClient.as(two.syncUrl, member("new laptop"));
    const secret = randomBytes(16);
    const mailbox = linkMailboxId(secret);
    expect(await phone.request({ type: "link-open", mailbox, expiresAt: Date.now() + LINK_TTL_MS })).toMatchObject({
      type: "link-opened",
    });
    const ephemeral = deriveInviteKeys(randomBytes(32)).box;
    const mac = linkMac(secret, ephemeral.publicKey);
    expect(
      await laptop.request({ type: "link-answer", mailbox, ephemeralKey: ephemeral.publicKey, mac }),
    ).toMatchObject({ type: "link-answered-ack" });
    expect(await phone.next(isType("link-request"))).toEqual({
      v: 1,
      type: "link-request",
      mailbox,
      ephemeralKey: ephemeral.publicKey,
      mac,
    });
    const sealed = randomBytes(120); // the relay carries it unopened
    expect(await phone.request({ type: "link-complete", mailbox, sealed })).toMatchObject({ type: "link-completed" });
    expect(await laptop.next(isType("link-sealed"))).toEqual({ v: 1, type: "link-sealed", mailbox, sealed });
    // Taken once: nothing of the mailbox is left.
    expect(await admin`select count(*)::int as n from link_mailboxes where mailbox = ${mailbox}`).toEqual([{ n: 0 }]);
    await Promise.all([phone.close(), laptop.close()]);
  });

  it("Ana writes through relay 1 and Ben through relay 2 at once: subscribers on both see seqs 1..N in order, once each", async () => {
    const w = await world(one.syncUrl);
    const benOnTwo = await TestClient.as(two.syncUrl, w.ben);
    const caraOnTwo = await TestClient.as(two.syncUrl, w.cara);
    await subscribe(w.client(w.cara), w);
    await subscribe(caraOnTwo, w);
    const perWriter = 150;
    const inFlight = 15;
    const publishAll = async (client: TestClient, who: TestMember) => {
      for (let counter = 1; counter <= perWriter; counter += inFlight) {
        const batch = [];
        for (let c = counter; c < counter + inFlight && c <= perWriter; c++)
          batch.push(client.request({ type: "publish", envelope: seal(who, w.group, { counter: c }) }));
        for (const answer of await Promise.all(batch)) expect(answer.type).toBe("ack");
      }
    };
    const total = 2 * perWriter;
    const [onOne, onTwo] = await Promise.all([
      liveSeqs(w.client(w.cara), total),
      liveSeqs(caraOnTwo, total),
      publishAll(w.client(w.ana), w.ana),
      publishAll(benOnTwo, w.ben),
    ]);
    expect(onOne).toEqual(oneTo(total));
    expect(onTwo).toEqual(oneTo(total));
    const stored = await admin`select seq from envelopes where group_id = ${w.group.bytes} order by seq`;
    expect(stored.map((r) => Number(r.seq))).toEqual(oneTo(total));
    await Promise.all([benOnTwo.close(), caraOnTwo.close()]);
  });

  it("relay 1's listening connection is cut while Ana publishes through relay 2: once it listens again, Ben on relay 1 gets the update", async () => {
    const w = await world(two.syncUrl);
    const ben = await TestClient.as(one.syncUrl, w.ben);
    await subscribe(ben, w);
    // Relay 1 is frozen while its LISTEN session is terminated and Ana publishes: the notification
    // goes to nobody. It learns of the lost connection only after it runs again.
    process.kill(one.pid(), "SIGSTOP");
    try {
      const [cut] = await admin`
        select pg_terminate_backend(pid, 20000) as done from pg_stat_activity
         where application_name = ${`porch-change-feed ${one.pid()}`}`;
      expect(cut).toEqual({ done: true });
      const envelope = seal(w.ana, w.group, { counter: 1 });
      expect(await w.client(w.ana).request({ type: "publish", envelope })).toMatchObject({ type: "ack", seq: 1 });
    } finally {
      process.kill(one.pid(), "SIGCONT");
    }
    // The notification was lost: only relay 1's resync, once it listens again, can bring it.
    expect(await ben.nextLive("envelope")).toMatchObject({ seq: 1 });
    await ben.close();
  });

  it("relay 1's listening connection stops answering (its PostgreSQL backend frozen): relay 1 gives it up, listens on a new one, and Ben gets Ana's update", async (context) => {
    const w = await world(two.syncUrl);
    const ben = await TestClient.as(one.syncUrl, w.ben);
    await subscribe(ben, w);
    const [backend] = await admin<{ pid: number }[]>`
      select pid from pg_stat_activity where application_name = ${`porch-change-feed ${one.pid()}`}`;
    if (backend === undefined) throw new Error("relay 1 has no listening connection");
    // Only a PostgreSQL on this machine can be frozen from here (never signal a pid that is not its backend).
    if (readProcessName(backend.pid) !== "postgres") return context.skip("PostgreSQL is not on this machine");
    // A connection that neither answers nor closes, as behind a NAT that forgot it.
    process.kill(backend.pid, "SIGSTOP");
    try {
      const envelope = seal(w.ana, w.group, { counter: 1 });
      expect(await w.client(w.ana).request({ type: "publish", envelope })).toMatchObject({ type: "ack", seq: 1 });
      expect(await ben.nextLive("envelope")).toMatchObject({ seq: 1 });
    } finally {
      process.kill(backend.pid, "SIGCONT");
      await admin`select pg_terminate_backend(${backend.pid})`;
    }
    await ben.close();
  });

  it("Ana's app reaches relay 2 through a load balancer and relay 2 is SIGKILLed while she adds goals: her app reconnects to relay 1, and Ben on relay 1 gets every goal exactly once", async () => {
    const lb = await balancer(two.port);
    const ana = await nodeDevice(lb.url);
    const ben = await nodeDevice(one.url);
    try {
      await ana.porch.createProfile("Ana", "en");
      const created = await ana.porch.createGroup("Two relays");
      if (!created.ok) throw new Error(created.code);
      const group = created.value;
      const link = await ana.porch.createInviteLink(group);
      if (!link.ok) throw new Error(link.code);
      await ben.porch.createProfile("Ben", "en");
      expect((await ben.porch.joinWithInvite(new URL(link.value).hash)).ok).toBe(true);
      const titles = (d: typeof ana) => (d.porch.life.goals(group) ?? []).map((g) => g.title).sort();
      await ana.until(() => ana.porch.sync().kind === "synced");

      const adds: Promise<unknown>[] = [];
      const add = (i: number) =>
        adds.push(ana.porch.life.addGoal(group, { title: `goal ${i}`, category: "other", targetAmount: null }));
      for (let i = 0; i < 15; i++) add(i);
      // The balancer sends new connections to relay 1 from now on; relay 2 dies with Ana's socket on it.
      lb.target = one.port;
      const killed = two.kill("SIGKILL");
      for (let i = 15; i < 30; i++) add(i);
      await Promise.all(adds);
      await killed;
      await ana.until(() => ana.porch.sync().kind === "synced", 45_000);

      const expected = Array.from({ length: 30 }, (_, i) => `goal ${i}`).sort();
      await ben.until(() => titles(ben).length >= 30, 45_000);
      expect(titles(ben)).toEqual(expected);
      expect(titles(ana)).toEqual(expected);
    } finally {
      await ana.close();
      await ben.close();
      await lb.stop();
      await two.restart(); // a new relay 2 process, same port and database, for the next story
    }
  });

  // Last: relay 2 does not come back.
  it("relay 2 is killed (SIGKILL) while Ana publishes through it: she resumes on relay 1, nothing acknowledged is lost or stored twice, and Cara sees every seq once, in order", async () => {
    const w = await world(one.syncUrl);
    await subscribe(w.client(w.cara), w);
    const anaOnTwo = await TestClient.as(two.syncUrl, w.ana);
    const sent = new Map<number, Uint8Array>(); // counter → envelope
    const acked = new Map<number, number>(); // counter → seq
    const publish = (client: TestClient, counter: number) =>
      client.request({ type: "publish", envelope: sent.get(counter)! }).then(
        (answer) => {
          if (answer.type !== "ack") throw new Error(`publish refused: ${JSON.stringify(answer)}`);
          acked.set(counter, answer.seq);
        },
        () => {}, // the socket died before the answer: not acknowledged, sent again below
      );
    let killed: Promise<void> | null = null;
    let open = true;
    void anaOnTwo.closed.then(() => (open = false));
    while (open && sent.size < 3000) {
      const batch: Promise<void>[] = [];
      for (let i = 0; i < 20; i++) {
        const counter = sent.size + 1;
        sent.set(counter, seal(w.ana, w.group, { counter }));
        batch.push(publish(anaOnTwo, counter));
      }
      if (killed === null && acked.size >= 60) killed = two.kill("SIGKILL");
      await Promise.race([Promise.all(batch), anaOnTwo.closed]);
    }
    await killed;
    expect(acked.size).toBeGreaterThanOrEqual(60);

    // Ana's device reconnects to relay 1 and sends again, in order, whatever was not acknowledged.
    const anaOnOne = await TestClient.as(one.syncUrl, w.ana);
    for (const counter of [...sent.keys()].filter((c) => !acked.has(c))) await publish(anaOnOne, counter);
    expect(acked.size).toBe(sent.size);

    const seqs = [...acked.values()].sort((a, b) => a - b);
    expect(seqs).toEqual(oneTo(sent.size)); // every acknowledged envelope stored once, no gaps
    expect(await liveSeqs(w.client(w.cara), sent.size)).toEqual(oneTo(sent.size));
    const stored = await admin`select seq, counter from envelopes where group_id = ${w.group.bytes} order by seq`;
    expect(stored.map((r) => [Number(r.seq), Number(r.counter)])).toEqual(
      [...acked].map(([counter, seq]) => [seq, counter]).sort((a, b) => a[0]! - b[0]!),
    );
    await anaOnOne.close();
  });
});
