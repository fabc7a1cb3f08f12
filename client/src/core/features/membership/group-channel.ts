/**
 * A group document's channel for the sync engine: catch-up also brings the membership log, envelopes
 * are sealed under the current epoch key and name the author's log head, and what others sent is
 * opened and checked against the log (apply-remote.ts). Key rotation lives here, on the membership
 * side: the next admin device online performs the rotation the log says is owed.
 */
import type { DocHandle } from "@automerge/automerge-repo";
import {
  blake2b256,
  DeviceId,
  GroupId,
  ok,
  rotationDue,
  signCheckpoint,
  signSnapshotAck,
  type ErrorCode,
  type Identity,
  type Result,
} from "@porch/shared";
import { sealEnvelope } from "@porch/shared/sealing";
import type { GroupDoc } from "../../doc/schema.ts";
import {
  catchUpSnapshot,
  type CatchUpPage,
  type Delivered,
  type DocChannel,
  type RecordAccess,
  type RemoteResult,
} from "../../engine/doc-channel.ts";
import type { Answer, SyncConnection } from "../../engine/sync-connection.ts";
import type { OutboxItem } from "../../engine/sync-record.ts";
import { applyRemote } from "./apply-remote.ts";
import type { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";

const unhex = (s: string) => Uint8Array.from(s.match(/../g) ?? [], (h) => parseInt(h, 16));

export interface GroupChannelDeps {
  readonly groupId: GroupId;
  readonly identity: Identity;
  readonly deviceId: DeviceId;
  readonly handle: DocHandle<GroupDoc>;
  readonly keys: GroupKeys;
  readonly connection: SyncConnection;
}

export class GroupChannel implements DocChannel<GroupRecord> {
  /** The relay's answers that mean this member is no longer in the group. */
  readonly goneCodes: readonly ErrorCode[] = ["not-a-member", "removed-from-group"];
  /** The newest checkpoint index this device signed (or was refused for good) in this session. */
  private signedIndex = 0;
  /** The catch-up's snapshot counters its pages have not reached yet (engine/device-counters.ts). */
  private readonly slots = new Map<string, number>();

  constructor(private readonly deps: GroupChannelDeps) {}

  async catchUp(access: RecordAccess<GroupRecord>): Promise<Result<CatchUpPage>> {
    this.slots.clear();
    const groupId = GroupId.toBytes(this.deps.groupId);
    const afterIndex = this.deps.keys.length;
    const answer = await this.deps.connection.request({
      v: 1,
      type: "subscribe",
      groupId,
      afterSeq: access.record.cursor,
      afterIndex,
    });
    return this.page(access, afterIndex, answer);
  }

  /** Applies a page's log entries, and hands over its envelopes with the way to the next page. */
  private async page(
    access: RecordAccess<GroupRecord>,
    afterIndex: number,
    answer: Result<Answer>,
  ): Promise<Result<CatchUpPage>> {
    if (!answer.ok) return answer;
    if (answer.value.type !== "catch-up") return ok({ envelopes: [], headSeq: access.record.cursor, next: null });
    const { groupId, entries, snapshot, updates, headSeq, more } = answer.value;
    await this.applyLog(access, afterIndex, entries);
    const nextIndex = afterIndex + entries.length;
    const next =
      more === true
        ? async () =>
            this.page(
              access,
              nextIndex,
              await this.deps.connection.request({
                v: 1,
                type: "catch-up-more",
                groupId,
                afterSeq: headSeq,
                afterIndex: nextIndex,
              }),
            )
        : null;
    return ok({ envelopes: snapshot === null ? updates : [catchUpSnapshot(snapshot), ...updates], headSeq, next });
  }

  /** Extends the log with entries from `fromIndex` (a catch-up, a live entry, or one this device appended). */
  async applyLog(access: RecordAccess<GroupRecord>, fromIndex: number, entries: readonly Uint8Array[]): Promise<void> {
    const { keys } = this.deps;
    if (entries.length > 0) {
      const result = keys.extend(fromIndex, entries);
      if (!result.ok) return access.problem(result.code);
      if (result.value.added > 0) await access.save({ ...access.record, log: [...keys.log] });
    }
    if (keys.isFormer) return access.stop();
    await this.maybeRotate(access);
    await this.maybeSignCheckpoint();
  }

  /**
   * After each rotation this device replayed itself, it signs the checkpoint of the state right after
   * it (the relay keeps the signature only if its own replay gives the same bytes). Two members' (one an
   * admin's) signatures make it what newcomers start from.
   */
  private async maybeSignCheckpoint(): Promise<void> {
    const { keys, connection, identity } = this.deps;
    const candidate = keys.checkpointToSign;
    if (candidate === null || candidate.index <= this.signedIndex || !connection.ready) return;
    if (!keys.state.members.has(identity.memberId)) return;
    const body = candidate.body();
    const { signature } = signCheckpoint(body, identity.memberId, identity.signing.privateKey);
    const answer = await connection.request({
      v: 1,
      type: "checkpoint-sign",
      groupId: GroupId.toBytes(this.deps.groupId),
      index: candidate.index,
      bodyHash: blake2b256(body),
      signature,
    });
    // Offline or timed out: try again with the next catch-up. Any answer from the relay settles this index.
    if (answer.ok || (answer.code !== "offline" && answer.code !== "timeout")) this.signedIndex = candidate.index;
  }

  /** The next admin device online performs the rotation owed (after a join, leave, revocation or expiry). */
  private async maybeRotate(access: RecordAccess<GroupRecord>): Promise<void> {
    const { keys, connection } = this.deps;
    if (!rotationDue(keys.state, Date.now()) || !keys.isAdmin || !connection.ready) return;
    const rotation = keys.buildRotation(Date.now());
    if (rotation === null) return;
    const answer = await connection.request({
      v: 1,
      type: "append",
      groupId: GroupId.toBytes(this.deps.groupId),
      entry: rotation.entry.wire,
      sealedKey: null,
    });
    // Losing the race to another admin (stale-head) or going offline is fine: the owed rotation is retried later.
    if (!answer.ok || answer.value.type !== "appended") return;
    keys.keys.set(keys.state.epoch + 1, rotation.key);
    const extended = keys.extend(answer.value.index, [rotation.entry.wire]);
    if (extended.ok) await access.save({ ...access.record, log: [...keys.log] });
  }

  applyRemote(record: GroupRecord, envelopes: readonly Delivered[]): RemoteResult<GroupRecord> {
    return applyRemote({ ...this.deps, memberId: this.deps.identity.memberId, slots: this.slots }, record, envelopes);
  }

  signAck(seq: number, bytes: Uint8Array): { readonly docId: Uint8Array; readonly signature: Uint8Array } {
    const { groupId, deviceId, identity } = this.deps;
    const docId = GroupId.toBytes(groupId);
    const signature = signSnapshotAck(docId, seq, DeviceId.toBytes(deviceId), bytes, identity.signing.privateKey);
    return { docId, signature };
  }

  sealEpoch(): number | null {
    return this.deps.keys.currentKey === null ? null : this.deps.keys.state.epoch;
  }

  seal(item: OutboxItem, counter: number): Uint8Array {
    const { keys, identity, deviceId, groupId } = this.deps;
    const key = keys.currentKey;
    if (key === null) throw new Error("seal called without a key (sealEpoch() was null)");
    const header = {
      kind: item.kind,
      groupId,
      epoch: keys.state.epoch,
      memberId: identity.memberId,
      deviceId,
      counter,
      logHead: keys.state.head,
      heads: item.heads.map(unhex),
      coversSeq: item.coversSeq,
    };
    return sealEnvelope(header, item.payload, key, identity.signing.privateKey);
  }
}
