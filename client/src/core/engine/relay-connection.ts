/**
 * One authenticated WebSocket to the relay, reconnecting with backoff. Requests carry an id and
 * resolve with the relay's answer (or an error frame); live frames go to `onLive`.
 * Framework-free: the UI observes it through the sync engine.
 */
import {
  authMessage,
  DeviceId,
  encodeFrame,
  err,
  ok,
  parseServerFrame,
  signWithContext,
  type ClientFrame,
  type ErrorCode,
  type Identity,
  type Result,
  type ServerFrame,
  MemberId,
} from "@porch/shared";
import type { Answer, RequestFrame, SyncConnection } from "./sync-connection.ts";

/** Connection state as the member sees it. */
export type ConnectionState = "connecting" | "online" | "offline";

export type { Answer, RequestFrame } from "./sync-connection.ts";

/** Frames the relay pushes that are not about a group's data: second-device links, a cohort that changed, and refusals with no request. */
export type PushFrame =
  | Extract<ServerFrame, { type: "link-request" | "link-sealed" | "agg-changed" }>
  | (Extract<ServerFrame, { type: "error" }> & { readonly id: null });

export interface RelayConnectionOptions {
  readonly url: string;
  /** Who the socket authenticates as: the member's identity, or the journal's signing key (journal-keys.ts). */
  readonly identity: Pick<Identity, "memberId" | "signing">;
  readonly deviceId: DeviceId;
  /** Injected for Node tests (Node 20 has no global WebSocket). */
  readonly WebSocketImpl?: typeof WebSocket;
  readonly onLive: (frame: Extract<ServerFrame, { type: "envelope" | "entry" }>) => void;
  /** Second-device link frames and refusals not tied to a request (e.g. `removed-from-group`). */
  readonly onPush?: (frame: PushFrame) => void;
  readonly onState: (state: ConnectionState, fatal?: ErrorCode) => void;
  /** Called after every successful authentication (subscribe again here). */
  readonly onReady: () => void;
  readonly requestTimeoutMs?: number;
}

/** Close code of a relay that is restarting or draining (RFC 6455 "service restart"): reconnect at once. */
export const SERVICE_RESTART = 1012;
/** After a 1012, retries come every 250–1000 ms (not backing off) for this many attempts. */
const PROMPT_RETRIES = 40;

interface Pending {
  resolve(result: Result<Answer>): void;
  timer: ReturnType<typeof setTimeout>;
}

/** A self-healing, authenticated connection to the relay. */
export class RelayConnection implements SyncConnection {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private attempt = 0;
  /** Retries left at the short, flat delay that follows a relay's restart (1012). */
  private promptRetries = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private stopped = true;
  private nonce: Uint8Array | null = null;
  private authenticated = false;

  constructor(private readonly options: RelayConnectionOptions) {}

  /** Connects now and keeps reconnecting until `stop()`. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (until `start()`), failing pending requests with `offline`. */
  stop(): void {
    this.stopped = true;
    // Not ready from now on, not only once the socket's close event comes: nothing new may be sent on it.
    this.authenticated = false;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.socket?.close();
    this.failPending("offline");
  }

  /** Reconnects at once (e.g. the browser says the network is back). */
  nudge(): void {
    if (this.stopped || this.authenticated) return;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.attempt = 0;
    this.connect();
  }

  /** True while authenticated. */
  get ready(): boolean {
    return this.authenticated;
  }

  /** This connection's challenge nonce (an invitation-lookup proof signs it). */
  get challengeNonce(): Uint8Array | null {
    return this.authenticated ? this.nonce : null;
  }

  /** Sends a request and resolves with its answer; `offline`/`timeout` when it cannot be answered. */
  request(frame: RequestFrame): Promise<Result<Answer>> {
    const socket = this.socket;
    if (!this.authenticated || socket === null) return Promise.resolve(err("offline"));
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve(err("timeout"));
      }, this.options.requestTimeoutMs ?? 15_000);
      this.pending.set(id, { resolve, timer });
      socket.send(encodeFrame({ ...frame, id } as ClientFrame));
    });
  }

  private connect(): void {
    if (this.stopped) return;
    this.options.onState("connecting");
    const Impl = this.options.WebSocketImpl ?? WebSocket;
    let socket: WebSocket;
    try {
      socket = new Impl(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    socket.binaryType = "arraybuffer";
    this.socket = socket;
    this.authenticated = false;
    socket.onmessage = (event: MessageEvent) => {
      if (!(event.data instanceof ArrayBuffer)) return;
      const frame = parseServerFrame(new Uint8Array(event.data));
      if (frame !== null) this.onFrame(socket, frame);
    };
    // Whatever closed it — the network, a relay restart, or the relay giving up on a socket that did not
    // read what it was sent (4008 slow-consumer, after a fatal `slow-consumer` error frame) — the
    // connection reconnects with backoff, and `onReady` catches every document up from its cursor.
    socket.onclose = (event: CloseEvent) => {
      if (this.socket !== socket) return;
      // The relay is restarting or draining: another process (or this one, restarted) takes the
      // reconnection within seconds, and the outbox resends whatever was not acknowledged.
      if (event.code === SERVICE_RESTART) {
        this.attempt = 0;
        this.promptRetries = PROMPT_RETRIES;
      }
      this.socket = null;
      this.authenticated = false;
      this.failPending("offline");
      this.options.onState("offline");
      this.scheduleRetry();
    };
    socket.onerror = () => socket.close();
  }

  private onFrame(socket: WebSocket, frame: ServerFrame): void {
    switch (frame.type) {
      case "challenge": {
        // The signature covers the challenge's origin: signing another relay's would let this relay
        // sign in there as the member. A proxy in front of the relay must pass the Host header on.
        if (!sameHost(frame.origin, this.options.url)) {
          this.options.onState("offline", "wrong-relay");
          socket.close();
          return;
        }
        this.nonce = frame.nonce;
        const { identity, deviceId } = this.options;
        const memberId = MemberId.toBytes(identity.memberId);
        const device = DeviceId.toBytes(deviceId);
        const signature = signWithContext("auth", authMessage(frame, memberId, device), identity.signing.privateKey);
        socket.send(encodeFrame({ v: 1, type: "hello", memberId, deviceId: device, signature }));
        return;
      }
      case "welcome":
        this.authenticated = true;
        this.attempt = 0;
        this.promptRetries = 0;
        this.options.onState("online");
        this.options.onReady();
        return;
      case "envelope":
      case "entry":
        this.options.onLive(frame);
        return;
      case "link-request":
      case "link-sealed":
      case "agg-changed":
        this.options.onPush?.(frame);
        return;
      case "error":
        if (frame.id !== null) this.settle(frame.id, err(frame.code));
        else this.options.onPush?.({ ...frame, id: null });
        if (frame.fatal) this.options.onState("offline", frame.code);
        return;
      default:
        this.settle(frame.id, ok(frame));
    }
  }

  private settle(id: number, result: Result<Answer>): void {
    const p = this.pending.get(id);
    if (p === undefined) return;
    clearTimeout(p.timer);
    this.pending.delete(id);
    p.resolve(result);
  }

  private failPending(code: ErrorCode): void {
    for (const [id] of this.pending) this.settle(id, err(code));
  }

  private scheduleRetry(): void {
    if (this.stopped) return;
    if (this.promptRetries > 0) {
      this.promptRetries--;
      // Jittered, so that a relay's members do not all come back in the same instant.
      this.retryTimer = setTimeout(() => this.connect(), 250 + Math.random() * 750);
      return;
    }
    const base = Math.min(15_000, 250 * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => this.connect(), base / 2 + Math.random() * (base / 2));
  }
}

/**
 * Whether the relay's origin and the URL dialled name the same host (name and port as the Host header
 * carries them). Schemes are not compared: TLS may end at a proxy, so the relay sees http for wss.
 */
export function sameHost(origin: string, dialled: string): boolean {
  try {
    return new URL(origin).host === new URL(dialled).host;
  } catch {
    return false;
  }
}
