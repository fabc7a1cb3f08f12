/** Offers and asks: trading help, and the tally of help given and received (never a balance). Part of the group-life API (../group-life-api.ts). */
import type { MemberId } from "@porch/shared";

export type OfferKind = "offer" | "ask";
import type { OfferCategory } from "../vocabulary.ts";

export { OFFER_CATEGORIES, type OfferCategory } from "../vocabulary.ts";

export interface OfferInput {
  readonly kind: OfferKind;
  readonly category: OfferCategory;
  readonly description: string;
  /** When: free text ("Saturday mornings") or a date; may be empty. */
  readonly when: string;
  /** Days until it expires, 1–14. */
  readonly expiryDays: number;
  /** The id of the poster's own check-in this ask came from ("Turn into an ask"), if any. */
  readonly fromCheckIn?: string | null;
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
  /** When the second party confirmed (the later of the two confirmations), or null until done. */
  readonly doneAt: number | null;
  /** The check-in post this ask was made from, or null. */
  readonly fromCheckIn: string | null;
}

/** How long a finished exchange stays under "Recently done" (relative to now). */
export const RECENTLY_DONE_MS = 14 * 86_400_000;

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
  readonly members: readonly {
    readonly memberId: MemberId;
    readonly given: HelpTotals;
    readonly received: HelpTotals;
  }[];
}
