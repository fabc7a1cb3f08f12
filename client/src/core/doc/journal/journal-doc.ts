/**
 * Writers and readers of the journal document (layout and the concurrency rule: journal-schema.ts).
 *
 * Writers take the mutable document inside `A.change` and write only root scalars and immutable
 * strings. They expect checked input — `validateEntry` from @porch/shared/journal for answers,
 * `makeConsentEvent` for consents — and `assert` (a bug, not bad input) when given anything else.
 * `rand` returns 8 random lowercase hex characters (`randomTag` in the app, a fixed sequence in tests).
 *
 * Readers never trust the document: a malformed key or value (another client's bug, a future field)
 * is skipped, not shown.
 */
import * as A from "@automerge/automerge";
import { assert } from "@porch/shared";
import {
  FIELD_IDS,
  isFieldId,
  isMonth,
  isValidValue,
  parseConsentEvent,
  parseSentRecord,
  type ConsentEvent,
  type EntryValues,
  type FieldId,
  type JournalValue,
  type Month,
  type SentRecord,
} from "@porch/shared/journal";
import {
  consentKey,
  editKey,
  JOURNAL_DOC_VERSION,
  savedKey,
  sentKey,
  valueKey,
  type EditRecord,
  type JournalDoc,
  type StoredValue,
} from "./journal-schema.ts";

/** 8 random lowercase hex characters (the suffix that keeps two devices' records apart). */
export const randomTag = (): string =>
  [...crypto.getRandomValues(new Uint8Array(4))].map((b) => b.toString(16).padStart(2, "0")).join("");

const TAG = /^[0-9a-f]{8}$/;
const tagFrom = (rand: () => string): string => {
  const tag = rand();
  assert(TAG.test(tag), "rand() must return 8 lowercase hex characters");
  return tag;
};

/** Writes the journal's first change. */
export function initJournalDoc(doc: JournalDoc): void {
  doc.schemaVersion = JOURNAL_DOC_VERSION;
}

/** True once the document has its first change (any version from 1 on). */
export function isJournalInitialised(doc: Partial<JournalDoc> | undefined): doc is JournalDoc {
  return doc !== undefined && typeof doc.schemaVersion === "number" && doc.schemaVersion >= 1;
}

const fromStored = (v: unknown): JournalValue | undefined =>
  A.isImmutableString(v) ? v.toString() : typeof v === "number" || typeof v === "boolean" ? v : undefined;
const toStored = (v: JournalValue): StoredValue => (typeof v === "string" ? new A.ImmutableString(v) : v);

/** One stored answer, or null when unanswered (or malformed). */
export function readValue(doc: Partial<JournalDoc>, month: Month, field: FieldId): JournalValue | null {
  const v = fromStored((doc as Record<string, unknown>)[valueKey(month, field)]);
  return v !== undefined && isValidValue(field, v) ? v : null;
}

/** What `saveMonth` changed. */
export interface SaveOutcome {
  /** Fields whose answer changed, in form order (empty: the month was saved as it was). */
  readonly changed: readonly FieldId[];
}

/**
 * Saves a month's checked answers: only the fields that differ from what is stored are written (null
 * deletes the answer), one edit record lists them (none when nothing changed), and `saved:<month>`
 * becomes `now` — so saving an unchanged form still marks the month as filled in. Fields absent from
 * `values` are left alone.
 */
export function saveMonth(
  doc: JournalDoc,
  month: Month,
  values: EntryValues,
  now: number,
  rand: () => string,
): SaveOutcome {
  assert(isMonth(month), `saveMonth: bad month ${month}`);
  const root = doc as unknown as Record<string, unknown>;
  const changes: Partial<Record<FieldId, [JournalValue | null, JournalValue | null]>> = {};
  const changed: FieldId[] = [];
  for (const field of FIELD_IDS) {
    const next = values[field];
    if (next === undefined) continue;
    assert(next === null || isValidValue(field, next), `saveMonth: unchecked value for ${field}`);
    const before = readValue(doc, month, field);
    const k = valueKey(month, field);
    if (before === next && (next !== null || !(k in root))) continue;
    if (next === null) delete root[k];
    else root[k] = toStored(next);
    if (before !== next) {
      changes[field] = [before, next];
      changed.push(field);
    }
  }
  if (changed.length > 0) {
    const first = !(savedKey(month) in root);
    const rec: EditRecord = first ? { at: now, first: true, changes: {} } : { at: now, changes };
    root[editKey(month, now, tagFrom(rand))] = new A.ImmutableString(JSON.stringify(rec));
  }
  root[savedKey(month)] = now;
  return { changed };
}

/** Chooses the month progress is measured from; `null` goes back to the first entry. */
export function setBaseline(doc: JournalDoc, month: Month | null): void {
  if (month === null) delete doc.baseline;
  else {
    assert(isMonth(month), `setBaseline: bad month ${month}`);
    doc.baseline = new A.ImmutableString(month);
  }
}

/** Appends a consent event (built with `makeConsentEvent`). */
export function recordConsent(doc: JournalDoc, event: ConsentEvent, rand: () => string): void {
  assert(parseConsentEvent(event) !== null, "recordConsent: not a valid consent event");
  doc[consentKey(event.at, tagFrom(rand))] = new A.ImmutableString(JSON.stringify(event));
}

/** Records what left the device for a period (the totals protocol writes it once a report is sent). */
export function recordSent(doc: JournalDoc, record: SentRecord, rand: () => string): void {
  assert(parseSentRecord(record) !== null, "recordSent: not a valid sent record");
  doc[sentKey(record.period, tagFrom(rand))] = new A.ImmutableString(JSON.stringify(record));
}

/** One month as stored. */
export interface StoredMonth {
  readonly month: Month;
  readonly values: Partial<Record<FieldId, JournalValue>>;
  readonly savedAt: number;
  /** Oldest first (by time, then key), the same order on every device. */
  readonly edits: readonly EditRecord[];
}

/** The whole document, parsed. */
export interface StoredJournal {
  /** Months with an entry (a `saved:` key), oldest first. */
  readonly months: readonly StoredMonth[];
  /** The chosen baseline month, if any (it may have no entry; see progressOf). */
  readonly baseline: Month | null;
  /** The consent ledger in (at, key) order. */
  readonly consents: readonly ConsentEvent[];
  /** Sent records in (period, at, key) order. */
  readonly sent: readonly SentRecord[];
}

const json = (v: unknown): unknown => {
  if (!A.isImmutableString(v)) return undefined;
  try {
    return JSON.parse(v.toString()) as unknown;
  } catch {
    return undefined;
  }
};

function parseEdit(value: unknown): EditRecord | null {
  const rec = json(value) as { at?: unknown; first?: unknown; changes?: unknown } | undefined;
  if (typeof rec?.at !== "number" || typeof rec.changes !== "object" || rec.changes === null) return null;
  const changes: Partial<Record<FieldId, [JournalValue | null, JournalValue | null]>> = {};
  for (const [field, pair] of Object.entries(rec.changes)) {
    if (!isFieldId(field) || !Array.isArray(pair) || pair.length !== 2) continue;
    const [a, b] = pair as unknown[];
    const ok = (v: unknown) => v === null || isValidValue(field, v);
    if (ok(a) && ok(b)) changes[field] = [a as JournalValue | null, b as JournalValue | null];
  }
  return rec.first === true ? { at: rec.at, first: true, changes } : { at: rec.at, changes };
}

const byAtThenKey = <T extends { at: number }>(a: [string, T], b: [string, T]): number =>
  a[1].at - b[1].at || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const parsedCache = new WeakMap<object, StoredJournal>();

/** Reads the whole document in one pass over its root keys (memoised per document snapshot). */
export function readJournal(doc: Partial<JournalDoc> | undefined): StoredJournal {
  if (doc === undefined) return { months: [], baseline: null, consents: [], sent: [] };
  const hit = parsedCache.get(doc);
  if (hit !== undefined) return hit;
  const root = doc as Record<string, unknown>;
  const saved = new Map<Month, number>();
  const values = new Map<Month, Partial<Record<FieldId, JournalValue>>>();
  const edits = new Map<Month, [string, EditRecord][]>();
  const consents: [string, ConsentEvent][] = [];
  const sent: [string, SentRecord][] = [];
  for (const k in root) {
    const parts = k.split(":");
    const [type, a, b] = parts;
    if (type === "saved" && parts.length === 2 && isMonth(a) && typeof root[k] === "number") saved.set(a, root[k]);
    else if (type === "v" && parts.length === 3 && isMonth(a) && isFieldId(b)) {
      const v = fromStored(root[k]);
      if (v === undefined || !isValidValue(b, v)) continue;
      let m = values.get(a);
      if (m === undefined) values.set(a, (m = {}));
      m[b] = v;
    } else if (type === "edit" && parts.length === 4 && isMonth(a)) {
      const e = parseEdit(root[k]);
      if (e === null) continue;
      let list = edits.get(a);
      if (list === undefined) edits.set(a, (list = []));
      list.push([k, e]);
    } else if (type === "consent" && parts.length === 3) {
      const e = parseConsentEvent(json(root[k]));
      if (e !== null) consents.push([k, e]);
    } else if (type === "sent" && parts.length === 3) {
      const s = parseSentRecord(json(root[k]));
      if (s !== null && s.period === a) sent.push([k, s]);
    }
  }
  const months = [...saved]
    .sort(([x], [y]) => (x < y ? -1 : 1))
    .map(([month, savedAt]): StoredMonth => ({
      month,
      values: values.get(month) ?? {},
      savedAt,
      edits: (edits.get(month) ?? []).sort(byAtThenKey).map(([, e]) => e),
    }));
  const baselineText = A.isImmutableString(doc.baseline) ? doc.baseline.toString() : null;
  const journal: StoredJournal = {
    months,
    baseline: isMonth(baselineText) ? baselineText : null,
    consents: consents.sort(byAtThenKey).map(([, e]) => e),
    sent: sent
      .sort((x, y) => (x[1].period < y[1].period ? -1 : x[1].period > y[1].period ? 1 : byAtThenKey(x, y)))
      .map(([, s]) => s),
  };
  parsedCache.set(doc, journal);
  return journal;
}

/** The consent ledger, in the order `consentState` expects. */
export const readConsentLedger = (doc: Partial<JournalDoc> | undefined): readonly ConsentEvent[] =>
  readJournal(doc).consents;
/** What was sent, by period. */
export const readSent = (doc: Partial<JournalDoc> | undefined): readonly SentRecord[] => readJournal(doc).sent;
/** The chosen baseline month, or null. */
export const readBaseline = (doc: Partial<JournalDoc> | undefined): Month | null => readJournal(doc).baseline;
