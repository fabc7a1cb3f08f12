import * as A from "@automerge/automerge";
import { describe, expect, it } from "vitest";
import { ana, ben, cleo, deviceOf, edit, merge, newGroup, T0, view } from "./doc-test-kit.ts";
import {
  putCheer,
  putComment,
  putGoal,
  putGoalSpec,
  putMilestone,
  putProgress,
  putReach,
  resolveGoals,
} from "./goals.ts";
import { lifeView } from "./life-view.ts";
import { indexOf } from "./records.ts";
import type { GroupDoc } from "./schema.ts";

const withGoal = (visibility: "amounts" | "percent") =>
  edit(newGroup(), (d) =>
    putGoal(
      d,
      "g1",
      ana,
      { title: "Emergency fund", category: "savings", targetAmount: 1000, targetDate: "2019-12-31", visibility },
      T0,
    ),
  );
const resolved = (doc: A.Doc<GroupDoc>) => resolveGoals(indexOf(doc))[0]!;

describe("goals", () => {
  it("Ana sets a goal and logs progress; everyone sees amounts and a computed percentage", () => {
    const doc = edit(withGoal("amounts"), (d) =>
      putProgress(d, "p1", "g1", ana, { amount: 250, note: "first paycheck" }, T0 + 1),
    );
    const g = view(doc, ben).goals[0]!;
    expect(g).toMatchObject({
      title: "Emergency fund",
      targetAmount: 1000,
      currentAmount: 250,
      percent: 25,
      state: "active",
      mine: false,
      amountsHidden: false,
    });
    expect(g.progress[0]).toMatchObject({ amount: 250, percent: 25, note: "first paycheck" });
  });

  it("after three years of weekly updates the view carries the latest ten, newest first, and the count of all", () => {
    const doc = edit(withGoal("amounts"), (d) => {
      for (let i = 1; i <= 156; i++) putProgress(d, `p${i}`, "g1", ana, { amount: i }, T0 + i);
    });
    const g = view(doc, ben).goals[0]!;
    expect(g.progressCount).toBe(156);
    expect(g.progress.map((p) => p.amount)).toEqual([156, 155, 154, 153, 152, 151, 150, 149, 148, 147]);
    expect(g.currentAmount).toBe(156);
  });

  it("with 'percent only', Ben's view holds no amount at all — Ana's still does", () => {
    const doc = edit(withGoal("percent"), (d) => {
      putProgress(d, "p1", "g1", ana, { amount: 400, note: "" }, T0 + 1);
      putMilestone(d, "m1", "g1", ana, { title: "Half way", targetAmount: 500 }, T0 + 2);
    });
    const bens = view(doc, ben).goals[0]!;
    expect(bens).toMatchObject({ amountsHidden: true, targetAmount: null, currentAmount: null, percent: 40 });
    expect(JSON.stringify(bens)).not.toMatch(/400|500|1000/);
    expect(view(doc, ana).goals[0]).toMatchObject({ targetAmount: 1000, currentAmount: 400, amountsHidden: false });
  });

  it("only the owner's edits show: Ben's forged spec and progress on Ana's goal are ignored", () => {
    const doc = edit(withGoal("amounts"), (d) => {
      putGoalSpec(d, "g1", ben, resolved(d as A.Doc<GroupDoc>), { title: "Hacked", state: "dropped" }, T0 + 5);
      putProgress(d, "p1", "g1", ben, { amount: 999 }, T0 + 6);
    });
    expect(view(doc, cleo).goals[0]).toMatchObject({
      title: "Emergency fund",
      state: "active",
      currentAmount: null,
      progress: [],
    });
  });

  it("a record written by Ben's actor but stamped as Ana's is ignored once actors are known", () => {
    const anaDev = withGoal("amounts");
    const benDev = edit(deviceOf(anaDev), (d) => putProgress(d, "p1", "g1", ana, { amount: 999 }, T0 + 6));
    const authors = { [A.getActorId(anaDev)]: ana, [A.getActorId(benDev)]: ben };
    const merged = merge(anaDev, benDev);
    expect(view(merged, cleo).goals[0]!.currentAmount).toBe(999); // without actor knowledge the stamp is trusted
    expect(lifeView(merged, cleo, T0, "2025-03-03", authors).goals[0]!.currentAmount).toBeNull();
  });

  it("a new change re-parses only the records it wrote (parsed records are cached by their map object)", () => {
    const before = edit(withGoal("amounts"), (d) => putProgress(d, "p1", "g1", ana, { amount: 100 }, T0 + 1));
    const after = edit(before, (d) => putProgress(d, "p2", "g1", ana, { amount: 200 }, T0 + 2));
    const a = indexOf(before),
      b = indexOf(after);
    expect(b).not.toBe(a);
    expect(b.byKey.get("progress:p1")).toBe(a.byKey.get("progress:p1"));
    expect(b.goals.get("g1")).toBe(a.goals.get("g1"));
    expect(view(after, ana).goals[0]!.currentAmount).toBe(200);
  });

  it("a goal spec is rewritten whole: a new map object per edit, created by the writer's actor", () => {
    const anaDev = withGoal("amounts");
    const first = edit(anaDev, (d) =>
      putGoalSpec(d, "g1", ana, resolved(d as A.Doc<GroupDoc>), { title: "One" }, T0 + 1),
    );
    const second = edit(first, (d) =>
      putGoalSpec(d, "g1", ana, resolved(d as A.Doc<GroupDoc>), { title: "Two" }, T0 + 2),
    );
    const id = (doc: A.Doc<GroupDoc>) => A.getObjectId((doc as unknown as Record<string, object>)["spec:g1"]!);
    expect(id(second)).not.toBe(id(first));
    expect(id(second)!.endsWith(`@${A.getActorId(second)}`)).toBe(true);
    expect(view(second, ben).goals[0]!.title).toBe("Two");
  });

  it("Ana edits, completes and reaches milestones; edits keep fields she left out", () => {
    let doc = edit(withGoal("amounts"), (d) => putMilestone(d, "m1", "g1", ana, { title: "First $500" }, T0 + 1));
    doc = edit(doc, (d) =>
      putGoalSpec(d, "g1", ana, resolved(d as A.Doc<GroupDoc>), { title: "Rainy-day fund" }, T0 + 2),
    );
    doc = edit(doc, (d) => putReach(d, "m1", ana, true, T0 + 3));
    doc = edit(doc, (d) => putGoalSpec(d, "g1", ana, resolved(d as A.Doc<GroupDoc>), { state: "completed" }, T0 + 4));
    const g = view(doc, ben).goals[0]!;
    expect(g).toMatchObject({
      title: "Rainy-day fund",
      targetAmount: 1000,
      targetDate: "2019-12-31",
      state: "completed",
      percent: 100,
    });
    expect(g.milestones[0]).toMatchObject({ title: "First $500", reachedAt: T0 + 3 });
  });

  it("cheers are one per member and toggle; comments come oldest first", () => {
    let doc = edit(withGoal("amounts"), (d) => {
      putCheer(d, "g1", ben, true, T0 + 1);
      putCheer(d, "g1", cleo, true, T0 + 2);
      putComment(d, "c2", "g1", cleo, "Proud of you", T0 + 4);
      putComment(d, "c1", "g1", ben, "You've got this", T0 + 3);
    });
    doc = edit(doc, (d) => putCheer(d, "g1", ben, true, T0 + 5)); // a second cheer from Ben is still one
    expect(view(doc, ben).goals[0]!.cheers).toEqual({ count: 2, mine: true, by: [ben, cleo] });
    doc = edit(doc, (d) => putCheer(d, "g1", ben, false, T0 + 6));
    const g = view(doc, ben).goals[0]!;
    expect(g.cheers).toEqual({ count: 1, mine: false, by: [cleo] });
    expect(g.comments.map((c) => c.text)).toEqual(["You've got this", "Proud of you"]);
  });

  it("Ben cheers offline while Cleo cheers offline: both cheers survive the merge", () => {
    const base = withGoal("amounts");
    const b = edit(deviceOf(base), (d) => putCheer(d, "g1", ben, true, T0 + 1));
    const c = edit(deviceOf(base), (d) => putCheer(d, "g1", cleo, true, T0 + 1));
    expect(view(merge(b, c), ana).goals[0]!.cheers.count).toBe(2);
  });
});
