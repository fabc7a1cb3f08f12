import { describe, expect, it } from "vitest";
import type { GroupId, MemberId } from "@porch/shared";
import type { CoreSnapshot } from "./api/core-protocol.ts";
import type { LifeView } from "./api/group-life-api.ts";
import { makeSnapshotDiff } from "./core-host.ts";

const g = "g1" as GroupId;
const life = (goals: number): LifeView =>
  ({ goals: Array.from({ length: goals }, (_, i) => ({ id: `goal-${i}` })), offers: [] }) as unknown as LifeView;
const snapshot = (goals: number, name = "Maple", journal: CoreSnapshot["journal"] = null): CoreSnapshot => ({
  journal,
  cohorts: [],
  profile: { memberId: "ana" as MemberId, deviceId: "d" as never, displayName: "Ana", lang: "en", deviceAddedAt: 0 },
  groups: [{ groupId: g, name }],
  sync: { kind: "synced" },
  notices: [],
  byGroup: {
    [g]: {
      view: { groupId: g, name, members: [], sync: { kind: "synced" } },
      life: life(goals),
      membership: null,
      news: null,
    },
  },
});

describe("what crosses the boundary", () => {
  it("the first update carries every view; an unchanged group's life and membership are then left out", () => {
    const diff = makeSnapshotDiff();
    expect(diff.diff(snapshot(2)).byGroup[g]).toHaveProperty("life");
    const again = diff.diff(snapshot(2, "Maple Street")).byGroup[g]!;
    expect(again).not.toHaveProperty("life");
    expect(again).not.toHaveProperty("membership");
    expect(again.view.name).toBe("Maple Street"); // the small group view always goes
  });

  it("the journal's view is left out while it is unchanged, and sent when it changes", () => {
    const diff = makeSnapshotDiff();
    const view = { currentMonth: "2025-05", months: [] } as unknown as NonNullable<CoreSnapshot["journal"]>;
    expect(diff.diff(snapshot(1, "Maple", view))).toHaveProperty("journal", view);
    expect(diff.diff(snapshot(1, "Maple", { ...view }))).not.toHaveProperty("journal");
    const next = { ...view, currentMonth: "2025-06" };
    expect(diff.diff(snapshot(1, "Maple", next))).toHaveProperty("journal", next);
  });

  it("a change in the group's life is sent", () => {
    const diff = makeSnapshotDiff();
    diff.diff(snapshot(2));
    expect(diff.diff(snapshot(3)).byGroup[g]?.life?.goals).toHaveLength(3);
  });

  it("views equal to the cached ones the page painted are not sent again", () => {
    const diff = makeSnapshotDiff();
    diff.seed(JSON.parse(JSON.stringify(snapshot(5))) as CoreSnapshot);
    expect(diff.diff(snapshot(5)).byGroup[g]).not.toHaveProperty("life");
    expect(diff.diff(snapshot(6)).byGroup[g]).toHaveProperty("life");
  });
});
