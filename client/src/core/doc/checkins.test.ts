import { describe, expect, it } from "vitest";
import { memberHistory } from "../api/life/select.ts";
import { checkInKey, putCheckIn, putReply, putRhythm } from "./checkins.ts";
import { ana, ben, cleo, deviceOf, edit, merge, newGroup, T0, view } from "./doc-test-kit.ts";
import { periodOf } from "./periods.ts";
import { putRecord } from "./records.ts";

const post = {
  wins: "Paid rent on time",
  nextSteps: "Open a savings account",
  asks: "Anyone know a good credit union?",
};

describe("check-in periods", () => {
  it.each([
    ["weekly", "2025-03-03", "2025-03-09", "2025-03-03", "2025-03-10"],
    ["weekly", "2025-03-03", "2025-03-10", "2025-03-10", "2025-03-17"],
    ["biweekly", "2025-03-03", "2025-03-20", "2025-03-17", "2025-03-31"],
    ["biweekly", "2025-03-03", "2025-03-02", "2025-02-17", "2025-03-03"],
    ["monthly", "2025-01-15", "2025-03-14", "2025-02-15", "2025-03-15"],
    ["monthly", "2025-01-31", "2025-02-28", "2025-02-28", "2025-03-28"],
    ["monthly", "2000-01-01", "2019-12-31", "2019-12-01", "2020-01-01"],
  ] as const)("%s from %s: %s falls in [%s, %s)", (rhythm, anchor, day, start, end) => {
    expect(periodOf(rhythm, anchor, day)).toEqual({ start, end });
  });
});

describe("check-ins", () => {
  it("before anyone picks a rhythm it is monthly; Ana sees a gentle prompt until she posts", () => {
    const doc = newGroup();
    const v = view(doc, ana).checkIns;
    expect(v).toMatchObject({
      rhythm: "monthly",
      rhythmChosen: false,
      promptMe: true,
      current: { start: "2025-03-01", end: "2025-04-01" },
    });
    const after = edit(doc, (d) => putCheckIn(d, v.current.start, ana, post, T0));
    expect(view(after, ana).checkIns.promptMe).toBe(false);
    expect(view(after, ben).checkIns.promptMe).toBe(true); // Ben's own prompt; nothing about Ben is shown to others
  });

  it("Ben sets a weekly rhythm; posts and replies build each member's and the group's history", () => {
    let doc = edit(newGroup(), (d) => putRhythm(d, ben, "weekly", "2025-03-03", T0));
    doc = edit(doc, (d) => {
      putCheckIn(d, "2025-03-03", ana, post, T0 + 1);
      putCheckIn(d, "2025-03-10", ana, { ...post, wins: "Week two" }, T0 + 7 * 86_400_000);
      putCheckIn(d, "2025-03-10", ben, { wins: "", nextSteps: "", asks: "Rides on Tuesday?" }, T0 + 7 * 86_400_000 + 1);
      putReply(d, "r1", checkInKey("2025-03-10", ben), cleo, "I can drive!", T0 + 7 * 86_400_000 + 2);
    });
    const v = view(doc, cleo, T0 + 8 * 86_400_000, "2025-03-11").checkIns;
    expect(v).toMatchObject({ rhythm: "weekly", rhythmChosen: true, rhythmSetBy: ben, promptMe: true });
    expect(v.periods.map((p) => [p.start, p.posts.length])).toEqual([
      ["2025-03-10", 2],
      ["2025-03-03", 1],
    ]);
    expect(v.current.posts[1]!.replies).toEqual([expect.objectContaining({ by: cleo, text: "I can drive!" })]);
    expect(memberHistory(v, ana).map((p) => p.wins)).toEqual(["Week two", "Paid rent on time"]);
  });

  it("Ana and Ben post offline in the same period: both posts survive the merge", () => {
    const base = newGroup();
    const a = edit(deviceOf(base), (d) => putCheckIn(d, "2025-03-01", ana, post, T0 + 1));
    const b = edit(deviceOf(base), (d) => putCheckIn(d, "2025-03-01", ben, post, T0 + 2));
    expect(view(merge(a, b), cleo).checkIns.current.posts.map((p) => p.member)).toEqual([ana, ben]);
  });

  it("a post stored under Ana's key but stamped by Ben does not show", () => {
    const doc = edit(newGroup(), (d) =>
      putRecord(d, checkInKey("2025-03-01", ana), {
        by: ben,
        at: T0,
        period: "2025-03-01",
        wins: "x",
        next: "",
        asks: "",
      }),
    );
    expect(view(doc, cleo).checkIns.current.posts).toEqual([]);
  });
});
