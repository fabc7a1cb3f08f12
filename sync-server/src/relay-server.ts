/**
 * The relay as a Node HTTP server with the WebSocket attached, not yet listening: main.ts listens on
 * the configured port, tests on a free one.
 */
import { createAdaptorServer, type ServerType } from "@hono/node-server";
import { MAX_FRAME_BYTES } from "@porch/shared";
import { WebSocketServer } from "ws";
import { createApp, type AppDeps } from "./app.ts";
import { Hub } from "./ws/hub.ts";

export interface RelayServer {
  readonly server: ServerType;
  readonly hub: Hub;
  /** Closes every socket and stops accepting connections (storage is the caller's to close). */
  close(): Promise<void>;
}

export function createRelayServer(deps: Omit<AppDeps, "hub">): RelayServer {
  const hub = new Hub();
  const app = createApp({ ...deps, hub });
  // `ws` refuses larger frames itself (close code 1009) before buffering them.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  const server = createAdaptorServer({ fetch: app.fetch, websocket: { server: wss } });
  return {
    server,
    hub,
    close: () =>
      new Promise<void>((resolve) => {
        hub.closeAll();
        server.close(() => resolve());
        if ("closeAllConnections" in server) server.closeAllConnections();
      }),
  };
}
