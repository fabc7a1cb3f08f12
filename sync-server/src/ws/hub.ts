/**
 * Who listens to which group, in this relay process. Fan-out goes through `publish` only, so a later
 * multi-relay setup (PostgreSQL LISTEN/NOTIFY) can forward frames to the other processes there.
 */
import { toBase64Url, type ServerFrame } from "@porch/shared";
import { GroupStateCache } from "./group-state-cache.ts";

/** A live frame a subscribed socket receives. */
export type LiveFrame = Extract<ServerFrame, { type: "envelope" | "entry" }>;

/** One connected socket, as the hub sees it. */
export interface Subscriber {
  /** A live frame of a group this socket subscribed to. Must not throw. */
  deliver(frame: LiveFrame): void;
  /** Closes the socket because the relay is shutting down. */
  shutDown(): void;
}

export class Hub {
  /** Replayed membership state per group. */
  readonly states = new GroupStateCache();
  private readonly groups = new Map<string, Set<Subscriber>>();
  private readonly connected = new Set<Subscriber>();

  /** A socket opened. */
  attach(socket: Subscriber): void {
    this.connected.add(socket);
  }

  /** A socket closed: it leaves every group. */
  detach(socket: Subscriber): void {
    this.connected.delete(socket);
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

  /** How many sockets are connected (health and tests). */
  get connections(): number {
    return this.connected.size;
  }

  /** Closes every socket (shutdown). */
  closeAll(): void {
    for (const socket of [...this.connected]) socket.shutDown();
    this.connected.clear();
    this.groups.clear();
  }
}
