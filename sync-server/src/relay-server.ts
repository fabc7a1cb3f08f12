/**
 * The relay as a Node HTTP server with the WebSocket attached, not yet listening: main.ts listens on
 * the configured port, tests on a free one.
 */
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { MAX_FRAME_BYTES } from "@porch/shared";
import { WebSocketServer } from "ws";
import { RoundService } from "./aggregation/round-service.ts";
import { createApp, defaultLog, type AppDeps } from "./app.ts";
import { DEFAULT_RELAY_LIMITS, type RelayLimits } from "./relay-limits.ts";
import { Hub } from "./ws/hub.ts";

export interface RelayServer {
  readonly server: ServerType;
  readonly hub: Hub;
  readonly rounds: RoundService;
  /** Closes every socket and stops accepting connections (storage is the caller's to close). */
  close(): Promise<void>;
}

export interface RelayServerDeps extends Omit<AppDeps, "hub" | "rounds" | "limits"> {
  /** Limits that differ from the defaults (main.ts passes every one, from the environment). */
  readonly limits?: Partial<RelayLimits>;
}

export function createRelayServer(deps: RelayServerDeps): RelayServer {
  const limits: RelayLimits = { ...DEFAULT_RELAY_LIMITS, ...deps.limits };
  const hub = new Hub();
  const rounds = new RoundService({
    storage: deps.storage,
    hub,
    now: deps.now ?? Date.now,
    log: deps.log ?? defaultLog,
  });
  // Deadlines are also applied whenever a round is touched; the timer moves rounds nobody touches.
  rounds.start();
  const app = createApp({ ...deps, hub, rounds, limits });
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
  return {
    server,
    hub,
    rounds,
    close: async () => {
      await new Promise<void>((resolve) => {
        hub.closeAll();
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      });
      // Round work under way finishes before the caller closes storage.
      await rounds.stop();
    },
  };
}
