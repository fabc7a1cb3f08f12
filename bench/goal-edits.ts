/**
 * The one way the benchmarks edit goals, on both systems: the client's own `GroupLifeService`
 * (`addGoal` → `putGoal`, `editGoal` → `putGoalSpec`, each after the same input and ownership checks).
 * Porch runs it inside its core; the plain automerge-repo baseline runs the same class over a bare
 * DocHandle, so both build the same schema-v2 document from the same script.
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import type { GroupId, MemberId } from "@porch/shared";
import type { CoreContext } from "../client/src/core/core-context.ts";
import type { GroupDoc } from "../client/src/core/doc/schema.ts";
import type { GoalView, GroupLifeApi } from "../client/src/core/api/group-life-api.ts";
import { GroupLifeService } from "../client/src/core/features/life/group-life-service.ts";
import type { ScriptOp } from "./edit-script.ts";

/** What the script needs of a device's group life: Porch's `porch.life`, or `plainGoalLife`. */
export type GoalLife = Pick<GroupLifeApi, "addGoal" | "editGoal" | "goals">;

/** Actor (hex) → member id of the plain clients, shared by their views (Porch's record keeps its own). */
export type PlainAuthors = Record<string, string>;

/**
 * `GroupLifeService` over a plain DocHandle written by member `me`: a write is `handle.change` (the
 * plain repo then syncs it), a read is the same `lifeView` Porch's UI reads. Only what goal writes and
 * views touch is provided (`need().identity.memberId`, `need().store.get()` with the group's `handle`, `authors()` and `sync`); anything else the
 * service starts to read fails loudly at run time.
 */
export function plainGoalLife(handle: DocHandle<GroupDoc>, me: MemberId, authors: PlainAuthors): GoalLife {
  authors[A.getActorId(handle.doc())] = me;
  const group = {
    handle,
    authors: () => authors,
    sync: {
      removed: false,
      change: async (fn: (doc: GroupDoc) => void): Promise<void> => {
        handle.change(fn);
      },
    },
  };
  const parts = { identity: { memberId: me }, store: { get: () => group } };
  const ctx = { need: () => parts, parts: () => parts };
  return new GroupLifeService(ctx as unknown as CoreContext);
}

/** Makes one script op; `ids` maps the script's goal numbers to the ids `addGoal` returned. */
export async function applyScriptOp(life: GoalLife, groupId: GroupId, op: ScriptOp, ids: string[]): Promise<void> {
  if (op.kind === "add") {
    const added = await life.addGoal(groupId, op.input);
    if (!added.ok) throw new Error(`addGoal failed: ${added.code}`);
    ids[op.goal] = added.value;
    return;
  }
  const id = ids[op.goal];
  if (id === undefined) throw new Error(`script edits goal ${op.goal} before adding it`);
  const edited = await life.editGoal(groupId, id, op.input);
  if (!edited.ok) throw new Error(`editGoal failed: ${edited.code}`);
}

/** The goals' owner-written content, in a stable order (ids and viewer-dependent fields left out). */
export function goalContent(goals: readonly GoalView[] | null): string {
  const rows = (goals ?? []).map((g) =>
    JSON.stringify([g.title, g.category, g.targetAmount, g.targetDate, g.visibility, g.state]),
  );
  return JSON.stringify(rows.sort());
}

/** How many root records of each type the document holds (`goals` counts the goal maps). */
export function documentShape(doc: GroupDoc): Record<string, number> {
  const shape: Record<string, number> = { goals: Object.keys(doc.goals).length };
  for (const k of Object.keys(doc)) {
    const colon = k.indexOf(":");
    if (colon > 0) shape[k.slice(0, colon)] = (shape[k.slice(0, colon)] ?? 0) + 1;
  }
  return shape;
}
