/**
 * The relay as a Node HTTP server with the WebSocket attached, not yet listening: main.ts listens on
 * the configured port, tests on a free one.
 */
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { MAX_FRAME_BYTES } from "@porch/shared";
import { WebSocketServer } from "ws";
import { RoundService } from "./aggregation/round-service.ts";
import { createApp, defaultLog, type AppDeps, type Lifecycle } from "./app.ts";
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from "./relay-limits.ts";
import { ChangeFanout } from "./ws/change-fanout.ts";
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

export interface RelayServerDeps extends Omit<AppDeps, "hub" | "rounds" | "limits" | "lifecycle"> {
  /** Limits that differ from the defaults (main.ts passes every one, from the environment). */
  readonly limits?: Partial<RelayLimits>;
}

export function createRelayServer(deps: RelayServerDeps): RelayServer {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...deps.limits };
  const lifecycle: { state: Lifecycle["state"] } = { state: "starting" };
  const hub = new Hub(deps.storage);
  const log = deps.log ?? defaultLog;
  const rounds = new RoundService({ storage: deps.storage, hub, now: deps.now ?? Date.now, log });
  // Every committed change — this process's, and on PostgreSQL every other relay process's — reaches
  // this process's sockets through one path (ws/change-fanout.ts).
  const fanout = new ChangeFanout({ hub, storage: deps.storage, rounds, log });
  const stopFanout = deps.storage.onChange((change) => fanout.apply(change));
  // Deadlines are also applied whenever a round is touched; the timer moves rounds nobody touches.
  rounds.start();
  const app = createApp({ ...deps, hub, rounds, limits, lifecycle });
  // `ws` refuses larger frames itself (close code 1009) before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = createAdaptorServer({
    fetch: app.fetch,
    websocket: { server: wss },
    // A client that trickles its headers (or a request body) is cut off at these deadlines. Node checks
    // them on a timer whose default period is 30 s; checking every second keeps a deadline close to its
    // value. An upgraded WebSocket is no longer an HTTP request and is not affected.
    serverOptions: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.headersTimeoutMs),
    },
  });
  let drained: Promise<void> | null = null;
  const drain = (timeoutMs: number) =>
    (drained ??= (async () => {
      lifecycle.state = "draining";
      // No new connections from here on (the callback runs once every HTTP connection has ended).
      const serverClosed = new Promise<void>((resolve) => server.close(() => resolve()));
      if ("closeIdleConnections" in server) server.closeIdleConnections();
      await hub.drainAll(timeoutMs);
      // Every socket is closed: changes are other processes' to deliver now.
      stopFanout();
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
