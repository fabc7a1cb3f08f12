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
  /** Every frame the relay sent this device, parsed. */
  readonly received: ServerFrame[];
  /** Total bytes received from the relay. */
  bytesReceived(): number;
  /** Resolves when `check` holds (re-checked on every change), or rejects after `timeoutMs`. */
  until(check: () => boolean, timeoutMs?: number): Promise<void>;
}

let counter = 0;

/** Opens (or re-opens, with the same `name`) a device against the relay at `baseUrl`. */
export async function nodeDevice(baseUrl: string, name = `device-${++counter}-${Date.now()}`): Promise<NodeDevice> {
  const received: ServerFrame[] = [];
  let bytes = 0;
  class RecordingWebSocket extends WebSocket {
    constructor(url: string) {
      super(url);
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
    received,
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
