/**
 * A man in the middle between Node devices and the real relay, for tests of a lying relay: every
 * relay frame passes through `rewrite`, which may pass it on, drop it (`null`) or replace it. Client
 * frames pass unchanged. Point a Node device at `url` instead of the relay's.
 */
import { createServer, type Server } from "node:http";
import { encodeFrame, parseServerFrame, type ServerFrame } from "@porch/shared";
import WebSocket, { WebSocketServer } from "ws";
import { freePort } from "./free-port.ts";

/** One client connection through the proxy. */
export interface ProxiedSocket {
  /** Closes the client's side (the device reconnects through the proxy). */
  drop(): void;
}

/** Decides what the device receives instead of `frame`; `null` drops it. */
export type Rewrite = (frame: ServerFrame, socket: ProxiedSocket) => ServerFrame | null;

export interface LyingRelay {
  /** Base URL to give `nodeDevice`. */
  readonly url: string;
  /** The rewrite in force (pass-through until set). */
  rewrite: Rewrite;
  /** Closes every client socket (devices reconnect). */
  dropAll(): void;
  stop(): Promise<void>;
}

/** Starts a proxy in front of the relay at `relayUrl` (http://host:port). */
export async function startLyingRelay(relayUrl: string): Promise<LyingRelay> {
  const port = await freePort();
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  const sockets = new Set<ProxiedSocket>();
  const upstreamBase = `ws://${new URL(relayUrl).host}`;
  const proxy: LyingRelay = {
    url: `http://127.0.0.1:${port}`,
    rewrite: (frame) => frame,
    dropAll: () => {
      for (const s of sockets) s.drop();
    },
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.drop();
        wss.close();
        server.close(() => resolve());
      }),
  };
  wss.on("connection", (client, request) => {
    const upstream = new WebSocket(`${upstreamBase}${request.url ?? "/api/sync"}`);
    const queued: Buffer[] = [];
    const handle: ProxiedSocket = { drop: () => client.terminate() };
    sockets.add(handle);
    upstream.on("open", () => {
      for (const data of queued.splice(0)) upstream.send(data);
    });
    client.on("message", (data: Buffer) => (upstream.readyState === WebSocket.OPEN ? upstream.send(data) : queued.push(data)));
    upstream.on("message", (data: Buffer) => {
      const frame = parseServerFrame(new Uint8Array(data));
      if (frame === null) return void client.send(data);
      const replaced = proxy.rewrite(frame, handle);
      if (replaced !== null && client.readyState === WebSocket.OPEN) client.send(replaced === frame ? data : encodeFrame(replaced));
    });
    const closeBoth = () => {
      sockets.delete(handle);
      client.terminate();
      upstream.terminate();
    };
    client.on("close", closeBoth);
    upstream.on("close", closeBoth);
    client.on("error", closeBoth);
    upstream.on("error", closeBoth);
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return proxy;
}
