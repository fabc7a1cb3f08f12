/**
 * Opens envelopes from the relay and merges them into the group document, refusing anything whose
 * author, epoch, log head or Automerge actors do not check out. Pure with respect to storage: returns
 * the new record; the caller persists it.
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import {
  GroupId,
  MemberId,
  decodeCbor,
  toBase64Url,
  verifySnapshotAck,
  type DeviceId,
  type ErrorCode,
} from "@porch/shared";
import { openEnvelope } from "@porch/shared/sealing";
import type { GroupDoc } from "../../doc/schema.ts";
import { soleWriterAllows, WriteRules } from "../../doc/write-rules.ts";
import type { Delivered, DeliveredAck, RemoteResult, SnapshotCandidate } from "../../engine/doc-channel.ts";
import { DeviceCounters } from "../../engine/device-counters.ts";
import { changeHashes, checkSnapshotToLoad, isSoleWriters, mergeSnapshot } from "../../engine/snapshot-check.ts";
import type { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";

/** What opening a group's envelopes needs: the group, this device, its log and keys, the document. */
export interface GroupOpenDeps {
  readonly groupId: GroupId;
  readonly deviceId: DeviceId;
  /** This device's member: its own snapshots are never its to acknowledge. */
  readonly memberId: MemberId;
  readonly keys: GroupKeys;
  readonly handle: DocHandle<GroupDoc>;
  /** The catch-up's snapshot counters not yet reached (device-counters.ts), kept across its pages. */
  readonly slots: Map<string, number>;
}

const isBytesArray = (x: unknown): x is Uint8Array[] => Array.isArray(x) && x.every((c) => c instanceof Uint8Array);
const isPairs = (x: unknown): x is [string, unknown][] =>
  Array.isArray(x) && x.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === "string");

/** Verifies, opens and merges a batch of envelopes in relay order. */
export function applyRemote(
  deps: GroupOpenDeps,
  start: GroupRecord,
  envelopes: readonly Delivered[],
): RemoteResult<GroupRecord> {
  const { keys, groupId } = deps;
  let r = start;
  const counters = new DeviceCounters(r.counters, deps.slots);
  const actors: Record<string, string> = { ...r.actors };
  const applied: number[] = [];
  const changes: Uint8Array[] = [];
  const verified: [number, string[]][] = [];
  const snapshots: SnapshotCandidate[] = [];
  let problem: ErrorCode | null = null;
  const rules = new WriteRules(deps.handle.doc());

  for (const { seq, bytes, ack } of envelopes) {
    const opened = openEnvelope(bytes, (h) => keys.keys.get(h.epoch) ?? null);
    if (!opened.ok) {
      // Without the key yet (a rotation still to come) keep it for the next catch-up; anything else is refused for good.
      if (opened.code !== "stale-epoch") applied.push(seq);
      problem = opened.code;
      continue;
    }
    const { header, plaintext } = opened.value;
    const headEpoch = epochAtHead(keys, header.logHead, header.epoch);
    if (header.groupId !== groupId) {
      applied.push(seq);
      problem = "wrong-group";
      continue;
    }
    if (headEpoch === undefined || headEpoch !== header.epoch || !keys.state.members.has(header.memberId)) {
      problem = "unknown-log-head";
      continue;
    }
    applied.push(seq);
    if (header.deviceId !== deps.deviceId) {
      const order = counters.receive(header.deviceId, header.counter, ack !== undefined);
      if (order === "duplicate") continue; // a duplicate delivery
      if (order === "gap") problem = "counter-gap";
    }
    const payload = decodeCbor(plaintext);
    if (header.kind === "update") {
      if (!isBytesArray(payload)) {
        problem = "bad-envelope";
        continue;
      }
      if (!bindActors(payload, header.memberId, actors) || !rules.allows(payload, header.memberId, actors)) {
        problem = "foreign-actor";
        continue;
      }
      changes.push(...payload);
      verified.push([seq, changeHashes(payload)]);
      r = { ...r, tailCount: r.tailCount + 1, tailBytes: r.tailBytes + bytes.length };
    } else {
      if (
        !Array.isArray(payload) ||
        !(payload[0] instanceof Uint8Array) ||
        !isPairs(payload[1]) ||
        !isPairs(payload[2])
      ) {
        problem = "bad-envelope";
        continue;
      }
      const heads = header.heads.map(hex);
      if (ack === undefined) {
        // In the stream, unacknowledged: never loaded — another member's is checked for acknowledgement.
        if (header.memberId !== deps.memberId)
          snapshots.push({ seq, bytes, save: payload[0], heads, coversSeq: header.coversSeq });
        continue;
      }
      if (header.coversSeq <= r.cursor) continue; // this device has all it covers already
      // The catch-up's snapshot: loaded only with a second member's valid acknowledgement (or as its
      // sole writer's, when it shows itself to be), after the changes this device lacks pass the checks
      // every update goes through (snapshot-check.ts).
      const sole = ack === null;
      if (
        sole
          ? !isSoleWriters(payload[1], payload[2], header.deviceId, header.memberId)
          : !validAck(groupId, seq, bytes, header.memberId, ack, keys)
      ) {
        problem = "snapshot-unacknowledged";
        continue;
      }
      // Changes merged earlier in this batch count as this device's before the snapshot is checked.
      if (changes.length > 0) deps.handle.update((d) => A.applyChanges(d, changes.splice(0))[0]);
      const checked = checkSnapshotToLoad({
        doc: deps.handle.doc(),
        save: payload[0],
        claimedHeads: heads,
        bindings: payload[2],
        actors,
        isWriter: sole
          ? (m) => m === header.memberId
          : (m) => keys.state.members.has(m as MemberId) || keys.state.former.has(m as MemberId),
        allows: (change, writer, bound) => rules.allows([change], writer, bound),
        ...(sole ? { soleWriter: header.memberId, stateAllows: soleWriterAllows } : {}),
        actor: A.getActorId(deps.handle.doc()),
      });
      if (!checked.ok) {
        problem = checked.code;
        continue;
      }
      Object.assign(actors, checked.value.bindings);
      for (const [device, counter] of payload[1])
        if (typeof counter === "number" && device !== deps.deviceId) counters.claim(device, counter);
      mergeSnapshot(deps.handle, checked.value, payload[0]);
      rules.learn(deps.handle.doc()); // later updates are checked against what the snapshot founded and owns
      if (!A.hasHeads(deps.handle.doc(), [...heads])) problem = "forged-snapshot";
      r = { ...r, tailCount: 0, tailBytes: 0, snapshotBytes: bytes.length };
    }
  }
  if (changes.length > 0) deps.handle.update((d) => A.applyChanges(d, changes)[0]);
  return { record: { ...r, counters: counters.settle(), actors }, applied, problem, verified, snapshots };
}

/** A second member's (current or former) valid acknowledgement of the snapshot `author` sealed at `seq`. */
function validAck(
  groupId: GroupId,
  seq: number,
  bytes: Uint8Array,
  author: MemberId,
  ack: DeliveredAck,
  keys: GroupKeys,
): boolean {
  const acker = MemberId.fromBytes(ack.memberId);
  return (
    acker !== null &&
    acker !== author &&
    (keys.state.members.has(acker) || keys.state.former.has(acker)) &&
    verifySnapshotAck(GroupId.toBytes(groupId), seq, ack.deviceId, bytes, ack.signature, ack.memberId)
  );
}

/**
 * The epoch at the envelope author's log head. A device that joined from a checkpoint knows no head
 * before it: an envelope naming one is taken at its own epoch if that is at or before the checkpoint's
 * (the relay checked the head when it stored it; the author must still be a current member, and the
 * epoch key — checked against its commitment — opened it). See docs/threat-model.md.
 */
function epochAtHead(keys: GroupKeys, logHead: Uint8Array, epoch: number): number | undefined {
  const known = keys.state.epochAtHead.get(toBase64Url(logHead));
  if (known !== undefined || keys.checkpoint === null) return known;
  return epoch <= keys.checkpoint.state.epoch ? epoch : undefined;
}

const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

/** Binds each change's actor to the signer; false if any actor already belongs to another member. */
function bindActors(changes: readonly Uint8Array[], memberId: string, actors: Record<string, string>): boolean {
  const fresh: string[] = [];
  for (const change of changes) {
    let actor: string;
    try {
      actor = A.decodeChange(change).actor;
    } catch {
      return false;
    }
    const owner = actors[actor];
    if (owner !== undefined && owner !== memberId) return false;
    if (owner === undefined) fresh.push(actor);
  }
  for (const actor of fresh) actors[actor] = memberId;
  return true;
}
