/**
 * The group document's public surface (the implementation lives in ./doc/, one area per file).
 * Kept so existing importers (porch.ts, group-sync.ts, group-store.ts, benches) need no change.
 */
export { GROUP_DOC_VERSION, type GroupDoc, type StoredGoal } from "./doc/schema.ts";
export { initGroupDoc, isInitialised, putMember, groupName, membersOf, displayNameOf } from "./doc/group-doc.ts";
export { goalsOf, putGoal, editGoalIn } from "./doc/goals.ts";
export { migrateGroupDoc, migrations, needsMigration } from "./doc/migrations.ts";
export { cleanGoalInput } from "./doc/clean-goal.ts";
