/**
 * How much a socket may ask of the relay before it has read what it was sent. Each is set by an
 * environment variable (config.ts reads and checks them); these are the defaults.
 */
export interface FlowLimits {
  /**
   * Bytes of log entries and envelopes in one catch-up page (`PORCH_CATCHUP_PAGE_BYTES`). A single
   * entry or envelope larger than this is sent alone.
   */
  readonly catchUpPageBytes: number;
  /** Entries and envelopes in one catch-up page (`PORCH_CATCHUP_PAGE_ITEMS`). */
  readonly catchUpPageItems: number;
  /**
   * Subscribes of one group on one socket since its last catch-up finished (`PORCH_CATCHUPS_PER_GROUP`);
   * one more is refused with `too-many-catch-ups`.
   */
  readonly catchUpsPerGroup: number;
  /**
   * The socket buffer's high-water mark (`PORCH_SOCKET_BUFFER_BYTES`). Above it the relay stops reading
   * the socket's requests until the buffer is back under half of it. While stopped, a frame that would
   * take the buffer past twice the mark closes the socket instead (4008 `slow-consumer`).
   */
  readonly socketBufferBytes: number;
  /** Frames sent while stopped, at most, before the socket is closed (`PORCH_SOCKET_SLOW_SENDS`). */
  readonly slowSends: number;
  /**
   * While stopped, the longest time without any frame leaving the buffer before the socket is closed
   * (`PORCH_SOCKET_DRAIN_MS`).
   */
  readonly drainMs: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  catchUpPageBytes: 4 * 1024 * 1024,
  catchUpPageItems: 2000,
  catchUpsPerGroup: 4,
  socketBufferBytes: 16 * 1024 * 1024,
  slowSends: 64,
  drainMs: 60_000,
};
