/**
 * The vocabulary the UI and the core share: categories and every input limit, in one table. A leaf
 * module (no imports), so the document layer may read it without depending on the rest of the API.
 */

/** Goal categories. */
export const GOAL_CATEGORIES = [
  "income",
  "savings",
  "debt",
  "education",
  "housing",
  "health",
  "business",
  "family",
  "other",
] as const;
/** One goal category. */
export type GoalCategory = (typeof GOAL_CATEGORIES)[number];

/** Kinds of help offered or asked for. */
export const OFFER_CATEGORIES = [
  "childcare-swap",
  "rides",
  "meals",
  "tools",
  "skills",
  "errands",
  "items",
  "other",
] as const;
/** One kind of help. */
export type OfferCategory = (typeof OFFER_CATEGORIES)[number];

/**
 * Every input limit, in one table: the forms read it for `maxlength`/`min`/`max`, and the core's
 * checks read the same numbers.
 */
export const LIFE_LIMITS = {
  /** A member's display name, a group's name, an invitation's note (characters, trimmed). */
  displayName: 60,
  groupName: 60,
  inviteNote: 60,
  title: 120,
  /**
   * Progress updates a goal's view carries (newest first; the card shows three). Three years of weekly
   * updates would otherwise cross the worker boundary and the cache with every change.
   */
  progressInView: 10,
  note: 1000,
  maxAmount: 10_000_000,
  minDate: "2000-01-01",
  maxDate: "2100-12-31",
  expiryDays: { min: 1, max: 14 },
  hours: { min: 0.25, max: 200 },
  circleMembers: { min: 2, max: 24 },
  monthlyDay: { min: 1, max: 28 },
  everyWeeks: { min: 1, max: 8 },
} as const;

/** Kinds of news since a member's last visit (news-api.ts), in the order they are counted. */
export const NEWS_KINDS = [
  "cheer",
  "comment",
  "claim",
  "confirm",
  "thanks",
  "reply",
  "checkin",
  "offer",
  "join",
] as const;
/** How many news items a view lists (its counts cover all). */
export const NEWS_LIMIT = 20;
