import { describe, expect, it } from "vitest";
import { MAX_NOTIFY_BYTES, createLocalChangeFeed, decodeChange, encodeChange, type Change } from "./change-feed.ts";

const id = (n: number, length = 16) => new Uint8Array(length).fill(n);

describe("change payloads for NOTIFY", () => {
  const table: [string, Change, Change][] = [
    [
      "envelopes (the bytes and origins stay in the process that wrote them)",
      { kind: "envelopes", groupId: id(1), headSeq: 42, appended: [{ seq: 42, bytes: id(9, 300), origin: "socket" }] },
      { kind: "envelopes", groupId: id(1), headSeq: 42 },
    ],
    [
      "a log entry (its bytes stay here too)",
      { kind: "entry", groupId: id(2), index: 7, bytes: id(8, 200) },
      { kind: "entry", groupId: id(2), index: 7 },
    ],
    ["a journal deleted", { kind: "journal-deleted", journalId: id(3) }, { kind: "journal-deleted", journalId: id(3) }],
    ["a link answered", { kind: "link-answered", mailbox: id(4, 32) }, { kind: "link-answered", mailbox: id(4, 32) }],
    [
      "a link completed",
      { kind: "link-completed", mailbox: id(5, 32), answerSocket: "abc" },
      { kind: "link-completed", mailbox: id(5, 32), answerSocket: "abc" },
    ],
    [
      "a round that moved",
      { kind: "agg-changed", cohortId: id(6), everyone: true, phase: "open" },
      { kind: "agg-changed", cohortId: id(6), everyone: true, phase: "open" },
    ],
    [
      "a round changed for its organization only",
      { kind: "agg-changed", cohortId: id(6), everyone: false },
      { kind: "agg-changed", cohortId: id(6), everyone: false, phase: undefined },
    ],
    [
      "an identity told",
      { kind: "agg-tell", identity: id(7, 32), cohortId: id(6) },
      { kind: "agg-tell", identity: id(7, 32), cohortId: id(6) },
    ],
    ["resync", { kind: "resync" }, { kind: "resync" }],
  ];
  it.each(table)("%s: round trip, small, no ciphertext", (_, change, expected) => {
    const payload = encodeChange(change, "relay-a");
    expect(decodeChange(payload)).toEqual({ change: expected, from: "relay-a" });
    expect(Buffer.byteLength(payload)).toBeLessThan(300);
    expect(payload.length).toBeLessThan(MAX_NOTIFY_BYTES);
  });

  it.each([
    ["not JSON", "{"],
    ["no sender", JSON.stringify({ k: "e", g: "AQEB", s: 1 })],
    ["an unknown kind", JSON.stringify({ k: "zz", f: "a" })],
    ["a negative seq", JSON.stringify({ k: "e", f: "a", g: "AQEB", s: -1 })],
    ["a bad id", JSON.stringify({ k: "e", f: "a", g: "not base64url!", s: 1 })],
  ])("%s is refused (null), never thrown", (_, payload) => {
    expect(decodeChange(payload)).toBeNull();
  });

  it("a phase it does not know is dropped: every member re-reads the round", () => {
    const payload = JSON.stringify({ k: "ac", f: "a", c: "AQEB", e: true, p: "sideways" });
    expect(decodeChange(payload)?.change).toEqual({
      kind: "agg-changed",
      cohortId: Uint8Array.of(1, 1, 1),
      everyone: true,
      phase: undefined,
    });
  });
});

describe("the in-process feed", () => {
  it("emit waits for its listeners; one that fails is reported and the others still run", async () => {
    const failures: unknown[] = [];
    const feed = createLocalChangeFeed((e) => failures.push(e));
    const seen: string[] = [];
    let finish = () => {};
    feed.listen(() => {
      throw new Error("bug");
    });
    feed.listen(
      () =>
        new Promise<void>((resolve) => {
          finish = () => {
            seen.push("slow");
            resolve();
          };
        }),
    );
    const stop = feed.listen((c) => void seen.push(c.kind));
    const emitted = feed.emit({ kind: "resync" });
    expect(seen).toEqual(["resync"]);
    let done = false;
    void emitted.then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    finish();
    await emitted;
    expect(seen).toEqual(["resync", "slow"]);
    expect(failures).toHaveLength(1);
    stop();
    const again = feed.emit({ kind: "resync" });
    expect(seen).toEqual(["resync", "slow"]); // the removed listener did not run
    finish();
    await again;
  });
});
