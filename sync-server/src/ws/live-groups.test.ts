import { describe, expect, it } from "vitest";
import type { ServerFrame } from "@porch/shared";
import { Hub, type LiveFrame, type Subscriber } from "./hub.ts";
import { LiveGroups } from "./live-groups.ts";

const groupId = new Uint8Array(16).fill(1);
const envelope = (seq: number): LiveFrame => ({ v: 1, type: "envelope", groupId, seq, bytes: Uint8Array.of(seq) });
const entry = (index: number): LiveFrame => ({ v: 1, type: "entry", groupId, index, bytes: Uint8Array.of(index) });

function benSocket(hub = new Hub()) {
  const sent: ServerFrame[] = [];
  const ben: Subscriber = {
    socketId: "ben",
    deliver: (f, own) => live.deliver(f, own),
    known: (g, head) => live.known(g, head),
    push: () => {},
    leaveGroup: () => {},
    drain: async () => {},
    shutDown: () => {},
  };
  const live = new LiveGroups(hub, ben, (f) => sent.push(f));
  hub.attach(ben);
  return { hub, live, sent };
}

describe("live frames around a catch-up", () => {
  it("Ana publishes while Ben's catch-up is being read: Ben gets each envelope once, after his catch-up", () => {
    const { hub, live, sent } = benSocket();
    const hold = live.hold(groupId);
    hub.publish(envelope(5)); // already in the catch-up Ben is about to receive
    hub.publish(envelope(6)); // published after the catch-up was read
    hub.publish(entry(3));
    expect(sent).toEqual([]);

    hold.release({ headSeq: 5, logLength: 3 });
    expect(sent).toEqual([entry(3), envelope(6)]); // entries first: keys before what they open
    hub.publish(envelope(7));
    expect(sent.at(-1)).toEqual(envelope(7));
  });

  it("live envelopes finishing out of seq order are all delivered, in seq order", () => {
    const { hub, live, sent } = benSocket();
    live.hold(groupId).release({ headSeq: 0, logLength: 1 });
    hub.publish(envelope(2));
    expect(sent).toEqual([]);
    hub.publish(envelope(1));
    expect(sent.map((f) => (f.type === "envelope" ? f.seq : -1))).toEqual([1, 2]);
  });

  it("Ben's own envelope is counted, not sent back to him", () => {
    const { hub, live, sent } = benSocket();
    live.hold(groupId).release({ headSeq: 0, logLength: 1 });
    hub.publish(envelope(1), "ben");
    hub.publish(envelope(2));
    expect(sent).toEqual([envelope(2)]);
  });

  it("a failed subscribe leaves Ben out of the group", () => {
    const { hub, live, sent } = benSocket();
    live.hold(groupId).cancel();
    hub.publish(envelope(1));
    expect(sent).toEqual([]);
  });
});

/** A hub whose storage holds seqs 1..stored of the group, counting its reads; sockets Ben and Cara. */
function twoSockets(stored: number) {
  const reads: string[] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const hub = new Hub({
    async readEnvelopes(_group, afterSeq, throughSeq, maxItems) {
      reads.push(`${afterSeq}..${throughSeq}`);
      await gate;
      const seqs = Array.from({ length: Math.min(stored, throughSeq) - afterSeq }, (_, i) => afterSeq + 1 + i);
      return seqs.slice(0, maxItems).map((seq) => ({ seq, bytes: Uint8Array.of(seq) }));
    },
    readLog: async () => [],
  });
  const socket = (name: string) => {
    const sent: ServerFrame[] = [];
    let lost = 0;
    const subscriber: Subscriber = {
      socketId: name,
      deliver: (f, own) => live.deliver(f, own),
      known: (g, head) => live.known(g, head),
      push: () => {},
      leaveGroup: () => {},
      drain: async () => {},
      shutDown: () => {},
    };
    const live = new LiveGroups(
      hub,
      subscriber,
      (f) => sent.push(f),
      () => lost++,
    );
    hub.attach(subscriber);
    live.hold(groupId).release({ headSeq: 0, logLength: 1 });
    return { sent, lost: () => lost, seqs: () => sent.map((f) => (f.type === "envelope" ? f.seq : -1)) };
  };
  return { hub, reads, release, ben: socket("ben"), cara: socket("cara") };
}

describe("holes in live frames (another relay process appended, or a notification was lost)", () => {
  it("seq 3 arrives but 1 and 2 were appended elsewhere: both sockets wait, one read fills the hole, all go out in order", async () => {
    const { hub, reads, release, ben, cara } = twoSockets(3);
    hub.publish(envelope(3));
    expect(ben.sent).toEqual([]);
    await Promise.resolve(); // the fill starts after this turn's frames
    expect(reads).toEqual(["0..3"]); // shared by Ben and Cara
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ben.seqs()).toEqual([1, 2, 3]);
    expect(cara.seqs()).toEqual([1, 2, 3]);
  });

  it("a head announced with no frame (another process's change) is read and sent", async () => {
    const { hub, release, ben } = twoSockets(2);
    hub.announce(groupId, { headSeq: 2 });
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ben.seqs()).toEqual([1, 2]);
    hub.publish(envelope(2)); // late duplicate: not sent again
    hub.publish(envelope(3));
    expect(ben.seqs()).toEqual([1, 2, 3]);
  });

  it("an envelope waits while a log entry before it is missing: the key comes before what it opens", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const hub = new Hub({
      readEnvelopes: async () => [],
      async readLog(_group, fromIndex) {
        await gate;
        return [1, 2]
          .filter((i) => i >= fromIndex)
          .map((index) => ({ index, hash: new Uint8Array(32), bytes: Uint8Array.of(index) }));
      },
    });
    const { live, sent } = benSocket(hub);
    live.hold(groupId).release({ headSeq: 0, logLength: 1 });
    hub.publish(entry(2)); // Ana's rotation; entry 1 (Ben's own join, say) reached this process by another way
    hub.publish(envelope(1)); // sealed under the key entry 2 brings
    expect(sent).toEqual([]);
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(
      sent.map((f) => (f.type === "entry" ? `entry ${f.index}` : `envelope ${f.type === "envelope" ? f.seq : -1}`)),
    ).toEqual(["entry 1", "entry 2", "envelope 1"]);
  });

  it("a hole storage no longer holds sends the socket to catch up instead of skipping it", async () => {
    const { hub, release, ben } = twoSockets(0);
    hub.publish(envelope(3));
    release();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ben.sent).toEqual([]);
    expect(ben.lost()).toBe(1);
  });
});
