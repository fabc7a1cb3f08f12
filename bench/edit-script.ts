/** The fixed, seeded sequence of small goal edits both systems replay (same seed, same edits). */
import { pick, seededRandom } from "./seeded-random.ts";

const CATEGORIES = ["income", "savings", "debt", "education", "housing", "health", "business", "family", "other"] as const;
const WORDS = ["Save", "for", "a", "new", "roof", "school", "fees", "pay", "off", "card", "trip", "car", "garden", "tools", "shop", "fund", "laptop", "bike"];

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

/** A goal id for the plain baseline (Porch makes its own with crypto.randomUUID()): same shape, seeded. */
export function scriptGoalId(goal: number): string {
  const random = seededRandom(0x9e3779b9 ^ goal);
  const hex = Array.from({ length: 32 }, () => pick(random, 16).toString(16)).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}
