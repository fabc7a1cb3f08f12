/**
 * Records every WebSocket frame a page exchanges, as bytes: what the relay sent (`received`) and what
 * the browser sent (`sent`). Attach before the page opens its socket.
 */
import type { Page, WebSocket } from "playwright-core";

export interface RecordedFrames {
  /** Frames the relay sent to the browser. */
  readonly received: Uint8Array[];
  /** Frames the browser sent to the relay. */
  readonly sent: Uint8Array[];
  /** URLs of the sockets seen, so a test can tell the capture did see the relay's socket. */
  readonly sockets: string[];
}

const asBytes = (payload: string | Buffer): Uint8Array =>
  typeof payload === "string" ? new TextEncoder().encode(payload) : new Uint8Array(payload);

type Listener = (bytes: Uint8Array, direction: "sent" | "received") => void;
const listeners = new WeakMap<RecordedFrames, Set<Listener>>();

/** Starts recording `page`'s frames into `into` (a fresh record by default). */
export function recordFrames(
  page: Page,
  into: RecordedFrames = { received: [], sent: [], sockets: [] },
): RecordedFrames {
  const waiting = listeners.get(into) ?? new Set<Listener>();
  listeners.set(into, waiting);
  const tell = (bytes: Uint8Array, direction: "sent" | "received") => {
    for (const listener of [...waiting]) listener(bytes, direction);
  };
  page.on("websocket", (ws: WebSocket) => {
    into.sockets.push(ws.url());
    ws.on("framereceived", (frame) => {
      const bytes = asBytes(frame.payload);
      into.received.push(bytes);
      tell(bytes, "received");
    });
    ws.on("framesent", (frame) => {
      const bytes = asBytes(frame.payload);
      into.sent.push(bytes);
      tell(bytes, "sent");
    });
  });
  return into;
}

/** Resolves with the first frame (already recorded or still to come) that `match` accepts. */
export function nextFrame(
  frames: RecordedFrames,
  match: (bytes: Uint8Array, direction: "sent" | "received") => boolean,
  timeoutMs = 30_000,
): Promise<Uint8Array> {
  const seen = [
    ...frames.sent.map((b) => [b, "sent"] as const),
    ...frames.received.map((b) => [b, "received"] as const),
  ].find(([b, d]) => match(b, d));
  if (seen !== undefined) return Promise.resolve(seen[0]);
  const waiting = listeners.get(frames) ?? new Set<Listener>();
  listeners.set(frames, waiting);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      waiting.delete(listener);
      reject(new Error(`no matching frame within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener: Listener = (bytes, direction) => {
      if (!match(bytes, direction)) return;
      clearTimeout(timer);
      waiting.delete(listener);
      resolve(bytes);
    };
    waiting.add(listener);
  });
}
