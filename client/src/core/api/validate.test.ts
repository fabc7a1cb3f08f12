import { describe, expect, it } from "vitest";
import type { MemberId } from "@porch/shared";
import {
  cleanName,
  checkCheckInInput,
  checkCircleInput,
  checkConfirmInput,
  checkGoalInput,
  checkOfferInput,
  checkProgressInput,
  checkReplyText,
  isLifeInputError,
  LIFE_INPUT_ERRORS,
  type LifeInputError,
} from "./validate.ts";

const a = "a" as MemberId,
  b = "b" as MemberId;
const goal = { title: "Save", category: "savings", targetAmount: 100 } as const;
const offer = { kind: "offer", category: "rides", description: "Rides", when: "", expiryDays: 7 } as const;
const circle = {
  name: "C",
  members: [a, b],
  contribution: 50,
  schedule: { kind: "monthly", day: 1 },
  startDate: "2025-03-01",
  order: { kind: "random" },
} as const;
const long = (n: number) => "x".repeat(n);

describe("validation (shared by the service and the UI)", () => {
  it("a typed name is trimmed, and refused when empty or over its limit", () => {
    expect(cleanName("  Ana  ", 60)).toBe("Ana");
    expect(cleanName("   ", 60)).toBeNull();
    expect(cleanName("x".repeat(61), 60)).toBeNull();
    expect(cleanName("x".repeat(60), 60)).toBe("x".repeat(60));
  });

  it.each<[string, LifeInputError | null, () => LifeInputError | null]>([
    ["a valid goal", null, () => checkGoalInput(goal)],
    ["an empty title", "title-required", () => checkGoalInput({ ...goal, title: "   " })],
    ["a 121-character title", "title-too-long", () => checkGoalInput({ ...goal, title: long(121) })],
    ["a 120-character title", null, () => checkGoalInput({ ...goal, title: long(120) })],
    ["an unknown category", "category-unknown", () => checkGoalInput({ ...goal, category: "cars" as never })],
    ["a negative target", "amount-negative", () => checkGoalInput({ ...goal, targetAmount: -1 })],
    ["cents in a target", "amount-not-whole", () => checkGoalInput({ ...goal, targetAmount: 10.5 })],
    ["an absurd target", "amount-too-large", () => checkGoalInput({ ...goal, targetAmount: 10_000_001 })],
    ["30 February", "date-invalid", () => checkGoalInput({ ...goal, targetDate: "2025-02-30" })],
    ["year 2200", "date-out-of-range", () => checkGoalInput({ ...goal, targetDate: "2200-01-01" })],
    ["progress with nothing", "progress-empty", () => checkProgressInput({ note: "hi" })],
    ["progress with both", "progress-both", () => checkProgressInput({ amount: 1, percent: 1 })],
    ["101 percent", "percent-out-of-range", () => checkProgressInput({ percent: 101 })],
    ["a 1001-character note", "text-too-long", () => checkProgressInput({ percent: 5, note: long(1001) })],
    ["an empty check-in", "checkin-empty", () => checkCheckInInput({ wins: " ", nextSteps: "", asks: "" })],
    ["an empty reply", "text-required", () => checkReplyText("  ")],
    ["a valid offer", null, () => checkOfferInput(offer)],
    ["expiry 0 days", "expiry-out-of-range", () => checkOfferInput({ ...offer, expiryDays: 0 })],
    ["expiry 15 days", "expiry-out-of-range", () => checkOfferInput({ ...offer, expiryDays: 15 })],
    ["an unknown kind", "kind-unknown", () => checkOfferInput({ ...offer, kind: "sale" as never })],
    ["negative hours", "amount-negative", () => checkConfirmInput({ hours: -1 })],
    ["10 minutes", "hours-out-of-range", () => checkConfirmInput({ hours: 0.1 })],
    ["negative dollars", "amount-negative", () => checkConfirmInput({ dollars: -5 })],
    ["a valid circle", null, () => checkCircleInput(circle)],
    ["a circle of one", "circle-members-count", () => checkCircleInput({ ...circle, members: [a] })],
    ["a member twice", "circle-member-repeated", () => checkCircleInput({ ...circle, members: [a, a] })],
    ["a zero contribution", "contribution-required", () => checkCircleInput({ ...circle, contribution: 0 })],
    ["day 31", "schedule-invalid", () => checkCircleInput({ ...circle, schedule: { kind: "monthly", day: 31 } })],
    [
      "an order missing someone",
      "order-invalid",
      () => checkCircleInput({ ...circle, order: { kind: "agreed", order: [a] } }),
    ],
  ])("%s → %s", (_story, expected, run) => {
    expect(run()).toBe(expected);
  });

  it("every code is distinct and recognisable", () => {
    expect(new Set(LIFE_INPUT_ERRORS).size).toBe(LIFE_INPUT_ERRORS.length);
    expect(isLifeInputError("offer-taken")).toBe(true);
    expect(isLifeInputError("debt")).toBe(false);
  });
});
