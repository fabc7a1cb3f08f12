/**
 * Opens envelopes from the relay and merges them into the group document, refusing anything whose
 * author, epoch, log head or Automerge actors do not check out. Pure with respect to storage: returns
 * the new record; the caller persists it.
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import { decodeCbor, toBase64Url, type DeviceId, type ErrorCode, type GroupId } from "@porch/shared";
import { openEnvelope } from "@porch/shared/sealing";
import type { GroupDoc } from "../../doc/schema.ts";
import { WriteRules } from "../../doc/write-rules.ts";
import type { Delivered, RemoteResult } from "../../engine/doc-channel.ts";
import type { GroupKeys } from "./group-keys.ts";
import type { GroupRecord } from "./group-record.ts";

/** What opening a group's envelopes needs: the group, this device, its log and keys, the document. */
export interface GroupOpenDeps {
  readonly groupId: GroupId;
  readonly deviceId: DeviceId;
  readonly keys: GroupKeys;
  readonly handle: DocHandle<GroupDoc>;
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
  const counters: Record<string, number> = { ...r.counters };
  const actors: Record<string, string> = { ...r.actors };
  const applied: number[] = [];
  const changes: Uint8Array[] = [];
  let problem: ErrorCode | null = null;
  const rules = new WriteRules(deps.handle.doc());

  for (const { seq, bytes } of envelopes) {
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
    const last = counters[header.deviceId] ?? 0;
    if (header.deviceId !== deps.deviceId) {
      if (header.counter <= last) continue; // a duplicate delivery
      if (header.counter > last + 1) problem = "counter-gap";
      counters[header.deviceId] = header.counter;
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
      for (const [device, counter] of payload[1])
        if (typeof counter === "number" && counter > (counters[device] ?? 0) && device !== deps.deviceId)
          counters[device] = counter;
      for (const [actor, member] of payload[2])
        if (typeof member === "string" && actors[actor] === undefined) actors[actor] = member;
      if (header.coversSeq > r.cursor) {
        const save = payload[0];
        deps.handle.update((d) => A.loadIncremental(d, save));
      }
      r = { ...r, tailCount: 0, tailBytes: 0, snapshotBytes: bytes.length };
    }
  }
  if (changes.length > 0) deps.handle.update((d) => A.applyChanges(d, changes)[0]);
  return { record: { ...r, counters, actors }, applied, problem };
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
