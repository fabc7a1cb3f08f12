/** Implements `GroupLifeApi` over the open groups' documents. */
import { err, ok, type GroupId, type Result } from "@porch/shared";
import type { CoreContext } from "./core-context.ts";
import { cleanGoalInput, editGoalIn, goalsOf, putGoal } from "./group-doc.ts";
import type { GroupLifeApi } from "./group-life-api.ts";
import type { GoalInput } from "./porch-api.ts";

/** Goals and (next) the rest of group life. */
export class GroupLifeService implements GroupLifeApi {
  constructor(private readonly ctx: CoreContext) {}

  async addGoal(groupId: GroupId, input: GoalInput): Promise<Result<string>> {
    const { identity, store } = this.ctx.need();
    const g = store.get(groupId);
    const clean = cleanGoalInput(input);
    if (g === undefined) return err("group-not-found");
    if (clean === null) return err("bad-entry", "goal input");
    const goalId = crypto.randomUUID();
    await g.sync.change((d) => putGoal(d, goalId, identity.memberId, clean, Date.now()));
    return ok(goalId);
  }

  async editGoal(groupId: GroupId, goalId: string, input: GoalInput): Promise<Result<void>> {
    const { identity, store } = this.ctx.need();
    const g = store.get(groupId);
    const clean = cleanGoalInput(input);
    if (g === undefined) return err("group-not-found");
    if (clean === null) return err("bad-entry", "goal input");
    if (goalsOf(g.handle.doc()).find((x) => x.id === goalId)?.owner !== identity.memberId) return err("not-a-member", "only the owner edits a goal");
    await g.sync.change((d) => editGoalIn(d, goalId, clean, Date.now()));
    return ok(undefined);
  }
}
