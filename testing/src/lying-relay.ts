/**
 * A man in the middle between Node devices and the real relay, for tests of a lying relay or a bad
 * network: every relay frame passes through `rewrite`, which may pass it on, drop it (`null`) or replace
 * it; every device frame passes through `onClientFrame`, which may drop it; `setReachable(false)` cuts
 * the devices' sockets and holds their reconnects until it is reachable again. Point a Node device at
 * `url` instead of the relay's.
 */
import { createServer, type Server } from "node:http";
import { encodeFrame, parseClientFrame, parseServerFrame, type ClientFrame, type ServerFrame } from "@porch/shared";
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
  /** Sees every frame a device sends (null if it does not parse); `false` swallows it. Passes all until set. */
  onClientFrame: (frame: ClientFrame | null) => boolean;
  /** Unreachable: devices' sockets are cut and their reconnects held; reachable again: held ones go through. */
  setReachable(reachable: boolean): void;
  /** Closes every client socket (devices reconnect). */
  dropAll(): void;
  stop(): Promise<void>;
}

/**
 * Starts a proxy in front of the relay at `relayUrl` (http://host:port). With `forwardHost: false` it
 * dials the relay under the relay's own address, as a relay relaying another relay's challenge would.
 */
export async function startLyingRelay(
  relayUrl: string,
  { forwardHost = true }: { forwardHost?: boolean } = {},
): Promise<LyingRelay> {
  const port = await freePort();
  const server: Server = createServer();
  const wss = new WebSocketServer({ server });
  const sockets = new Set<ProxiedSocket>();
  const upstreamBase = `ws://${new URL(relayUrl).host}`;
  const proxy: LyingRelay = {
    url: `http://127.0.0.1:${port}`,
    rewrite: (frame) => frame,
    onClientFrame: () => true,
    setReachable(next) {
      reachable = next;
      if (!next) for (const s of sockets) s.drop();
      else
        for (const h of held.splice(0)) if (h.client.readyState === WebSocket.OPEN) connect(h.client, h.path, h.host);
    },
    dropAll: () => {
      for (const s of sockets) s.drop();
    },
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.drop();
        for (const h of held) h.client.terminate();
        wss.close();
        server.close(() => resolve());
      }),
  };
  let reachable = true;
  const held: { client: WebSocket; path: string; host: string | undefined }[] = [];
  const connect = (client: WebSocket, path: string, host: string | undefined) => {
    // Like any reverse proxy, pass the Host the device dialled: the relay signs it into its challenge.
    const upstream = new WebSocket(`${upstreamBase}${path}`, host === undefined ? {} : { headers: { host } });
    const queued: Buffer[] = [];
    const handle: ProxiedSocket = { drop: () => client.terminate() };
    sockets.add(handle);
    upstream.on("open", () => {
      for (const data of queued.splice(0)) upstream.send(data);
    });
    client.on("message", (data: Buffer) => {
      if (!proxy.onClientFrame(parseClientFrame(new Uint8Array(data)))) return;
      if (upstream.readyState === WebSocket.OPEN) upstream.send(data);
      else queued.push(data);
    });
    upstream.on("message", (data: Buffer) => {
      const frame = parseServerFrame(new Uint8Array(data));
      if (frame === null) return void client.send(data);
      const replaced = proxy.rewrite(frame, handle);
      if (replaced !== null && client.readyState === WebSocket.OPEN)
        client.send(replaced === frame ? data : encodeFrame(replaced));
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
  };
  wss.on("connection", (client, request) => {
    const path = request.url ?? "/api/sync";
    const host = forwardHost ? request.headers.host : undefined;
    if (reachable) connect(client, path, host);
    else held.push({ client, path, host });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return proxy;
}
