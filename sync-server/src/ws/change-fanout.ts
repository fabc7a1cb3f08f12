/**
 * Turns committed changes into frames for this process's sockets — one path for the changes this
 * process made (emitted right after its commit, with the bytes it wrote) and for those of other relay
 * processes on the same PostgreSQL (a NOTIFY with ids and positions: what is needed is read back from
 * storage). See storage/change-feed.ts.
 *
 * Changes of one group are applied one after the other (a key rotation's entry reaches sockets before
 * envelopes sealed under the new key). Sockets keep their own frames in order and fill holes
 * (live-groups.ts), so a change applied late, twice, or never (its notification lost) costs at most a
 * read, never a frame lost or sent twice.
 */
import { MemberId, PROTOCOL_VERSION, toBase64Url, type MemberId as MemberIdType } from "@porch/shared";
import { KeyedQueue } from "../aggregation/keyed-queue.ts";
import type { RoundService } from "../aggregation/round-service.ts";
import type { Change } from "../storage/change-feed.ts";
import type { RelayStorage, StoredEntry } from "../storage/relay-storage.ts";
import type { Hub } from "./hub.ts";

export interface ChangeFanoutDeps {
  readonly hub: Hub;
  readonly storage: RelayStorage;
  readonly rounds: RoundService;
  readonly log: (code: string, detail?: string) => void;
}

export class ChangeFanout {
  private readonly groups = new KeyedQueue();

  constructor(private readonly deps: ChangeFanoutDeps) {}

  /** Applies a change to this process's sockets; resolves once its frames are on their way. Never rejects. */
  async apply(change: Change): Promise<void> {
    try {
      await this.route(change);
    } catch (error) {
      // A read failed (the database is unreachable): sockets that lack something fill it on the next
      // change or resync, or catch up when they reconnect.
      this.deps.log("fan-out-failed", error instanceof Error ? `${change.kind}: ${error.name}` : change.kind);
    }
  }

  private route(change: Change): Promise<void> {
    const { hub, rounds } = this.deps;
    switch (change.kind) {
      case "envelopes":
        return this.inGroup(change.groupId, async () => {
          if (!hub.hasSubscribers(change.groupId)) return;
          for (const { seq, bytes, origin } of change.appended ?? [])
            hub.publish({ v: PROTOCOL_VERSION, type: "envelope", groupId: change.groupId, seq, bytes }, origin);
          // Sockets lacking anything up to the head (another process's envelopes) read it once, shared.
          hub.announce(change.groupId, { headSeq: change.headSeq });
        });
      case "entry":
        return this.inGroup(change.groupId, () => this.entries(change.groupId, change.index, change.bytes));
      case "journal-deleted":
        hub.dropDocument(change.journalId);
        return Promise.resolve();
      case "link-answered":
        return this.linkAnswered(change.mailbox);
      case "link-completed":
        return this.linkCompleted(change.mailbox, change.answerSocket);
      case "agg-changed":
        return rounds.pushChanged(change.cohortId, change.everyone, change.phase);
      case "agg-tell":
        rounds.pushTold(change.identity, change.cohortId);
        return Promise.resolve();
      case "resync":
        return this.resync();
    }
  }

  private inGroup(groupId: Uint8Array, task: () => Promise<void>): Promise<void> {
    return this.groups.run(toBase64Url(groupId), task);
  }

  /**
   * Entries from `index` on were appended: the group's cached state moves on, subscribed sockets get
   * the entries, and whoever left or was removed by one of them stops being served here (a removed
   * member's sockets are closed, as in the process that accepted the removal).
   */
  private async entries(groupId: Uint8Array, index: number, bytes?: Uint8Array): Promise<void> {
    const { hub, storage } = this.deps;
    const known = hub.states.peek(groupId)?.length ?? index;
    const { state, tail } = await hub.states.advance(storage, groupId);
    if (state === null) return;
    const sent: StoredEntry[] = [...tail];
    if (bytes !== undefined && !sent.some((e) => e.index === index))
      sent.unshift({ index, hash: new Uint8Array(0), bytes });
    for (const e of sent) hub.publish({ v: PROTOCOL_VERSION, type: "entry", groupId, index: e.index, bytes: e.bytes });
    hub.announce(groupId, { logLength: state.length });
    const from = Math.min(index, known);
    for (const [memberId, former] of state.former)
      if (former.index >= from) hub.dropMember(groupId, memberId, former.how === "removed");
  }

  /** The link's owner, on whichever sockets it has here, gets the new device's request. */
  private async linkAnswered(mailbox: Uint8Array): Promise<void> {
    const request = await this.deps.storage.linkRequest(mailbox);
    const owner: MemberIdType | null = request === null ? null : MemberId.fromBytes(request.owner);
    if (request === null || owner === null) return;
    this.deps.hub.pushToMember(owner, {
      v: PROTOCOL_VERSION,
      type: "link-request",
      mailbox,
      ephemeralKey: request.ephemeralKey,
      mac: request.mac,
    });
  }

  /** The process holding the answering socket takes the owner's result (once) and hands it over. */
  private async linkCompleted(mailbox: Uint8Array, answerSocket: string): Promise<void> {
    const { hub, storage } = this.deps;
    if (!hub.hasSocket(answerSocket)) return;
    const result = await storage.takeLinkResult(mailbox, answerSocket);
    if (result === null) return;
    hub.pushToSocket(
      answerSocket,
      result.sealed === null
        ? { v: PROTOCOL_VERSION, type: "error", id: null, code: "link-bad-mac", fatal: false }
        : { v: PROTOCOL_VERSION, type: "link-sealed", mailbox, sealed: result.sealed },
    );
  }

  /**
   * Notifications may have been lost: every group a socket here follows is read again (its log's new
   * entries, its head seq), and sockets fill what they lack.
   */
  private async resync(): Promise<void> {
    const { hub, storage } = this.deps;
    await Promise.all(
      hub.subscribedGroups().map((groupId) =>
        this.inGroup(groupId, async () => {
          const head = await storage.documentHead(groupId);
          if (head.logLength > 0) await this.entries(groupId, hub.states.peek(groupId)?.length ?? head.logLength);
          hub.announce(groupId, head);
        }).catch((error: unknown) =>
          this.deps.log("fan-out-failed", error instanceof Error ? `resync: ${error.name}` : "resync"),
        ),
      ),
    );
  }
}
