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
      byGroup[groupId] = { view, life: core.life.life(groupId), membership: core.membership.view(groupId) };
  }
  const profile = core.profile();
  return { profile, groups, sync: core.sync(), notices: profile === null ? [] : core.membership.notices(), byGroup };
}

function commandOf(core: PorchApi, command: Command): (...args: unknown[]) => Promise<unknown> {
  const [area, name] = command.includes(".") ? (command.split(".") as [string, string]) : [null, command];
  const target = (area === null ? core : core[area as "life" | "membership"]) as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const fn = target[name];
  if (typeof fn !== "function") throw new Error(`no such command: ${command}`);
  return fn.bind(target);
}

/**
 * Serves `core` (or the failure to start it) on `port`. `onSnapshot` sees every snapshot sent (the
 * browser keeps the last one as the cached first paint).
 */
export function serveCore(
  started: Promise<PorchApi>,
  port: CorePort,
  onSnapshot?: (snapshot: CoreSnapshot) => void,
): void {
  const post = (message: FromCore) => port.postMessage(message);
  let core: PorchApi | null = null;
  let queued = false;
  const flush = () => {
    queued = false;
    if (core === null) return;
    const snapshot = snapshotOf(core);
    post({ type: "views", snapshot });
    onSnapshot?.(snapshot);
  };
  const later = () => {
    if (queued) return;
    queued = true;
    queueMicrotask(flush);
  };

  port.addEventListener("message", (event: MessageEvent) => {
    const message = event.data as ToCore;
    if (message?.type !== "call" || !allowed.has(message.command)) return;
    const { id, command, args } = message;
    void started.then(async (api) => {
      try {
        const value = await commandOf(api, command)(...args);
        flush();
        post({ type: "reply", id, value });
      } catch (error) {
        console.error(`Porch core: ${command} failed`, error);
        flush();
        post({ type: "crashed", id, message: error instanceof Error ? error.name : "error" });
      }
    });
  });

  started.then(
    (api) => {
      core = api;
      api.subscribe(later);
      setInterval(later, CLOCK_REFRESH_MS);
      flush();
    },
    (error: unknown) => {
      console.error("Porch core: could not start", error);
      post({ type: "start-failed", message: error instanceof Error ? error.name : "error" });
    },
  );
}
