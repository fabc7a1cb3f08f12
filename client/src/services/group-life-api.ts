/**
 * Group life as the UI sees it: goals (and, next, check-ins, offers and asks, lending circles).
 * Everything here lives in the group's end-to-end encrypted document and works offline.
 */
import type { GroupId, Result } from "@porch/shared";
import type { GoalInput } from "./porch-api.ts";

/** Operations on a group's shared life. Each is durable on the device before it resolves. */
export interface GroupLifeApi {
  /** Adds a goal owned by this member. */
  addGoal(groupId: GroupId, input: GoalInput): Promise<Result<string>>;
  /** Edits one of this member's own goals. */
  editGoal(groupId: GroupId, goalId: string, input: GoalInput): Promise<Result<void>>;
}
