/**
 * The rules a device applies to a snapshot before it acknowledges or loads it (snapshot-check.ts):
 * Ben's device holds Ana's verified updates; each row is a snapshot someone could publish.
 */
import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { changeHashes, checkSnapshotForAck, checkSnapshotToLoad, isSoleWriters } from "./snapshot-check.ts";

type Doc = { notes?: string[]; other?: string };
const ANA = "ana-member";
const BEN = "ben-member";

/** Ana writes three notes, one update each (seqs 1..3); Ben's device applied all three. */
function history() {
  let ana = A.init<Doc>();
  const updates: Uint8Array[][] = [];
  for (const note of ["one", "two", "three"]) {
    const before = A.getHeads(ana);
    ana = A.change(ana, (d) => {
      (d.notes ??= []).push(note);
    });
    updates.push(A.getChangesSince(ana, before));
  }
  const bens = A.applyChanges(A.init<Doc>(), updates.flat())[0];
  const verified = new Map(updates.map((u, i) => [i + 1, changeHashes(u)] as const));
  return { ana, bens, verified, actors: { [A.getActorId(ana)]: ANA } };
}

describe("acknowledging a snapshot", () => {
  it("Ana's honest snapshot covering seq 3 is acknowledged; while Ben is behind it, he waits", () => {
    const { ana, bens, verified } = history();
    const check = { doc: bens, save: A.save(ana), claimedHeads: A.getHeads(ana), coversSeq: 3, verified };
    expect(checkSnapshotForAck({ ...check, cursor: 3 })).toBe("ack");
    expect(checkSnapshotForAck({ ...check, cursor: 2 })).toBe("wait");
  });

  const forged: [string, (h: ReturnType<typeof history>) => Parameters<typeof checkSnapshotForAck>[0]][] = [
    [
      "a change nobody published (made under Ana's actor)",
      ({ ana, bens, verified }) => {
        const extra = A.change(A.clone(ana, A.getActorId(ana)), (d) => void (d.other = "never sent"));
        return { doc: bens, save: A.save(extra), claimedHeads: A.getHeads(extra), coversSeq: 3, cursor: 3, verified };
      },
    ],
    [
      "heads that are not the document's",
      ({ ana, bens, verified }) => ({
        doc: bens,
        save: A.save(ana),
        claimedHeads: ["00".repeat(32)],
        coversSeq: 3,
        cursor: 3,
        verified,
      }),
    ],
    [
      "an update it claims to cover left out",
      ({ ana, bens, verified }) => {
        const early = A.view(ana, [changeHashes(A.getAllChanges(ana)).at(1)!]);
        const save = A.save(A.clone(early));
        return { doc: bens, save, claimedHeads: A.getHeads(A.load(save)), coversSeq: 3, cursor: 3, verified };
      },
    ],
    [
      "bytes that do not load",
      ({ bens, verified }) => ({
        doc: bens,
        save: new Uint8Array([1, 2, 3]),
        claimedHeads: [],
        coversSeq: 3,
        cursor: 3,
        verified,
      }),
    ],
  ];
  it.each(forged)("refuses %s as forged-snapshot", (_name, make) => {
    expect(checkSnapshotForAck(make(history()))).toMatchObject({ ok: false, code: "forged-snapshot" });
  });
});

describe("loading an acknowledged snapshot", () => {
  const isWriter = (w: string) => w === ANA || w === BEN;

  it("a new device takes Ana's snapshot and its bindings", () => {
    const { ana, actors } = history();
    const checked = checkSnapshotToLoad({
      doc: A.init(),
      save: A.save(ana),
      claimedHeads: A.getHeads(ana),
      bindings: Object.entries(actors),
      actors: {},
      isWriter,
    });
    expect(checked).toMatchObject({ ok: true, value: { bindings: actors } });
  });

  it("a binding the device holds wins: a snapshot that rebinds Ana's actor to Ben is forged", () => {
    const { ana, actors } = history();
    const more = A.change(A.clone(ana, A.getActorId(ana)), (d) => void (d.other = "x"));
    const checked = checkSnapshotToLoad({
      doc: A.load(A.save(ana)),
      save: A.save(more),
      claimedHeads: A.getHeads(more),
      bindings: [[A.getActorId(ana), BEN]],
      actors,
      isWriter,
    });
    expect(checked).toMatchObject({ ok: false, code: "forged-snapshot" });
  });

  it("a change by a writer who never was a member, or one the write rules refuse, is forged", () => {
    const { ana } = history();
    const base = {
      doc: A.init(),
      save: A.save(ana),
      claimedHeads: A.getHeads(ana),
      actors: {},
      isWriter,
    };
    expect(checkSnapshotToLoad({ ...base, bindings: [[A.getActorId(ana), "mallory"]] })).toMatchObject({
      ok: false,
      code: "forged-snapshot",
    });
    expect(checkSnapshotToLoad({ ...base, bindings: [] })).toMatchObject({ ok: false, code: "forged-snapshot" });
    expect(checkSnapshotToLoad({ ...base, bindings: [[A.getActorId(ana), ANA]], allows: () => false })).toMatchObject({
      ok: false,
      code: "forged-snapshot",
    });
  });
});

describe("a snapshot served without acknowledgement, as its sole writer's", () => {
  const PHONE = "ana-phone";

  it("is Ana's alone only if it names no other device's counter and binds every actor to her", () => {
    const { actors } = history();
    const bindings = Object.entries(actors);
    expect(isSoleWriters([[PHONE, 3]], bindings, PHONE, ANA)).toBe(true);
    expect(isSoleWriters([], bindings, PHONE, ANA)).toBe(true);
    // Ben's device wrote before it (a relay serving it as Ana's alone is lying, or Ana's snapshot left him out).
    expect(
      isSoleWriters(
        [
          [PHONE, 3],
          ["ben-phone", 1],
        ],
        bindings,
        PHONE,
        ANA,
      ),
    ).toBe(false);
    // An actor bound to Ben.
    expect(isSoleWriters([[PHONE, 3]], [...bindings, ["b0b0", BEN]], PHONE, ANA)).toBe(false);
    // Signed by another device of hers than the one whose counter it names.
    expect(isSoleWriters([[PHONE, 3]], bindings, "ana-tablet", ANA)).toBe(false);
  });

  it("on a new device, its changes are not read one by one: its listed actors become Ana's, and its state is checked", () => {
    const { ana, actors } = history();
    const base = {
      doc: A.init(),
      save: A.save(ana),
      claimedHeads: A.getHeads(ana),
      bindings: Object.entries(actors),
      actors: {},
      isWriter: (w: string) => w === ANA,
      soleWriter: ANA,
      actor: "aaaa",
    };
    const checked = checkSnapshotToLoad({ ...base, allows: () => false }); // never asked
    expect(checked).toMatchObject({ ok: true, value: { bindings: actors } });
    expect(checked.ok && A.getActorId(checked.value.doc)).toBe("aaaa");
    expect(checkSnapshotToLoad({ ...base, stateAllows: () => false })).toMatchObject({
      ok: false,
      code: "forged-snapshot",
    });
    expect(checkSnapshotToLoad({ ...base, isWriter: () => false })).toMatchObject({
      ok: false,
      code: "forged-snapshot",
    });
  });

  it("on a device that knows another writer's actor, every change is checked again", () => {
    const { ana } = history();
    let ben = A.clone(ana, "b0b0b0b0");
    ben = A.change(ben, (d) => void (d.other = "Ben's"));
    const merged = A.merge(A.clone(ana), ben);
    const checked = checkSnapshotToLoad({
      doc: A.init(),
      save: A.save(merged),
      claimedHeads: A.getHeads(merged),
      bindings: [[A.getActorId(ana), ANA]],
      actors: { b0b0b0b0: BEN },
      isWriter: (w) => w === ANA,
      soleWriter: ANA,
    });
    expect(checked).toMatchObject({ ok: false, code: "forged-snapshot" });
  });
});
