/**
 * A Porch device running the real client core in Node: IndexedDB from fake-indexeddb, WebSocket from
 * `ws`. Every frame the relay sends it is recorded, so tests can check what crossed the wire.
 */
import "fake-indexeddb/auto";
import { WebSocket } from "ws";
import { parseClientFrame, parseServerFrame, type ClientFrame, type ServerFrame } from "@porch/shared";
import { MessageChannel } from "node:worker_threads";
import { RemotePorch } from "@porch/client/boot";
import { createPorch, serveCore, type CorePort, type PorchApi } from "@porch/client/core";

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
  /** Resolves with the first frame received (already or later) that `match` accepts, or rejects after `timeoutMs`. */
  untilReceived(match: (frame: ServerFrame) => boolean, timeoutMs?: number): Promise<ServerFrame>;
  /**
   * Holds the next frame this device sends that `match` accepts, and every later frame on that socket,
   * until `release()` (they are then sent in order): the relay sees the device pause right there.
   */
  holdOutgoing(match: (frame: ClientFrame) => boolean): OutgoingHold;
  /**
   * Closes the app as far as a test can (the core has no close): its sockets are closed and any
   * reconnection is cut at once, so from here on it neither sends nor receives anything.
   */
  close(): Promise<void>;
}

/** Frames held on their way out (see `holdOutgoing`). */
export interface OutgoingHold {
  /** Resolves with the frame that started the hold, once the device tried to send it. */
  readonly held: Promise<ClientFrame>;
  release(): void;
}

let counter = 0;

/** How a test reaches the device's core. */
export interface NodeDeviceOptions {
  /**
   * Talk to the core as the PWA's UI does: through the worker boundary (RemotePorch ⇄ serveCore) over
   * a MessageChannel, so every read is a snapshot the core sent and every write a command.
   */
  readonly throughBoundary?: boolean;
}

/** Opens (or re-opens, with the same `name`) a device against the relay at `baseUrl`. */
export async function nodeDevice(
  baseUrl: string,
  name = `device-${++counter}-${Date.now()}`,
  options: NodeDeviceOptions = {},
): Promise<NodeDevice> {
  const received: ServerFrame[] = [];
  const onReceive = new Set<() => void>();
  const sockets = new Set<WebSocket>();
  let hold: { readonly match: (frame: ClientFrame) => boolean; readonly started: (frame: ClientFrame) => void } | null =
    null;
  const releaseHeld: (() => void)[] = [];
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
        for (const listener of [...onReceive]) listener();
      });
    }

    private queued: Uint8Array[] | null = null;

    override send(data: Uint8Array): void {
      if (this.queued !== null) return void this.queued.push(data);
      const frame = hold === null ? null : parseClientFrame(new Uint8Array(data));
      if (hold === null || frame === null || !hold.match(frame)) return super.send(data);
      const started = hold.started;
      hold = null;
      this.queued = [data];
      releaseHeld.push(() => {
        const queued = this.queued ?? [];
        this.queued = null;
        for (const bytes of queued) if (this.readyState === WebSocket.OPEN) super.send(bytes);
      });
      started(frame);
    }
  }
  const url = new URL(baseUrl);
  const started = createPorch({
    relayUrl: `ws://${url.host}/api/sync`,
    origin: url.origin,
    dbName: name,
    WebSocketImpl: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
  });
  const porch = options.throughBoundary === true ? await throughBoundary(started) : await started;
  return {
    porch,
    name,
    received,
    close: async () => {
      closed = true;
      await Promise.all(
        [...sockets].map((s) => new Promise<void>((resolve) => (s.once("close", () => resolve()), s.close()))),
      );
    },
    bytesReceived: () => bytes,
    untilReceived: (match, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = received.find(match);
          if (found === undefined) return;
          clearTimeout(timer);
          onReceive.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          onReceive.delete(check);
          reject(new Error(`no matching frame within ${timeoutMs} ms`));
        }, timeoutMs);
        onReceive.add(check);
        check();
      }),
    holdOutgoing: (match) => {
      let started: (frame: ClientFrame) => void = () => {};
      const held = new Promise<ClientFrame>((resolve) => (started = resolve));
      hold = { match, started };
      return {
        held,
        release: () => {
          hold = null;
          for (const release of releaseHeld.splice(0)) release();
        },
      };
    },
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

/** The core served on one end of a MessageChannel, and a RemotePorch on the other, ready once the first snapshot arrived. */
async function throughBoundary(started: Promise<PorchApi>): Promise<PorchApi> {
  const { port1, port2 } = new MessageChannel();
  serveCore(started, port1 as unknown as CorePort);
  const remote = new RemotePorch(port2 as unknown as CorePort);
  port1.start();
  port2.start();
  await new Promise<void>((ready) => {
    const stop = remote.subscribe(() => {
      stop();
      ready();
    });
  });
  return remote;
}
