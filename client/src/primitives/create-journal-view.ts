/**
 * The member's journal as a Solid store, re-read whenever the core says something changed. Reconciled
 * by `month`, so a sync that touches one month does not re-create the others' rows.
 */
import { type Accessor, createComputed } from "solid-js";
import { createStore, reconcile } from "solid-js/store";
import type { JournalView } from "../core/api/journal-api.ts";
import type { PorchApi } from "../core/api/porch-api.ts";

export function createJournalView(api: PorchApi, version: Accessor<number>): Accessor<JournalView | null> {
  const [store, setStore] = createStore<{ view: JournalView | null }>({ view: null });
  createComputed(() => {
    version();
    setStore("view", reconcile(api.journal.view(), { key: "month" }));
  });
  return () => store.view;
}
