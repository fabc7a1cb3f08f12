/**
 * Browser-only, bench-only: today's main-thread open, the baseline of group-doc-open-browser.ts. Runs
 * the same core the worker runs (`createPorch`) on the page's main thread against the profile's own
 * IndexedDB, and reports when the group's views (life + group, what the UI reads first) are ready and
 * when the device is synced. Built by main-thread-open.vite.config.ts into the bench relay's static
 * directory only, never into the product build.
 */
import type { GroupId } from "@porch/shared";
import { createPorch } from "../client/src/core/porch-core.ts";

export interface MainThreadOpen {
  /** From the call (module already fetched and evaluated) to the group's views built. */
  readonly viewsMs: number;
  /** From the call to the relay's "synced". */
  readonly syncedMs: number;
  readonly goals: number;
}

/** Opens Porch on this thread and waits until `groupId`'s views have at least `goals` goals, then for sync. */
export async function openOnMainThread(groupId: string, goals: number): Promise<MainThreadOpen> {
  const t0 = performance.now();
  const porch = await createPorch();
  const id = groupId as GroupId;
  const ready = () => {
    const life = porch.life.life(id);
    return porch.group(id) !== null && life !== null && life.goals.length >= goals;
  };
  await until(porch.subscribe.bind(porch), ready);
  const viewsMs = performance.now() - t0;
  await until(porch.subscribe.bind(porch), () => porch.sync().kind === "synced");
  return { viewsMs, syncedMs: performance.now() - t0, goals: porch.life.life(id)?.goals.length ?? 0 };
}

function until(subscribe: (listener: () => void) => () => void, check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = subscribe(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}
