/**
 * One group's shared life (goals, check-ins, offers, circles) as a Solid store, re-read whenever the
 * core says something changed. Reconciled by `id`, so a sync that touches one offer does not
 * re-create the others' rows — a half-typed reply or thank-you note survives.
 */
import type { GroupId } from "@porch/shared";
import { type Accessor, createComputed } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { LifeView } from "../core/api/group-life-api.ts";
import type { PorchApi } from "../core/api/porch-api.ts";

export function createLifeView(
  api: PorchApi,
  version: Accessor<number>,
  groupId: Accessor<GroupId>,
): Accessor<LifeView | null> {
  const [store, setStore] = createStore<{ view: LifeView | null }>({ view: null });
  createComputed(() => {
    version();
    setStore("view", reconcile(api.life.life(groupId()), { key: "id" }));
  });
  return () => store.view;
}
