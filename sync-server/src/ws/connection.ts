/**
 * One relay socket: challenge → hello → requests. Untrusted input never throws out of here: a bad
 * frame gets an error frame and the socket is closed; a failed request gets a non-fatal error with its
 * id; a bug in a handler closes this socket with `internal` and the relay keeps serving the others.
 */
import {
  CLOSE_SLOW_CONSUMER,
  MemberId,
  PROTOCOL_VERSION,
  bytesEqual,
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
import type { RelayLimits } from "../relay-limits.ts";
import type { DocumentHead, RelayStorage } from "../storage/relay-storage.ts";
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
import { handleCheckpointSign } from "./handle-checkpoint-sign.ts";
import { handleJournalDelete } from "./handle-journal-delete.ts";
import { handleLinkAnswer, handleLinkComplete, handleLinkOpen } from "./handle-link.ts";
import { handleMyGroups } from "./handle-my-groups.ts";
import { handleNextCounter } from "./handle-next-counter.ts";
import { handleNoticePost, handleNotices } from "./handle-notices.ts";
import { handlePublish } from "./handle-publish.ts";
import { handleSnapshotAck } from "./handle-snapshot-ack.ts";
import { handleCatchUpMore, handleSubscribe } from "./handle-subscribe.ts";
import { DEFAULT_FLOW_LIMITS, type FlowLimits } from "./flow-limits.ts";
import type { Hub, LiveFrame, Subscriber } from "./hub.ts";
import { LiveGroups } from "./live-groups.ts";
import type { Reply, RequestContext } from "./request-context.ts";
import type { Result } from "@porch/shared";

/** The transport under a connection (a `ws` socket in production). */
export interface RelaySocket {
  /** Queues a frame; `written` runs once it has left the process's buffer (ws's send callback). */
  send(bytes: Uint8Array, written?: () => void): void;
  close(code: number, reason: string): void;
  readonly isOpen: boolean;
  /** Bytes queued by `send` and not yet handed to the network. */
  readonly bufferedAmount: number;
  /** Stops reading the peer's frames (they wait in the network), and starts again. */
  pause(): void;
  resume(): void;
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
  /** Catch-up pages, repeated subscribes and the socket buffer (defaults when absent). */
  readonly flow?: FlowLimits;
  /** The limits of a public relay (hello deadline, socket caps, quotas). */
  readonly limits: RelayLimits;
  /** The remote address of the TCP peer (the last hop: a reverse proxy's, behind one). */
  readonly address: string;
}

/** Requests a socket may have queued before it is treated as flooding. */
const MAX_QUEUED_REQUESTS = 256;
/**
 * WebSocket close codes: policy violation, message too big, internal error, going away, service restart
 * (the relay is shutting down or restarting: reconnect, to this relay or another, at once), try later,
 * not reading.
 */
export const CLOSE = {
  policy: 1008,
  tooBig: 1009,
  internal: 1011,
  goingAway: 1001,
  restart: 1012,
  tryAgainLater: 1013,
  slowConsumer: CLOSE_SLOW_CONSUMER,
} as const;

/** While a socket's buffer is over its mark: sends since, frames written since the last check, and the timer. */
type Backlog = { sends: number; written: number; timer: ReturnType<typeof setTimeout>; readonly resume: () => void };

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
  private readonly flow: FlowLimits;
  /** Set while the socket's buffer is over its mark: requests wait for `drained`. */
  private backlog: Backlog | null = null;
  private drained: Promise<void> = Promise.resolve();
  /** Closes the socket if no hello has been accepted in time; cleared on hello and on close. */
  private helloTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly socket: RelaySocket,
    private readonly deps: ConnectionDeps,
  ) {
    this.time = deps.now();
    this.flow = deps.flow ?? DEFAULT_FLOW_LIMITS;
    this.live = new LiveGroups(
      deps.hub,
      this,
      (frame) => this.send(frame),
      () => this.catchUpElsewhere(),
    );
  }

  /**
   * The socket opened: register with the hub and send the challenge, unless its address already holds
   * as many sockets as allowed. A socket that has not said hello by the deadline is closed: without
   * it, a socket that never authenticates would be held open (and counted) forever.
   */
  open(): void {
    const fromAddress = this.deps.hub.attach(this, this.deps.address);
    if (fromAddress > this.deps.limits.maxSocketsPerAddress)
      return this.fail(null, "too-many-connections", CLOSE.tryAgainLater);
    this.send({ v: PROTOCOL_VERSION, type: "challenge", nonce: this.nonce, origin: this.deps.origin, time: this.time });
    this.helloTimer = setTimeout(() => {
      this.helloTimer = null;
      if (this.member === null) this.fail(null, "hello-timeout");
    }, this.deps.limits.helloTimeoutMs);
    // The deadline alone never keeps the relay process alive.
    this.helloTimer.unref?.();
  }

  /** A message arrived (binary frames are `ArrayBuffer`s; anything else is malformed). */
  receive(data: unknown): void {
    if (this.closed || this.draining) return;
    if (!(data instanceof ArrayBuffer)) return this.fail(null, "malformed-frame");
    if (++this.queued > MAX_QUEUED_REQUESTS) return this.fail(null, "rate-limited");
    const bytes = new Uint8Array(data);
    this.queue = this.queue.then(async () => {
      try {
        await this.drained; // not while the socket's buffer is over its mark
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

  deliver(frame: LiveFrame, own?: boolean): void {
    this.live.deliver(frame, own);
  }

  known(groupId: Uint8Array, head: Partial<DocumentHead>): void {
    this.live.known(groupId, head);
  }

  /**
   * Live frames of a group have a hole storage could not fill: close with 1012 (the client reconnects at
   * once and catches up from its last seq), rather than send anything out of order.
   */
  private catchUpElsewhere(): void {
    if (this.closed) return;
    this.deps.log("live-gap-unfilled");
    this.markClosed();
    this.socket.close(CLOSE.restart, "catch up");
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
    if (this.member === null) return await this.authenticate(frame);
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
      case "checkpoint-sign":
        return handleCheckpointSign(ctx, frame);
      case "subscribe":
        return handleSubscribe(ctx, frame);
      case "catch-up-more":
        return handleCatchUpMore(ctx, frame);
      case "publish":
        return handlePublish(ctx, frame);
      case "snapshot-ack":
        return handleSnapshotAck(ctx, frame);
      case "next-counter":
        return handleNextCounter(ctx, frame);
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

  private async authenticate(frame: ClientFrame): Promise<void> {
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
    // A device id belongs to the first member that authenticated with it (storage `bindDevice`):
    // counters are kept per (group, device id), so another member using it could spend the owner's
    // counters and get the owner's own uploads refused as `counter-reused`. The id appears nowhere
    // (envelope headers included) before its owner's first hello, so nobody can claim it first.
    const owner = await this.deps.storage.bindDevice(frame.deviceId, frame.memberId);
    if (this.closed) return;
    if (!bytesEqual(owner, frame.memberId)) return this.fail(null, "device-taken");
    // Counted after the await, next to `identify`: two hellos of one identity cannot both slip under.
    if (this.deps.hub.socketsOf(memberId) >= this.deps.limits.maxSocketsPerIdentity)
      return this.fail(null, "too-many-connections", CLOSE.tryAgainLater);
    this.clearHelloTimer();
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
      limits: this.deps.limits,
      memberId: member.memberId,
      deviceId: member.deviceId,
      challengeNonce: this.nonce,
      self: this,
      subscriptions: this.live,
      flow: this.flow,
    };
  }

  /**
   * Sends a frame, watching the socket's buffer: over the mark, stop reading the socket's requests
   * until it drains under half the mark; give up on it (4008) when, meanwhile, a frame would take it
   * past twice the mark, `slowSends` more frames were sent, or no frame left it for `drainMs`.
   */
  private send(frame: ServerFrame): void {
    if (this.closed || !this.socket.isOpen) return;
    const bytes = encodeFrame(frame);
    const { socketBufferBytes, slowSends } = this.flow;
    if (this.backlog !== null) {
      if (++this.backlog.sends > slowSends || this.socket.bufferedAmount + bytes.length > 2 * socketBufferBytes)
        return this.slowConsumer();
    }
    this.socket.send(bytes, () => this.written());
    if (this.backlog === null && this.socket.bufferedAmount > socketBufferBytes) this.stopReading();
  }

  private stopReading(): void {
    let resume = () => {};
    this.drained = new Promise((resolve) => (resume = resolve));
    const backlog: Backlog = { sends: 0, written: 0, timer: this.drainTimer(), resume };
    this.backlog = backlog;
    this.socket.pause();
  }

  /** Checks every `drainMs` that at least one frame left the buffer since the last check. */
  private drainTimer(): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => {
      const backlog = this.backlog;
      if (backlog === null) return;
      if (backlog.written === 0) return this.slowConsumer();
      backlog.written = 0;
      backlog.timer = this.drainTimer();
    }, this.flow.drainMs);
    timer.unref();
    return timer;
  }

  private written(): void {
    if (this.backlog === null) return;
    this.backlog.written++;
    if (this.socket.bufferedAmount <= this.flow.socketBufferBytes / 2) this.resumeReading();
  }

  private resumeReading(): void {
    const backlog = this.backlog;
    if (backlog === null) return;
    this.backlog = null;
    clearTimeout(backlog.timer);
    if (!this.closed) this.socket.resume();
    backlog.resume();
  }

  /** The peer does not read what it is sent: say so (it comes after what is queued) and close. */
  private slowConsumer(): void {
    if (this.closed) return;
    this.deps.log("slow-consumer");
    this.socket.send(encodeFrame(errorFrame(null, "slow-consumer", true)));
    this.markClosed();
    this.socket.resume(); // the close handshake needs the peer's answer
    this.socket.close(CLOSE.slowConsumer, "slow-consumer");
  }

  /** Answers with a fatal error and closes the socket. */
  private fail(id: number | null, code: ErrorCode, closeCode: number = CLOSE.policy): void {
    if (this.closed) return;
    this.deps.log(code);
    this.send(errorFrame(id, code, true));
    this.markClosed();
    this.socket.close(closeCode, code);
  }

  private clearHelloTimer(): void {
    if (this.helloTimer === null) return;
    clearTimeout(this.helloTimer);
    this.helloTimer = null;
  }

  private markClosed(): void {
    if (this.closed) return;
    this.clearHelloTimer();
    this.closed = true;
    this.deps.hub.detach(this);
    this.resumeReading(); // waiting requests run and find the socket closed
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
