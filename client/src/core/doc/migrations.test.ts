import { readFileSync } from "node:fs";
import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import type { MemberId } from "@porch/shared";
import { deviceOf, edit, merge } from "./doc-test-kit.ts";
import { resolveGoals } from "./goals.ts";
import { indexOf } from "./records.ts";
import { isInitialised } from "./group-doc.ts";
import { lifeView } from "./life-view.ts";
import { migrateGroupDoc, migrations, needsMigration } from "./migrations.ts";
import { putOffer } from "./offers.ts";
import { GROUP_DOC_VERSION, type GroupDoc } from "./schema.ts";

const fixture = (v: number) =>
  A.load<GroupDoc>(readFileSync(new URL(`./fixtures/group-doc-v${v}.automerge`, import.meta.url)));
const ana = "ana-member-0001" as MemberId,
  ben = "ben-member-0002" as MemberId;
const T = Date.UTC(2025, 0, 6, 12);

describe("schema migrations", () => {
  it("are ordered, end at the current version, and every version has a frozen fixture", () => {
    expect(migrations.map((m) => m.version)).toEqual([2]);
    expect(migrations.at(-1)!.version).toBe(GROUP_DOC_VERSION);
    for (let v = 1; v <= GROUP_DOC_VERSION; v++) expect(fixture(v).schemaVersion).toBe(v);
  });

  it("the v1 fixture reads as is (defaults for v2 fields), then migrates to v2", () => {
    const v1 = fixture(1);
    expect(isInitialised(v1)).toBe(true);
    expect(needsMigration(v1)).toBe(true);
    expect(resolveGoals(indexOf(v1))).toEqual([
      {
        id: "goal-v1-1",
        owner: ana,
        title: "Emergency fund",
        category: "savings",
        targetAmount: 1000,
        targetDate: null,
        visibility: "amounts",
        state: "active",
        createdAt: T,
        updatedAt: T,
      },
    ]);
    const migrated = edit(A.clone(v1), migrateGroupDoc);
    expect(migrated.schemaVersion).toBe(2);
    expect(needsMigration(migrated)).toBe(false);
    const g = lifeView(migrated, ben, T, "2025-01-06").goals[0]!;
    expect(g).toMatchObject({
      title: "Emergency fund",
      visibility: "amounts",
      state: "active",
      targetDate: null,
      targetAmount: 1000,
      progress: [],
      cheers: { count: 0 },
    });
    expect(edit(migrated, migrateGroupDoc).schemaVersion).toBe(2); // idempotent
  });

  it("the v2 fixture loads and produces the expected views", () => {
    const v = lifeView(fixture(2), ben, T + 100, "2025-01-07");
    expect(v.goals[0]).toMatchObject({
      title: "Pay off the car",
      amountsHidden: true,
      targetAmount: null,
      currentAmount: null,
      percent: 25,
      cheers: { count: 1, mine: true },
      comments: [{ text: "Go Ana!" }],
    });
    expect(v.checkIns).toMatchObject({
      rhythm: "weekly",
      current: { start: "2025-01-06", posts: [{ member: ana, wins: "Saved $50" }] },
      promptMe: true,
    });
    expect(v.offers[0]).toMatchObject({ status: "done", claimant: ana, hours: 2, giver: ben, receiver: ana });
    expect(v.tally.group).toEqual({ hours: 2, dollars: 0, count: 1 });
    expect(v.circles[0]!.rounds[0]!.payments[0]).toMatchObject({ payer: ben, state: "received" });
    // The rest of "one of everything": owner's spec edit, milestone reached, reply, thanks, withdrawn ask.
    expect(v.goals[0]).toMatchObject({
      targetDate: "2026-12-31",
      milestones: [{ id: "m-1", title: "Half way", targetAmount: null, reachedAt: T + 12 }],
    });
    expect(v.checkIns.current.posts[0]!.replies).toMatchObject([{ by: ben, text: "Nice one" }]);
    expect(v.offers[0]!.thanks).toEqual([{ by: ana, at: T + 62, note: "Thank you!" }]);
    expect(v.offers.find((o) => o.id === "o-2")).toMatchObject({
      kind: "ask",
      status: "withdrawn",
      description: "Soup on Friday",
    });
  });

  it("the v2 fixture stores every record as one map with one immutable JSON payload (goals stay maps of fields)", () => {
    const doc = fixture(2) as unknown as Record<string, unknown> & GroupDoc;
    expect(Object.keys(doc.goals["goal-v2-1"]!)).toContain("owner");
    const stored = Object.entries(doc).filter(([k]) => k.includes(":") || k === "rhythm");
    expect(stored.length).toBeGreaterThan(15);
    for (const [k, v] of stored) {
      expect(Object.keys(v as object), k).toEqual(["d"]);
      expect(A.isImmutableString((v as { d: unknown }).d), k).toBe(true);
      expect(JSON.parse(String((v as { d: unknown }).d)), k).toMatchObject({
        by: expect.any(String),
        at: expect.any(Number),
      });
    }
  });

  it("two devices migrate the same v1 document offline, each posts an offer; after merging both offers are there", () => {
    const v1 = fixture(1);
    const a = edit(deviceOf(v1), (d) => {
      migrateGroupDoc(d);
      putOffer(d, "o-ana", ana, { kind: "offer", category: "meals", description: "Soup", when: "", expiryDays: 3 }, T);
    });
    const b = edit(deviceOf(v1), (d) => {
      migrateGroupDoc(d);
      putOffer(d, "o-ben", ben, { kind: "ask", category: "rides", description: "A ride", when: "", expiryDays: 3 }, T);
    });
    for (const merged of [merge(a, b), merge(b, a)]) {
      expect(merged.schemaVersion).toBe(2);
      expect(
        lifeView(merged, ana, T, "2025-01-06")
          .offers.map((o) => o.id)
          .sort(),
      ).toEqual(["o-ana", "o-ben"]);
      expect(resolveGoals(indexOf(merged))).toHaveLength(1);
    }
    expect(A.equals(merge(a, b), merge(b, a))).toBe(true);
  });
});
