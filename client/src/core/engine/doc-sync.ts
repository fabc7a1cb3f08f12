/**
 * The sealed sync engine for one document, whatever its kind (a group's, a member's journal). Local
 * changes are captured into the outbox and persisted before anything is sent; they leave the outbox
 * only when the relay acknowledges them. Remote envelopes are opened and checked by the document's
 * channel (doc-channel.ts) and merged. Everything that touches the record runs in one queue, so the
 * outbox, queued heads and cursor always move together.
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import { encodeCbor, GroupId, parseEnvelope, type DeviceId, type ErrorCode, type MemberId } from "@porch/shared";
import type { Delivered, DocChannel, RecordAccess, SnapshotCandidate } from "./doc-channel.ts";
import { changeHashes, checkSnapshotForAck } from "./snapshot-check.ts";
import type { SyncConnection } from "./sync-connection.ts";
import type { OutboxItem, SyncRecord } from "./sync-record.ts";

/** Snapshot policy: upload when the tail since the last snapshot is a large share of it. */
export const SNAPSHOT_TAIL_SHARE = 0.08;
export const SNAPSHOT_MIN_TAIL = 50;
export const SNAPSHOT_MAX_TAIL = 300;

/**
 * When a device uploads a snapshot: after `maxTail` updates since the last one, or after `minTail`
 * updates whose sealed bytes reach `tailShare` of the last snapshot's. A new device downloads the
 * snapshot plus that tail, so the share bounds its download against a plain `A.save()`.
 */
export interface SnapshotPolicy {
  readonly tailShare: number;
  readonly minTail: number;
  readonly maxTail: number;
}

/** A group's: many small edits by many members (bench/README.md, "catch-up"). */
export const GROUP_SNAPSHOT_POLICY: SnapshotPolicy = {
  tailShare: SNAPSHOT_TAIL_SHARE,
  minTail: SNAPSHOT_MIN_TAIL,
  maxTail: SNAPSHOT_MAX_TAIL,
};

/** True when `record`'s tail calls for a snapshot under `policy`. */
export const snapshotDue = (policy: SnapshotPolicy, record: SyncRecord): boolean =>
  record.tailCount >= policy.maxTail ||
  (record.tailCount >= policy.minTail && record.tailBytes >= policy.tailShare * record.snapshotBytes);

const SILENT: readonly ErrorCode[] = ["offline", "timeout"];

/** Refusals of a publish's device counter that the device recovers from by itself (`recoverCounter`). */
const COUNTER_REFUSALS: readonly ErrorCode[] = ["counter-reused", "counter-gap"];
/** Recoveries in a row without an acknowledgement before the device stops and shows the problem. */
const MAX_COUNTER_RECOVERIES = 3;
/** The most empty envelopes a device sends to fill a counter gap (the relay lost that many of its envelopes). */
export const MAX_COUNTER_FILL = 1_000;
/** Updates whose change hashes a device remembers to check snapshots against (the newest are kept). */
const MAX_VERIFIED = 20_000;
/** Snapshots waiting until this device has caught up with what they cover (the newest are kept). */
const MAX_WAITING_SNAPSHOTS = 4;

export interface DocSyncDeps<D, R extends SyncRecord> {
  /** Whose local changes these are: their actors are bound to this writer in the record. */
  readonly writer: MemberId | string;
  readonly deviceId: DeviceId;
  readonly handle: DocHandle<D>;
  readonly channel: DocChannel<R>;
  readonly connection: SyncConnection;
  /** Persists the record. Resolves once durable. */
  readonly persist: (record: R) => Promise<void>;
  /** Writes the document's pending changes to device storage now (automerge-repo debounces saves). */
  readonly flushDoc: () => Promise<void>;
  readonly onChange: () => void;
  /** When to upload a snapshot; a group's policy when absent. */
  readonly snapshotPolicy?: SnapshotPolicy;
}

/** Sync of one document through the relay. */
export class DocSync<D, R extends SyncRecord> {
  private queue: Promise<unknown> = Promise.resolve();
  private flushing = false;
  /** Seqs applied (or acknowledged) above the cursor. */
  private readonly seen = new Set<number>();
  /** Seqs that could not be opened yet (no key for their epoch): the cursor must not pass them. */
  private readonly held = new Set<number>();
  private problem: ErrorCode | null = null;
  /** Counter recoveries since the last acknowledgement (a relay that keeps refusing is not chased forever). */
  private counterRecoveries = 0;
  /**
   * The change hashes of each update this device verified or sent in this session, by seq: what a
   * snapshot covering that seq must contain before this device acknowledges it. Kept in memory only:
   * after a restart, updates applied before it are not checked for inclusion (docs/threat-model.md).
   */
  private readonly verified = new Map<number, readonly string[]>();
  /** Others' snapshots to check once this device has applied what they cover. */
  private waitingSnapshots: SnapshotCandidate[] = [];
  /** Checked snapshots to acknowledge at the relay (sent after the queue turn that checked them). */
  private acksDue: SnapshotCandidate[] = [];

  constructor(
    private readonly deps: DocSyncDeps<D, R>,
    private record: R,
  ) {}

  /** The record of envelopes merged into the document, while it is being saved. */
  private merging: R | null = null;

  /** Local changes saved on this device and not yet acknowledged by the relay. */
  get pending(): number {
    return this.record.outbox.filter((i) => i.kind === "update").length;
  }
  /** The last problem worth telling the member about, if any. */
  get error(): ErrorCode | null {
    return this.problem;
  }
  get current(): R {
    return this.record;
  }
  /**
   * Actor → writer bindings of every change in the document as shown: those of envelopes merged but
   * not yet saved included, so their authors show with them (durability follows in `save()`).
   */
  get actors(): Readonly<Record<string, string>> {
    return this.merging?.actors ?? this.record.actors;
  }
  /** True once this device may no longer sync the document: nothing more is sent or received for it. */
  get removed(): boolean {
    return this.record.removed === true;
  }

  private serial<T>(fn: () => Promise<T> | T): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Runs `fn` with the record, in order with everything else (for the channel's own data, e.g. a group's log). */
  exclusive(fn: (access: RecordAccess<R>) => Promise<void>): Promise<void> {
    return this.serial(() => fn(this.access()));
  }

  /** Changes record fields outside the sync protocol (e.g. flags), in order with everything else. */
  patch(fields: Partial<R>): Promise<void> {
    return this.serial(() => this.save({ ...this.record, ...fields }));
  }

  /** At start-up: re-apply the outbox (the document may have missed a save) and capture stray changes. */
  recover(): Promise<void> {
    return this.serial(async () => {
      const changes = this.record.outbox.flatMap((item) => item.changes);
      if (changes.length > 0) this.deps.handle.update((d) => A.applyChanges(d, [...changes])[0]);
      await this.capture();
    });
  }

  /** Makes a local change durable on the device (outbox persisted), then sends it. */
  async change(fn: (doc: D) => void): Promise<void> {
    await this.serial(async () => {
      this.deps.handle.change(fn);
      await this.capture();
    });
    void this.flush();
  }

  private async capture(): Promise<void> {
    const doc = this.deps.handle.doc();
    const changes = A.getChangesSince(doc, [...this.record.queuedHeads]);
    if (changes.length === 0) return;
    const heads = A.getHeads(doc);
    const actors = { ...this.record.actors };
    for (const c of changes) actors[A.decodeChange(c).actor] ??= this.deps.writer;
    const item: OutboxItem = {
      kind: "update",
      payload: encodeCbor(changes),
      changes,
      heads,
      coversSeq: 0,
      sealed: null,
    };
    // The outbox itself holds these changes, so the record may be persisted before the document.
    await this.save({ ...this.record, actors, outbox: [...this.record.outbox, item], queuedHeads: heads }, false);
  }

  /**
   * Persists the record. Unless told otherwise, the document is made durable first: a record that
   * drops acknowledged items from the outbox or advances the cursor must never be on disk while the
   * changes it accounts for are only in memory (a closed tab would lose them for good).
   */
  private async save(record: R, flushDoc = true): Promise<void> {
    if (flushDoc) await this.deps.flushDoc();
    await this.deps.persist(record);
    this.record = record;
    this.deps.onChange();
  }

  private access(): RecordAccess<R> {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the getter must read the record current at each call
    const self = this;
    return {
      get record() {
        return self.record;
      },
      save: (next) => this.save(next),
      stop: () => this.stop(),
      problem: (code) => this.setProblem(code),
    };
  }

  /**
   * After (re)authentication: catch up (the channel's data, snapshot, updates), page after page, then
   * send. The pages are applied in order inside one turn of the queue, so live envelopes that arrive
   * meanwhile (the relay sends only those past the catch-up) are applied after the last page.
   */
  async onReady(): Promise<void> {
    await this.serial(async () => {
      if (this.removed) return;
      let answer = await this.deps.channel.catchUp(this.access());
      for (;;) {
        if (!answer.ok)
          return this.deps.channel.goneCodes.includes(answer.code) ? this.stop() : this.setProblem(answer.code);
        const { envelopes, headSeq, next } = answer.value;
        await this.applyEnvelopes(envelopes, headSeq);
        if (next === null || this.removed) return;
        answer = await next();
      }
    });
    await this.sendAcks();
    await this.flush();
  }

  /** A live envelope from the relay. */
  async onEnvelope(frame: Delivered): Promise<void> {
    await this.serial(async () => {
      if (this.removed) return;
      await this.applyEnvelopes([frame]);
    });
    await this.sendAcks();
    await this.flush();
  }

  /** Stops syncing and keeps the document (the channel or the relay says this device is out). */
  private async stop(): Promise<void> {
    if (this.removed) return;
    this.problem = null;
    await this.save({ ...this.record, removed: true });
  }

  /**
   * Merges envelopes and moves the cursor past them in one save (one document flush, one record
   * write): a catch-up's or a live envelope's record is on disk only after the document it accounts for.
   * `headSeq`: after a catch-up, everything up to it was delivered or is covered by the snapshot.
   */
  private async applyEnvelopes(envelopes: readonly Delivered[], headSeq = 0): Promise<void> {
    let next = this.record;
    if (envelopes.length > 0) {
      const result = this.deps.channel.applyRemote(this.record, envelopes);
      const done = new Set(result.applied);
      for (const { seq } of envelopes) {
        if (done.has(seq)) {
          this.seen.add(seq);
          this.held.delete(seq);
        } else this.held.add(seq);
      }
      if (result.problem !== null) this.setProblem(result.problem);
      for (const [seq, hashes] of result.verified ?? []) this.remember(seq, hashes);
      this.waitingSnapshots = [...this.waitingSnapshots, ...(result.snapshots ?? [])].slice(-MAX_WAITING_SNAPSHOTS);
      next = { ...result.record, queuedHeads: A.getHeads(this.deps.handle.doc()) };
      this.merging = next;
      this.deps.onChange(); // show remote edits at once; durability follows in save()
      await Promise.resolve(); // (the UI's notification goes out before the document is flushed)
    }
    for (let s = next.cursor + 1; s <= headSeq; s++) if (!this.held.has(s)) this.seen.add(s);
    const cursor = this.takeCursor(next.cursor);
    try {
      if (next !== this.record || cursor !== next.cursor) await this.save({ ...next, cursor });
    } finally {
      this.merging = null;
    }
    this.checkSnapshots();
  }

  private remember(seq: number, hashes: readonly string[]): void {
    this.verified.set(seq, hashes);
    if (this.verified.size > MAX_VERIFIED) this.verified.delete(this.verified.keys().next().value as number);
  }

  /**
   * Checks the snapshots this device has caught up with (snapshot-check.ts): a sound one is queued for
   * acknowledgement, a forged one is shown to the member and never acknowledged; the others wait.
   */
  private checkSnapshots(): void {
    const waiting: SnapshotCandidate[] = [];
    for (const snapshot of this.waitingSnapshots) {
      const verdict = checkSnapshotForAck({
        doc: this.deps.handle.doc(),
        save: snapshot.save,
        claimedHeads: snapshot.heads,
        coversSeq: snapshot.coversSeq,
        cursor: this.record.cursor,
        verified: this.verified,
      });
      if (verdict === "wait") waiting.push(snapshot);
      // Only the one covering most is worth acknowledging: it prunes what older ones would.
      else if (verdict === "ack")
        this.acksDue = [...this.acksDue, snapshot].sort((a, b) => b.coversSeq - a.coversSeq).slice(0, 1);
      else this.setProblem(verdict.code);
    }
    this.waitingSnapshots = waiting;
  }

  /**
   * Acknowledges the checked snapshots at the relay. Best effort: one the relay does not take (offline,
   * pruned already) is dropped — any other member's device can acknowledge it too.
   */
  private async sendAcks(): Promise<void> {
    for (const snapshot of this.acksDue.splice(0)) {
      if (!this.deps.connection.ready) return;
      const { docId, signature } = this.deps.channel.signAck(snapshot.seq, snapshot.bytes);
      const answer = await this.deps.connection.request({
        v: 1,
        type: "snapshot-ack",
        groupId: docId,
        seq: snapshot.seq,
        signature,
      });
      if (!answer.ok) continue;
      // What it covers is pruned now: no later snapshot needs to be checked against those updates.
      for (const seq of [...this.verified.keys()]) if (seq <= snapshot.coversSeq) this.verified.delete(seq);
      await this.serial(() =>
        this.save({ ...this.record, tailCount: 0, tailBytes: 0, snapshotBytes: snapshot.bytes.length }),
      );
    }
  }

  /** The cursor after `from` once every seq seen in a row above it is passed (forgets those seqs). */
  private takeCursor(from: number): number {
    let cursor = from;
    while (this.seen.has(cursor + 1)) this.seen.delete(++cursor);
    for (const s of this.seen) if (s <= cursor) this.seen.delete(s);
    return cursor;
  }

  private async advanceCursor(): Promise<void> {
    const cursor = this.takeCursor(this.record.cursor);
    if (cursor !== this.record.cursor) await this.save({ ...this.record, cursor });
  }

  private setProblem(code: ErrorCode): void {
    this.problem = code;
    this.deps.onChange();
  }

  /** Sends the outbox in order, one envelope in flight; stops quietly when offline. */
  async flush(): Promise<void> {
    if (this.flushing || this.removed || !this.deps.connection.ready) return;
    this.flushing = true;
    try {
      // Before each send, check the snapshot rule: a device that keeps writing keeps this loop busy, and
      // must still upload a snapshot when one is due (queued behind its pending updates). While a pass
      // sent anything, pass again — a change written while the last send was in flight is sent too.
      for (let sent = true; sent;) {
        sent = false;
        while (
          this.deps.connection.ready &&
          (await this.serial(async () => {
            await this.queueSnapshotIfDue();
            return this.sendFirst();
          }))
        )
          sent = true;
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Seals (or re-seals after a rotation) and sends the first outbox item; true once acknowledged. */
  private async sendFirst(): Promise<boolean> {
    const { channel } = this.deps;
    const epoch = channel.sealEpoch();
    const [item, rest] = coalesceOutbox(this.record.outbox);
    if (item === undefined || epoch === null) return false;
    let sealed = item.sealed;
    if (sealed === null || sealed.epoch !== epoch) {
      // Sealed at send time, and sealed bytes are kept: a resend after a lost ack is byte-identical.
      const counter = sealed?.counter ?? this.record.nextCounter;
      sealed = { counter, epoch, bytes: channel.seal(item, counter) };
      await this.save({
        ...this.record,
        nextCounter: Math.max(this.record.nextCounter, counter + 1),
        outbox: [{ ...item, sealed }, ...rest],
      });
    }
    const answer = await this.deps.connection.request({ v: 1, type: "publish", envelope: sealed.bytes });
    if (!answer.ok) {
      // A rotation landed while this was in flight: if its key is here already, re-seal and go on.
      if (answer.code === "stale-epoch") return channel.sealEpoch() !== sealed.epoch;
      if (channel.goneCodes.includes(answer.code)) {
        await this.stop();
        return false;
      }
      if (COUNTER_REFUSALS.includes(answer.code)) return this.recoverCounter(answer.code, sealed);
      if (!SILENT.includes(answer.code)) this.setProblem(answer.code);
      return false;
    }
    if (answer.value.type !== "ack") return false;
    this.seen.add(answer.value.seq);
    if (item.kind === "update") this.remember(answer.value.seq, changeHashes(item.changes));
    this.problem = null;
    this.counterRecoveries = 0;
    const tail =
      item.kind === "snapshot"
        ? { tailCount: 0, tailBytes: 0, snapshotBytes: sealed.bytes.length }
        : { tailCount: this.record.tailCount + 1, tailBytes: this.record.tailBytes + sealed.bytes.length };
    await this.save({ ...this.record, ...tail, outbox: this.record.outbox.slice(1) });
    await this.advanceCursor();
    return true;
  }

  /**
   * The relay refused the first outbox item's counter; asks it which counter it expects next from this
   * device and arranges the outbox so the next send is accepted. True when there is something to send.
   *
   * Why the device keeps its id: the relay binds a device id to one member (`device-taken`), so only
   * this member's own sockets can have spent the counter — another tab of this device (same storage,
   * same id), or this device itself when a send was stored but its acknowledgement lost and the item
   * was then sealed again under a new epoch (same counter, other bytes). No one else's writes are at
   * stake, and a new device id would orphan this device's counter history in every group and journal.
   *
   * - `counter-reused` (the relay is ahead): the item is sealed again under the relay's next counter.
   *   Receivers have seen the counters up to there, so they take it as new; if they already had the
   *   same changes (the lost-acknowledgement case), Automerge applies them once.
   * - `counter-gap` (the relay is behind: it lost envelopes it had acknowledged, e.g. a restore from a
   *   backup): sealing the item under the lower counter would be unsound — a receiver that saw the lost
   *   counters would drop it as a duplicate delivery. Instead the gap is filled with empty updates, so
   *   the item keeps its counter and every receiver applies it; the fill is bounded (MAX_COUNTER_FILL).
   */
  private async recoverCounter(code: ErrorCode, sealed: NonNullable<OutboxItem["sealed"]>): Promise<boolean> {
    const { channel, connection } = this.deps;
    const parsed = parseEnvelope(sealed.bytes);
    const epoch = channel.sealEpoch();
    const [item, ...rest] = this.record.outbox;
    if (!parsed.ok || epoch === null || item === undefined || ++this.counterRecoveries > MAX_COUNTER_RECOVERIES) {
      this.setProblem(code);
      return false;
    }
    const answer = await connection.request({
      v: 1,
      type: "next-counter",
      groupId: GroupId.toBytes(parsed.value.header.groupId),
    });
    if (!answer.ok || answer.value.type !== "next-counter-reply") {
      if (!answer.ok && !SILENT.includes(answer.code)) this.setProblem(code);
      return false;
    }
    const next = answer.value.next;
    if (code === "counter-reused" && next > sealed.counter) {
      const resealed = { counter: next, epoch, bytes: channel.seal(item, next) };
      await this.save({ ...this.record, nextCounter: next + 1, outbox: [{ ...item, sealed: resealed }, ...rest] });
      return true;
    }
    if (code === "counter-gap" && next < sealed.counter && sealed.counter - next <= MAX_COUNTER_FILL) {
      const fill: OutboxItem[] = [];
      for (let counter = next; counter < sealed.counter; counter++) {
        const empty: OutboxItem = {
          kind: "update",
          payload: encodeCbor([]),
          changes: [],
          heads: item.heads,
          coversSeq: 0,
          sealed: null,
        };
        fill.push({ ...empty, sealed: { counter, epoch, bytes: channel.seal(empty, counter) } });
      }
      await this.save({ ...this.record, outbox: [...fill, item, ...rest] });
      return true;
    }
    // The relay's answer does not fit its refusal (or the gap is too wide to fill): show it, stop here.
    this.setProblem(code);
    return false;
  }

  /**
   * Queues a snapshot when the tail is large and nothing received is left unapplied. Local changes
   * still in the outbox do not stop it (a device that keeps writing would never upload one): the
   * snapshot is of the document **without** them — only what the relay already holds, so a second
   * member can find every change of it in their own document and acknowledge it — and it claims this
   * device's counter only up to the last acknowledged one, so no receiver drops a pending update as
   * already covered. It goes at the end of the outbox.
   */
  private async queueSnapshotIfDue(): Promise<void> {
    const r = this.record;
    const due = snapshotDue(this.deps.snapshotPolicy ?? GROUP_SNAPSHOT_POLICY, r);
    // Nothing on the relay yet (cursor 0): nothing to compact.
    if (!due || r.cursor === 0 || r.outbox.some((i) => i.kind === "snapshot")) return;
    if (this.seen.size > 0 || this.held.size > 0) return;
    const doc = withoutPending(this.deps.handle.doc(), r.outbox);
    const firstSealed = r.outbox.find((i) => i.sealed !== null)?.sealed?.counter;
    const counters = { ...r.counters, [this.deps.deviceId]: (firstSealed ?? r.nextCounter) - 1 };
    const payload = encodeCbor([A.save(doc), Object.entries(counters), Object.entries(r.actors)]);
    const item: OutboxItem = {
      kind: "snapshot",
      payload,
      changes: [],
      heads: A.getHeads(doc),
      coversSeq: r.cursor,
      sealed: null,
    };
    await this.save({ ...r, outbox: [...r.outbox, item] });
  }
}

/** `doc` as it was without the outbox's changes (the document itself when the outbox has none). */
export function withoutPending<D>(doc: A.Doc<D>, outbox: readonly OutboxItem[]): A.Doc<D> {
  const pending = outbox.flatMap((i) => i.changes).map((c) => A.decodeChange(c));
  if (pending.length === 0) return doc;
  const excluded = new Set(pending.map((c) => c.hash));
  const heads = new Set(A.getHeads(doc).filter((h) => !excluded.has(h)));
  for (const c of pending) for (const dep of c.deps) if (!excluded.has(dep)) heads.add(dep);
  return A.clone(A.view(doc, [...heads]));
}

/** Local edits waiting together leave as one envelope, up to this many payload bytes. */
export const COALESCE_MAX_BYTES = 256 * 1024;

/**
 * The first outbox item to send, and the rest. Consecutive updates never sent yet (a burst of edits,
 * or everything written offline) are merged into one, so they cost one envelope and one round trip.
 */
export function coalesceOutbox(outbox: readonly OutboxItem[]): [OutboxItem | undefined, readonly OutboxItem[]] {
  const first = outbox[0];
  if (first === undefined || first.kind !== "update" || first.sealed !== null) return [first, outbox.slice(1)];
  let end = 1;
  let bytes = first.payload.length;
  for (; end < outbox.length; end++) {
    const next = outbox[end]!;
    if (next.kind !== "update" || next.sealed !== null || bytes + next.payload.length > COALESCE_MAX_BYTES) break;
    bytes += next.payload.length;
  }
  if (end === 1) return [first, outbox.slice(1)];
  const merged = outbox.slice(0, end);
  const changes = merged.flatMap((i) => i.changes);
  const item: OutboxItem = {
    kind: "update",
    payload: encodeCbor(changes),
    changes,
    heads: merged[end - 1]!.heads,
    coversSeq: 0,
    sealed: null,
  };
  return [item, outbox.slice(end)];
}
