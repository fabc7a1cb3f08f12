/**
 * Record storage and one pass over the document's root: records bucketed by type.
 *
 * Storage (schema v2): every record is ONE Automerge map with ONE field, `d`, an `ImmutableString`
 * holding the record's JSON (`by`, `at` and the rest). Two operations per record instead of ~8: the
 * 3-year benchmark document loads ~10× faster (bench/README.md, "group-doc-open"). The map object is
 * kept (rather than a bare string under the root key) because its object id names the actor that
 * created it, which `writtenBy` checks against the member in `by`. A record is never edited in place:
 * a rewrite (goal spec, rhythm, …) puts a new map under the key (last writer wins; only the entitled
 * member's writes count).
 *
 * Caches: parsed records (and their index entries) by their Automerge map object (WeakMaps; Automerge
 * snapshots share every unchanged object with the previous snapshot, so a new change re-parses only
 * the records it touched); the index per document snapshot (documents are immutable values: a WeakMap
 * keyed by the snapshot is exact); and a type's entry list is the previous index's array when none of
 * its records changed, so life-view.ts can memoise each area's view on those arrays.
 */
import * as A from "@automerge/automerge";
import type { GroupDoc, StoredGoal } from "./schema.ts";

/** Actor (hex) → member id, as the sync engine bound them (GroupRecord.actors); optional. */
export type Authors = Readonly<Record<string, string>>;

/** A parsed record (plain JSON values; text is plain strings). */
export type Rec = Record<string, unknown> & { by: string; at: number };
/** Records of one type: the key's parts after the type, and the record. */
export interface Entry {
  readonly parts: readonly string[];
  readonly key: string;
  readonly rec: Rec;
}

export interface RecordIndex {
  readonly goals: ReadonlyMap<string, StoredGoal>;
  readonly byType: ReadonlyMap<string, readonly Entry[]>;
  /** Record by full key. */
  readonly byKey: ReadonlyMap<string, Rec>;
}

/** The one field of a stored record. */
export const PAYLOAD = "d";
/** What a record key holds in the document. */
export interface StoredRecord {
  [PAYLOAD]: A.ImmutableString;
}

/** Writes `rec` under `k`, as a new map object (replacing whatever the key held). */
export function putRecord(doc: GroupDoc, k: string, rec: Rec | (object & { by: string; at: number })): void {
  (doc as unknown as Record<string, StoredRecord>)[k] = { [PAYLOAD]: new A.ImmutableString(JSON.stringify(rec)) };
}

/** The Automerge object each parsed record came from (for the authorship check). */
const origin = new WeakMap<object, object>();
/** Parsed record per stored map object (null: not a valid record). */
const parsed = new WeakMap<object, Rec | null>();

const isRec = (v: unknown): v is Rec =>
  typeof v === "object" &&
  v !== null &&
  !Array.isArray(v) &&
  typeof (v as Rec).by === "string" &&
  typeof (v as Rec).at === "number";

function parse(stored: object): Rec | null {
  const raw = (stored as Partial<StoredRecord>)[PAYLOAD];
  if (!A.isImmutableString(raw)) return null;
  let rec: unknown;
  try {
    rec = JSON.parse(raw.toString());
  } catch {
    return null;
  }
  if (!isRec(rec)) return null;
  origin.set(rec, stored);
  return rec;
}

/** The record stored in `value` (a `{ d: ImmutableString }` map), or undefined if it is not one. */
export function readRecord(value: unknown): Rec | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  let rec = parsed.get(value);
  if (rec === undefined) parsed.set(value, (rec = parse(value)));
  return rec ?? undefined;
}

/** A goal under `doc.goals`: a map of fields (v1 layout, kept in v2). */
const readGoal = (value: unknown): StoredGoal | undefined =>
  typeof value === "object" && value !== null && typeof (value as StoredGoal).owner === "string"
    ? (value as StoredGoal)
    : undefined;

const cache = new WeakMap<object, RecordIndex>();
const EMPTY: readonly Entry[] = [];
/** Entry per stored map object (an object lives under one key for good). */
const entryCache = new WeakMap<object, Entry | null>();
/** The last index built: unchanged per-type lists are reused, so views can be memoised on them. */
let previous: RecordIndex | undefined;

function entryOf(k: string, colon: number, stored: unknown): Entry | undefined {
  if (typeof stored !== "object" || stored === null) return undefined;
  let e = entryCache.get(stored);
  if (e === undefined || (e !== null && e.key !== k)) {
    const rec = readRecord(stored);
    e = rec === undefined ? null : { parts: k.slice(colon + 1).split(":"), key: k, rec };
    entryCache.set(stored, e);
  }
  return e ?? undefined;
}

const sameItems = <T>(a: readonly T[] | undefined, b: readonly T[]): boolean => {
  if (a === undefined || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
};

/**
 * The document's records, bucketed by type. Malformed entries are skipped. A type's list is the
 * previous index's array when none of its records changed (views are memoised on these arrays).
 */
export function indexOf(doc: Partial<GroupDoc> | undefined): RecordIndex {
  if (doc === undefined) return { goals: new Map(), byType: new Map(), byKey: new Map() };
  const hit = cache.get(doc);
  if (hit !== undefined) return hit;
  let goals = new Map<string, StoredGoal>();
  for (const [id, v] of Object.entries(doc.goals ?? {})) {
    const g = readGoal(v);
    if (g !== undefined) goals.set(id, g);
  }
  const prevGoals = previous?.goals;
  if (
    prevGoals !== undefined &&
    prevGoals.size === goals.size &&
    [...goals].every(([id, g]) => prevGoals.get(id) === g)
  )
    goals = prevGoals as Map<string, StoredGoal>;
  const byType = new Map<string, readonly Entry[]>();
  const byKey = new Map<string, Rec>();
  const root = doc as Record<string, unknown>;
  for (const k in root) {
    const colon = k.indexOf(":");
    if (colon < 0) continue;
    const e = entryOf(k, colon, root[k]);
    if (e === undefined) continue;
    const type = k.slice(0, colon);
    let list = byType.get(type) as Entry[] | undefined;
    if (list === undefined) byType.set(type, (list = []));
    list.push(e);
    byKey.set(k, e.rec);
  }
  if (previous !== undefined)
    for (const [type, list] of byType) {
      const old = previous.byType.get(type);
      if (sameItems(old, list)) byType.set(type, old!);
    }
  const index = { goals, byType, byKey };
  cache.set(doc, index);
  previous = index;
  return index;
}

export const entries = (index: RecordIndex, type: string): readonly Entry[] => index.byType.get(type) ?? EMPTY;

/**
 * True when `rec` was written by `member`: its `by` says so and, if `authors` is known, the Automerge
 * object holding it was created by an actor bound to that member (an unknown actor is given the
 * benefit of the doubt: the sync engine refuses changes whose actor belongs to someone else).
 * `rec` is a parsed record (its map object is looked up) or a v1 goal map.
 */
export function writtenBy(rec: object, by: unknown, member: string, authors: Authors | undefined): boolean {
  if (by !== member) return false;
  if (authors === undefined) return true;
  const id = A.getObjectId(origin.get(rec) ?? rec);
  if (id === null) return true;
  const at = id.indexOf("@");
  const owner = at < 0 ? undefined : authors[id.slice(at + 1)];
  return owner === undefined || owner === member;
}

/** Plain text of a stored string. */
export const text = (value: unknown): string =>
  A.isImmutableString(value) ? value.toString() : typeof value === "string" ? value : "";
export const num = (value: unknown): number | null =>
  typeof value === "number" && Number.isFinite(value) ? value : null;
export const str = (value: unknown): string | null => (typeof value === "string" ? value : null);
/** Newest first, ties by key (so every device lists the same order). */
export const byAtDesc = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
export const byAtAsc = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
