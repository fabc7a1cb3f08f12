/** What a request handler may use: the authenticated socket's identity and the relay's services. */
import type { MemberId, Result, ServerFrame } from "@porch/shared";
import type { RoundService } from "../aggregation/round-service.ts";
import type { RelayLimits } from "../relay-limits.ts";
import type { CatchUpBounds, RelayStorage } from "../storage/relay-storage.ts";
import type { FlowLimits } from "./flow-limits.ts";
import type { Hub, Subscriber } from "./hub.ts";

/** Live frames of one group held back until its catch-up's first page has been sent. */
export interface LiveHold {
  /** Sends the held frames the catch-up does not cover, then lets frames flow. */
  release(covered: CatchUpBounds): void;
  /** The subscription failed: stop holding and unsubscribe. */
  cancel(): void;
}

export type SubscriptionKind = "group" | "journal";

/** This socket's subscriptions (ws/live-groups.ts). */
export interface Subscriptions {
  /** Subscribes this socket to a group, holding live frames back until `release`. */
  hold(groupId: Uint8Array, kind: SubscriptionKind): LiveHold;
  /** What the group's current subscription's catch-up covers, once its first page was sent; else null. */
  current(groupId: Uint8Array): { readonly bounds: CatchUpBounds; readonly kind: SubscriptionKind } | null;
  /** Subscribes of the group on this socket since its last catch-up finished (failed ones excluded). */
  unfinished(groupId: Uint8Array): number;
  /** The last page of a catch-up of the group was sent. */
  finished(groupId: Uint8Array): void;
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
  /** This socket's subscriptions: live frames held around catch-ups, catch-up bounds and counts. */
  readonly subscriptions: Subscriptions;
  /** How much a socket may ask before reading (catch-up pages, repeated subscribes). */
  readonly flow: FlowLimits;
}

/** A handler's answer; `afterSend` runs once the answer is on the socket. */
export interface Reply {
  readonly frame: ServerFrame;
  readonly afterSend?: () => void;
}

/** Handles one request frame; expected failures are `Err` values, bugs throw. */
export type Handler<F> = (ctx: RequestContext, frame: F) => Promise<Result<Reply>>;
