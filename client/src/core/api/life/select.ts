/**
 * Pure selections over the views the core sends (no document access): the UI and the core both use
 * them, so a filter means the same on either side of the boundary.
 */
import type { MemberId } from "@porch/shared";
import type { CheckInPostView, CheckInsView } from "./checkins.ts";
import type { OfferFilter, OfferView } from "./offers.ts";

/** Offers and asks `viewer` asked for: by default the open ones and those `viewer` is a party to. */
export function filterOffers(
  list: readonly OfferView[],
  viewer: MemberId | null,
  filter: OfferFilter = {},
): OfferView[] {
  return list.filter((o) => {
    if (filter.category !== undefined && o.category !== filter.category) return false;
    if (filter.kind !== undefined && o.kind !== filter.kind) return false;
    const involved = o.mine || o.iAmParty || o.claimedFirstBy !== null;
    if (filter.mine === true && !involved) return false;
    if ((filter.show ?? "open") === "open") return o.status === "open" || (o.status === "claimed" && o.iAmParty);
    return true;
  });
}

/** One member's check-ins across periods, newest first. */
export const memberHistory = (view: CheckInsView, member: MemberId): CheckInPostView[] =>
  view.periods
    .flatMap((p) => p.posts.filter((x) => x.member === member))
    .sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
