/**
 * One group's view as a Solid store. Snapshots are reconciled by goal `id`, so a sync that changes
 * one goal does not re-create the others' rows — an open inline edit form keeps what was typed.
 */
import type { GroupId } from "@porch/shared";
import { type Accessor, createComputed } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { GroupView, PorchApi } from "../core/api/porch-api.ts";

/** Follows `groupId()` and re-reads whenever `version()` changes; `null` when not on this device. */
export function createGroupView(
  api: PorchApi,
  version: Accessor<number>,
  groupId: Accessor<GroupId>,
): Accessor<GroupView | null> {
  const [store, setStore] = createStore<{ view: GroupView | null }>({ view: null });
  createComputed(() => {
    version();
    const next = api.group(groupId());
    setStore("view", reconcile(next, { key: "id" }));
  });
  return () => store.view;
}
