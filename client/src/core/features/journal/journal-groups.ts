/**
 * Where the journal meets the member's groups: the help they gave and received (to pre-fill a month),
 * and the "my group sees my goal amounts" consent applied to their goals in that group.
 */
import { err, ok, type GroupId, type MemberId, type Result } from "@porch/shared";
import { currentMonth } from "@porch/shared/journal";
import type { GroupLifeApi } from "../../api/group-life-api.ts";
import type { HelpCount } from "../../api/journal-api.ts";

/** Finished offers and asks `me` gave or received, per month they were taken up (the device's calendar). */
export function helpByMonth(
  life: GroupLifeApi,
  groupIds: readonly GroupId[],
  me: MemberId | null,
): Record<string, HelpCount> {
  const counts: Record<string, { given: number; received: number }> = {};
  if (me === null) return counts;
  for (const groupId of groupIds) {
    for (const o of life.offers(groupId, { show: "all" }) ?? []) {
      if (o.status !== "done" || (o.giver !== me && o.receiver !== me)) continue;
      const at = o.claimedAt ?? o.postedAt;
      const c = (counts[currentMonth(at, -new Date(at).getTimezoneOffset())] ??= { given: 0, received: 0 });
      if (o.giver === me) c.given++;
      else c.received++;
    }
  }
  return counts;
}

/** Every goal of this member in the group shows amounts (`visible`) or only percentages. */
export async function applyGoalAmounts(life: GroupLifeApi, groupId: GroupId, visible: boolean): Promise<Result<true>> {
  const goals = life.goals(groupId);
  if (goals === null) return err("group-not-found");
  const visibility = visible ? "amounts" : "percent";
  for (const g of goals) {
    if (!g.mine || g.visibility === visibility) continue;
    const { title, category, targetAmount, targetDate } = g;
    const edited = await life.editGoal(groupId, g.id, { title, category, targetAmount, targetDate, visibility });
    if (!edited.ok) return edited;
  }
  return ok(true);
}
