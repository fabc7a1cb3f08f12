/**
 * The limits a relay open to the public needs, each set from the environment (config.ts; documented in
 * docs/setup.md). A request over a limit is refused with a coded error the client shows as a sentence.
 */
import { MAX_COHORT } from "@porch/shared/aggregation";

/** Validated limits (every number a whole number ≥ 1). */
export interface RelayLimits {
  /** A socket that has not authenticated (`hello`) this long after opening is closed (`hello-timeout`). */
  readonly helloTimeoutMs: number;
  /** Authenticated sockets one identity may hold open on this relay process (`too-many-connections`). */
  readonly maxSocketsPerIdentity: number;
  /**
   * Sockets one remote address may hold open on this relay process (`too-many-connections`). Behind a
   * reverse proxy the address is the proxy's (the last hop), so raise this or enforce it at the proxy.
   */
  readonly maxSocketsPerAddress: number;
  /** Groups one identity may create, ever (`too-many-groups`; groups are never deleted). */
  readonly maxGroupsPerIdentity: number;
  /** Second-device link mailboxes one identity may have open at once (`too-many-links`). */
  readonly maxOpenLinksPerIdentity: number;
  /** Envelope bytes one group (or journal) may store (`group-full`). */
  readonly maxGroupBytes: number;
  /**
   * Families one cohort may enrol (`cohort-full`). At most `MAX_COHORT` (30,000): the packed report's
   * lanes are sized so that many reports cannot overflow a sum (shared/src/aggregation/packing.ts).
   */
  readonly maxCohortFamilies: number;
  /** Node's `server.headersTimeout`: time to receive a request's headers. */
  readonly headersTimeoutMs: number;
  /** Node's `server.requestTimeout`: time to receive a whole HTTP request (upgraded sockets are not affected). */
  readonly requestTimeoutMs: number;
}

export const DEFAULT_RELAY_LIMITS: RelayLimits = {
  helloTimeoutMs: 10_000,
  maxSocketsPerIdentity: 20,
  maxSocketsPerAddress: 200,
  maxGroupsPerIdentity: 100,
  maxOpenLinksPerIdentity: 10,
  maxGroupBytes: 256 * 1024 * 1024,
  maxCohortFamilies: MAX_COHORT,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
};
