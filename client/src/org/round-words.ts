/**
 * A round in words, and the "Open a round" form's defaults and checks. Pure (no DOM, no Solid), so the
 * sentences the organization reads are unit-tested in both languages.
 */
import type { OrgRoundView } from "../core/aggregation.ts";
import { ABORT_REASONS, type AbortReason, type ClosablePhase } from "../i18n/org-dictionary.ts";
import type { OrgText } from "./org-text.ts";

/** What a round's progress sentence reads. */
export type RoundProgress = Pick<
  OrgRoundView,
  | "phase"
  | "aborted"
  | "volunteers"
  | "stewards"
  | "stewardsReady"
  | "stewardList"
  | "reports"
  | "contributors"
  | "groups"
> & { readonly call: Pick<OrgRoundView["call"], "minContributors" | "minGroups"> };

const isAbortReason = (reason: string): reason is AbortReason => (ABORT_REASONS as readonly string[]).includes(reason);

/** Why a round stopped, with the numbers when the relay's freeze gives them. */
export function abortedReason(round: RoundProgress, d: OrgText): string {
  const reason = round.aborted ?? "";
  if (reason === "too-few-contributors" && round.contributors !== null)
    return d.abortContributors(round.contributors, round.call.minContributors);
  if (reason === "too-few-groups" && round.groups !== null) return d.abortGroups(round.groups, round.call.minGroups);
  return isAbortReason(reason) ? d.abortReasons[reason] : d.abortOther(reason || "?");
}

/** Where the round stands, in one sentence ("Reports received: 312"). */
export function phaseSentence(round: RoundProgress, d: OrgText): string {
  const sent = (part: "counts" | "values") => round.stewardList.filter((s) => s[part] && !s.faulty).length;
  switch (round.phase) {
    case "volunteering":
      return d.phaseVolunteering(round.volunteers);
    case "revealing":
      return d.phaseRevealing(round.volunteers);
    case "accepting":
      return d.phaseAccepting(round.stewardsReady, round.stewards);
    case "open":
      return d.phaseOpen(round.reports);
    case "counts":
      return d.phaseCounts(sent("counts"), round.stewards);
    case "values":
      return d.phaseValues(sent("values"), round.stewards);
    case "published":
      return d.phasePublished(round.contributors ?? 0, round.groups ?? 0);
    case "aborted":
      return d.phaseAborted(abortedReason(round, d));
  }
}

/** True while the organization may close the round's current step. */
export const isClosable = (phase: OrgRoundView["phase"]): phase is ClosablePhase =>
  phase !== "published" && phase !== "aborted";

// ---------- the "Open a round" form ----------

/** The form's fields as the inputs hold them: "YYYY-MM" and datetime-local "YYYY-MM-DDTHH:mm". */
export interface RoundFormValues {
  readonly period: string;
  readonly volunteersBy: string;
  readonly freezesAt: string;
  readonly partialsBy: string;
}

const DAY = 86_400_000;
const pad = (n: number) => String(n).padStart(2, "0");

/** A time as a datetime-local input's value, in this computer's time zone (minutes). */
export function toLocalInput(time: number): string {
  const d = new Date(time);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as a time (local time zone); null when it is not one. */
export function fromLocalInput(value: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (m === null) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const time = new Date(y, mo - 1, d, h, mi).getTime();
  return Number.isNaN(time) || toLocalInput(time) !== value ? null : time;
}

/** "YYYY-MM" of the month `offset` months from `time`'s (local time zone). */
export function monthOf(time: number, offset = 0): string {
  const d = new Date(time);
  const index = d.getFullYear() * 12 + d.getMonth() + offset;
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`;
}

/** Defaults: last month; volunteering closes in 2 days, reports in 9, steward totals in 12. */
export function roundDefaults(now: number): RoundFormValues {
  // Whole minutes, so the inputs show no seconds and re-reading them gives the same times.
  const at = (days: number) => toLocalInput(Math.ceil((now + days * DAY) / 60_000) * 60_000);
  return { period: monthOf(now, -1), volunteersBy: at(2), freezesAt: at(9), partialsBy: at(12) };
}

/** A problem with the form: the sentence's key in the dictionary and the field to fix. */
export interface RoundFormProblem {
  readonly problem:
    "periodInvalid" | "periodInFuture" | "deadlineInvalid" | "volunteersByPast" | "freezesAtOrder" | "partialsByOrder";
  readonly field: keyof RoundFormValues;
}

export type CheckedRoundForm =
  | {
      readonly ok: true;
      readonly period: string;
      readonly volunteersBy: number;
      readonly freezesAt: number;
      readonly partialsBy: number;
    }
  | ({ readonly ok: false } & RoundFormProblem);

/** Checks the form: a month that has begun, and deadlines in the future and in order. */
export function checkRoundForm(values: RoundFormValues, now: number): CheckedRoundForm {
  const fail = (problem: RoundFormProblem["problem"], field: keyof RoundFormValues): CheckedRoundForm => ({
    ok: false,
    problem,
    field,
  });
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(values.period)) return fail("periodInvalid", "period");
  if (values.period > monthOf(now)) return fail("periodInFuture", "period");
  const volunteersBy = fromLocalInput(values.volunteersBy);
  if (volunteersBy === null) return fail("deadlineInvalid", "volunteersBy");
  const freezesAt = fromLocalInput(values.freezesAt);
  if (freezesAt === null) return fail("deadlineInvalid", "freezesAt");
  const partialsBy = fromLocalInput(values.partialsBy);
  if (partialsBy === null) return fail("deadlineInvalid", "partialsBy");
  if (volunteersBy <= now) return fail("volunteersByPast", "volunteersBy");
  if (freezesAt <= volunteersBy) return fail("freezesAtOrder", "freezesAt");
  if (partialsBy <= freezesAt) return fail("partialsByOrder", "partialsBy");
  return { ok: true, period: values.period, volunteersBy, freezesAt, partialsBy };
}
