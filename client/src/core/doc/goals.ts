/**
 * Goals: the owner writes the goal, its spec (edits and state), progress, milestones; other members
 * write only their own cheer and their comments. Views honour the owner's amount visibility.
 */
import * as A from "@automerge/automerge";
import type { MemberId } from "@porch/shared";
import { GOAL_CATEGORIES, LIFE_LIMITS, type GoalCategory } from "../api/vocabulary.ts";
import type {
  AmountVisibility,
  CommentView,
  GoalInput,
  GoalState,
  GoalView,
  MilestoneInput,
  MilestoneView,
  ProgressInput,
  ProgressView,
} from "../api/group-life-api.ts";
import {
  byAtAsc,
  byAtDesc,
  entries,
  num,
  putRecord,
  str,
  text,
  writtenBy,
  type Authors,
  type RecordIndex,
} from "./records.ts";
import { key, type GoalSpecRecord, type GroupDoc, type StoredGoal } from "./schema.ts";

const STATES: readonly string[] = ["active", "completed", "paused", "dropped"];

/**
 * Adds a goal owned by `owner` (v2 fields default to no date, amounts visible, active). Goals stay the
 * v1 layout, a map of fields under `goals` (measured: 100 goals are ~5 ms of the 3-year document's
 * ~190 ms load; the owner's later edits are `spec:` records).
 */
export function putGoal(doc: GroupDoc, goalId: string, owner: MemberId, input: GoalInput, now: number): void {
  doc.goals[goalId] = {
    owner,
    title: new A.ImmutableString(input.title.trim()),
    category: input.category,
    targetAmount: input.targetAmount,
    createdAt: now,
    updatedAt: now,
    targetDate: input.targetDate ?? null,
    visibility: input.visibility ?? "amounts",
    state: "active",
    by: owner,
    at: now,
  };
}

/** The owner's edit: writes the whole spec anew (fields left out keep their current value). */
export function putGoalSpec(
  doc: GroupDoc,
  goalId: string,
  by: MemberId,
  current: Pick<ResolvedGoal, "title" | "category" | "targetAmount" | "targetDate" | "visibility" | "state">,
  change: Partial<GoalInput> & { state?: GoalState },
  now: number,
): void {
  const spec: GoalSpecRecord = {
    by,
    at: now,
    title: (change.title ?? current.title).trim(),
    category: change.category ?? current.category,
    targetAmount: change.targetAmount !== undefined ? change.targetAmount : current.targetAmount,
    targetDate: change.targetDate !== undefined ? change.targetDate : current.targetDate,
    visibility: change.visibility ?? current.visibility,
    state: change.state ?? current.state,
  };
  putRecord(doc, key("spec", goalId), spec);
}

export function putProgress(
  doc: GroupDoc,
  id: string,
  goalId: string,
  by: MemberId,
  input: ProgressInput,
  now: number,
): void {
  putRecord(doc, key("progress", id), {
    by,
    at: now,
    goal: goalId,
    amount: input.amount ?? null,
    percent: input.percent ?? null,
    note: (input.note ?? "").trim(),
    milestone: input.milestoneId ?? null,
  });
}
export function putMilestone(
  doc: GroupDoc,
  id: string,
  goalId: string,
  by: MemberId,
  input: MilestoneInput,
  now: number,
): void {
  putRecord(doc, key("milestone", id), {
    by,
    at: now,
    goal: goalId,
    title: input.title.trim(),
    targetAmount: input.targetAmount ?? null,
    targetDate: input.targetDate ?? null,
  });
}
export function putReach(doc: GroupDoc, milestoneId: string, by: MemberId, reached: boolean, now: number): void {
  putRecord(doc, key("reach", milestoneId), { by, at: now, reached });
}
export function putCheer(doc: GroupDoc, goalId: string, by: MemberId, on: boolean, now: number): void {
  putRecord(doc, key("cheer", goalId, by), { by, at: now, on });
}
export function putComment(doc: GroupDoc, id: string, goalId: string, by: MemberId, body: string, now: number): void {
  putRecord(doc, key("comment", id), { by, at: now, goal: goalId, text: body.trim() });
}

/** A goal's current owner-written fields. */
export interface ResolvedGoal {
  readonly id: string;
  readonly owner: MemberId;
  readonly title: string;
  readonly category: GoalCategory;
  readonly targetAmount: number | null;
  readonly targetDate: string | null;
  readonly visibility: AmountVisibility;
  readonly state: GoalState;
  readonly createdAt: number;
  readonly updatedAt: number;
}

const category = (c: unknown): GoalCategory =>
  (GOAL_CATEGORIES as readonly unknown[]).includes(c) ? (c as GoalCategory) : "other";
const amountOrNull = (v: unknown): number | null => {
  const n = num(v);
  return n !== null && n >= 0 ? n : null;
};

/** Goals with the owner's latest spec applied; specs written by anyone else are ignored. */
export function resolveGoals(index: RecordIndex, authors?: Authors): ResolvedGoal[] {
  const out: ResolvedGoal[] = [];
  for (const [id, g] of index.goals) {
    const owner = g.owner;
    // A goal object created by someone else's actor is a forgery: skip it.
    if (!writtenBy(g, g.by ?? owner, owner, authors)) continue;
    const spec = index.byKey.get(key("spec", id));
    const s =
      spec !== undefined && writtenBy(spec, spec.by, owner, authors) ? (spec as unknown as GoalSpecRecord) : undefined;
    const base: StoredGoal = g;
    out.push({
      id,
      owner: owner as MemberId,
      title: text(s?.title ?? base.title),
      category: category(s?.category ?? base.category),
      targetAmount: amountOrNull(s !== undefined ? s.targetAmount : base.targetAmount),
      targetDate: str(s !== undefined ? s.targetDate : base.targetDate),
      visibility: (s?.visibility ?? base.visibility) === "percent" ? "percent" : "amounts",
      state: (STATES.includes(String(s?.state ?? base.state)) ? (s?.state ?? base.state) : "active") as GoalState,
      createdAt: num(base.createdAt) ?? 0,
      updatedAt: Math.max(num(base.updatedAt) ?? 0, s?.at ?? 0),
    });
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
}

const pct = (amount: number | null, target: number | null): number | null =>
  amount === null || target === null || target <= 0 ? null : Math.min(100, Math.round((amount / target) * 100));

/** Every goal as `viewer` sees it. */
export function goalViews(index: RecordIndex, viewer: MemberId | null, authors?: Authors): GoalView[] {
  const goals = resolveGoals(index, authors);
  const byGoal = new Map(goals.map((g) => [g.id, g]));
  const progress = new Map<string, ProgressView[]>();
  const milestones = new Map<string, MilestoneView[]>();
  const reachedBy = new Map<string, number>();
  const cheers = new Map<string, MemberId[]>();
  const comments = new Map<string, CommentView[]>();
  const hide = (g: ResolvedGoal) => g.visibility === "percent" && g.owner !== viewer;
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const l = m.get(k);
    if (l === undefined) m.set(k, [v]);
    else l.push(v);
  };

  for (const { parts, rec } of entries(index, "reach")) {
    const [msId] = parts;
    const ms = msId === undefined ? undefined : index.byKey.get(key("milestone", msId));
    const g = ms === undefined ? undefined : byGoal.get(String(ms.goal));
    if (g !== undefined && msId !== undefined && writtenBy(rec, rec.by, g.owner, authors) && rec.reached === true)
      reachedBy.set(msId, rec.at);
  }
  for (const { parts, rec } of entries(index, "progress")) {
    const g = byGoal.get(String(rec.goal));
    const id = parts.join(":");
    if (g === undefined || !writtenBy(rec, rec.by, g.owner, authors)) continue;
    const amount = amountOrNull(rec.amount);
    const given = num(rec.percent);
    const milestone = str(rec.milestone);
    if (milestone !== null && !reachedBy.has(milestone)) reachedBy.set(milestone, rec.at);
    push(progress, g.id, {
      id,
      at: rec.at,
      amount: hide(g) ? null : amount,
      percent: given !== null ? Math.max(0, Math.min(100, given)) : pct(amount, g.targetAmount),
      note: text(rec.note),
      milestoneId: milestone,
    });
  }
  for (const { parts, rec } of entries(index, "milestone")) {
    const g = byGoal.get(String(rec.goal));
    const id = parts.join(":");
    if (g === undefined || !writtenBy(rec, rec.by, g.owner, authors)) continue;
    push(milestones, g.id, {
      id,
      title: text(rec.title),
      targetAmount: hide(g) ? null : amountOrNull(rec.targetAmount),
      targetDate: str(rec.targetDate),
      reachedAt: reachedBy.get(id) ?? null,
      createdAt: rec.at,
    });
  }
  for (const { parts, rec } of entries(index, "cheer")) {
    const [goalId, member] = parts;
    if (
      goalId === undefined ||
      member === undefined ||
      !byGoal.has(goalId) ||
      rec.on !== true ||
      !writtenBy(rec, rec.by, member, authors)
    )
      continue;
    push(cheers, goalId, member as MemberId);
  }
  for (const { parts, rec } of entries(index, "comment")) {
    const goalId = String(rec.goal);
    if (!byGoal.has(goalId) || !writtenBy(rec, rec.by, rec.by, authors)) continue;
    push(comments, goalId, { id: parts.join(":"), by: rec.by as MemberId, at: rec.at, text: text(rec.text) });
  }

  return goals.map((g): GoalView => {
    const p = (progress.get(g.id) ?? []).sort(byAtDesc);
    const latestAmount = p.find((x) => x.amount !== null)?.amount ?? null;
    const latest = p[0];
    const cheered = (cheers.get(g.id) ?? []).sort();
    const hidden = hide(g);
    return {
      id: g.id,
      owner: g.owner,
      mine: g.owner === viewer,
      title: g.title,
      category: g.category,
      visibility: g.visibility,
      amountsHidden: hidden,
      targetAmount: hidden ? null : g.targetAmount,
      targetDate: g.targetDate,
      state: g.state,
      currentAmount: hidden ? null : latestAmount,
      percent: g.state === "completed" ? 100 : (latest?.percent ?? null),
      progress: p.slice(0, LIFE_LIMITS.progressInView),
      progressCount: p.length,
      milestones: (milestones.get(g.id) ?? []).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1)),
      cheers: { count: cheered.length, mine: viewer !== null && cheered.includes(viewer), by: cheered },
      comments: (comments.get(g.id) ?? []).sort(byAtAsc),
      createdAt: g.createdAt,
      updatedAt: Math.max(g.updatedAt, latest?.at ?? 0),
    };
  });
}
