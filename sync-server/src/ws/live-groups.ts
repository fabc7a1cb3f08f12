/**
 * A socket's subscriptions. While a subscription's first catch-up page is being read, live frames of
 * that group are held; on release, frames the catch-up covers (up to its bounds, whatever page they
 * come in) are dropped and the rest are sent.
 *
 * Live frames leave in order and without holes: envelopes by seq from the catch-up's head seq on,
 * entries by index from its log length on. A frame that arrives ahead of one still missing waits; a
 * hole that nothing fills — the missing frame was appended by another relay process, or its
 * notification was lost, or concurrent batches finished out of order — is read from storage through
 * the hub (one read shared by every socket lacking the same range), then everything waiting is sent.
 * A hole storage cannot fill either (pruned meanwhile, or the read failed) closes the socket with
 * 1012, and the client catches up from its last seq on reconnecting: nothing is lost, nothing doubled.
 *
 * It also counts, per group, the subscribes since the group's last catch-up finished (the repeat
 * limit of handle-subscribe.ts), and keeps each subscription's bounds for its later pages.
 */
import { toBase64Url, type ServerFrame } from "@porch/shared";
import type { CatchUpBounds, DocumentHead } from "../storage/relay-storage.ts";
import type { Hub, LiveFrame, Subscriber } from "./hub.ts";
import type { LiveHold, Subscriptions, SubscriptionKind } from "./request-context.ts";

interface Group {
  readonly groupId: Uint8Array;
  readonly kind: SubscriptionKind;
  /** Until the first page is sent: frames wait, nothing is sent. */
  held: boolean;
  covered: CatchUpBounds;
  /** The first seq not yet sent (or counted as the socket's own). */
  nextSeq: number;
  /** The first entry index not yet sent. */
  nextIndex: number;
  /** The highest seq known to exist, and the known log length. */
  wantSeq: number;
  wantIndex: number;
  /** Frames waiting for the ones before them; `null`: the socket's own envelope (not sent back). */
  readonly envelopes: Map<number, Uint8Array | null>;
  readonly entries: Map<number, Uint8Array>;
  /** A read from storage is under way (or scheduled). */
  filling: boolean;
}

export class LiveGroups implements Subscriptions {
  private readonly groups = new Map<string, Group>();
  /** Subscribes per group since its last finished catch-up. */
  private readonly unfinishedCatchUps = new Map<string, number>();

  /** `lost`: a hole could not be filled; the socket must close so the client catches up (1012). */
  constructor(
    private readonly hub: Hub,
    private readonly owner: Subscriber,
    private readonly send: (frame: ServerFrame) => void,
    private readonly lost: () => void = () => {},
  ) {}

  /** Subscribes (or re-subscribes) to a group and holds its live frames until released. */
  hold(groupId: Uint8Array, kind: SubscriptionKind = "group"): LiveHold {
    const key = toBase64Url(groupId);
    const group: Group = {
      groupId,
      kind,
      held: true,
      covered: { headSeq: 0, logLength: 0 },
      nextSeq: 1,
      nextIndex: 0,
      wantSeq: 0,
      wantIndex: 0,
      envelopes: new Map(),
      entries: new Map(),
      filling: false,
    };
    this.groups.set(key, group);
    this.unfinishedCatchUps.set(key, (this.unfinishedCatchUps.get(key) ?? 0) + 1);
    this.hub.subscribe(groupId, this.owner);
    return {
      release: (covered) => {
        if (this.groups.get(key) !== group) return; // superseded by a newer subscribe
        group.held = false;
        group.covered = covered;
        group.nextSeq = covered.headSeq + 1;
        group.nextIndex = covered.logLength;
        for (const seq of group.envelopes.keys()) if (seq < group.nextSeq) group.envelopes.delete(seq);
        for (const index of group.entries.keys()) if (index < group.nextIndex) group.entries.delete(index);
        this.pump(key, group);
      },
      cancel: () => {
        const left = (this.unfinishedCatchUps.get(key) ?? 1) - 1;
        if (left > 0) this.unfinishedCatchUps.set(key, left);
        else this.unfinishedCatchUps.delete(key);
        if (this.groups.get(key) !== group) return;
        this.groups.delete(key);
        this.hub.unsubscribe(groupId, this.owner);
      },
    };
  }

  /** The bounds of the group's current subscription once its first page was sent, else null. */
  current(groupId: Uint8Array): { readonly bounds: CatchUpBounds; readonly kind: SubscriptionKind } | null {
    const group = this.groups.get(toBase64Url(groupId));
    return group === undefined || group.held ? null : { bounds: group.covered, kind: group.kind };
  }

  unfinished(groupId: Uint8Array): number {
    return this.unfinishedCatchUps.get(toBase64Url(groupId)) ?? 0;
  }

  finished(groupId: Uint8Array): void {
    this.unfinishedCatchUps.delete(toBase64Url(groupId));
  }

  /** Stops a group's live frames for good (its member left or was removed); waiting frames are dropped. */
  drop(groupId: Uint8Array): void {
    const key = toBase64Url(groupId);
    this.groups.delete(key);
    this.unfinishedCatchUps.delete(key);
    this.hub.unsubscribe(groupId, this.owner);
  }

  /** A live frame from the hub (`own`: this socket sent it). */
  deliver(frame: LiveFrame, own = false): void {
    const key = toBase64Url(frame.groupId);
    const group = this.groups.get(key);
    if (group === undefined) return;
    if (frame.type === "envelope") {
      if (!group.held && frame.seq < group.nextSeq) return;
      group.envelopes.set(frame.seq, own ? null : frame.bytes);
      group.wantSeq = Math.max(group.wantSeq, frame.seq);
    } else {
      if (!group.held && frame.index < group.nextIndex) return;
      group.entries.set(frame.index, frame.bytes);
      group.wantIndex = Math.max(group.wantIndex, frame.index + 1);
    }
    if (!group.held) this.pump(key, group);
  }

  /** The group goes at least this far (another process appended, or the relay re-read its heads). */
  known(groupId: Uint8Array, head: Partial<DocumentHead>): void {
    const key = toBase64Url(groupId);
    const group = this.groups.get(key);
    if (group === undefined) return;
    group.wantSeq = Math.max(group.wantSeq, head.headSeq ?? 0);
    group.wantIndex = Math.max(group.wantIndex, head.logLength ?? 0);
    if (!group.held) this.pump(key, group);
  }

  /** Sends what is next in line, then reads what is missing (after this turn's frames: a local batch arrives frame by frame). */
  private pump(key: string, group: Group): void {
    this.sendReady(group);
    if (group.filling || !this.lacking(group)) return;
    group.filling = true;
    queueMicrotask(() => void this.fill(key, group));
  }

  /**
   * Sends every frame next in line: entries first, then envelopes — and no envelope while an entry is
   * known to be missing, since the envelope may be sealed under the key (or name the log head) that
   * entry brings: sent first, the receiver could not open it and would keep it until its next catch-up.
   */
  private sendReady(group: Group): void {
    const { groupId } = group;
    for (
      let bytes = group.entries.get(group.nextIndex);
      bytes !== undefined;
      bytes = group.entries.get(group.nextIndex)
    ) {
      group.entries.delete(group.nextIndex);
      this.send({ v: 1, type: "entry", groupId, index: group.nextIndex++, bytes });
    }
    if (group.nextIndex < group.wantIndex) return;
    while (group.envelopes.has(group.nextSeq)) {
      const bytes = group.envelopes.get(group.nextSeq);
      group.envelopes.delete(group.nextSeq);
      const seq = group.nextSeq++;
      if (bytes) this.send({ v: 1, type: "envelope", groupId, seq, bytes });
    }
  }

  private lacking(group: Group): boolean {
    return group.nextIndex < group.wantIndex || group.nextSeq <= group.wantSeq;
  }

  /** Reads what the socket lacks until nothing is missing; a hole storage cannot fill sends the client to catch up. */
  private async fill(key: string, group: Group): Promise<void> {
    const current = () => this.groups.get(key) === group;
    try {
      for (;;) {
        if (!current()) return;
        this.sendReady(group);
        if (!this.lacking(group)) return;
        if (group.nextIndex < group.wantIndex) {
          const from = group.nextIndex;
          const entries = await this.hub.readEntries(group.groupId, from);
          if (!current()) return;
          if (group.nextIndex === from && entries[0]?.index !== from) return this.lost();
          for (const e of entries) if (e.index >= group.nextIndex) group.entries.set(e.index, e.bytes);
        } else {
          const from = group.nextSeq;
          const envelopes = await this.hub.readEnvelopes(group.groupId, from - 1, group.wantSeq);
          if (!current()) return;
          if (group.nextSeq === from && envelopes[0]?.seq !== from) return this.lost();
          for (const e of envelopes)
            if (e.seq >= group.nextSeq && !group.envelopes.has(e.seq)) group.envelopes.set(e.seq, e.bytes);
        }
      }
    } catch {
      if (current()) this.lost();
    } finally {
      group.filling = false;
    }
  }
}
