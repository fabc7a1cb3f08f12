/** The `GET /api/sync` WebSocket: binds each `ws` socket to a `Connection`. */
import { upgradeWebSocket, type WebSocketLike } from "@hono/node-server";
import type { Context } from "hono";
import type { WSContext } from "hono/ws";
import type { WebSocket } from "ws";
import type { RoundService } from "../aggregation/round-service.ts";
import type { RelayLimits } from "../relay-limits.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import { Connection, type RelaySocket } from "./connection.ts";
import type { FlowLimits } from "./flow-limits.ts";
import type { Hub } from "./hub.ts";

export interface SyncRouteDeps {
  readonly storage: RelayStorage;
  readonly hub: Hub;
  readonly rounds: RoundService;
  readonly now: () => number;
  readonly log: (code: string, detail?: string) => void;
  readonly flow?: FlowLimits;
  readonly limits: RelayLimits;
}

/** What this file uses of a `ws` WebSocket (node-server hands it over as `raw`). */
type WsSocket = Pick<WebSocket, "send" | "close" | "readyState" | "bufferedAmount" | "pause" | "resume">;

/** The Hono handler that upgrades to the relay protocol. */
export function syncRoute(deps: SyncRouteDeps) {
  return upgradeWebSocket(
    (c: Context) => {
      const origin = new URL(c.req.url).origin;
      // The TCP peer: behind a reverse proxy this is the proxy (the last hop), never a forwarded header,
      // which anyone could write. The per-address socket cap counts it (relay-limits.ts).
      const address = remoteAddress(c);
      let connection: Connection | null = null;
      return {
        onOpen(_event, ws: WSContext<WebSocketLike>) {
          connection = new Connection(relaySocket(ws), { ...deps, origin, address });
          connection.open();
        },
        onMessage(event) {
          connection?.receive(event.data);
        },
        onClose() {
          connection?.onClose();
        },
        onError(event) {
          connection?.transportError("error" in event ? event.error : undefined);
        },
      };
    },
    // Connection never throws; this only catches a bug in the glue above.
    { onError: () => deps.log("internal", "socket callback threw") },
  );
}

/** The TCP peer's address, or "unknown" where there is no Node socket (a request made in memory). */
function remoteAddress(c: Context): string {
  const env: unknown = c.env;
  if (typeof env !== "object" || env === null || !("incoming" in env)) return "unknown";
  const incoming = env.incoming as { socket?: { remoteAddress?: string } } | undefined;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

function relaySocket(ws: WSContext<WebSocketLike>): RelaySocket {
  const raw = ws.raw;
  if (raw === undefined) throw new Error("node-server WebSocket without its raw socket");
  // The raw socket is a `ws` WebSocket: it has a send callback, bufferedAmount, pause and resume.
  const socket = raw as unknown as WsSocket;
  return {
    send: (bytes, written) => socket.send(bytes, written === undefined ? undefined : () => written()),
    close: (code, reason) => socket.close(code, reason),
    get isOpen() {
      return socket.readyState === 1;
    },
    get bufferedAmount() {
      return socket.bufferedAmount;
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
  };
}
