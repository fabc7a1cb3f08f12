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

/** Starts recording `page`'s frames into `into` (a fresh record by default). */
export function recordFrames(page: Page, into: RecordedFrames = { received: [], sent: [], sockets: [] }): RecordedFrames {
  page.on("websocket", (ws: WebSocket) => {
    into.sockets.push(ws.url());
    ws.on("framereceived", (frame) => into.received.push(asBytes(frame.payload)));
    ws.on("framesent", (frame) => into.sent.push(asBytes(frame.payload)));
  });
  return into;
}
