/**
 * One relay socket: challenge → hello → requests. Untrusted input never throws out of here: a bad
 * frame gets an error frame and the socket is closed; a failed request gets a non-fatal error with its
 * id; a bug in a handler closes this socket with `internal` and the relay keeps serving the others.
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  authMessage,
  decodeCbor,
  encodeFrame,
  parseClientFrame,
  randomBytes,
  toBase64Url,
  verifyWithContext,
  type ClientFrame,
  type ErrorCode,
  type ServerFrame,
} from "@porch/shared";
import type { RoundService } from "../aggregation/round-service.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import { handleAggCohortCreate, handleAggCohorts, handleAggEnrol, handleAggState } from "./handle-agg-cohort.ts";
import { handleAggPartial, handleAggReport, handleAggShares } from "./handle-agg-report.ts";
import {
  handleAggAccept,
  handleAggAdvance,
  handleAggReveal,
  handleAggRoundOpen,
  handleAggVolunteer,
} from "./handle-agg-round.ts";
import { handleAppend } from "./handle-append.ts";
import { handleInviteLookup } from "./handle-invite-lookup.ts";
import { handleJournalDelete } from "./handle-journal-delete.ts";
import { handleLinkAnswer, handleLinkComplete, handleLinkOpen } from "./handle-link.ts";
import { handleMyGroups } from "./handle-my-groups.ts";
import { handleNoticePost, handleNotices } from "./handle-notices.ts";
import { handlePublish } from "./handle-publish.ts";
import { handleSubscribe } from "./handle-subscribe.ts";
import type { Hub, LiveFrame, Subscriber } from "./hub.ts";
import { LiveGroups } from "./live-groups.ts";
import type { Reply, RequestContext } from "./request-context.ts";
import type { Result } from "@porch/shared";

/** The transport under a connection (a `ws` socket in production). */
export interface RelaySocket {
  send(bytes: Uint8Array): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
}

export interface ConnectionDeps {
  readonly storage: RelayStorage;
  readonly hub: Hub;
  readonly rounds: RoundService;
  readonly now: () => number;
  /** The origin the client reached the relay at; it is signed into the authentication. */
  readonly origin: string;
  /** Logs an event code (never secrets, never frame contents). */
  readonly log: (code: string, detail?: string) => void;
}

/** Requests a socket may have queued before it is treated as flooding. */
const MAX_QUEUED_REQUESTS = 256;
/**
 * WebSocket close codes: policy violation, message too big, internal error, and service restart (the
 * relay is shutting down or restarting: reconnect, to this relay or another, at once).
 */
export const CLOSE = { policy: 1008, tooBig: 1009, internal: 1011, restart: 1012 } as const;

type Authenticated = { readonly memberId: MemberId; readonly deviceId: Uint8Array };

export class Connection implements Subscriber {
  readonly socketId = toBase64Url(randomBytes(16));
  private readonly nonce = randomBytes(32);
  private readonly time: number;
  private member: Authenticated | null = null;
  private closed = false;
  /** Shutting down: requests that arrive from now on are not read (the client sends them again elsewhere). */
  private draining = false;
  private queue: Promise<void> = Promise.resolve();
  private queued = 0;
  private readonly live: LiveGroups;

  constructor(
    private readonly socket: RelaySocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.time = deps.now();
    this.live = new LiveGroups(deps.hub, this, (frame) => this.send(frame));
  }

  /** The socket opened: register with the hub and send the challenge. */
  open(): void {
    this.deps.hub.attach(this);
    this.send({ v: PROTOCOL_VERSION, type: "challenge", nonce: this.nonce, origin: this.deps.origin, time: this.time });
  }

  /** A message arrived (binary frames are `ArrayBuffer`s; anything else is malformed). */
  receive(data: unknown): void {
    if (this.closed || this.draining) return;
    if (!(data instanceof ArrayBuffer)) return this.fail(null, "malformed-frame");
    if (++this.queued > MAX_QUEUED_REQUESTS) return this.fail(null, "rate-limited");
    const bytes = new Uint8Array(data);
    this.queue = this.queue.then(async () => {
      try {
        if (!this.closed) await this.handle(bytes);
      } catch (error) {
        this.deps.log("internal", error instanceof Error ? error.name : "non-error thrown");
        this.fail(requestId(bytes), "internal", CLOSE.internal);
      } finally {
        this.queued--;
      }
    });
  }

  /** The transport reported an error (e.g. `ws` refused a frame over maxPayload and is closing). */
  transportError(error: unknown): void {
    const tooBig =
      typeof error === "object" &&
      error !== null &&
      "code" in error &&
      error.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH";
    this.deps.log(tooBig ? "frame-too-large" : "transport-error");
    // `ws` has already sent its close frame (1009 for a frame too large): nothing more can be said.
    this.markClosed();
  }

  /** The socket closed. */
  onClose(): void {
    this.markClosed();
  }

  deliver(frame: LiveFrame): void {
    this.live.deliver(frame);
  }

  push(frame: ServerFrame): void {
    this.send(frame);
  }

  leaveGroup(groupId: Uint8Array, removed: boolean): void {
    this.live.drop(groupId);
    if (!removed || this.closed) return;
    // The relay stops serving a removed member at once: say why, then close. Its device may
    // reconnect for its other groups; frames about this one are refused with `not-a-member`.
    this.send(errorFrame(null, "removed-from-group", false));
    this.markClosed();
    this.socket.close(CLOSE.policy, "removed-from-group");
  }

  async drain(): Promise<void> {
    this.draining = true;
    // Requests already read are answered (their writes committed and acknowledged) before the close.
    await this.queue;
    this.shutDown();
  }

  shutDown(): void {
    if (this.closed) return;
    this.markClosed();
    this.socket.close(CLOSE.restart, "relay restarting");
  }

  private async handle(bytes: Uint8Array): Promise<void> {
    const frame = parseClientFrame(bytes);
    if (frame === null)
      return this.fail(requestId(bytes), isOtherVersion(bytes) ? "unsupported-version" : "malformed-frame");
    if (this.member === null) return this.authenticate(frame);
    if (frame.type === "hello") return this.send(errorFrame(null, "unknown-request", false));
    const result = await this.dispatch(frame, this.context(this.member));
    if (result.ok) {
      this.send(result.value.frame);
      result.value.afterSend?.();
    } else {
      this.deps.log(result.code, result.detail);
      this.send(errorFrame(frame.id, result.code, false));
    }
  }

  private dispatch(frame: Exclude<ClientFrame, { type: "hello" }>, ctx: RequestContext): Promise<Result<Reply>> {
    switch (frame.type) {
      case "append":
        return handleAppend(ctx, frame);
      case "invite-lookup":
        return handleInviteLookup(ctx, frame);
      case "subscribe":
        return handleSubscribe(ctx, frame);
      case "publish":
        return handlePublish(ctx, frame);
      case "my-groups":
        return handleMyGroups(ctx, frame);
      case "link-open":
        return handleLinkOpen(ctx, frame);
      case "link-answer":
        return handleLinkAnswer(ctx, frame);
      case "link-complete":
        return handleLinkComplete(ctx, frame);
      case "notice-post":
        return handleNoticePost(ctx, frame);
      case "notices":
        return handleNotices(ctx, frame);
      case "journal-delete":
        return handleJournalDelete(ctx, frame);
      case "agg-cohort-create":
        return handleAggCohortCreate(ctx, frame);
      case "agg-enrol":
        return handleAggEnrol(ctx, frame);
      case "agg-cohorts":
        return handleAggCohorts(ctx, frame);
      case "agg-state":
        return handleAggState(ctx, frame);
      case "agg-round-open":
        return handleAggRoundOpen(ctx, frame);
      case "agg-volunteer":
        return handleAggVolunteer(ctx, frame);
      case "agg-reveal":
        return handleAggReveal(ctx, frame);
      case "agg-accept":
        return handleAggAccept(ctx, frame);
      case "agg-advance":
        return handleAggAdvance(ctx, frame);
      case "agg-report":
        return handleAggReport(ctx, frame);
      case "agg-shares":
        return handleAggShares(ctx, frame);
      case "agg-partial":
        return handleAggPartial(ctx, frame);
    }
  }

  private authenticate(frame: ClientFrame): void {
    if (frame.type !== "hello") return this.fail(null, "not-authenticated");
    const challenge = { nonce: this.nonce, origin: this.deps.origin, time: this.time };
    const memberId = MemberId.fromBytes(frame.memberId);
    if (
      memberId === null ||
      !verifyWithContext(
        "auth",
        authMessage(challenge, frame.memberId, frame.deviceId),
        frame.signature,
        frame.memberId,
      )
    ) {
      return this.fail(null, "auth-failed");
    }
    this.member = { memberId, deviceId: frame.deviceId };
    this.deps.hub.identify(this, memberId);
    this.send({ v: PROTOCOL_VERSION, type: "welcome", memberId: frame.memberId });
  }

  private context(member: Authenticated): RequestContext {
    return {
      storage: this.deps.storage,
      hub: this.deps.hub,
      rounds: this.deps.rounds,
      now: this.deps.now,
      memberId: member.memberId,
      deviceId: member.deviceId,
      challengeNonce: this.nonce,
      self: this,
      holdLive: (groupId) => this.live.hold(groupId),
    };
  }

  private send(frame: ServerFrame): void {
    if (this.closed || !this.socket.isOpen) return;
    this.socket.send(encodeFrame(frame));
  }

  /** Answers with a fatal error and closes the socket. */
  private fail(id: number | null, code: ErrorCode, closeCode: number = CLOSE.policy): void {
    if (this.closed) return;
    this.deps.log(code);
    this.send(errorFrame(id, code, true));
    this.markClosed();
    this.socket.close(closeCode, code);
  }

  private markClosed(): void {
    if (this.closed) return;
    this.closed = true;
    this.deps.hub.detach(this);
  }
}

function errorFrame(id: number | null, code: ErrorCode, fatal: boolean): ServerFrame {
  return { v: PROTOCOL_VERSION, type: "error", id, code, fatal };
}

/** The request id of a frame that failed validation, when it has a usable one. */
function requestId(bytes: Uint8Array): number | null {
  const raw = decodeCbor(bytes);
  if (typeof raw !== "object" || raw === null || !("id" in raw)) return null;
  const id = raw.id;
  return typeof id === "number" && Number.isInteger(id) && id >= 0 && id <= 2 ** 31 ? id : null;
}

function isOtherVersion(bytes: Uint8Array): boolean {
  const raw = decodeCbor(bytes);
  return (
    typeof raw === "object" && raw !== null && "v" in raw && typeof raw.v === "number" && raw.v !== PROTOCOL_VERSION
  );
}
