/**
 * Appends a batch of envelopes inside one transaction (the group-commit step). Each request gets its
 * own Result: a counter gap in one request leaves the others untouched. Reads happen first, decisions
 * are made in memory, then all accepted rows are written with a few multi-row statements.
 *
 * Groups and journals share this path: both have a head row in `groups` (its `kind` says which). A
 * request names the kind it expects — a journal request names the owner too — and is checked
 * against the locked row, so a journal deleted or claimed by another key meanwhile is never written.
 *
 * The head row also counts the envelope bytes stored for the document (`stored_bytes`), moved in the
 * same transaction as the rows it counts; a request with a quota that the envelope would exceed is
 * refused with `group-full` (a resend of what is stored already is not new bytes and still succeeds).
 */
import { Buffer } from "node:buffer";
import { assert, bytesEqual, err, ok, type Result } from "@porch/shared";
import type { NewEnvelope } from "./relay-storage.ts";
import type { SqlExecutor, SqlValue } from "./sql-database.ts";

export interface EnvelopeRequest {
  readonly groupId: Uint8Array;
  readonly envelope: NewEnvelope;
  /** Present for a journal's envelope: the key that must own it. Absent: the id must be a group. */
  readonly journalOwner?: Uint8Array;
  /** The most envelope bytes the document may hold once this one is stored; no quota when absent. */
  readonly maxGroupBytes?: number;
}
export type EnvelopeResult = Result<{ readonly seq: number; readonly duplicate: boolean }>;

/** What one device has sent in the group, as seen by this batch. */
interface DeviceState {
  readonly deviceId: Uint8Array;
  readonly storedLast: number;
  last: number;
  /** Accepted in this batch but not yet written: counter -> (seq, bytes), for retries in the same batch. */
  readonly pending: Map<number, { readonly seq: number; readonly bytes: Uint8Array }>;
}

const ROWS_PER_INSERT = 500;
const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString("hex");

export async function appendEnvelopes(
  tx: SqlExecutor,
  requests: readonly EnvelopeRequest[],
): Promise<EnvelopeResult[]> {
  const results: EnvelopeResult[] = [];
  const byGroup = new Map<string, number[]>();
  requests.forEach((r, i) => {
    assert(Number.isSafeInteger(r.envelope.counter), "envelope counter is an integer");
    assert(Number.isSafeInteger(r.envelope.coversSeq), "envelope coversSeq is an integer");
    const key = hex(r.groupId);
    const list = byGroup.get(key);
    if (list) list.push(i);
    else byGroup.set(key, [i]);
  });
  const rows: SqlValue[][] = [];
  // Lock groups in a fixed order so two relays committing overlapping batches cannot deadlock.
  for (const key of [...byGroup.keys()].sort()) {
    const indexes = byGroup.get(key) ?? [];
    const groupId = requests[indexes[0] ?? 0]?.groupId;
    assert(groupId, "a batch group has at least one request");
    const [group] = await tx.query<HeadRow>(
      "select head_seq, kind, owner, stored_bytes from groups where group_id = $1 for update",
      [groupId],
    );
    if (!group) {
      for (const i of indexes) results[i] = err("group-not-found");
      continue;
    }
    let headSeq = group.head_seq;
    let storedBytes = Number(group.stored_bytes);
    let snapshot: { seq: number; coversSeq: number; deviceId: Uint8Array } | null = null;
    const devices = new Map<string, DeviceState>();
    for (const i of indexes) {
      const { envelope, journalOwner, maxGroupBytes } = requests[i] as EnvelopeRequest;
      const refused = wrongDocument(group, journalOwner);
      if (refused) {
        results[i] = refused;
        continue;
      }
      const device = await deviceState(tx, groupId, envelope.deviceId, devices);
      const result = await decide(tx, groupId, envelope, device, headSeq + 1);
      if (
        result.ok &&
        !result.value.duplicate &&
        maxGroupBytes !== undefined &&
        storedBytes + envelope.bytes.length > maxGroupBytes
      ) {
        results[i] = err("group-full", `${storedBytes} of ${maxGroupBytes} bytes stored`);
        continue;
      }
      results[i] = result;
      if (!result.ok || result.value.duplicate) continue;
      headSeq = result.value.seq;
      storedBytes += envelope.bytes.length;
      device.last = envelope.counter;
      device.pending.set(envelope.counter, { seq: headSeq, bytes: envelope.bytes });
      const isSnapshot = envelope.kind === "snapshot";
      rows.push([
        groupId,
        headSeq,
        envelope.deviceId,
        envelope.counter,
        envelope.kind,
        isSnapshot ? envelope.coversSeq : null,
        envelope.bytes,
      ]);
      if (isSnapshot && envelope.coversSeq > (snapshot?.coversSeq ?? 0))
        snapshot = { seq: headSeq, coversSeq: envelope.coversSeq, deviceId: envelope.deviceId };
    }
    if (headSeq === group.head_seq) continue;
    await tx.query("update groups set head_seq = $2, stored_bytes = $3 where group_id = $1", [
      groupId,
      headSeq,
      storedBytes,
    ]);
    for (const d of devices.values()) {
      if (d.last === d.storedLast) continue;
      await tx.query(
        `insert into device_counters (group_id, device_id, last_counter) values ($1, $2, $3)
         on conflict (group_id, device_id) do update set last_counter = excluded.last_counter`,
        [groupId, d.deviceId, d.last],
      );
    }
    if (snapshot) {
      // An older snapshot arriving late never replaces a newer one.
      await tx.query(
        `insert into snapshots (group_id, seq, covers_seq) values ($1, $2, $3)
         on conflict (group_id) do update set seq = excluded.seq, covers_seq = excluded.covers_seq
         where snapshots.covers_seq < excluded.covers_seq`,
        [groupId, snapshot.seq, snapshot.coversSeq],
      );
      // Its device is the document's sole writer when no other device has a counter here (counters
      // outlive pruning; this batch's were written just above).
      await tx.query(
        `insert into sole_snapshots (group_id, seq, covers_seq)
         select $1, $2, $3 where not exists (select 1 from device_counters where group_id = $1 and device_id <> $4)
         on conflict (group_id) do update set seq = excluded.seq, covers_seq = excluded.covers_seq
         where sole_snapshots.covers_seq < excluded.covers_seq`,
        [groupId, snapshot.seq, snapshot.coversSeq, snapshot.deviceId],
      );
    }
  }
  for (let start = 0; start < rows.length; start += ROWS_PER_INSERT) {
    const chunk = rows.slice(start, start + ROWS_PER_INSERT);
    const values = chunk.map((_, r) => `(${[1, 2, 3, 4, 5, 6, 7].map((c) => `$${r * 7 + c}`).join(", ")})`);
    await tx.query(
      `insert into envelopes (group_id, seq, device_id, counter, kind, covers_seq, bytes) values ${values.join(", ")}`,
      chunk.flat(),
    );
  }
  return results;
}

/** The locked head row of a group or a journal. */
type HeadRow = {
  readonly head_seq: number;
  readonly kind: "group" | "journal";
  readonly owner: Uint8Array | null;
  /** bigint: a number, or a string where the driver keeps 64-bit integers as text. */
  readonly stored_bytes: number | string;
};

/** Why a request may not write to this row, if it may not: wrong kind of document, or another owner. */
function wrongDocument(row: HeadRow, journalOwner: Uint8Array | undefined): EnvelopeResult | null {
  if (journalOwner === undefined) return row.kind === "group" ? null : err("group-not-found", "the id is a journal");
  if (row.kind !== "journal" || row.owner === null) return err("group-not-found", "the id is no journal");
  return bytesEqual(row.owner, journalOwner) ? null : err("not-a-member", "another key owns the journal");
}

async function deviceState(
  tx: SqlExecutor,
  groupId: Uint8Array,
  deviceId: Uint8Array,
  devices: Map<string, DeviceState>,
): Promise<DeviceState> {
  const key = hex(deviceId);
  const known = devices.get(key);
  if (known) return known;
  const [row] = await tx.query<{ last_counter: number }>(
    "select last_counter from device_counters where group_id = $1 and device_id = $2",
    [groupId, deviceId],
  );
  const last = row?.last_counter ?? 0;
  const state: DeviceState = { deviceId, storedLast: last, last, pending: new Map() };
  devices.set(key, state);
  return state;
}

/** Accept (with `nextSeq`), recognise a retry, or refuse; writes nothing. */
async function decide(
  tx: SqlExecutor,
  groupId: Uint8Array,
  e: NewEnvelope,
  device: DeviceState,
  nextSeq: number,
): Promise<EnvelopeResult> {
  if (e.counter < 1) return err("counter-gap", "counters start at 1");
  if (e.counter <= device.last) {
    const original = device.pending.get(e.counter) ?? (await storedEnvelope(tx, groupId, e));
    if (original && bytesEqual(original.bytes, e.bytes)) return ok({ seq: original.seq, duplicate: true });
    return err("counter-reused", `counter ${e.counter} already holds other bytes`);
  }
  if (e.counter !== device.last + 1) return err("counter-gap", `expected counter ${device.last + 1}, got ${e.counter}`);
  if (e.kind === "snapshot" && (e.coversSeq < 0 || e.coversSeq >= nextSeq)) {
    return err("bad-envelope", `a snapshot at seq ${nextSeq} cannot cover seq ${e.coversSeq}`);
  }
  return ok({ seq: nextSeq, duplicate: false });
}

async function storedEnvelope(
  tx: SqlExecutor,
  groupId: Uint8Array,
  e: NewEnvelope,
): Promise<{ seq: number; bytes: Uint8Array } | undefined> {
  const [row] = await tx.query<{ seq: number; bytes: Uint8Array }>(
    "select seq, bytes from envelopes where group_id = $1 and device_id = $2 and counter = $3",
    [groupId, e.deviceId, e.counter],
  );
  return row;
}
