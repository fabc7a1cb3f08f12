/**
 * Consent: nothing in the journal leaves the device unless the member turned it on, field by field.
 *
 * Audiences:
 * - `"org-totals"`: the organization's anonymous totals (the contribution, see ../aggregation). Granted
 *   per shareable field (`field` is a `ShareableFieldId`); text — the reflection — can never be shared.
 * - `"group-progress"`: one friend group sees the amounts of my goal progress. `field` is always
 *   `"goal-amounts"` and `groupId` names the group.
 *
 * The ledger is append-only: every switch the member flips is an event `{ at, audience, field[, groupId],
 * granted }`; nothing is ever edited or removed, so the member's history of choices stays readable and
 * two devices' choices merge. The state at a moment `at` is, per (audience, field[, group]), the latest
 * event with `event.at <= at`; events with the same `at` are ordered by their position in the ledger
 * (the later one wins). The document reader lists the ledger in (at, key) order, the same on every device.
 *
 * "Nothing leaves without consent; a revocation applies from the next period", precisely:
 * 1. A period is a calendar month "YYYY-MM" of journal values. Its report is built once, at a moment
 *    `builtAt` (normally after the month ends), and then sent.
 * 2. A report for a period carries exactly the fields whose org-totals grant is in force at `builtAt`.
 *    No event for a field means not granted.
 * 3. Once a report for a period was sent (there is a `sent` record for that period and audience),
 *    nothing more is sent for that period: a revocation made afterwards cannot recall it (the totals it
 *    fed may already be published, and published totals cannot be taken back), and a later grant does
 *    not add to it either. The revocation stops every later period's report — and the report of any
 *    period not yet built, since rule 2 reads the grants when the report is built.
 */
import { isShareableField, type ShareableFieldId, SHAREABLE_FIELDS } from "./fields.ts";
import { isMonth, type Month } from "./month.ts";

/** Who may see something. */
export const CONSENT_AUDIENCES = ["org-totals", "group-progress"] as const;
/** One audience. */
export type ConsentAudience = (typeof CONSENT_AUDIENCES)[number];
/** The one "field" of the group-progress audience. */
export const GOAL_AMOUNTS = "goal-amounts";

/** One switch the member flipped. */
export type ConsentEvent =
  | {
      readonly at: number;
      readonly audience: "org-totals";
      readonly field: ShareableFieldId;
      readonly granted: boolean;
    }
  | {
      readonly at: number;
      readonly audience: "group-progress";
      readonly field: typeof GOAL_AMOUNTS;
      readonly groupId: string;
      readonly granted: boolean;
    };

/** What was sent for one period (the `sent:` record; written when a report leaves the device). */
export interface SentRecord {
  readonly period: Month;
  readonly at: number;
  readonly audience: ConsentAudience;
  readonly fields: readonly ShareableFieldId[];
  /** The anonymity cohort the report went to, if the protocol uses one. */
  readonly cohort: string | null;
}

/** The grants in force at one moment. */
export interface ConsentGrants {
  /** Fields the organization's totals may include, in form order. */
  readonly orgTotals: readonly ShareableFieldId[];
  /** Groups that may see my goal progress amounts, sorted. */
  readonly groupProgress: readonly string[];
}

const isTime = (v: unknown): v is number => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
const isGroupId = (v: unknown): v is string => typeof v === "string" && v.length > 0 && v.length <= 200;

/**
 * Builds a consent event, or `null` when no such consent can exist: a text or unknown field for the
 * organization, a field other than "goal-amounts" or a missing group for group progress, a bad time.
 */
export function makeConsentEvent(
  audience: string,
  field: string,
  granted: boolean,
  at: number,
  groupId?: string | null,
): ConsentEvent | null {
  if (!isTime(at) || typeof granted !== "boolean") return null;
  if (audience === "org-totals")
    return isShareableField(field) && (groupId === undefined || groupId === null)
      ? { at, audience, field, granted }
      : null;
  if (audience === "group-progress")
    return field === GOAL_AMOUNTS && isGroupId(groupId) ? { at, audience, field, granted, groupId } : null;
  return null;
}

/** Reads a stored consent event (untrusted JSON): the event, or `null`. */
export function parseConsentEvent(value: unknown): ConsentEvent | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (typeof v.audience !== "string" || typeof v.field !== "string" || typeof v.granted !== "boolean") return null;
  return makeConsentEvent(v.audience, v.field, v.granted, v.at as number, v.groupId as string | undefined);
}

const keyOf = (e: ConsentEvent): string =>
  e.audience === "group-progress" ? `${e.audience}|${e.field}|${e.groupId}` : `${e.audience}|${e.field}`;

/** The grants in force at `at`: per (audience, field[, group]) the latest event at or before `at`; ties by ledger order. */
export function consentState(ledger: readonly ConsentEvent[], at: number): ConsentGrants {
  const latest = new Map<string, ConsentEvent>();
  for (const e of ledger) {
    if (e.at > at) continue;
    const k = keyOf(e);
    const prev = latest.get(k);
    if (prev === undefined || e.at >= prev.at) latest.set(k, e);
  }
  const granted = [...latest.values()].filter((e) => e.granted);
  const fields = new Set<string>(granted.filter((e) => e.audience === "org-totals").map((e) => e.field));
  return {
    orgTotals: SHAREABLE_FIELDS.filter((f) => fields.has(f)),
    groupProgress: granted
      .flatMap((e) => (e.audience === "group-progress" ? [e.groupId] : []))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

/** True when `group` may see my goal progress amounts at `at`. */
export const groupMaySeeProgress = (ledger: readonly ConsentEvent[], groupId: string, at: number): boolean =>
  consentState(ledger, at).groupProgress.includes(groupId);

/** True when a report for `period` already left the device for `audience`. */
export const wasSent = (sent: readonly SentRecord[], period: Month, audience: ConsentAudience): boolean =>
  sent.some((s) => s.period === period && s.audience === audience);

/**
 * The fields the organization's report for `period`, built at `builtAt`, may carry (form order): the
 * org-totals grants in force at `builtAt`, or nothing once a report for `period` was sent (see the
 * rules at the top of this file).
 */
export function fieldsToShare(
  ledger: readonly ConsentEvent[],
  period: Month,
  builtAt: number,
  sent: readonly SentRecord[],
): readonly ShareableFieldId[] {
  if (wasSent(sent, period, "org-totals")) return [];
  return consentState(ledger, builtAt).orgTotals;
}

/** Reads a stored sent record (untrusted JSON): the record, or `null`. Unknown fields are dropped. */
export function parseSentRecord(value: unknown): SentRecord | null {
  if (typeof value !== "object" || value === null) return null;
  const v = value as Record<string, unknown>;
  if (!isMonth(v.period) || !isTime(v.at)) return null;
  if (v.audience !== "org-totals" && v.audience !== "group-progress") return null;
  if (!Array.isArray(v.fields)) return null;
  const cohort =
    v.cohort === null || v.cohort === undefined ? null : typeof v.cohort === "string" ? v.cohort : undefined;
  if (cohort === undefined) return null;
  return { period: v.period, at: v.at, audience: v.audience, fields: v.fields.filter(isShareableField), cohort };
}
