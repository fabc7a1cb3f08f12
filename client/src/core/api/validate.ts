/**
 * Validation of what a member types for group life, shared by the service (which refuses bad input
 * with `bad-entry` + the `LifeInputError` as detail) and the UI (which checks before submitting and
 * translates the same codes). Each check returns the first problem found, or null.
 */
import { GOAL_CATEGORIES, LIFE_LIMITS } from "./vocabulary.ts";

export { LIFE_LIMITS } from "./vocabulary.ts";
import type {
  CheckInInput,
  CircleInput,
  ConfirmInput,
  GoalInput,
  MilestoneInput,
  OfferInput,
  ProgressInput,
} from "./group-life-api.ts";

/** Every input problem group life reports (the `detail` of a `bad-entry` failure). */
export const LIFE_INPUT_ERRORS = [
  "title-required",
  "title-too-long",
  "text-required",
  "text-too-long",
  "category-unknown",
  "amount-negative",
  "amount-not-whole",
  "amount-too-large",
  "percent-out-of-range",
  "progress-empty",
  "progress-both",
  "date-invalid",
  "date-out-of-range",
  "visibility-unknown",
  "state-unknown",
  "rhythm-unknown",
  "kind-unknown",
  "checkin-empty",
  "expiry-out-of-range",
  "hours-out-of-range",
  "circle-members-count",
  "circle-member-unknown",
  "circle-member-repeated",
  "contribution-required",
  "schedule-invalid",
  "order-invalid",
  // state of the thing acted on
  "goal-not-found",
  "milestone-not-found",
  "post-not-found",
  "offer-not-found",
  "offer-own",
  "offer-closed",
  "offer-taken",
  "offer-not-done",
  "circle-not-found",
  "round-out-of-range",
] as const;
/** One input problem; the UI has a sentence for each. */
export type LifeInputError = (typeof LIFE_INPUT_ERRORS)[number];

export const isLifeInputError = (value: unknown): value is LifeInputError =>
  typeof value === "string" && (LIFE_INPUT_ERRORS as readonly string[]).includes(value);

/** A name a member typed (their display name, a group's name), trimmed; null when empty or over `max`. */
export function cleanName(value: string, max: number): string | null {
  const name = value.trim();
  return name.length === 0 || name.length > max ? null : name;
}

type Problem = LifeInputError | null;

function title(value: string): Problem {
  const t = value.trim();
  if (t.length === 0) return "title-required";
  return t.length > LIFE_LIMITS.title ? "title-too-long" : null;
}
function note(value: string | undefined, required = false): Problem {
  const t = (value ?? "").trim();
  if (required && t.length === 0) return "text-required";
  return t.length > LIFE_LIMITS.note ? "text-too-long" : null;
}
function amount(value: number | null | undefined, positive = false): Problem {
  if (value === null || value === undefined) return null;
  if (!Number.isFinite(value)) return "amount-not-whole";
  if (value < 0) return "amount-negative";
  if (!Number.isInteger(value)) return "amount-not-whole";
  if (value > LIFE_LIMITS.maxAmount) return "amount-too-large";
  return positive && value === 0 ? "contribution-required" : null;
}
/** A calendar day "YYYY-MM-DD" between 2000 and 2100 that exists. */
export function date(value: string | null | undefined): Problem {
  if (value === null || value === undefined) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m === null) return "date-invalid";
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.toISOString().slice(0, 10) !== value) return "date-invalid";
  return value < LIFE_LIMITS.minDate || value > LIFE_LIMITS.maxDate ? "date-out-of-range" : null;
}
const first = (...problems: Problem[]): Problem => problems.find((p) => p !== null) ?? null;

export function checkGoalInput(input: GoalInput): Problem {
  return first(
    title(input.title),
    (GOAL_CATEGORIES as readonly string[]).includes(input.category) ? null : "category-unknown",
    amount(input.targetAmount),
    date(input.targetDate),
    input.visibility === undefined || input.visibility === "amounts" || input.visibility === "percent"
      ? null
      : "visibility-unknown",
  );
}

export function checkProgressInput(input: ProgressInput): Problem {
  const hasAmount = input.amount !== null && input.amount !== undefined;
  const hasPercent = input.percent !== null && input.percent !== undefined;
  if (!hasAmount && !hasPercent) return "progress-empty";
  if (hasAmount && hasPercent) return "progress-both";
  if (hasPercent) {
    const p = input.percent as number;
    if (!Number.isFinite(p) || p < 0 || p > 100) return "percent-out-of-range";
  }
  return first(amount(input.amount), note(input.note));
}

export function checkMilestoneInput(input: MilestoneInput): Problem {
  return first(title(input.title), amount(input.targetAmount), date(input.targetDate));
}

export function checkCheckInInput(input: CheckInInput): Problem {
  if (input.wins.trim() === "" && input.nextSteps.trim() === "" && input.asks.trim() === "") return "checkin-empty";
  return first(note(input.wins), note(input.nextSteps), note(input.asks));
}

export const checkReplyText = (text: string): Problem => note(text, true);
export const checkThanksText = (text: string): Problem => note(text, true);

export function checkOfferInput(input: OfferInput): Problem {
  const { min, max } = LIFE_LIMITS.expiryDays;
  return first(
    input.kind === "offer" || input.kind === "ask" ? null : "kind-unknown",
    (
      ["childcare-swap", "rides", "meals", "tools", "skills", "errands", "items", "other"] as readonly string[]
    ).includes(input.category)
      ? null
      : "category-unknown",
    note(input.description, true),
    input.when.trim().length > LIFE_LIMITS.title ? "text-too-long" : null,
    Number.isInteger(input.expiryDays) && input.expiryDays >= min && input.expiryDays <= max
      ? null
      : "expiry-out-of-range",
  );
}

export function checkConfirmInput(input: ConfirmInput): Problem {
  const h = input.hours;
  if (h !== null && h !== undefined) {
    if (!Number.isFinite(h) || h < 0) return h < 0 ? "amount-negative" : "hours-out-of-range";
    if (h < LIFE_LIMITS.hours.min || h > LIFE_LIMITS.hours.max || Math.round(h * 4) !== h * 4)
      return "hours-out-of-range";
  }
  return amount(input.dollars);
}

export function checkCircleInput(input: CircleInput): Problem {
  const { min, max } = LIFE_LIMITS.circleMembers;
  const s = input.schedule;
  const members = new Set(input.members);
  const orderProblem = (): Problem => {
    if (input.order.kind === "random") return null;
    if (input.order.kind !== "agreed" && input.order.kind !== "need") return "order-invalid";
    const order = input.order.order;
    return order.length === members.size && new Set(order).size === order.length && order.every((m) => members.has(m))
      ? null
      : "order-invalid";
  };
  return first(
    title(input.name),
    input.members.length < min || input.members.length > max ? "circle-members-count" : null,
    members.size !== input.members.length ? "circle-member-repeated" : null,
    amount(input.contribution, true) ?? (input.contribution === 0 ? "contribution-required" : null),
    s.kind === "monthly"
      ? Number.isInteger(s.day) && s.day >= LIFE_LIMITS.monthlyDay.min && s.day <= LIFE_LIMITS.monthlyDay.max
        ? null
        : "schedule-invalid"
      : s.kind === "weeks"
        ? Number.isInteger(s.every) && s.every >= LIFE_LIMITS.everyWeeks.min && s.every <= LIFE_LIMITS.everyWeeks.max
          ? null
          : "schedule-invalid"
        : "schedule-invalid",
    date(input.startDate),
    orderProblem(),
  );
}
