/**
 * Who listens to which group, in this relay process. Fan-out goes through `publish` only, so a later
 * multi-relay setup (PostgreSQL LISTEN/NOTIFY) can forward frames to the other processes there.
 */
import { toBase64Url, type MemberId, type ServerFrame } from "@porch/shared";
import { GroupStateCache } from "./group-state-cache.ts";

/** A live frame a subscribed socket receives. */
export type LiveFrame = Extract<ServerFrame, { type: "envelope" | "entry" }>;

/** One connected socket, as the hub sees it. */
export interface Subscriber {
  /** Opaque id, unique across relays (link mailboxes name the sockets to answer). */
  readonly socketId: string;
  /** A live frame of a group this socket subscribed to. Must not throw. */
  deliver(frame: LiveFrame): void;
  /** A frame addressed to this socket itself (link requests and results). Must not throw. */
  push(frame: ServerFrame): void;
  /**
   * The socket's member is no longer in a group, or the document was deleted: stop its live frames; when
   * `removed`, also tell it (`removed-from-group`) and close the socket, since the relay stops serving a
   * removed member at once.
   */
  leaveGroup(groupId: Uint8Array, removed: boolean): void;
  /** Closes the socket because the relay is shutting down. */
  shutDown(): void;
}

export class Hub {
  /** Replayed membership state per group. */
  readonly states = new GroupStateCache();
  private readonly groups = new Map<string, Set<Subscriber>>();
  private readonly connected = new Map<string, Subscriber>();
  private readonly byMember = new Map<MemberId, Set<Subscriber>>();
  /** Open sockets per remote address, and each socket's address (for the per-address cap). */
  private readonly byAddress = new Map<string, number>();
  private readonly addressOf = new Map<string, string>();

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

  /** Sends a live frame to every socket subscribed to its group, except `except` (the sender). */
  publish(frame: LiveFrame, except?: Subscriber): void {
    const members = this.groups.get(toBase64Url(frame.groupId));
    if (members === undefined) return;
    for (const socket of members) if (socket !== except) socket.deliver(frame);
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
