/**
 * A relay in memory for the engine's tests: sealed envelopes per document in seq order, device
 * counters rising by exactly 1, catch-up after a cursor, live fan-out to subscribed connections.
 * It speaks the real relay's frames and answers for that subset (sync-server/src/ws/handle-publish.ts
 * and handle-subscribe.ts), and the contract suite holds it to the same behaviour as a real relay.
 *
 * There is no membership log here: every document exists, and any authenticated member may write to
 * it under their own name and device — what a personal document needs, and no more. Connections can
 * go offline, come back, and hold their acks so a test can lose one the relay has already
 * sent (the connection drops, or the request times out).
 *
 * Journals follow the real relay's rule (handle-subscribe.ts, handle-journal-delete.ts): a subscribe
 * with `kind: "journal"` claims an unseen id for the connection's identity (its journal signing key),
 * and from then on only that identity may subscribe, publish (epoch 0, all-zero log head) or delete
 * it; a journal is not a group (`group-not-found` to a group subscribe) and an id already used as a
 * plain document is not a journal (`group-exists`). Deleting drops the journal and every connection's
 * subscription to it. One difference remains: a publish to an id never seen creates a plain document
 * here, where the real relay answers `group-not-found` for an unclaimed journal — subscribe a journal
 * before publishing to it.
 *
 * Catch-up is one answer unless `pageItems` is given: then it comes in pages of that many envelopes
 * that the client pulls with `catch-up-more`, bounded by the first page's head, as on the real relay
 * (shared/src/protocol/README.md, "Catch-up in pages").
 */
import {
  DeviceId,
  GroupId,
  MAX_SNAPSHOT_BYTES,
  MemberId,
  MAX_UPDATE_BYTES,
  bytesEqual,
  err,
  ok,
  parseEnvelope,
  verifySnapshotAck,
  type Result,
  type ServerFrame,
} from "@porch/shared";
import type { Answer, RequestFrame, SyncConnection } from "./sync-connection.ts";

/** A live envelope frame, as the relay pushes it. */
export type EnvelopeFrameLive = Extract<ServerFrame, { type: "envelope" }>;

/** One envelope as the relay stored it. */
export interface StoredEnvelope {
  readonly seq: number;
  readonly kind: "update" | "snapshot";
  readonly deviceId: DeviceId;
  readonly counter: number;
  readonly coversSeq: number;
  readonly bytes: Uint8Array;
}

interface Document {
  /** The journal's owner (the identity that claimed it); `null` for a plain document. */
  readonly owner: MemberId | null;
  readonly envelopes: StoredEnvelope[];
  /** deviceId → last counter stored. */
  readonly counters: Map<string, number>;
  /** The stored snapshot covering the most. */
  snapshot: StoredEnvelope | null;
  /** The acknowledged snapshot covering the most, with its acknowledgement. */
  acked: { readonly envelope: StoredEnvelope; readonly ack: SnapshotAck } | null;
  /** The newest snapshot stored while its device was the only one to have written (served with no acknowledgement, while it covers more than the acknowledged one). */
  sole: StoredEnvelope | null;
}

/** A snapshot's acknowledgement as the relay hands it over. */
interface SnapshotAck {
  readonly memberId: Uint8Array;
  readonly deviceId: Uint8Array;
  readonly signature: Uint8Array;
}

/** What a connection hands to its owner, as RelayConnection's options do. */
export interface InMemoryConnectionHooks {
  readonly onLive?: (frame: EnvelopeFrameLive) => void;
  /** Called each time the connection is (again) ready: subscribe again here. */
  readonly onReady?: () => void;
}

export interface InMemoryRelayOptions {
  /** Envelopes per catch-up page (a snapshot counts as one); one page holds everything when absent. */
  readonly pageItems?: number;
}

export class InMemoryRelay {
  /** Every acknowledgement the relay sent, in order; `resend` for an identical envelope it already held. */
  readonly acks: { readonly seq: number; readonly resend: boolean }[] = [];
  private readonly docs = new Map<GroupId, Document>();
  private readonly connections = new Set<InMemoryConnection>();
  private readonly watchers = new Set<() => void>();

  constructor(private readonly options: InMemoryRelayOptions = {}) {}

  /** A device's connection, ready at once. */
  connect(memberId: MemberId, deviceId: DeviceId, hooks: InMemoryConnectionHooks = {}): InMemoryConnection {
    const connection = new InMemoryConnection(this, memberId, deviceId, hooks);
    this.connections.add(connection);
    return connection;
  }

  /** What the relay holds for a document, in seq order. */
  stored(doc: GroupId): readonly StoredEnvelope[] {
    return this.docs.get(doc)?.envelopes ?? [];
  }

  /** Who owns a journal; `null` when the id is no journal (never claimed, deleted, or a plain document). */
  journalOwner(doc: GroupId): MemberId | null {
    return this.docs.get(doc)?.owner ?? null;
  }

  /**
   * The relay loses every envelope of a document after `seq`, as a restore from an older backup would:
   * seqs and device counters go back to what they were then (connections and subscriptions stay).
   */
  loseSince(doc: GroupId, seq: number): void {
    const stored = this.docs.get(doc);
    if (stored === undefined) return;
    stored.envelopes.splice(seq);
    stored.counters.clear();
    for (const e of stored.envelopes) stored.counters.set(e.deviceId, e.counter);
    if (stored.snapshot !== null && stored.snapshot.seq > seq) stored.snapshot = null;
    if (stored.acked !== null && stored.acked.envelope.seq > seq) stored.acked = null;
  }

  /** Resolves once `check` holds, re-checked after every publish the relay acknowledges. */
  until(check: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const watch = () => {
        if (!check()) return;
        this.watchers.delete(watch);
        resolve();
      };
      this.watchers.add(watch);
      watch();
    });
  }

  /** @internal Carries out one request for `from`, as the real relay's handlers do. */
  handle(from: InMemoryConnection, frame: RequestFrame, id: number): Result<Answer> {
    switch (frame.type) {
      case "publish":
        return this.publish(from, frame.envelope, id);
      case "subscribe":
        return frame.kind === "journal"
          ? this.subscribeJournal(from, frame.groupId, frame.afterSeq, id)
          : this.subscribe(from, frame.groupId, frame.afterSeq, id);
      case "journal-delete":
        return this.deleteJournal(from, frame.journalId, id);
      case "catch-up-more":
        return this.catchUpMore(from, frame.groupId, frame.afterSeq, id);
      case "snapshot-ack":
        return this.acknowledge(from, frame.groupId, frame.seq, frame.signature, id);
      case "next-counter": {
        const docId = GroupId.fromBytes(frame.groupId);
        if (docId === null) return err("bad-id");
        const next = (this.docs.get(docId)?.counters.get(from.deviceId) ?? 0) + 1;
        return ok({ v: 1, type: "next-counter-reply", id, groupId: frame.groupId, next });
      }
      default:
        throw new Error(`the in-memory relay does not implement '${frame.type}'`);
    }
  }

  private doc(id: GroupId, owner: MemberId | null = null): Document {
    let doc = this.docs.get(id);
    if (doc === undefined)
      this.docs.set(id, (doc = { owner, envelopes: [], counters: new Map(), snapshot: null, acked: null, sole: null }));
    return doc;
  }

  private publish(from: InMemoryConnection, bytes: Uint8Array, id: number): Result<Answer> {
    const parsed = parseEnvelope(bytes);
    if (!parsed.ok) return parsed;
    const { header } = parsed.value;
    if (bytes.length > (header.kind === "snapshot" ? MAX_SNAPSHOT_BYTES : MAX_UPDATE_BYTES))
      return err("frame-too-large");
    if (header.memberId !== from.memberId || header.deviceId !== from.deviceId)
      return err("bad-signature", "envelope names another author or device");
    const doc = this.doc(header.groupId);
    if (doc.owner !== null) {
      if (doc.owner !== from.memberId) return err("not-a-member", "another key owns the journal");
      if (header.epoch !== 0 || header.logHead.some((b) => b !== 0))
        return err("bad-envelope", "a journal envelope has epoch 0 and an all-zero log head");
    }
    const last = doc.counters.get(header.deviceId) ?? 0;
    if (header.counter <= last) {
      const original = doc.envelopes.find((e) => e.deviceId === header.deviceId && e.counter === header.counter);
      if (original === undefined || !bytesEqual(original.bytes, bytes)) return err("counter-reused");
      return this.ack(id, original.seq, true);
    }
    if (header.counter !== last + 1) return err("counter-gap");
    const seq = doc.envelopes.length + 1;
    if (header.kind === "snapshot" && header.coversSeq >= seq) return err("bad-envelope");
    const stored: StoredEnvelope = {
      seq,
      kind: header.kind,
      deviceId: header.deviceId,
      counter: header.counter,
      coversSeq: header.coversSeq,
      bytes,
    };
    doc.envelopes.push(stored);
    doc.counters.set(header.deviceId, header.counter);
    if (stored.kind === "snapshot" && stored.coversSeq > (doc.snapshot?.coversSeq ?? 0)) {
      doc.snapshot = stored;
      if (doc.counters.size === 1) doc.sole = stored;
    }
    const live: EnvelopeFrameLive = { v: 1, type: "envelope", groupId: GroupId.toBytes(header.groupId), seq, bytes };
    for (const c of this.connections) if (c !== from) c.deliver(header.groupId, live);
    return this.ack(id, seq, false);
  }

  /** As the real relay (ws/handle-snapshot-ack.ts): another member's, or a journal's other device's, signed ack. Nothing is pruned here. */
  private acknowledge(
    from: InMemoryConnection,
    groupId: Uint8Array,
    seq: number,
    signature: Uint8Array,
    id: number,
  ): Result<Answer> {
    const docId = GroupId.fromBytes(groupId);
    const doc = docId === null ? undefined : this.docs.get(docId);
    const envelope = doc?.envelopes[seq - 1];
    if (doc === undefined || envelope === undefined || envelope.kind !== "snapshot") return err("snapshot-not-found");
    if (doc.owner !== null && doc.owner !== from.memberId) return err("not-a-member");
    const parsed = parseEnvelope(envelope.bytes);
    if (!parsed.ok) return err("snapshot-not-found");
    const author = parsed.value.header;
    if (doc.owner === null ? author.memberId === from.memberId : author.deviceId === from.deviceId)
      return err("snapshot-own");
    const ack = { memberId: MemberId.toBytes(from.memberId), deviceId: DeviceId.toBytes(from.deviceId), signature };
    if (!verifySnapshotAck(groupId, seq, ack.deviceId, envelope.bytes, signature, ack.memberId))
      return err("bad-signature");
    if (envelope.coversSeq > (doc.acked?.envelope.coversSeq ?? 0)) doc.acked = { envelope, ack };
    this.acks.push({ seq, resend: false });
    for (const watch of [...this.watchers]) watch();
    return ok({ v: 1, type: "ack", id, seq });
  }

  /** The seq of the acknowledged snapshot catch-up serves for a document, if any. */
  acknowledgedSnapshot(doc: GroupId): number | null {
    return this.docs.get(doc)?.acked?.envelope.seq ?? null;
  }

  private ack(id: number, seq: number, resend: boolean): Result<Answer> {
    this.acks.push({ seq, resend });
    for (const watch of [...this.watchers]) watch();
    return ok({ v: 1, type: "ack", id, seq });
  }

  private subscribeJournal(
    from: InMemoryConnection,
    journalId: Uint8Array,
    afterSeq: number,
    id: number,
  ): Result<Answer> {
    const docId = GroupId.fromBytes(journalId);
    if (docId === null) return err("bad-id");
    const doc = this.doc(docId, from.memberId);
    if (doc.owner === null) return err("group-exists", "the id is a plain document");
    if (doc.owner !== from.memberId) return err("not-a-member", "another key owns the journal");
    return this.catchUp(from, docId, doc, afterSeq, id);
  }

  private deleteJournal(from: InMemoryConnection, journalId: Uint8Array, id: number): Result<Answer> {
    const docId = GroupId.fromBytes(journalId);
    if (docId === null) return err("bad-id");
    const doc = this.docs.get(docId);
    if (doc !== undefined) {
      if (doc.owner === null) return err("group-exists", "the id is a plain document");
      if (doc.owner !== from.memberId) return err("not-a-member", "another key owns the journal");
      this.docs.delete(docId);
      for (const c of this.connections) c.subscribed.delete(docId);
    }
    return ok({ v: 1, type: "journal-deleted", id });
  }

  private subscribe(from: InMemoryConnection, groupId: Uint8Array, afterSeq: number, id: number): Result<Answer> {
    const docId = GroupId.fromBytes(groupId);
    if (docId === null) return err("bad-id");
    const doc = this.doc(docId);
    // A journal is no group: it is read only through its owner's journal subscribe (as on the real relay).
    if (doc.owner !== null) return err("group-not-found", "the id is a journal");
    return this.catchUp(from, docId, doc, afterSeq, id);
  }

  private catchUp(
    from: InMemoryConnection,
    docId: GroupId,
    doc: Document,
    afterSeq: number,
    id: number,
  ): Result<Answer> {
    from.subscribed.add(docId);
    from.bounds.set(docId, doc.envelopes.length);
    return ok(this.page(docId, doc, afterSeq, doc.envelopes.length, id));
  }

  private catchUpMore(from: InMemoryConnection, groupId: Uint8Array, afterSeq: number, id: number): Result<Answer> {
    const docId = GroupId.fromBytes(groupId);
    const head = docId === null ? undefined : from.bounds.get(docId);
    const doc = docId === null ? undefined : this.docs.get(docId);
    if (docId === null || head === undefined || doc === undefined || !from.subscribed.has(docId))
      return err("not-subscribed");
    return ok(this.page(docId, doc, afterSeq, head, id));
  }

  /**
   * The snapshot to load — acknowledged, or its sole writer's if that covers more — if it covers more
   * than `afterSeq`, then the updates after it up to `head` (other snapshots among them, in seq order,
   * for members to acknowledge), one page of them.
   */
  private page(docId: GroupId, doc: Document, afterSeq: number, head: number, id: number): Answer {
    const served =
      doc.sole !== null && doc.sole.coversSeq > (doc.acked?.envelope.coversSeq ?? 0)
        ? { envelope: doc.sole, ack: undefined }
        : doc.acked;
    const snapshot =
      served !== null && served.envelope.seq <= head && served.envelope.coversSeq > afterSeq ? served : null;
    const after = Math.max(afterSeq, snapshot?.envelope.coversSeq ?? 0);
    const updates = doc.envelopes.filter((e) => e !== snapshot?.envelope && e.seq > after && e.seq <= head);
    const room = Math.max(0, (this.options.pageItems ?? Infinity) - (snapshot === null ? 0 : 1));
    const taken = updates.slice(0, room);
    const more = taken.length < updates.length;
    return {
      v: 1,
      type: "catch-up",
      id,
      groupId: GroupId.toBytes(docId),
      entries: [],
      snapshot:
        snapshot === null
          ? null
          : {
              seq: snapshot.envelope.seq,
              coversSeq: snapshot.envelope.coversSeq,
              bytes: snapshot.envelope.bytes,
              ...(snapshot.ack !== undefined ? { ack: snapshot.ack } : {}),
            },
      updates: taken.map((e) => ({ seq: e.seq, bytes: e.bytes })),
      headSeq: more ? (taken.at(-1)?.seq ?? after) : head,
      ...(more ? { more: true } : {}),
    };
  }
}

interface Pending {
  readonly answer: Result<Answer>;
  readonly resolve: (answer: Result<Answer>) => void;
  readonly held: boolean;
  readonly kind: RequestFrame["type"];
}

/** One device's connection to the in-memory relay. */
export class InMemoryConnection implements SyncConnection {
  /** @internal Documents this connection receives live (until it drops, as on a real socket). */
  readonly subscribed = new Set<GroupId>();
  /** @internal Each subscription's catch-up bounds (the head when it began). */
  readonly bounds = new Map<GroupId, number>();
  private online = true;
  private holdingAcks = false;
  private holdingPages: (() => void) | null = null;
  private nextId = 1;
  private readonly pending = new Set<Pending>();

  constructor(
    private readonly relay: InMemoryRelay,
    readonly memberId: MemberId,
    readonly deviceId: DeviceId,
    private readonly hooks: InMemoryConnectionHooks,
  ) {}

  get ready(): boolean {
    return this.online;
  }

  request(frame: RequestFrame): Promise<Result<Answer>> {
    if (!this.online) return Promise.resolve(err("offline"));
    const answer = this.relay.handle(this, frame, this.nextId++);
    const held =
      (this.holdingAcks && frame.type === "publish") || (this.holdingPages !== null && frame.type === "catch-up-more");
    if (held && frame.type === "catch-up-more") this.holdingPages?.();
    return new Promise((resolve) => {
      const pending: Pending = { answer, resolve, held, kind: frame.type };
      this.pending.add(pending);
      // The answer crosses the wire later, as on a socket: a drop before then loses it.
      if (!held) queueMicrotask(() => this.settle(pending));
    });
  }

  /**
   * From now on the relay carries out publishes but their answers wait (still on the wire):
   * `goOffline()` or `timeOut()` then loses them.
   */
  holdAcks(): void {
    this.holdingAcks = true;
  }

  /**
   * From now on answers to `catch-up-more` wait (the relay has read the page) until `releasePages()`.
   * Resolves once the first such request is made: the device is then between two pages.
   */
  holdPages(): Promise<void> {
    return new Promise((resolve) => (this.holdingPages = resolve));
  }

  /** Held pages arrive, and later ones are answered at once. */
  releasePages(): void {
    this.holdingPages = null;
    for (const pending of [...this.pending]) if (pending.held && pending.kind === "catch-up-more") this.settle(pending);
  }

  /** Held answers never come: their requests fail `timeout`, and the connection stays up. */
  timeOut(): void {
    for (const pending of [...this.pending]) if (pending.held) this.settle(pending, err("timeout"));
  }

  /** The connection drops: requests in flight fail `offline`, subscriptions end, nothing arrives. */
  goOffline(): void {
    this.online = false;
    this.holdingAcks = false;
    this.holdingPages = null;
    this.subscribed.clear();
    this.bounds.clear();
    for (const pending of [...this.pending]) this.settle(pending, err("offline"));
  }

  /** The connection is back (a new socket): ready again, subscriptions to be made again. */
  goOnline(): void {
    if (this.online) return;
    this.online = true;
    this.hooks.onReady?.();
  }

  private settle(pending: Pending, answer: Result<Answer> = pending.answer): void {
    if (this.pending.delete(pending)) pending.resolve(answer);
  }

  /** @internal A live envelope for a document, if this connection is subscribed to it. */
  deliver(doc: GroupId, frame: EnvelopeFrameLive): void {
    if (!this.online || !this.subscribed.has(doc)) return;
    // Asynchronous, as on a socket: the publisher's ack is not held up by a receiver's work.
    queueMicrotask(() => {
      if (this.online && this.subscribed.has(doc)) this.hooks.onLive?.(frame);
    });
  }
}
