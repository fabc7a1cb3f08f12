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
import type { GoalCategory, GoalInput } from "./porch-api.ts";

export type { GoalCategory, GoalInput } from "./porch-api.ts";
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
} from "./doc/validate.ts";

// ─── goals ────────────────────────────────────────────────────────────────────────────────────────

/** Who sees a goal's amounts: everyone in the group, or only its owner (others see percentages). */
export type AmountVisibility = "amounts" | "percent";
/** A goal's state; only its owner changes it. */
export type GoalState = "active" | "completed" | "paused" | "dropped";
export const GOAL_STATES = ["active", "completed", "paused", "dropped"] as const satisfies readonly GoalState[];

/**
 * A goal's full input. Extends the original `GoalInput` (title, category, targetAmount) compatibly:
 * fields left out keep their current value on edit (or the default on create: no date, "amounts").
 */
export interface GoalInputV2 extends GoalInput {
  /** Target date "YYYY-MM-DD", or null for none. */
  readonly targetDate?: string | null;
  /** Default "amounts". With "percent", other members' views never contain the amounts. */
  readonly visibility?: AmountVisibility;
}

/**
 * One progress update. Give `amount` (the total reached so far, whole dollars) or `percent` (0–100),
 * not both; a note is optional. `milestoneId` marks that milestone reached by this update.
 */
export interface ProgressInput {
  readonly amount?: number | null;
  readonly percent?: number | null;
  readonly note?: string;
  readonly milestoneId?: string | null;
}

/** A milestone on the way to a goal. */
export interface MilestoneInput {
  readonly title: string;
  readonly targetAmount?: number | null;
  readonly targetDate?: string | null;
}

export interface ProgressView {
  readonly id: string;
  readonly at: number;
  /** Null when the owner gave a percentage, or when amounts are hidden from this viewer. */
  readonly amount: number | null;
  /** The percentage given, or computed from amount / target; null if neither is known. */
  readonly percent: number | null;
  readonly note: string;
  readonly milestoneId: string | null;
}

export interface MilestoneView {
  readonly id: string;
  readonly title: string;
  /** Null when none, or hidden from this viewer. */
  readonly targetAmount: number | null;
  readonly targetDate: string | null;
  /** When it was reached (a progress update or `reachMilestone`), else null. */
  readonly reachedAt: number | null;
  readonly createdAt: number;
}

export interface CommentView {
  readonly id: string;
  readonly by: MemberId;
  readonly at: number;
  readonly text: string;
}

/** A goal as one member (the viewer) sees it. */
export interface GoalView {
  readonly id: string;
  readonly owner: MemberId;
  /** True when the viewer owns it (only then may they edit it or add progress). */
  readonly mine: boolean;
  readonly title: string;
  readonly category: GoalCategory;
  readonly visibility: AmountVisibility;
  /** True when the owner chose "percent" and the viewer is someone else: every amount below is null. */
  readonly amountsHidden: boolean;
  readonly targetAmount: number | null;
  readonly targetDate: string | null;
  readonly state: GoalState;
  /** Latest amount reached (null if hidden or never given). */
  readonly currentAmount: number | null;
  /** Latest percentage (given, or computed from amount / target), 0–100, or null. */
  readonly percent: number | null;
  /** Newest first. */
  readonly progress: readonly ProgressView[];
  /** Oldest first. */
  readonly milestones: readonly MilestoneView[];
  /** One cheer per member. */
  readonly cheers: { readonly count: number; readonly mine: boolean; readonly by: readonly MemberId[] };
  /** Oldest first. */
  readonly comments: readonly CommentView[];
  readonly createdAt: number;
  readonly updatedAt: number;
}

// ─── check-ins ────────────────────────────────────────────────────────────────────────────────────

/** How often the group checks in. */
export type Rhythm = "weekly" | "biweekly" | "monthly";
export const RHYTHMS = ["weekly", "biweekly", "monthly"] as const satisfies readonly Rhythm[];

/** What a member posts for the current period. Each part may be empty, not all three. */
export interface CheckInInput {
  readonly wins: string;
  readonly nextSteps: string;
  readonly asks: string;
}

export interface ReplyView {
  readonly id: string;
  readonly by: MemberId;
  readonly at: number;
  readonly text: string;
}

export interface CheckInPostView {
  /** Stable id of the post (use it to reply). */
  readonly id: string;
  readonly member: MemberId;
  /** The period's first day, "YYYY-MM-DD". */
  readonly period: string;
  readonly at: number;
  readonly wins: string;
  readonly nextSteps: string;
  readonly asks: string;
  /** Oldest first. */
  readonly replies: readonly ReplyView[];
}

export interface PeriodView {
  /** First day "YYYY-MM-DD" (inclusive). */
  readonly start: string;
  /** Day after the last day "YYYY-MM-DD" (exclusive). */
  readonly end: string;
  /** Oldest first. */
  readonly posts: readonly CheckInPostView[];
}

export interface CheckInsView {
  readonly rhythm: Rhythm;
  /** False until a member picks a rhythm (the default is monthly, calendar months). */
  readonly rhythmChosen: boolean;
  readonly rhythmSetBy: MemberId | null;
  /** The schedule's first day "YYYY-MM-DD". */
  readonly startDate: string;
  readonly current: PeriodView;
  /** Every period that has posts, plus the current one; newest first. */
  readonly periods: readonly PeriodView[];
  /**
   * True when the viewer has not posted in the current period: show a gentle, private prompt.
   * Never derived for other members — there is deliberately no "who has not posted" list.
   */
  readonly promptMe: boolean;
  /** The viewer's own history, newest first (any member's: `memberCheckIns`). */
  readonly mine: readonly CheckInPostView[];
}

// ─── offers and asks ──────────────────────────────────────────────────────────────────────────────

export type OfferKind = "offer" | "ask";
export const OFFER_CATEGORIES = ["childcare-swap", "rides", "meals", "tools", "skills", "errands", "items", "other"] as const;
export type OfferCategory = (typeof OFFER_CATEGORIES)[number];

export interface OfferInput {
  readonly kind: OfferKind;
  readonly category: OfferCategory;
  readonly description: string;
  /** When: free text ("Saturday mornings") or a date; may be empty. */
  readonly when: string;
  /** Days until it expires, 1–14. */
  readonly expiryDays: number;
}

/** What a party records when confirming it happened. Hours > 0 optional; dollars whole, optional. */
export interface ConfirmInput {
  readonly hours?: number | null;
  readonly dollars?: number | null;
}

/**
 * open: nobody has claimed it; claimed: someone did, not both confirmed yet; done: both confirmed;
 * expired: passed its expiry unclaimed; withdrawn: the poster took it down.
 */
export type OfferStatus = "open" | "claimed" | "done" | "expired" | "withdrawn";

export interface OfferView {
  readonly id: string;
  readonly kind: OfferKind;
  readonly category: OfferCategory;
  readonly description: string;
  readonly when: string;
  readonly poster: MemberId;
  readonly postedAt: number;
  readonly expiresAt: number;
  readonly status: OfferStatus;
  /** The one claimant every device agrees on (earliest claim, ties by member id), or null. */
  readonly claimant: MemberId | null;
  readonly claimedAt: number | null;
  /** Set when the viewer claimed too but someone else was first: show "Ana claimed this first". */
  readonly claimedFirstBy: MemberId | null;
  /** Who gives help (offer: the poster; ask: the claimant) and who receives it. */
  readonly giver: MemberId | null;
  readonly receiver: MemberId | null;
  /** The viewer posted it. */
  readonly mine: boolean;
  /** The viewer is the poster or the winning claimant. */
  readonly iAmParty: boolean;
  readonly confirmedBy: readonly MemberId[];
  /** The viewer is a party and has not confirmed yet. */
  readonly needsMyConfirmation: boolean;
  /** Recorded once both parties confirmed (the giver's figures win, else the receiver's); else null. */
  readonly hours: number | null;
  readonly dollars: number | null;
  readonly thanks: readonly { readonly by: MemberId; readonly at: number; readonly note: string }[];
}

export interface OfferFilter {
  /** "open" (default): open ones and those the viewer is a party to and not done; "all": everything. */
  readonly show?: "open" | "all";
  /** Only those the viewer posted or claimed. */
  readonly mine?: boolean;
  readonly category?: OfferCategory;
  readonly kind?: OfferKind;
}

/** Help given and received. Never a balance, never a debt: the two are shown side by side, not netted. */
export interface HelpTotals {
  readonly hours: number;
  readonly dollars: number;
  readonly count: number;
}
export interface TallyView {
  /** Everything exchanged in the group (each exchange counted once). */
  readonly group: HelpTotals;
  /** One row per member who gave or received, by member id. */
  readonly members: readonly { readonly memberId: MemberId; readonly given: HelpTotals; readonly received: HelpTotals }[];
}

// ─── lending circles ──────────────────────────────────────────────────────────────────────────────

export type CircleSchedule = { readonly kind: "monthly"; readonly day: number } | { readonly kind: "weeks"; readonly every: number };
/** agreed: the order given; random: drawn once at creation and recorded; need: the order given, decided by need. */
export type PayoutOrder = { readonly kind: "agreed"; readonly order: readonly MemberId[] } | { readonly kind: "need"; readonly order: readonly MemberId[] } | { readonly kind: "random" };

export interface CircleInput {
  readonly name: string;
  /** 2–24 members of the group, the creator included. */
  readonly members: readonly MemberId[];
  /** Each payer's contribution per round, whole dollars, > 0. */
  readonly contribution: number;
  readonly schedule: CircleSchedule;
  /** First round's due date is derived from this "YYYY-MM-DD" (monthly: first day N on/after it). */
  readonly startDate: string;
  readonly order: PayoutOrder;
}

/** due: not sent yet; sent: payer marked it sent; received: recipient confirmed (only this counts); late: due date passed, not confirmed. */
export type PaymentState = "due" | "sent" | "received" | "late";

export interface PaymentView {
  readonly round: number;
  readonly payer: MemberId;
  readonly recipient: MemberId;
  readonly amount: number;
  readonly due: string;
  readonly sentAt: number | null;
  readonly receivedAt: number | null;
  readonly state: PaymentState;
}

export interface RoundView {
  /** 0-based. */
  readonly index: number;
  readonly due: string;
  readonly recipient: MemberId;
  /** contribution × payers. */
  readonly pot: number;
  readonly payments: readonly PaymentView[];
  /** Every payment received. */
  readonly complete: boolean;
}

/** What the viewer should do: pay (they owe this round and have not marked it sent) or confirm a receipt. */
export interface CircleReminder {
  readonly kind: "pay" | "confirm";
  readonly circleId: string;
  readonly round: number;
  readonly payer: MemberId;
  readonly recipient: MemberId;
  readonly amount: number;
  readonly due: string;
  readonly late: boolean;
}

export interface CircleView {
  readonly id: string;
  readonly name: string;
  /** Always "tracking-only": the UI must say that Porch moves and holds no money. */
  readonly notice: "tracking-only";
  readonly createdBy: MemberId;
  readonly createdAt: number;
  readonly members: readonly MemberId[];
  readonly contribution: number;
  readonly schedule: CircleSchedule;
  readonly startDate: string;
  readonly orderKind: PayoutOrder["kind"];
  /** The payout order (recipients of rounds 0, 1, …). */
  readonly order: readonly MemberId[];
  readonly rounds: readonly RoundView[];
  /** Late payments, visible to the whole circle. */
  readonly late: readonly PaymentView[];
  /** For the viewer only. */
  readonly reminders: readonly CircleReminder[];
  readonly complete: boolean;
  readonly summary: { readonly roundsComplete: number; readonly rounds: number; readonly confirmed: number; readonly expected: number; readonly latePayments: number };
}

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
  circleCsv(groupId: GroupId, circleId: string): Result<string>;

  // goals (only the owner edits; others cheer and comment)
  /** Adds a goal owned by this member. Accepts the original GoalInput or GoalInputV2. */
  addGoal(groupId: GroupId, input: GoalInput | GoalInputV2): Promise<Result<string>>;
  /** Edits one of this member's own goals (fields left out of a GoalInputV2 keep their value). */
  editGoal(groupId: GroupId, goalId: string, input: GoalInput | GoalInputV2): Promise<Result<void>>;
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
export { filterOffers } from "./doc/offers.ts";
