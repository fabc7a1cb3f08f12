/**
 * Sentences of the group screen's shape: where membership lives, forms folded behind a button, the
 * "Recently done" exchanges and their thanks prompt, turning a check-in's ask into an ask, and what is
 * new since the member's last visit. Kept apart so each area grows without touching the others.
 */
type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

/** Kinds of news the home and group screens count ("2 cheers · 1 claim"). */
export type NewsKindText =
  "cheer" | "comment" | "claim" | "confirm" | "thanks" | "checkin" | "reply" | "offer" | "join";

export type GroupScreenDictionary = {
  readonly groupScreen: {
    // membership's own place
    readonly whoSees: Fn<[names: string]>;
    readonly onlyYou: Text;
    readonly membersLink: Text;
    readonly inviteFirst: Text;
    readonly membersScreenTitle: Fn<[group: string]>;
    readonly backToGroup: Fn<[group: string]>;
    readonly inviteOpen: Text;
    readonly inviteMakeLink: Text;

    // forms folded behind a button
    readonly newGoalOpen: Text;
    readonly newOfferOpen: Text;
    readonly newCircleOpen: Text;
    readonly checkinOpen: Text;
    readonly checkinEditOpen: Text;
    readonly saved: Text;

    // finished exchanges
    readonly recentlyDoneTitle: Text;
    readonly recentlyDoneHint: Text;
    readonly nothingOpen: Text;
    readonly sayThanksTo: Fn<[name: string]>;
    readonly otherConfirmed: Fn<[name: string]>;

    // an ask from a check-in
    readonly turnIntoAsk: Text;
    readonly turnedIntoAsk: Text;
    readonly fromCheckIn: Fn<[name: string]>;
    readonly askFromCheckInNote: Text;

    // what is new since the last visit
    readonly newsTitle: Text;
    readonly newsCounts: Fn<[counts: readonly (readonly [NewsKindText, number])[]]>;
    readonly newsGroupLabel: Fn<[group: string, summary: string]>;
    readonly newsLine: {
      readonly cheer: Fn<[who: string, what: string]>;
      readonly comment: Fn<[who: string, what: string]>;
      readonly claim: Fn<[who: string, what: string]>;
      readonly confirm: Fn<[who: string, what: string]>;
      readonly thanks: Fn<[who: string, what: string]>;
      readonly checkin: Fn<[who: string, what: string]>;
      readonly reply: Fn<[who: string, what: string]>;
      readonly offer: Fn<[who: string, what: string]>;
      readonly join: Fn<[who: string, what: string]>;
    };
  };
};
