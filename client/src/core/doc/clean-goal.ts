/** The original goal check (kept for callers of v1's API); new code uses `checkGoalInput`. */
import type { GoalInput } from "../api/porch-api.ts";
import { checkGoalInput } from "../api/validate.ts";

/** Validates what a member typed for a goal; returns a cleaned copy or null. */
export function cleanGoalInput(input: GoalInput): GoalInput | null {
  if (checkGoalInput(input) !== null) return null;
  return { title: input.title.trim(), category: input.category, targetAmount: input.targetAmount };
}
