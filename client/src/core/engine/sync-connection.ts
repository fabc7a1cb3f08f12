/**
 * What document sync needs from the relay: whether it can be asked right now, and one request with its
 * answer. The real `RelayConnection` is one (a WebSocket with authentication and reconnection); the
 * engine's tests use an in-memory relay held to the same contract (sync-connection.contract.ts).
 */
import type { ClientFrame, Result, ServerFrame } from "@porch/shared";

/** A client frame without its request id (the connection adds it). */
export type RequestFrame = ClientFrame extends infer F ? (F extends { id: number } ? Omit<F, "id"> : never) : never;

/** Answers that are not errors. */
export type Answer = Exclude<
  ServerFrame,
  { type: "error" | "challenge" | "welcome" | "envelope" | "entry" | "link-request" | "link-sealed" | "agg-changed" }
>;

/** A connection to the relay as the sync engine and a document's channel use it. */
export interface SyncConnection {
  /** True while requests can be answered; false means any request now fails with `offline`. */
  readonly ready: boolean;
  /**
   * Sends a request and resolves with the relay's answer or its error code; `offline` (or `timeout`)
   * when it cannot be answered, including when the connection drops with the request in flight.
   */
  request(frame: RequestFrame): Promise<Result<Answer>>;
}
