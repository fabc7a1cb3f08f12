/**
 * The core's side of the boundary: serves one PorchApi over a port (the worker's global scope in the
 * browser, a MessagePort in tests). Runs only listed commands; pushes a fresh snapshot after every
 * change and before every reply.
 */
import {
  COMMANDS,
  type Command,
  type CorePort,
  type CoreSnapshot,
  type FromCore,
  type GroupSnapshot,
  type GroupUpdate,
  type SnapshotUpdate,
  type ToCore,
} from "./api/core-protocol.ts";
import type { PorchApi } from "./api/porch-api.ts";

/** Views that depend on the clock (offer expiry, late payments, check-in periods) are rebuilt this often. */
const CLOCK_REFRESH_MS = 60_000;

const allowed = new Set<string>(COMMANDS);

/** The current views of everything on this device. */
export function snapshotOf(core: PorchApi): CoreSnapshot {
  const groups = core.groups();
  const byGroup: Record<string, GroupSnapshot> = {};
  for (const { groupId } of groups) {
    const view = core.group(groupId);
    if (view !== null)
      byGroup[groupId] = {
        view,
        life: core.life.life(groupId),
        membership: core.membership.view(groupId),
        news: core.news.view(groupId),
      };
  }
  const profile = core.profile();
  return {
    profile,
    groups,
    sync: core.sync(),
    notices: profile === null ? [] : core.membership.notices(),
    otherDevices: profile === null ? [] : core.membership.otherDevices(),
    byGroup,
    journal: core.journal.view(),
    cohorts: core.cohorts.view(),
  };
}

/**
 * Turns full snapshots into updates that leave out a group's life and membership views when they equal
 * the last ones sent (compared as JSON, in the worker, so the page does no work for them).
 */
export function makeSnapshotDiff(): { seed(shown: CoreSnapshot): void; diff(snapshot: CoreSnapshot): SnapshotUpdate } {
  const last = new Map<string, { life: string; membership: string }>();
  let lastJournal: string | null = null;
  const remember = (snapshot: CoreSnapshot) => {
    last.clear();
    lastJournal = JSON.stringify(snapshot.journal);
    for (const [id, g] of Object.entries(snapshot.byGroup)) {
      last.set(id, { life: JSON.stringify(g.life), membership: JSON.stringify(g.membership) });
    }
  };
  return {
    seed: remember,
    diff(snapshot) {
      const byGroup: Record<string, GroupUpdate> = {};
      for (const [id, g] of Object.entries(snapshot.byGroup)) {
        const life = JSON.stringify(g.life);
        const membership = JSON.stringify(g.membership);
        const before = last.get(id);
        byGroup[id] = {
          view: g.view,
          news: g.news,
          ...(before?.life === life ? {} : { life: g.life }),
          ...(before?.membership === membership ? {} : { membership: g.membership }),
        };
      }
      const { journal, ...rest } = snapshot;
      const journalUnchanged = JSON.stringify(journal) === lastJournal;
      remember(snapshot);
      return { ...rest, byGroup, ...(journalUnchanged ? {} : { journal }) };
    },
  };
}

function commandOf(core: PorchApi, command: Command): (...args: unknown[]) => Promise<unknown> {
  const [area, name] = command.includes(".") ? (command.split(".") as [string, string]) : [null, command];
  const target = (area === null
    ? core
    : core[area as "life" | "membership" | "news" | "journal" | "cohorts"]) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const fn = target[name];
  if (typeof fn !== "function") throw new Error(`no such command: ${command}`);
  return fn.bind(target);
}

/**
 * Serves `core` (or the failure to start it) on `port`. `onSnapshot` sees every full snapshot (the
 * browser keeps the last one as the cached first paint); `shown` is what the page painted before the
 * core was ready (the cached views), so views equal to those are not sent again.
 */
export function serveCore(
  started: Promise<PorchApi>,
  port: CorePort,
  onSnapshot?: (snapshot: CoreSnapshot) => void,
  shown: Promise<CoreSnapshot | null> = Promise.resolve(null),
): void {
  const post = (message: FromCore) => port.postMessage(message);
  const updates = makeSnapshotDiff();
  let core: PorchApi | null = null;
  let queued = false;
  const flush = () => {
    queued = false;
    if (core === null) return;
    const snapshot = snapshotOf(core);
    post({ type: "views", update: updates.diff(snapshot) });
    onSnapshot?.(snapshot);
  };
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(flush);
  };
  // Commands wait for this too, so the views always reach the page before the first reply.
  const ready = Promise.all([started, shown.catch(() => null)]).then(([api, painted]) => {
    if (painted !== null) updates.seed(painted);
    core = api;
    api.subscribe(later);
    setInterval(later, CLOCK_REFRESH_MS);
    flush();
    return api;
  });

  port.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as ToCore;
    if (message?.type !== "call" || !allowed.has(message.command)) return;
    const { id, command, args } = message;
    void ready.then(
      async (api) => {
        try {
          const value = await commandOf(api, command)(...args);
          flush();
          post({ type: "reply", id, value });
        } catch (error) {
          console.error(`Porch core: ${command} failed`, error);
          flush();
          post({ type: "crashed", id, message: error instanceof Error ? error.name : "error" });
        }
      },
      () => undefined,
    ); // a core that did not start has already said so ("start-failed")
  });

  ready.catch((error: unknown) => {
    console.error("Porch core: could not start", error);
    post({ type: "start-failed", message: error instanceof Error ? error.name : "error" });
  });
}
