/**
 * Ben is a member, so his envelopes are correctly signed — but he may only write his own things.
 * Each row is a change Ben could make with plain Automerge; Ana's device must refuse what reaches
 * into her objects and accept what is his.
 */
import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import type { GroupDoc } from "./schema.ts";
import { soleWriterAllows, WriteRules } from "./write-rules.ts";

const ANA = "ana-member-id";
const BEN = "ben-member-id";
const anaActor = "aa".repeat(16);
const benActor = "bb".repeat(16);
const actors = { [anaActor]: ANA, [benActor]: BEN };

type Doc = GroupDoc & Record<string, unknown>;

/** Ana founded the group, added a goal and a progress record; Ben's replica starts from there. */
function founded(): Doc {
  return A.change(A.init<Doc>({ actor: anaActor }), (d) => {
    d.schemaVersion = 2;
    d.name = new A.ImmutableString("Maple Street");
    d.members = { [ANA]: { displayName: new A.ImmutableString("Ana"), joinedAt: 1 } };
    d.goals = {
      g1: {
        owner: ANA,
        title: new A.ImmutableString("Emergency fund"),
        category: "savings",
        targetAmount: 1500,
        createdAt: 1,
        updatedAt: 1,
      },
    } as never;
    d["progress:p1"] = { d: new A.ImmutableString(JSON.stringify({ by: ANA, at: 1, goal: "g1", amount: 100 })) };
  });
}

function benChanges(base: Doc, edit: (d: Doc) => void): Uint8Array[] {
  const mine = A.change(A.clone(base, { actor: benActor }), edit);
  return A.getChanges(base, mine);
}

describe("what a member may write", () => {
  const base = founded();
  const rows: [string, (d: Doc) => void, boolean][] = [
    [
      "Ben adds his own name",
      (d) => void (d.members[BEN] = { displayName: new A.ImmutableString("Ben"), joinedAt: 2 }),
      true,
    ],
    [
      "Ben adds a goal of his own",
      (d) => void ((d.goals as Record<string, unknown>)["g2"] = { owner: BEN, title: new A.ImmutableString("GED") }),
      true,
    ],
    [
      "Ben posts a new group-life record",
      (d) => void (d["offer:o1"] = { d: new A.ImmutableString(JSON.stringify({ by: BEN, at: 2 })) }),
      true,
    ],
    [
      "Ben renames Ana in the member list",
      (d) => void (d.members[ANA]!.displayName = new A.ImmutableString("Not Ana")),
      false,
    ],
    [
      "Ben replaces Ana's member entry",
      (d) => void (d.members[ANA] = { displayName: new A.ImmutableString("x"), joinedAt: 9 }),
      false,
    ],
    [
      "Ben edits Ana's goal title in place",
      (d) => void ((d.goals as Record<string, { title: unknown }>)["g1"]!.title = new A.ImmutableString("Forged")),
      false,
    ],
    [
      "Ben replaces Ana's goal",
      (d) => void ((d.goals as Record<string, unknown>)["g1"] = { owner: ANA, title: new A.ImmutableString("Forged") }),
      false,
    ],
    [
      "Ben rewrites Ana's progress record in place",
      (d) =>
        void ((d["progress:p1"] as { d: unknown }).d = new A.ImmutableString(
          JSON.stringify({ by: ANA, at: 1, goal: "g1", amount: 9999 }),
        )),
      false,
    ],
    ["Ben replaces the whole goals map", (d) => void (d.goals = {} as never), false],
    ["Ben renames the group", (d) => void (d.name = new A.ImmutableString("Ben's group")), false],
  ];
  it.each(rows)("%s → allowed: %s", (_name, edit, allowed) => {
    expect(new WriteRules(base).allows(benChanges(base, edit), BEN, actors)).toBe(allowed);
  });

  it("Ana may edit her own goal and records from any of her devices", () => {
    const otherDevice = "cc".repeat(16);
    const mine = A.change(A.clone(base, { actor: otherDevice }), (d) => {
      (d.goals as Record<string, { title: unknown }>)["g1"]!.title = new A.ImmutableString("Emergency fund, $2,000");
    });
    expect(new WriteRules(base).allows(A.getChanges(base, mine), ANA, { ...actors, [otherDevice]: ANA })).toBe(true);
  });

  it("a new device catching up reads the founding change and Ben's name in one batch: both allowed, a later takeover not", () => {
    const rules = new WriteRules(A.init<Doc>());
    expect(rules.allows(A.getAllChanges(base), ANA, actors)).toBe(true);
    expect(
      rules.allows(
        benChanges(base, (d) => void (d.members[BEN] = { displayName: new A.ImmutableString("Ben"), joinedAt: 2 })),
        BEN,
        actors,
      ),
    ).toBe(true);
    expect(
      rules.allows(
        benChanges(base, (d) => void (d.goals = {} as never)),
        BEN,
        actors,
      ),
    ).toBe(false);
    expect(
      rules.allows(
        benChanges(base, (d) => void (d.members[ANA]!.displayName = new A.ImmutableString("x"))),
        BEN,
        actors,
      ),
    ).toBe(false);
  });

  it("a new device that loaded Ana's snapshot (its changes not read through the rules) learns what it founded and owns: Ben's takeover after it is refused", () => {
    const rules = new WriteRules(A.init<Doc>());
    rules.learn(A.load<Doc>(A.save(base)));
    expect(
      rules.allows(
        benChanges(base, (d) => void (d.goals = {} as never)),
        BEN,
        actors,
      ),
    ).toBe(false);
    expect(
      rules.allows(
        benChanges(base, (d) => void ((d.goals as Record<string, unknown>)["g1"] = { owner: BEN })),
        BEN,
        actors,
      ),
    ).toBe(false);
    expect(
      rules.allows(
        benChanges(base, (d) => void (d["offer:o2"] = { d: "new" })),
        BEN,
        actors,
      ),
    ).toBe(true);
  });

  it("undecodable bytes are refused", () => {
    expect(new WriteRules(base).allows([new Uint8Array([1, 2, 3])], BEN, actors)).toBe(false);
  });
});

describe("a snapshot by one member alone, checked on its state", () => {
  it("holds only Ana's own entry in the members map; a profile planted under Ben's id is refused", () => {
    const ana = A.from<{ members: Record<string, { displayName: string }>; note?: string }>({
      members: { "ana-id": { displayName: "Ana" } },
    });
    expect(soleWriterAllows(ana, "ana-id")).toBe(true);
    expect(soleWriterAllows(A.from({ note: "no members yet" }), "ana-id")).toBe(true);
    const planted = A.change(ana, (d) => void (d.members["ben-id"] = { displayName: "not Ben's words" }));
    expect(soleWriterAllows(planted, "ana-id")).toBe(false);
    expect(soleWriterAllows(A.from({ members: "not a map" }), "ana-id")).toBe(false);
  });
});
