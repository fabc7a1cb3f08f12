/** What a request handler may use: the authenticated socket's identity and the relay's services. */
import type { MemberId, Result, ServerFrame } from "@porch/shared";
import type { RoundService } from "../aggregation/round-service.ts";
import type { RelayLimits } from "../relay-limits.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import type { Hub, Subscriber } from "./hub.ts";

/** Live frames of one group held back until its catch-up has been sent. */
export interface LiveHold {
  /** Sends the held frames the catch-up did not contain, then lets frames flow. */
  release(covered: { readonly headSeq: number; readonly logLength: number }): void;
  /** The subscription failed: stop holding and unsubscribe. */
  cancel(): void;
}

export interface RequestContext {
  readonly storage: RelayStorage;
  readonly hub: Hub;
  /** Consented aggregation's rounds (their queue, deadlines and notifications). */
  readonly rounds: RoundService;
  /** The relay's clock (ms). */
  readonly now: () => number;
  /** Quotas (groups and link mailboxes per identity, bytes per group). */
  readonly limits: RelayLimits;
  /** Who this socket authenticated as. */
  readonly memberId: MemberId;
  readonly deviceId: Uint8Array;
  /** The nonce of the challenge this socket answered (invitation proofs are bound to it). */
  readonly challengeNonce: Uint8Array;
  /** This socket, as the hub knows it. */
  readonly self: Subscriber;
  /** Subscribes this socket to a group, holding live frames back until `release`. */
  holdLive(groupId: Uint8Array): LiveHold;
}

/** A handler's answer; `afterSend` runs once the answer is on the socket. */
export interface Reply {
  readonly frame: ServerFrame;
  readonly afterSend?: () => void;
}

/** Handles one request frame; expected failures are `Err` values, bugs throw. */
export type Handler<F> = (ctx: RequestContext, frame: F) => Promise<Result<Reply>>;
