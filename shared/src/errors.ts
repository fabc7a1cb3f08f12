/**
 * Every expected failure in Porch has one of these codes. The relay sends them in `error` frames and
 * HTTP bodies; the client translates each into a sentence a member understands (client/src/i18n).
 * Adding a code means adding its sentence in every language (a test checks).
 */
/** The journal's checks (what a member types in their monthly journal; client/src/i18n has one sentence each). */
export const JOURNAL_ERROR_CODES = [
  "amount-not-a-number",
  "amount-negative",
  "amount-too-large",
  "count-out-of-range",
  "choice-unknown",
  "text-too-long",
  "month-in-future",
  "month-invalid",
] as const;

/** Refusals of the consented-aggregation protocol (cohorts, rounds, reports, stewards). */
export const AGGREGATION_ERROR_CODES = [
  "cohort-not-found",
  "cohort-exists",
  "bad-cohort",
  "not-organization",
  "not-enrolled",
  "group-too-small",
  "cohort-full",
  "round-not-found",
  "round-exists",
  "bad-call",
  "wrong-phase",
  "late-report",
  "bad-report",
  "already-reported",
  "not-a-steward",
  "bad-reveal",
  "bad-partial",
  // client-side: a round's manifest or a steward's group failed the member's own checks
  "manifest-invalid",
] as const;

export const ERROR_CODES = [
  // frames and transport
  "malformed-frame",
  "unsupported-version",
  "frame-too-large",
  "unknown-request",
  "not-authenticated",
  "auth-failed",
  "rate-limited",
  "internal",
  // flow control: a socket that asks for more than it reads (ws/connection.ts, ws/handle-subscribe.ts)
  "too-many-catch-ups",
  "not-subscribed",
  "slow-consumer",
  // limits of a public relay (each from the relay's environment: docs/setup.md)
  "hello-timeout",
  "too-many-connections",
  "device-taken",
  "too-many-groups",
  "too-many-links",
  "group-full",
  // identities and signatures
  "bad-signature",
  "bad-id",
  // membership log
  "group-exists",
  "group-not-found",
  "not-a-member",
  "not-admin",
  "stale-head",
  "bad-entry",
  "clock-skew",
  "time-went-backwards",
  "invite-not-found",
  "invite-expired",
  "invite-used",
  "lockbox-missing",
  "key-commitment-mismatch",
  "invite-revoked",
  "member-not-found",
  "last-admin",
  "removed-from-group",
  // sealed data
  "bad-envelope",
  "wrong-group",
  "stale-epoch",
  "unknown-log-head",
  "counter-gap",
  "counter-reused",
  "decrypt-failed",
  "foreign-actor",
  "rollback-detected",
  // linking a second device
  "link-expired",
  "link-not-found",
  "link-bad-mac",
  // recovery phrase
  "phrase-unknown-word",
  "phrase-bad-checksum",
  "phrase-wrong-length",
  // client-side device state
  "storage-failed",
  // the relay no longer holds the member's journal this device synced (deleted from another device)
  "journal-deleted",
  // client-side network state
  "offline",
  "timeout",
  // the relay's challenge names another address than the one this device dialled (a relay relaying
  // another relay's challenge, to sign in there as this member)
  "wrong-relay",
  ...JOURNAL_ERROR_CODES,
  ...AGGREGATION_ERROR_CODES,
] as const;

/** A stable, machine-readable failure name. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Narrows an unknown string to an `ErrorCode`. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === "string" && (ERROR_CODES as readonly string[]).includes(value);
}
