/**
 * A socket's subscriptions. While a subscription's catch-up is being read, live frames of that group
 * are held; on release, frames the catch-up already contained are dropped and the rest are sent in
 * order, so a subscriber gets nothing twice from catch-up and live, and nothing before its catch-up.
 */
import { toBase64Url, type ServerFrame } from "@porch/shared";
import type { Hub, LiveFrame, Subscriber } from "./hub.ts";
import type { LiveHold } from "./request-context.ts";

type Covered = { readonly headSeq: number; readonly logLength: number };
type Group = { readonly held: LiveFrame[] | null; readonly covered: Covered };

export class LiveGroups {
  private readonly groups = new Map<string, Group>();

  constructor(
    private readonly hub: Hub,
    private readonly owner: Subscriber,
    private readonly send: (frame: ServerFrame) => void,
  ) {}

  /** Subscribes (or re-subscribes) to a group and holds its live frames until released. */
  hold(groupId: Uint8Array): LiveHold {
    const key = toBase64Url(groupId);
    const held: LiveFrame[] = [];
    const token: Group = { held, covered: { headSeq: 0, logLength: 0 } };
    this.groups.set(key, token);
    this.hub.subscribe(groupId, this.owner);
    return {
      release: (covered) => {
        if (this.groups.get(key) !== token) return; // superseded by a newer subscribe
        this.groups.set(key, { held: null, covered });
        for (const frame of held) this.forward(key, frame);
      },
      cancel: () => {
        if (this.groups.get(key) !== token) return;
        this.groups.delete(key);
        this.hub.unsubscribe(groupId, this.owner);
      },
    };
  }

  /** Stops a group's live frames for good (its member left or was removed); held frames are dropped. */
  drop(groupId: Uint8Array): void {
    this.groups.delete(toBase64Url(groupId));
    this.hub.unsubscribe(groupId, this.owner);
  }

  /** A live frame from the hub. */
  deliver(frame: LiveFrame): void {
    const key = toBase64Url(frame.groupId);
    const group = this.groups.get(key);
    if (group === undefined) return;
    if (group.held !== null) group.held.push(frame);
    else this.forward(key, frame);
  }

  private forward(key: string, frame: LiveFrame): void {
    const group = this.groups.get(key);
    if (group === undefined) return;
    // Only what the catch-up contained is dropped. Live frames are not deduplicated against each
    // other: concurrent publishes may finish out of seq order, and none of them may be lost.
    const seen = frame.type === "envelope" ? frame.seq <= group.covered.headSeq : frame.index < group.covered.logLength;
    if (!seen) this.send(frame);
  }
}
