/**
 * The dedicated Web Worker that runs Porch's core: automerge-repo, IndexedDB, the keystore, the relay
 * connection and the sync engine. The UI talks to it only through the boundary in
 * api/core-protocol.ts. The message listener is attached before the core's code (and its wasm)
 * loads, so commands sent meanwhile wait instead of being lost.
 */
import { serveCore } from "./core-host.ts";
import type { CoreSnapshot, CorePort, ToCore } from "./api/core-protocol.ts";

const scope = self as unknown as CorePort & EventTarget;
// The page tells the worker when the network comes and goes (a worker's own events are not reliable
// everywhere); the core listens for the same "online"/"offline" events either way.
let online = navigator.onLine;
scope.addEventListener("message", (event: MessageEvent) => {
  const message = event.data as ToCore;
  if (message?.type !== "network" || message.online === online) return;
  online = message.online;
  scope.dispatchEvent(new Event(online ? "online" : "offline"));
});
const started = import("./porch-core.ts").then((m) => m.createPorch({ isOnline: () => online }));

// The cache writer opens once the core has created the device's wrapping key.
let cache: ((snapshot: CoreSnapshot) => void) | null = null;
let opening = false;
let latest: CoreSnapshot | null = null;
// What the page painted from the cache: views equal to it are not sent again.
const painted = import("./store/view-cache.ts")
  .then((m) => m.readStartViews())
  .then((v) => (v?.source === "cache" ? v.snapshot : null));
serveCore(
  started,
  scope,
  (snapshot) => {
    if (cache !== null) return cache(snapshot);
    latest = snapshot;
    if (snapshot.profile === null || opening) return;
    opening = true;
    void import("./store/view-cache.ts")
      .then((m) => m.openViewCacheWriter())
      .then((write) => {
        cache = write;
        if (latest !== null) write(latest);
      });
  },
  painted,
);
