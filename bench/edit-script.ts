/** The fixed, seeded sequence of small goal edits both systems replay (same seed, same edits). */
import { GOAL_CATEGORIES as CATEGORIES } from "../client/src/core/api/vocabulary.ts";
import { mulberry32 as seededRandom, pick } from "@porch/testing/seeded-random";

const WORDS = [
  "Save",
  "for",
  "a",
  "new",
  "roof",
  "school",
  "fees",
  "pay",
  "off",
  "card",
  "trip",
  "car",
  "garden",
  "tools",
  "shop",
  "fund",
  "laptop",
  "bike",
];

/** One goal's editable fields (the shape of the client's GoalInput). */
export interface ScriptInput {
  readonly title: string;
  readonly category: (typeof CATEGORIES)[number];
  readonly targetAmount: number | null;
}

/** Adds goal number `goal`, or edits an existing one. */
export type ScriptOp = { readonly kind: "add" | "edit"; readonly goal: number; readonly input: ScriptInput };

/**
 * `count` ops: about one in five adds a goal until there are `maxGoals` (a 12-member group with a few
 * goals each), the rest edit a random existing goal.
 */
export function editScript(count: number, seed: number, maxGoals = 50): ScriptOp[] {
  const random = seededRandom(seed);
  const input = (): ScriptInput => ({
    title: Array.from({ length: 2 + pick(random, 4) }, () => WORDS[pick(random, WORDS.length)]).join(" "),
    category: CATEGORIES[pick(random, CATEGORIES.length)]!,
    targetAmount: random() < 0.1 ? null : 50 * (1 + pick(random, 400)),
  });
  const ops: ScriptOp[] = [];
  let goals = 0;
  for (let i = 0; i < count; i++) {
    if (goals === 0 || (goals < maxGoals && random() < 0.2)) ops.push({ kind: "add", goal: goals++, input: input() });
    else ops.push({ kind: "edit", goal: pick(random, goals), input: input() });
  }
  return ops;
}
