/**
 * A personal document's channel, for the engine's stories: one member's own devices and no membership
 * log. The key and the document's id come from the member's seed; every envelope is sealed under
 * epoch 0 with no log head, and only envelopes signed by the member are merged. It shows what the
 * engine does for a document whose channel has nothing of its own to catch up on.
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import {
  decodeCbor,
  deriveIdentity,
  GroupId,
  keyedHash,
  ok,
  type DeviceId,
  type ErrorCode,
  type Identity,
  type Result,
} from "@porch/shared";
import { openEnvelope, sealEnvelope } from "@porch/shared/sealing";
import type { Delivered, DocChannel, RecordAccess, RemoteResult } from "./doc-channel.ts";
import type { SyncConnection } from "./sync-connection.ts";
import type { OutboxItem, SyncRecord } from "./sync-record.ts";

const NO_LOG_HEAD = new Uint8Array(32);
const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));
const isBytesArray = (x: unknown): x is Uint8Array[] => Array.isArray(x) && x.every((c) => c instanceof Uint8Array);
const isPairs = (x: unknown): x is [string, unknown][] =>
  Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string");

/** The member's keys and the document's id, all from the seed. */
export function personalKeys(seed: Uint8Array): {
  readonly identity: Identity;
  readonly key: Uint8Array;
  readonly docId: GroupId;
} {
  return {
    identity: deriveIdentity(seed),
    key: keyedHash(seed, "porch/test/personal-doc/key"),
    docId: GroupId.fromBytes(keyedHash(seed, "porch/test/personal-doc/id").subarray(0, 16))!,
  };
}

export interface PersonalChannelDeps<D> {
  readonly seed: Uint8Array;
  readonly deviceId: DeviceId;
  readonly handle: DocHandle<D>;
  readonly connection: SyncConnection;
}

export class PersonalChannel<D> implements DocChannel<SyncRecord> {
  readonly goneCodes: readonly ErrorCode[] = [];
  /** Seqs whose envelope was opened and merged here, in order: a story checks each arrives once. */
  readonly merged: number[] = [];
  private readonly keys: ReturnType<typeof personalKeys>;

  constructor(private readonly deps: PersonalChannelDeps<D>) {
    this.keys = personalKeys(deps.seed);
  }

  async catchUp(
    access: RecordAccess<SyncRecord>,
  ): Promise<Result<{ readonly envelopes: readonly Delivered[]; readonly headSeq: number }>> {
    const groupId = GroupId.toBytes(this.keys.docId);
    const answer = await this.deps.connection.request({
      v: 1,
      type: "subscribe",
      groupId,
      afterSeq: access.record.cursor,
      afterIndex: 0,
    });
    if (!answer.ok) return answer;
    if (answer.value.type !== "catch-up") return ok({ envelopes: [], headSeq: access.record.cursor });
    const { snapshot, updates, headSeq } = answer.value;
    return ok({ envelopes: snapshot === null ? updates : [snapshot, ...updates], headSeq });
  }

  applyRemote(record: SyncRecord, envelopes: readonly Delivered[]): RemoteResult<SyncRecord> {
    const { identity, key, docId } = this.keys;
    let r = record;
    const counters: Record<string, number> = { ...r.counters };
    const actors: Record<string, string> = { ...r.actors };
    const applied: number[] = [];
    const changes: Uint8Array[] = [];
    let problem: ErrorCode | null = null;
    for (const { seq, bytes } of envelopes) {
      applied.push(seq); // with no log, nothing can become openable later: done with either way
      const opened = openEnvelope(bytes, (h) => (h.epoch === 0 ? key : null));
      if (!opened.ok) {
        problem = opened.code;
        continue;
      }
      const { header, plaintext } = opened.value;
      if (header.groupId !== docId) problem = "wrong-group";
      else if (header.memberId !== identity.memberId) problem = "foreign-actor";
      if (header.groupId !== docId || header.memberId !== identity.memberId) continue;
      if (header.deviceId !== this.deps.deviceId) {
        if (header.counter <= (counters[header.deviceId] ?? 0)) continue; // a duplicate delivery
        if (header.counter > (counters[header.deviceId] ?? 0) + 1) problem = "counter-gap";
        counters[header.deviceId] = header.counter;
      }
      const payload = decodeCbor(plaintext);
      if (header.kind === "update" && isBytesArray(payload)) {
        for (const c of payload) actors[A.decodeChange(c).actor] ??= identity.memberId;
        changes.push(...payload);
        r = { ...r, tailCount: r.tailCount + 1, tailBytes: r.tailBytes + bytes.length };
      } else if (
        header.kind === "snapshot" &&
        Array.isArray(payload) &&
        payload[0] instanceof Uint8Array &&
        isPairs(payload[1])
      ) {
        for (const [device, counter] of payload[1])
          if (typeof counter === "number" && device !== this.deps.deviceId && counter > (counters[device] ?? 0))
            counters[device] = counter;
        const save = payload[0];
        if (header.coversSeq > r.cursor) this.deps.handle.update((d) => A.loadIncremental(d, save));
        r = { ...r, tailCount: 0, tailBytes: 0, snapshotBytes: bytes.length };
      } else {
        problem = "bad-envelope";
        continue;
      }
      this.merged.push(seq);
    }
    if (changes.length > 0) this.deps.handle.update((d) => A.applyChanges(d, changes)[0]);
    return { record: { ...r, counters, actors }, applied, problem };
  }

  sealEpoch(): number {
    return 0;
  }

  seal(item: OutboxItem, counter: number): Uint8Array {
    const { identity, key, docId } = this.keys;
    const header = {
      kind: item.kind,
      groupId: docId,
      epoch: 0,
      memberId: identity.memberId,
      deviceId: this.deps.deviceId,
      counter,
      logHead: NO_LOG_HEAD,
      heads: item.heads.map(unhex),
      coversSeq: item.coversSeq,
    };
    return sealEnvelope(header, item.payload, key, identity.signing.privateKey);
  }
}
