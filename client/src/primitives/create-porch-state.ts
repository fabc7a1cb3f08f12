/**
 * Solid signals over PorchApi's synchronous snapshots. PorchApi says *when* to re-read (`subscribe`);
 * this re-reads on each notification and lets Solid update only what changed.
 */
import { type Accessor, createMemo, createSignal, onCleanup } from "solid-js";
import type { GroupSummary, PorchApi, Profile, SyncState } from "../core/api/porch-api.ts";

export interface PorchState {
  /** Bumps on every PorchApi notification; read it to re-run a computation when the core changes. */
  readonly version: Accessor<number>;
  readonly profile: Accessor<Profile | null>;
  readonly groups: Accessor<readonly GroupSummary[]>;
  readonly sync: Accessor<SyncState>;
}

const sameSync = (a: SyncState, b: SyncState): boolean =>
  a.kind === b.kind &&
  (a.kind === "synced" || ("pending" in b && a.pending === b.pending)) &&
  (a.kind !== "error" || (b.kind === "error" && a.code === b.code));

const sameGroups = (a: readonly GroupSummary[], b: readonly GroupSummary[]): boolean =>
  a.length === b.length && a.every((g, i) => g.groupId === b[i]?.groupId && g.name === b[i]?.name);

/** Subscribes to `api` for the lifetime of the calling owner (unsubscribes on cleanup). */
export function createPorchState(api: PorchApi): PorchState {
  const [version, setVersion] = createSignal(0);
  const unsubscribe = api.subscribe(() => setVersion((v) => v + 1));
  onCleanup(unsubscribe);

  const profile = createMemo(() => (version(), api.profile()));
  const groups = createMemo(() => (version(), api.groups()), [], { equals: sameGroups });
  // Equal sync states must not re-render: the status region is aria-live and would be re-announced.
  const sync = createMemo(() => (version(), api.sync()), undefined, { equals: sameSync });
  return { version, profile, groups, sync };
}
