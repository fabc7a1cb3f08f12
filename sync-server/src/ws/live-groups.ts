/**
 * A socket's subscriptions. While a subscription's first catch-up page is being read, live frames of
 * that group are held; on release, frames the catch-up covers (up to its bounds, whatever page they
 * come in) are dropped and the rest are sent in order, so a subscriber gets nothing twice from
 * catch-up and live, and nothing before its catch-up's first page.
 *
 * It also counts, per group, the subscribes since the group's last catch-up finished (the repeat
 * limit of handle-subscribe.ts), and keeps each subscription's bounds for its later pages.
 */
import { toBase64Url, type ServerFrame } from "@porch/shared";
import type { CatchUpBounds } from "../storage/relay-storage.ts";
import type { Hub, LiveFrame, Subscriber } from "./hub.ts";
import type { LiveHold, Subscriptions, SubscriptionKind } from "./request-context.ts";

type Group = { readonly held: LiveFrame[] | null; readonly covered: CatchUpBounds; readonly kind: SubscriptionKind };

export class LiveGroups implements Subscriptions {
  private readonly groups = new Map<string, Group>();
  /** Subscribes per group since its last finished catch-up. */
  private readonly unfinishedCatchUps = new Map<string, number>();

  constructor(
    private readonly hub: Hub,
    private readonly owner: Subscriber,
    private readonly send: (frame: ServerFrame) => void,
  ) {}

  /** Subscribes (or re-subscribes) to a group and holds its live frames until released. */
  hold(groupId: Uint8Array, kind: SubscriptionKind = "group"): LiveHold {
    const key = toBase64Url(groupId);
    const held: LiveFrame[] = [];
    const token: Group = { held, covered: { headSeq: 0, logLength: 0 }, kind };
    this.groups.set(key, token);
    this.unfinishedCatchUps.set(key, (this.unfinishedCatchUps.get(key) ?? 0) + 1);
    this.hub.subscribe(groupId, this.owner);
    return {
      release: (covered) => {
        if (this.groups.get(key) !== token) return; // superseded by a newer subscribe
        this.groups.set(key, { held: null, covered, kind });
        for (const frame of held) this.forward(key, frame);
      },
      cancel: () => {
        const left = (this.unfinishedCatchUps.get(key) ?? 1) - 1;
        if (left > 0) this.unfinishedCatchUps.set(key, left);
        else this.unfinishedCatchUps.delete(key);
        if (this.groups.get(key) !== token) return;
        this.groups.delete(key);
        this.hub.unsubscribe(groupId, this.owner);
      },
    };
  }

  /** The bounds of the group's current subscription once its first page was sent, else null. */
  current(groupId: Uint8Array): { readonly bounds: CatchUpBounds; readonly kind: SubscriptionKind } | null {
    const group = this.groups.get(toBase64Url(groupId));
    return group === undefined || group.held !== null ? null : { bounds: group.covered, kind: group.kind };
  }

  unfinished(groupId: Uint8Array): number {
    return this.unfinishedCatchUps.get(toBase64Url(groupId)) ?? 0;
  }

  finished(groupId: Uint8Array): void {
    this.unfinishedCatchUps.delete(toBase64Url(groupId));
  }

  /** Stops a group's live frames for good (its member left or was removed); held frames are dropped. */
  drop(groupId: Uint8Array): void {
    const key = toBase64Url(groupId);
    this.groups.delete(key);
    this.unfinishedCatchUps.delete(key);
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
