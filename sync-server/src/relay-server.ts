/**
 * The relay as a Node HTTP server with the WebSocket attached, not yet listening: main.ts listens on
 * the configured port, tests on a free one.
 */
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { MAX_FRAME_BYTES } from "@porch/shared";
import { WebSocketServer } from "ws";
import { RoundService } from "./aggregation/round-service.ts";
import { createApp, defaultLog, type AppDeps, type Lifecycle } from "./app.ts";
import { Hub } from "./ws/hub.ts";

export interface RelayServer {
  readonly server: ServerType;
  readonly hub: Hub;
  readonly rounds: RoundService;
  /** `starting` until `markReady()`, `draining` from `drain()` on: `/api/ready` answers 503 in both. */
  readonly lifecycle: Lifecycle;
  /** The relay listens and its storage is open: `/api/ready` says so from now on. */
  markReady(): void;
  /**
   * Graceful shutdown: not ready any more, stops accepting connections, lets every socket finish the
   * requests it already read (their writes committed and acknowledged), closes sockets with 1012
   * (service restart: clients reconnect at once), then waits for round work. Sockets still busy after
   * `timeoutMs` are closed anyway. Storage is the caller's to close afterwards. Safe to call twice.
   */
  drain(timeoutMs: number): Promise<void>;
  /** `drain(0)`: closes every socket at once and stops accepting connections. */
  close(): Promise<void>;
}

export function createRelayServer(deps: Omit<AppDeps, "hub" | "rounds" | "lifecycle">): RelayServer {
  const lifecycle: { state: Lifecycle["state"] } = { state: "starting" };
  const hub = new Hub();
  const rounds = new RoundService({
    storage: deps.storage,
    hub,
    now: deps.now ?? Date.now,
    log: deps.log ?? defaultLog,
  });
  // Deadlines are also applied whenever a round is touched; the timer moves rounds nobody touches.
  rounds.start();
  const app = createApp({ ...deps, hub, rounds, lifecycle });
  // `ws` refuses larger frames itself (close code 1009) before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } });
  let drained: Promise<void> | null = null;
  const drain = (timeoutMs: number) =>
    (drained ??= (async () => {
      lifecycle.state = "draining";
      // No new connections from here on (the callback runs once every HTTP connection has ended).
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      await hub.drainAll(timeoutMs);
      if ("closeAllConnections" in server) server.closeAllConnections();
      await serverClosed;
      // Round work under way finishes before the caller closes storage.
      await rounds.stop();
    })());
  return {
    server,
    hub,
    rounds,
    lifecycle,
    markReady: () => {
      if (lifecycle.state === "starting") lifecycle.state = "ready";
    },
    drain,
    close: () => drain(0),
  };
}
