/**
 * The checks a device runs on a snapshot before it trusts it — the relay cannot run them (it never
 * sees a change), and a snapshot is a whole document that would otherwise skip the per-author checks
 * every update goes through (docs/threat-model.md, "Snapshots").
 *
 * - Before **acknowledging** one (a second member's device, or a journal's second device): the snapshot
 *   loads, its heads are exactly the heads its header claims, this device has applied every seq up to
 *   the one it covers, every change in it is one this device already verified update by update (its
 *   heads are in this device's document: Automerge heads name the whole history behind them), and
 *   every update this device verified up to the seq it covers is in it. Then pruning what it covers
 *   loses nothing and lets nothing in that the members did not sign.
 * - Before **loading** one (an acknowledged snapshot, for a device whose cursor is behind it): it loads,
 *   its heads are the claimed ones, and every change in it that this device lacks is by an actor bound
 *   to a known writer — the binding this device holds wins, the snapshot's list may only add bindings —
 *   and passes the document's write rules as that writer's.
 * - A snapshot the relay serves **without acknowledgement** (its device was the document's only writer)
 *   must show itself to be its author's alone (`isSoleWriters`); on a device that holds no other
 *   writer's binding, its state is checked instead of each change (`LoadCheck.soleWriter`).
 */
import * as A from "@automerge/automerge";
import type { DocHandle } from "@automerge/automerge-repo";
import { err, ok, type Err, type Result } from "@porch/shared";

/** The hex hash of each change (to remember which updates this device verified). */
export function changeHashes(changes: readonly Uint8Array[]): string[] {
  return changes.map((c) => A.decodeChange(c).hash);
}

const sameSet = (a: readonly string[], b: readonly string[]) => {
  const set = new Set(a);
  return a.length === b.length && set.size === b.length && b.every((h) => set.has(h));
};

function load(save: Uint8Array, claimedHeads: readonly string[], actor?: string): Result<A.Doc<unknown>> {
  let snap: A.Doc<unknown>;
  try {
    snap = A.load(save, actor !== undefined ? { actor } : undefined);
  } catch {
    return err("forged-snapshot", "does not load");
  }
  if (!sameSet(A.getHeads(snap), claimedHeads)) return err("forged-snapshot", "heads differ from the claimed heads");
  return ok(snap);
}

/** What a device knows when it considers acknowledging a snapshot. */
export interface AckCheck {
  /** This device's document, every verified change applied. */
  readonly doc: A.Doc<unknown>;
  /** The snapshot's `A.save()`. */
  readonly save: Uint8Array;
  /** The heads (hex) the snapshot's signed header claims. */
  readonly claimedHeads: readonly string[];
  readonly coversSeq: number;
  /** This device's cursor: every seq up to it is applied (or refused for good). */
  readonly cursor: number;
  /** The change hashes of each update this device verified (or sent), by seq. */
  readonly verified: ReadonlyMap<number, readonly string[]>;
}

/** "ack" when the snapshot may be acknowledged, "wait" while this device is behind it, or why it is forged. */
export function checkSnapshotForAck(input: AckCheck): "ack" | "wait" | Err {
  if (input.cursor < input.coversSeq) return "wait";
  const loaded = load(input.save, input.claimedHeads);
  if (!loaded.ok) return loaded;
  const heads = A.getHeads(loaded.value);
  // Every change of the snapshot is behind its heads, so heads this device holds mean changes it verified.
  if (!A.hasHeads(input.doc, heads)) return err("forged-snapshot", "holds changes this device never verified");
  for (const [seq, hashes] of input.verified)
    if (seq <= input.coversSeq && !A.hasHeads(loaded.value, [...hashes]))
      return err("forged-snapshot", `leaves out the update at seq ${seq}`);
  return "ack";
}

/**
 * True when a snapshot served without acknowledgement shows itself to be its author's alone: it names
 * no other device's counter and binds every actor to its author. The relay serves one so only while no
 * other device has written to the document; loaded, every change it holds must then pass as the
 * author's (`checkSnapshotToLoad` with the author as the only writer). What a receiver cannot check is
 * that nobody else wrote before it — the relay could withhold such envelopes anyway (docs/threat-model.md).
 */
export function isSoleWriters(
  counters: readonly (readonly [string, unknown])[],
  bindings: readonly (readonly [string, unknown])[],
  deviceId: string,
  writer: string,
): boolean {
  return counters.every(([device]) => device === deviceId) && bindings.every(([, bound]) => bound === writer);
}

/** What a device knows when it considers loading an acknowledged (or sole writer's) snapshot. */
export interface LoadCheck {
  readonly doc: A.Doc<unknown>;
  readonly save: Uint8Array;
  readonly claimedHeads: readonly string[];
  /** The snapshot's actor → writer list. */
  readonly bindings: readonly (readonly [string, unknown])[];
  /** This device's actor → writer bindings (from verified updates). */
  readonly actors: Readonly<Record<string, string>>;
  /** True for a writer that may have written to the document (a member, past or present; the journal's key). */
  readonly isWriter: (writer: string) => boolean;
  /** The document's write rules for one change by `writer`, if it has any. */
  readonly allows?: (change: Uint8Array, writer: string, actors: Readonly<Record<string, string>>) => boolean;
  /**
   * Set when the snapshot was served as this writer's alone and shows itself to be (`isSoleWriters`).
   * If this device holds no binding to another writer either, nothing in the snapshot can be anybody
   * else's, so its changes are not read one by one (that costs ~60 µs a change: ~300 ms for a 5,000-edit
   * history): its listed actors are bound to the writer, and `stateAllows` checks on the loaded state
   * what the write rules protect other members from.
   */
  readonly soleWriter?: string;
  /** With `soleWriter`: false if the loaded state holds what only another member may write. */
  readonly stateAllows?: (snapshot: A.Doc<unknown>, writer: string) => boolean;
  /** Loads the snapshot under this actor id (the device's own), so it can stand in for an empty document. */
  readonly actor?: string;
}

/** What a checked snapshot brings: the bindings of its new actors, and the snapshot loaded. */
export interface LoadedSnapshot {
  readonly bindings: Record<string, string>;
  readonly doc: A.Doc<unknown>;
}

/** The bindings of the snapshot's new actors and the snapshot loaded, or why it is forged. */
export function checkSnapshotToLoad(input: LoadCheck): Result<LoadedSnapshot> {
  const loaded = load(input.save, input.claimedHeads, input.actor);
  if (!loaded.ok) return loaded;
  const sole = input.soleWriter;
  if (sole !== undefined && Object.values(input.actors).every((writer) => writer === sole)) {
    if (!input.isWriter(sole)) return err("forged-snapshot", "a change by an unknown writer");
    if (input.stateAllows !== undefined && !input.stateAllows(loaded.value, sole))
      return err("forged-snapshot", "a change its writer may not make");
    const bindings: Record<string, string> = {};
    for (const [actor] of input.bindings) if (input.actors[actor] === undefined) bindings[actor] = sole;
    return ok({ bindings, doc: loaded.value });
  }
  const claimed = new Map<string, unknown>(input.bindings);
  const actors: Record<string, string> = { ...input.actors };
  const added: Record<string, string> = {};
  for (const change of A.getAllChanges(loaded.value)) {
    const decoded = A.decodeChange(change);
    if (A.hasHeads(input.doc, [decoded.hash])) continue; // this device verified it already
    const known = actors[decoded.actor];
    const named = claimed.get(decoded.actor);
    if (known !== undefined && named !== undefined && named !== known)
      return err("forged-snapshot", "rebinds an actor to another writer");
    const writer = known ?? (typeof named === "string" ? named : undefined);
    if (writer === undefined || !input.isWriter(writer)) return err("forged-snapshot", "a change by an unknown writer");
    if (known === undefined) actors[decoded.actor] = added[decoded.actor] = writer;
    if (input.allows !== undefined && !input.allows(change, writer, actors))
      return err("forged-snapshot", "a change its writer may not make");
  }
  return ok({ bindings: added, doc: loaded.value });
}

/**
 * Merges a checked snapshot into the document. An empty document (a new device's) takes the loaded
 * snapshot itself — loaded under the device's actor (`LoadCheck.actor`) — instead of loading it twice.
 */
export function mergeSnapshot<D>(handle: DocHandle<D>, loaded: LoadedSnapshot, save: Uint8Array): void {
  handle.update((doc) =>
    A.getHeads(doc).length === 0 && A.getActorId(loaded.doc) === A.getActorId(doc)
      ? (loaded.doc as A.Doc<D>)
      : A.loadIncremental(doc, save),
  );
}
