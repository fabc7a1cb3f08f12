/**
 * The relay as a Node HTTP server with the WebSocket attached, not yet listening: main.ts listens on
 * the configured port, tests on a free one.
 */
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { MAX_FRAME_BYTES } from "@porch/shared";
import { WebSocketServer } from "ws";
import { RoundService } from "./aggregation/round-service.ts";
import { createApp, defaultLog, type AppDeps } from "./app.ts";
import { Hub } from "./ws/hub.ts";

export interface RelayServer {
  readonly server: ServerType;
  readonly hub: Hub;
  readonly rounds: RoundService;
  /** Closes every socket and stops accepting connections (storage is the caller's to close). */
  close(): Promise<void>;
}

export function createRelayServer(deps: Omit<AppDeps, "hub" | "rounds">): RelayServer {
  const hub = new Hub();
  const rounds = new RoundService({
    storage: deps.storage,
    hub,
    now: deps.now ?? Date.now,
    log: deps.log ?? defaultLog,
  });
  // Deadlines are also applied whenever a round is touched; the timer moves rounds nobody touches.
  rounds.start();
  const app = createApp({ ...deps, hub, rounds });
  // `ws` refuses larger frames itself (close code 1009) before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } });
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
