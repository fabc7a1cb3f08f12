/**
 * Client-only: the functions that open sealed data (and seal it). The relay must never import this
 * module — eslint.config.js enforces it — so "the relay cannot decrypt" is a property of the build,
 * not a promise.
 */
export { sealEnvelope } from "./crypto/seal-envelope.ts";
export { openEnvelope, type OpenedEnvelope } from "./crypto/open-envelope.ts";
export { openLockbox } from "./crypto/open-lockbox.ts";
export { sealPreviousKey, openPreviousKey } from "./crypto/chain-key.ts";
export { pad, unpad } from "./crypto/padme.ts";
export { openLinkPayload } from "./crypto/open-link-payload.ts";
export { openSealedBox } from "./crypto/open-sealed-box.ts";
export { openShare } from "./aggregation/open-share.ts";
export { sealInviteCard, openInviteCard, type InviteCard } from "./crypto/invite-card.ts";
