/**
 * Who listens to which group, in this relay process. Frames reach sockets from the change fan-out
 * (change-fanout.ts), which turns every committed change — this process's or, on PostgreSQL, another
 * process's — into `publish` (frames with their bytes) and `announce` (how far a group now goes, so a
 * socket that lacks something reads it: `readEnvelopes`/`readEntries`, one read shared by every socket
 * that asks for the same range).
 */
import { fromBase64Url, toBase64Url, type MemberId, type ServerFrame } from "@porch/shared";
import type { DocumentHead, RelayStorage, StoredEntry, StoredEnvelope } from "../storage/relay-storage.ts";
import { GroupStateCache } from "./group-state-cache.ts";

/** A live frame a subscribed socket receives. */
export type LiveFrame = Extract<ServerFrame, { type: "envelope" | "entry" }>;

/** What the hub reads for sockets that lack part of a group (another process appended it, or a notification was lost). */
export type LiveReader = Pick<RelayStorage, "readEnvelopes" | "readLog">;

/** Envelopes read at most per fill (a socket further behind reads again, or is sent to catch up). */
export const LIVE_FILL_ITEMS = 200;

/** One connected socket, as the hub sees it. */
export interface Subscriber {
  /** Opaque id, unique across relays (link mailboxes name the sockets to answer). */
  readonly socketId: string;
  /**
   * A live frame of a group this socket subscribed to; `own` when this socket sent it (it is counted
   * as delivered, not sent back). Must not throw.
   */
  deliver(frame: LiveFrame, own?: boolean): void;
  /** A group this socket subscribed to now goes this far: anything missing below is read and sent in order. */
  known(groupId: Uint8Array, head: Partial<DocumentHead>): void;
  /** A frame addressed to this socket itself (link requests and results). Must not throw. */
  push(frame: ServerFrame): void;
  /**
   * The socket's member is no longer in a group, or the document was deleted: stop its live frames; when
   * `removed`, also tell it (`removed-from-group`) and close the socket, since the relay stops serving a
   * removed member at once.
   */
  leaveGroup(groupId: Uint8Array, removed: boolean): void;
  /**
   * The relay is shutting down: read no new request, answer those already read, then close with 1012
   * (service restart). Must not reject.
   */
  drain(): Promise<void>;
  /** Closes the socket at once (1012) because the relay is shutting down. */
  shutDown(): void;
}

export class Hub {
  /** Replayed membership state per group. */
  readonly states = new GroupStateCache();
  /** Reads in flight, shared by the sockets asking for the same range. */
  private readonly reads = new Map<string, Promise<readonly (StoredEnvelope | StoredEntry)[]>>();
  private readonly groups = new Map<string, Set<Subscriber>>();
  private readonly connected = new Map<string, Subscriber>();
  private readonly byMember = new Map<MemberId, Set<Subscriber>>();
  /** Open sockets per remote address, and each socket's address (for the per-address cap). */
  private readonly byAddress = new Map<string, number>();
  private readonly addressOf = new Map<string, string>();

  /** `reader`: where sockets that lack envelopes or entries read them (none: such a socket is sent to catch up). */
  constructor(private readonly reader: LiveReader | null = null) {}

  /** A socket opened from `address`; returns how many sockets that address now has open, this one included. */
  attach(socket: Subscriber, address = "unknown"): number {
    this.connected.set(socket.socketId, socket);
    if (this.addressOf.has(socket.socketId)) return this.byAddress.get(address) ?? 1;
    this.addressOf.set(socket.socketId, address);
    const count = (this.byAddress.get(address) ?? 0) + 1;
    this.byAddress.set(address, count);
    return count;
  }

  /** How many authenticated sockets `memberId` has open in this process. */
  socketsOf(memberId: MemberId): number {
    return this.byMember.get(memberId)?.size ?? 0;
  }

  /** A socket authenticated as `memberId`. */
  identify(socket: Subscriber, memberId: MemberId): void {
    const sockets = this.byMember.get(memberId) ?? new Set();
    sockets.add(socket);
    this.byMember.set(memberId, sockets);
  }

  /** A socket closed: it leaves every group. */
  detach(socket: Subscriber): void {
    this.connected.delete(socket.socketId);
    const address = this.addressOf.get(socket.socketId);
    if (address !== undefined) {
      this.addressOf.delete(socket.socketId);
      const left = (this.byAddress.get(address) ?? 1) - 1;
      if (left > 0) this.byAddress.set(address, left);
      else this.byAddress.delete(address);
    }
    for (const [memberId, sockets] of this.byMember) {
      sockets.delete(socket);
      if (sockets.size === 0) this.byMember.delete(memberId);
    }
    for (const [key, members] of this.groups) {
      members.delete(socket);
      if (members.size === 0) this.groups.delete(key);
    }
  }

  /** Registers a socket for the live frames of a group (idempotent). */
  subscribe(groupId: Uint8Array, socket: Subscriber): void {
    const key = toBase64Url(groupId);
    const members = this.groups.get(key) ?? new Set();
    members.add(socket);
    this.groups.set(key, members);
  }

  /** Stops a socket's live frames of one group. */
  unsubscribe(groupId: Uint8Array, socket: Subscriber): void {
    const key = toBase64Url(groupId);
    const members = this.groups.get(key);
    members?.delete(socket);
    if (members?.size === 0) this.groups.delete(key);
  }

  /** Sends a live frame to every socket subscribed to its group; the socket `origin` names sent it. */
  publish(frame: LiveFrame, origin?: string): void {
    const members = this.groups.get(toBase64Url(frame.groupId));
    if (members === undefined) return;
    for (const socket of [...members]) socket.deliver(frame, socket.socketId === origin);
  }

  /** Tells every socket subscribed to a group how far it now goes. */
  announce(groupId: Uint8Array, head: Partial<DocumentHead>): void {
    for (const socket of [...(this.groups.get(toBase64Url(groupId)) ?? [])]) socket.known(groupId, head);
  }

  /** Whether any socket of this process follows the group. */
  hasSubscribers(groupId: Uint8Array): boolean {
    return this.groups.has(toBase64Url(groupId));
  }

  /** The groups (and journals) sockets of this process follow. */
  subscribedGroups(): Uint8Array[] {
    return [...this.groups.keys()].flatMap((key) => fromBase64Url(key) ?? []);
  }

  /** Whether a socket is connected to this process. */
  hasSocket(socketId: string): boolean {
    return this.connected.has(socketId);
  }

  /** Envelopes with `afterSeq < seq <= throughSeq` (at most LIVE_FILL_ITEMS), for sockets that lack them. */
  readEnvelopes(groupId: Uint8Array, afterSeq: number, throughSeq: number): Promise<readonly StoredEnvelope[]> {
    const reader = this.reader;
    if (reader === null) return Promise.reject(new Error("the hub has no storage to read from"));
    return this.shared(`e:${toBase64Url(groupId)}:${afterSeq}:${throughSeq}`, () =>
      reader.readEnvelopes(groupId, afterSeq, throughSeq, LIVE_FILL_ITEMS),
    ) as Promise<readonly StoredEnvelope[]>;
  }

  /** Log entries from `fromIndex`, for sockets that lack them. */
  readEntries(groupId: Uint8Array, fromIndex: number): Promise<readonly StoredEntry[]> {
    const reader = this.reader;
    if (reader === null) return Promise.reject(new Error("the hub has no storage to read from"));
    return this.shared(`l:${toBase64Url(groupId)}:${fromIndex}`, () => reader.readLog(groupId, fromIndex)) as Promise<
      readonly StoredEntry[]
    >;
  }

  private shared(
    key: string,
    read: () => Promise<readonly (StoredEnvelope | StoredEntry)[]>,
  ): Promise<readonly (StoredEnvelope | StoredEntry)[]> {
    const running = this.reads.get(key);
    if (running !== undefined) return running;
    const started = read().finally(() => this.reads.delete(key));
    this.reads.set(key, started);
    return started;
  }

  /** Sends a frame to every socket authenticated as `memberId` in this process. */
  pushToMember(memberId: MemberId, frame: ServerFrame): void {
    for (const socket of [...(this.byMember.get(memberId) ?? [])]) socket.push(frame);
  }

  /** Sends a frame to one socket, if it is connected to this process. */
  pushToSocket(socketId: string, frame: ServerFrame): boolean {
    const socket = this.connected.get(socketId);
    socket?.push(frame);
    return socket !== undefined;
  }

  /** Stops serving a group to a member who left or was removed (every socket of theirs). */
  dropMember(groupId: Uint8Array, memberId: MemberId, removed: boolean): void {
    for (const socket of [...(this.byMember.get(memberId) ?? [])]) socket.leaveGroup(groupId, removed);
  }

  /**
   * Stops every socket's live frames of a document that no longer exists (a deleted journal), so a
   * later claim of the same id starts over with no subscriber left from before.
   */
  dropDocument(groupId: Uint8Array): void {
    for (const socket of [...(this.groups.get(toBase64Url(groupId)) ?? [])]) socket.leaveGroup(groupId, false);
  }

  /** How many sockets are connected (health and tests). */
  get connections(): number {
    return this.connected.size;
  }

  /**
   * Graceful shutdown: every socket finishes the requests it already read and closes with 1012; those
   * still busy after `timeoutMs` are closed anyway (their unacknowledged requests are sent again by
   * the client after it reconnects).
   */
  async drainAll(timeoutMs: number): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([
      Promise.all([...this.connected.values()].map((socket) => socket.drain())),
      new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
    ]);
    clearTimeout(timer);
    this.closeAll();
  }

  /** Closes every socket (shutdown). */
  closeAll(): void {
    for (const socket of [...this.connected.values()]) socket.shutDown();
    this.connected.clear();
    this.byMember.clear();
    this.byAddress.clear();
    this.addressOf.clear();
    this.groups.clear();
  }
}
