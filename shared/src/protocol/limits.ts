/** Size limits both sides agree on. The relay refuses anything larger with `frame-too-large`. */

/** Largest WebSocket frame the relay reads (a snapshot of a large group document fits). */
export const MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** Largest sealed update envelope. */
export const MAX_UPDATE_BYTES = 1024 * 1024;
/** Largest sealed snapshot envelope. */
export const MAX_SNAPSHOT_BYTES = MAX_FRAME_BYTES - 4096;
/** The wire protocol version; every frame carries it as `v`. */
export const PROTOCOL_VERSION = 1;
/** Largest sealed second-device payload (`link-complete`). */
export const MAX_LINK_SEALED_BYTES = 1024;
/** Largest sealed notice to a member's own devices (`notice-post`). */
export const MAX_NOTICE_BYTES = 1024;
/** Notices the relay keeps per member (older ones are dropped). */
export const MAX_NOTICES_PER_MEMBER = 50;
/** Longest a second-device link mailbox stays open (ms). */
export const LINK_TTL_MS = 10 * 60 * 1000;
/**
 * WebSocket close code of a socket the relay gave up on because it did not read what was sent to it
 * (reason `slow-consumer`). The client reconnects and catches up from its cursor as after any drop.
 */
export const CLOSE_SLOW_CONSUMER = 4008;

/** Longest sealed invitation card (crypto/invite-card.ts) the relay stores beside an invitation. */
export const MAX_INVITE_CARD_BYTES = 2048;
