/**
 * Group life as the UI sees it: goals, accountability check-ins, offers and asks, lending circles.
 * Everything here lives in the group's end-to-end encrypted document and works offline.
 *
 * Reads are synchronous snapshots of plain data (rebuilt only when the document changes, so re-reading
 * on every `subscribe` call is cheap); writes resolve once durable on this device.
 *
 * Failures: every write returns a `Result`. Bad input is `{ code: "bad-entry", detail: LifeInputError }`
 * — the UI translates the `detail` (see `LIFE_INPUT_ERRORS`, and validate before submitting with the
 * `check*` functions re-exported below: the service runs the very same checks). Acting on something
 * that is not yours is `"not-a-member"`; an unknown group is `"group-not-found"`.
 *
 * Dates a member picks (target dates, start dates) are calendar days "YYYY-MM-DD"; moments (`at`) are
 * milliseconds since the epoch. Amounts are whole dollars; hours may be fractional (quarter hours).
 */
import type { GroupId, MemberId, Result } from "@porch/shared";
export type { GoalCategory } from "./porch-api.ts";
export { GOAL_CATEGORIES } from "./porch-api.ts";
export {
  LIFE_INPUT_ERRORS,
  LIFE_LIMITS,
  isLifeInputError,
  checkGoalInput,
  checkProgressInput,
  checkMilestoneInput,
  checkCheckInInput,
  checkReplyText,
  checkOfferInput,
  checkConfirmInput,
  checkThanksText,
  checkCircleInput,
  type LifeInputError,
} from "./validate.ts";

export * from "./life/goals.ts";
export * from "./life/checkins.ts";
export * from "./life/offers.ts";
export * from "./life/circles.ts";
import type { GoalInput, GoalState, GoalView, MilestoneInput, ProgressInput } from "./life/goals.ts";
import type { CheckInInput, CheckInPostView, CheckInsView, Rhythm } from "./life/checkins.ts";
import type { ConfirmInput, OfferFilter, OfferInput, OfferView, TallyView } from "./life/offers.ts";
import type { CircleInput, CircleReminder, CircleView } from "./life/circles.ts";

/** Everything the group-life screens show, for one viewer. */
export interface LifeView {
  readonly goals: readonly GoalView[];
  readonly checkIns: CheckInsView;
  /** Every offer/ask, newest first (filter with `filterOffers` or `offers(groupId, filter)`). */
  readonly offers: readonly OfferView[];
  readonly tally: TallyView;
  readonly circles: readonly CircleView[];
  /** All of the viewer's circle reminders. */
  readonly reminders: readonly CircleReminder[];
}

/** Operations on a group's shared life. Each write is durable on the device before it resolves. */
export interface GroupLifeApi {
  // reads (null when this device is not in the group)
  /** All group-life views at once, for this device's member (or `viewer`). Memoised per document state. */
  life(groupId: GroupId, viewer?: MemberId): LifeView | null;
  /** Goals, oldest first, as `viewer` (default: this device's member) may see them. */
  goals(groupId: GroupId, viewer?: MemberId): readonly GoalView[] | null;
  checkIns(groupId: GroupId): CheckInsView | null;
  /** Any member's check-in history, newest first. */
  memberCheckIns(groupId: GroupId, memberId: MemberId): readonly CheckInPostView[] | null;
  /** Offers and asks, newest first. An empty list means "nothing here yet" (show the empty state). */
  offers(groupId: GroupId, filter?: OfferFilter): readonly OfferView[] | null;
  tally(groupId: GroupId): TallyView | null;
  circles(groupId: GroupId): readonly CircleView[] | null;
  /** The circle as CSV (RFC 4180): one row per payment. */
  circleCsv(groupId: GroupId, circleId: string): Promise<Result<string>>;

  // goals (only the owner edits; others cheer and comment)
  /** Adds a goal owned by this member. */
  addGoal(groupId: GroupId, input: GoalInput): Promise<Result<string>>;
  /** Edits one of this member's own goals (optional fields left out keep their value). */
  editGoal(groupId: GroupId, goalId: string, input: GoalInput): Promise<Result<void>>;
  addProgress(groupId: GroupId, goalId: string, input: ProgressInput): Promise<Result<string>>;
  addMilestone(groupId: GroupId, goalId: string, input: MilestoneInput): Promise<Result<string>>;
  /** Marks a milestone reached (or not). */
  reachMilestone(groupId: GroupId, goalId: string, milestoneId: string, reached: boolean): Promise<Result<void>>;
  setGoalState(groupId: GroupId, goalId: string, state: GoalState): Promise<Result<void>>;
  /** Cheers (or un-cheers) someone's goal; one cheer per member. Returns whether it is now cheered. */
  toggleCheer(groupId: GroupId, goalId: string): Promise<Result<boolean>>;
  comment(groupId: GroupId, goalId: string, text: string): Promise<Result<string>>;

  // check-ins
  /** Any member may set the rhythm; the last one set wins. `startDate` defaults to today. */
  setRhythm(groupId: GroupId, rhythm: Rhythm, startDate?: string): Promise<Result<void>>;
  /** Posts (or replaces) this member's check-in for the current period; returns the post id. */
  postCheckIn(groupId: GroupId, input: CheckInInput): Promise<Result<string>>;
  replyToCheckIn(groupId: GroupId, postId: string, text: string): Promise<Result<string>>;

  // offers and asks
  postOffer(groupId: GroupId, input: OfferInput): Promise<Result<string>>;
  /**
   * Claims an offer / volunteers for an ask. Offline, two members may both succeed; once merged every
   * device picks the same winner and the other sees `claimedFirstBy`.
   */
  claimOffer(groupId: GroupId, offerId: string): Promise<Result<void>>;
  /** The poster or the claimant confirms it happened; figures are kept once both confirmed. */
  confirmOffer(groupId: GroupId, offerId: string, input?: ConfirmInput): Promise<Result<void>>;
  /** A thank-you note from a party, after it happened. */
  thankOffer(groupId: GroupId, offerId: string, note: string): Promise<Result<void>>;
  /** The poster takes it down (not once both confirmed). */
  withdrawOffer(groupId: GroupId, offerId: string): Promise<Result<void>>;

  // lending circles (tracking only)
  createCircle(groupId: GroupId, input: CircleInput): Promise<Result<string>>;
  /** The payer marks their payment for `round` sent. */
  markPaid(groupId: GroupId, circleId: string, round: number): Promise<Result<void>>;
  /** The round's recipient confirms they received `payer`'s payment. */
  confirmReceived(groupId: GroupId, circleId: string, round: number, payer: MemberId): Promise<Result<void>>;
}
export { filterOffers, memberHistory } from "./life/select.ts";
