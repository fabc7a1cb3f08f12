/**
 * The journal's channel for the sync engine: a member's own devices and no membership log. Every
 * envelope is sealed under epoch 0 with the journal key, names no log head (32 zero bytes), and is
 * signed by the journal signing key; only envelopes signed by that key are merged. The relay holds the
 * journal under its journal id and accepts writes only from the socket that authenticated with the
 * same signing key (sync-server/src/ws/handle-publish.ts).
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import {
  bytesEqual,
  decodeCbor,
  DeviceId,
  err,
  GroupId,
  MemberId,
  ok,
  signSnapshotAck,
  verifySnapshotAck,
  type ErrorCode,
  type Result,
} from "@porch/shared";
import { openEnvelope, sealEnvelope } from "@porch/shared/sealing";
import {
  catchUpSnapshot,
  type CatchUpPage,
  type Delivered,
  type DeliveredAck,
  type DocChannel,
  type RecordAccess,
  type RemoteResult,
  type SnapshotCandidate,
} from "../../engine/doc-channel.ts";
import { DeviceCounters } from "../../engine/device-counters.ts";
import { changeHashes, checkSnapshotToLoad, isSoleWriters, mergeSnapshot } from "../../engine/snapshot-check.ts";
import type { Answer, SyncConnection } from "../../engine/sync-connection.ts";
import type { OutboxItem, SyncRecord } from "../../engine/sync-record.ts";
import type { JournalKeys } from "./journal-keys.ts";

const NO_LOG_HEAD = new Uint8Array(32);
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
const isBytesArray = (x: unknown): x is Uint8Array[] => Array.isArray(x) && x.every((c) => c instanceof Uint8Array);
const isPairs = (x: unknown): x is [string, unknown][] =>
  Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string");

export interface JournalChannelDeps<D> {
  readonly keys: JournalKeys;
  readonly handle: DocHandle<D>;
  readonly connection: SyncConnection;
}

export class JournalChannel<D> implements DocChannel<SyncRecord> {
  /** The relay no longer holds what this device synced: deleted from another of the member's devices. */
  readonly goneCodes: readonly ErrorCode[] = ["journal-deleted"];
  /** Seqs whose envelope was opened and merged here, in order (the engine's stories check each arrives once). */
  readonly merged: number[] = [];
  /** The catch-up's snapshot counters its pages have not reached yet (engine/device-counters.ts). */
  private readonly slots = new Map<string, number>();

  constructor(private readonly deps: JournalChannelDeps<D>) {}

  async catchUp(access: RecordAccess<SyncRecord>): Promise<Result<CatchUpPage>> {
    this.slots.clear();
    const answer = await this.deps.connection.request({
      v: 1,
      type: "subscribe",
      kind: "journal",
      groupId: GroupId.toBytes(this.deps.keys.journalId),
      afterSeq: access.record.cursor,
      afterIndex: 0,
    });
    if (!answer.ok) return answer;
    if (answer.value.type !== "catch-up") return ok({ envelopes: [], headSeq: access.record.cursor, next: null });
    // The relay's journal is shorter than what this device already applied: it was deleted (and the
    // subscribe just started a new, empty one). Sending this copy back would undo the member's deletion.
    if (answer.value.headSeq < access.record.cursor) return err("journal-deleted");
    return ok(this.page(answer.value));
  }

  /** A page's envelopes, with the way to the next page (`catch-up-more`) when there is one. */
  private page(frame: Extract<Answer, { type: "catch-up" }>): CatchUpPage {
    const { groupId, snapshot, updates, headSeq, more } = frame;
    const next =
      more === true
        ? async (): Promise<Result<CatchUpPage>> => {
            const answer = await this.deps.connection.request({
              v: 1,
              type: "catch-up-more",
              groupId,
              afterSeq: headSeq,
              afterIndex: 0,
            });
            if (!answer.ok) return answer;
            if (answer.value.type !== "catch-up") return ok({ envelopes: [], headSeq, next: null });
            return ok(this.page(answer.value));
          }
        : null;
    return { envelopes: snapshot === null ? updates : [catchUpSnapshot(snapshot), ...updates], headSeq, next };
  }

  applyRemote(record: SyncRecord, envelopes: readonly Delivered[]): RemoteResult<SyncRecord> {
    const { key, journalId, writer, deviceId } = this.deps.keys;
    let r = record;
    const counters = new DeviceCounters(r.counters, this.slots);
    const actors: Record<string, string> = { ...r.actors };
    const applied: number[] = [];
    const changes: Uint8Array[] = [];
    const verified: [number, string[]][] = [];
    const snapshots: SnapshotCandidate[] = [];
    let problem: ErrorCode | null = null;
    for (const { seq, bytes, ack } of envelopes) {
      applied.push(seq); // with no log, nothing can become openable later: done with either way
      const opened = openEnvelope(bytes, (h) => (h.epoch === 0 ? key : null));
      if (!opened.ok) {
        problem = opened.code;
        continue;
      }
      const { header, plaintext } = opened.value;
      if (header.groupId !== journalId || header.memberId !== writer) {
        problem = header.groupId !== journalId ? "wrong-group" : "foreign-actor";
        continue;
      }
      if (header.deviceId !== deviceId) {
        const order = counters.receive(header.deviceId, header.counter, ack !== undefined);
        if (order === "duplicate") continue; // a duplicate delivery
        if (order === "gap") problem = "counter-gap";
      }
      const payload = decodeCbor(plaintext);
      if (header.kind === "update" && isBytesArray(payload)) {
        for (const c of payload) actors[A.decodeChange(c).actor] ??= writer;
        changes.push(...payload);
        verified.push([seq, changeHashes(payload)]);
        r = { ...r, tailCount: r.tailCount + 1, tailBytes: r.tailBytes + bytes.length };
      } else if (
        header.kind === "snapshot" &&
        Array.isArray(payload) &&
        payload[0] instanceof Uint8Array &&
        isPairs(payload[1])
      ) {
        const heads = header.heads.map(hex);
        if (ack === undefined) {
          // Unacknowledged: never loaded; another device's is checked for acknowledgement.
          if (header.deviceId !== deviceId)
            snapshots.push({ seq, bytes, save: payload[0], heads, coversSeq: header.coversSeq });
          continue;
        }
        if (header.coversSeq <= r.cursor) continue;
        const bindings = isPairs(payload[2]) ? payload[2] : [];
        if (
          ack === null
            ? !isSoleWriters(payload[1], bindings, header.deviceId, writer)
            : !this.ackedByAnotherDevice(seq, bytes, header.deviceId, ack)
        ) {
          problem = "snapshot-unacknowledged";
          continue;
        }
        if (changes.length > 0) this.deps.handle.update((d) => A.applyChanges(d, changes.splice(0))[0]);
        const checked = checkSnapshotToLoad({
          doc: this.deps.handle.doc(),
          save: payload[0],
          claimedHeads: heads,
          bindings,
          actors,
          isWriter: (w) => w === writer, // a journal has one writer: every actor in it is the journal key's
          soleWriter: writer, // whichever device sealed it
          actor: A.getActorId(this.deps.handle.doc()),
        });
        if (!checked.ok) {
          problem = checked.code;
          continue;
        }
        Object.assign(actors, checked.value.bindings);
        for (const [device, counter] of payload[1])
          if (typeof counter === "number" && device !== deviceId) counters.claim(device, counter);
        mergeSnapshot(this.deps.handle, checked.value, payload[0]);
        r = { ...r, tailCount: 0, tailBytes: 0, snapshotBytes: bytes.length };
      } else {
        problem = "bad-envelope";
        continue;
      }
      this.merged.push(seq);
    }
    if (changes.length > 0) this.deps.handle.update((d) => A.applyChanges(d, changes)[0]);
    return { record: { ...r, counters: counters.settle(), actors }, applied, problem, verified, snapshots };
  }

  /** A journal's snapshot counts once another device of the same key acknowledged it. */
  private ackedByAnotherDevice(seq: number, bytes: Uint8Array, author: DeviceId, ack: DeliveredAck): boolean {
    const { journalId, writer } = this.deps.keys;
    return (
      bytesEqual(ack.memberId, MemberId.toBytes(writer)) &&
      !bytesEqual(ack.deviceId, DeviceId.toBytes(author)) &&
      verifySnapshotAck(GroupId.toBytes(journalId), seq, ack.deviceId, bytes, ack.signature, ack.memberId)
    );
  }

  signAck(seq: number, bytes: Uint8Array): { readonly docId: Uint8Array; readonly signature: Uint8Array } {
    const { journalId, deviceId, signing } = this.deps.keys;
    const docId = GroupId.toBytes(journalId);
    return { docId, signature: signSnapshotAck(docId, seq, DeviceId.toBytes(deviceId), bytes, signing.privateKey) };
  }

  sealEpoch(): number {
    return 0;
  }

  seal(item: OutboxItem, counter: number): Uint8Array {
    const { key, journalId, writer, deviceId, signing } = this.deps.keys;
    const header = {
      kind: item.kind,
      groupId: journalId,
      epoch: 0,
      memberId: writer,
      deviceId,
      counter,
      logHead: NO_LOG_HEAD,
      heads: item.heads.map(unhex),
      coversSeq: item.coversSeq,
    };
    return sealEnvelope(header, item.payload, key, signing.privateKey);
  }
}
