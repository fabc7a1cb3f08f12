/** Goals: what a member sets for themselves, and how the group sees it. Part of the group-life API (../group-life-api.ts). */
import type { MemberId } from "@porch/shared";
import type { GoalCategory } from "../porch-api.ts";

/** Who sees a goal's amounts: everyone in the group, or only its owner (others see percentages). */
export type AmountVisibility = "amounts" | "percent";
/** A goal's state; only its owner changes it. */
export type GoalState = "active" | "completed" | "paused" | "dropped";
export const GOAL_STATES = ["active", "completed", "paused", "dropped"] as const satisfies readonly GoalState[];

/**
 * What a member types to create or edit a goal. Amounts are whole dollars. The optional fields left
 * out keep their current value on edit (or the default on create: no date, "amounts").
 */
export interface GoalInput {
  readonly title: string;
  readonly category: GoalCategory;
  readonly targetAmount: number | null;
  /** Target date "YYYY-MM-DD", or null for none. */
  readonly targetDate?: string | null;
  /** Default "amounts". With "percent", other members' views never contain the amounts. */
  readonly visibility?: AmountVisibility;
}

/**
 * One progress update. Give `amount` (the total reached so far, whole dollars) or `percent` (0–100),
 * not both; a note is optional. `milestoneId` marks that milestone reached by this update.
 */
export interface ProgressInput {
  readonly amount?: number | null;
  readonly percent?: number | null;
  readonly note?: string;
  readonly milestoneId?: string | null;
}

/** A milestone on the way to a goal. */
export interface MilestoneInput {
  readonly title: string;
  readonly targetAmount?: number | null;
  readonly targetDate?: string | null;
}

export interface ProgressView {
  readonly id: string;
  readonly at: number;
  /** Null when the owner gave a percentage, or when amounts are hidden from this viewer. */
  readonly amount: number | null;
  /** The percentage given, or computed from amount / target; null if neither is known. */
  readonly percent: number | null;
  readonly note: string;
  readonly milestoneId: string | null;
}

export interface MilestoneView {
  readonly id: string;
  readonly title: string;
  /** Null when none, or hidden from this viewer. */
  readonly targetAmount: number | null;
  readonly targetDate: string | null;
  /** When it was reached (a progress update or `reachMilestone`), else null. */
  readonly reachedAt: number | null;
  readonly createdAt: number;
}

export interface CommentView {
  readonly id: string;
  readonly by: MemberId;
  readonly at: number;
  readonly text: string;
}

/** A goal as one member (the viewer) sees it. */
export interface GoalView {
  readonly id: string;
  readonly owner: MemberId;
  /** True when the viewer owns it (only then may they edit it or add progress). */
  readonly mine: boolean;
  readonly title: string;
  readonly category: GoalCategory;
  readonly visibility: AmountVisibility;
  /** True when the owner chose "percent" and the viewer is someone else: every amount below is null. */
  readonly amountsHidden: boolean;
  readonly targetAmount: number | null;
  readonly targetDate: string | null;
  readonly state: GoalState;
  /** Latest amount reached (null if hidden or never given). */
  readonly currentAmount: number | null;
  /** Latest percentage (given, or computed from amount / target), 0–100, or null. */
  readonly percent: number | null;
  /** The latest updates, newest first (at most `LIFE_LIMITS.progressInView`). */
  readonly progress: readonly ProgressView[];
  /** How many progress updates the goal has in all. */
  readonly progressCount: number;
  /** Oldest first. */
  readonly milestones: readonly MilestoneView[];
  /** One cheer per member. */
  readonly cheers: { readonly count: number; readonly mine: boolean; readonly by: readonly MemberId[] };
  /** Oldest first. */
  readonly comments: readonly CommentView[];
  readonly createdAt: number;
  readonly updatedAt: number;
}
