/**
 * A Porch device running the real client core in Node: IndexedDB from fake-indexeddb, WebSocket from
 * `ws`. Every frame the relay sends it is recorded, so tests can check what crossed the wire.
 */
import "fake-indexeddb/auto";
import { WebSocket } from "ws";
import { parseServerFrame, type ServerFrame } from "@porch/shared";
import { createPorch, type PorchApi } from "@porch/client/services";

export interface NodeDevice {
  readonly porch: PorchApi;
  /** Its database name: `nodeDevice(url, name)` opens the same device again from its own storage. */
  readonly name: string;
  /** Every frame the relay sent this device, parsed. */
  readonly received: ServerFrame[];
  /** Total bytes received from the relay. */
  bytesReceived(): number;
  /** Resolves when `check` holds (re-checked on every change), or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
  /**
   * Closes the app as far as a test can (the core has no close): its sockets are closed and any
   * reconnection is cut at once, so from here on it neither sends nor receives anything.
   */
  close(): Promise<void>;
}

let counter = 0;

/** Opens (or re-opens, with the same `name`) a device against the relay at `baseUrl`. */
export async function nodeDevice(baseUrl: string, name = `device-${++counter}-${Date.now()}`): Promise<NodeDevice> {
  const received: ServerFrame[] = [];
  const sockets = new Set<WebSocket>();
  let closed = false;
  let bytes = 0;
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
      if (closed) {
        this.terminate();
        return;
      }
      sockets.add(this);
      this.on("close", () => sockets.delete(this));
      this.on("message", (data: Buffer) => {
        bytes += data.length;
        const frame = parseServerFrame(new Uint8Array(data));
        if (frame !== null) received.push(frame);
      });
    }
  }
  const url = new URL(baseUrl);
  const porch = await createPorch({
    relayUrl: `ws://${url.host}/api/sync`,
    origin: url.origin,
    dbName: name,
    WebSocketImpl: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
  });
  return {
    porch,
    name,
    received,
    close: async () => {
      closed = true;
      await Promise.all([...sockets].map((s) => new Promise<void>((resolve) => (s.once("close", () => resolve()), s.close()))));
    },
    bytesReceived: () => bytes,
    until: (check, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (check()) return resolve();
        const timer = setTimeout(() => {
          stop();
          reject(new Error(`condition not met within ${timeoutMs} ms`));
        }, timeoutMs);
        const stop = porch.subscribe(() => {
          if (!check()) return;
          clearTimeout(timer);
          stop();
          resolve();
        });
      }),
  };
}
