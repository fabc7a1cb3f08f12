/**
 * Sentences of the group-life screens (goals, check-ins, offers and asks, lending circles), under one
 * `life` key so each area grows without touching the others. Wording rules: help is "given" and
 * "received", never a balance or a debt; prompts are gentle, never shaming; circles say plainly that
 * Porch moves no money.
 */
import type {
  AmountVisibility,
  GoalState,
  LifeInputError,
  OfferCategory,
  OfferKind,
  OfferStatus,
  PaymentState,
  PayoutOrder,
  Rhythm,
} from "../core/api/group-life-api.ts";

type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

export type LifeDictionary = {
  readonly life: {
    readonly tabsLabel: Text;
    readonly tabCheckins: Text;
    readonly tabOffers: Text;
    readonly tabCircles: Text;
    readonly problems: Readonly<Record<LifeInputError, Text>>;

    // goals
    readonly goalDateLabel: Text;
    readonly goalBy: Text;
    readonly goalVisibilityLegend: Text;
    readonly visibility: Readonly<Record<AmountVisibility, Text>>;
    readonly goalStates: Readonly<Record<GoalState, Text>>;
    readonly goalStateLabel: Text;
    readonly amountsHidden: Text;
    readonly progressOf: Fn<[current: string, target: string]>;
    readonly progressLabel: Fn<[title: string]>;
    readonly milestonesTitle: Text;
    readonly milestoneReached: Text;
    readonly milestoneReachedLabel: Fn<[title: string]>;
    readonly milestoneReachedOn: Fn<[day: string]>;
    readonly milestoneAddOpen: Text;
    readonly milestoneFormLabel: Fn<[goal: string]>;
    readonly milestoneTitleLabel: Text;
    readonly milestoneAmountLabel: Text;
    readonly milestoneAmountPrivate: Text;
    readonly milestoneDateLabel: Text;
    readonly milestoneAdd: Text;
    readonly milestoneAdded: Fn<[title: string]>;
    readonly updatesLabel: Text;
    readonly addProgress: Text;
    readonly progressModeLegend: Text;
    readonly progressMode: Readonly<Record<"amount" | "percent", Text>>;
    readonly progressAmountLabel: Text;
    readonly progressPercentLabel: Text;
    readonly noteOptional: Text;
    readonly saveProgress: Text;
    readonly cheer: Text;
    readonly cheered: Text;
    readonly cheerCount: Fn<[count: number]>;
    readonly commentsLabel: Text;
    readonly commentLabel: Text;
    readonly commentSend: Text;

    // check-ins
    readonly checkinsTitle: Text;
    readonly checkinPeriod: Fn<[from: string, to: string]>;
    readonly rhythmLabel: Text;
    readonly rhythms: Readonly<Record<Rhythm, Text>>;
    readonly rhythmShared: Text;
    readonly rhythmNotChosen: Text;
    readonly myCheckinTitle: Text;
    readonly checkinPrompt: Text;
    readonly checkinThanks: Text;
    readonly checkinParts: Readonly<Record<"wins" | "next" | "asks", Text>>;
    readonly checkinHints: Readonly<Record<"wins" | "next" | "asks", Text>>;
    readonly checkinShare: Text;
    readonly checkinUpdate: Text;
    readonly checkinsNowTitle: Text;
    readonly checkinsEmpty: Text;
    readonly repliesLabel: Text;
    readonly replyLabel: Fn<[name: string]>;
    readonly replySend: Text;
    readonly historyTitle: Text;
    readonly historyOfLabel: Text;
    readonly historyEveryone: Text;
    readonly historyEmpty: Text;

    // offers and asks
    readonly offersTitle: Text;
    readonly offersIntro: Text;
    readonly filterLegend: Text;
    readonly filterShow: Readonly<Record<"open" | "all", Text>>;
    readonly filterMine: Text;
    readonly filterCategory: Text;
    readonly filterAnyCategory: Text;
    readonly offersEmpty: Text;
    readonly offersEmptyFiltered: Text;
    readonly postOfferTitle: Text;
    readonly offerKindLegend: Text;
    readonly offerKinds: Readonly<Record<OfferKind, Text>>;
    readonly offerCategories: Readonly<Record<OfferCategory, Text>>;
    readonly offerStatus: Readonly<Record<OfferStatus, Text>>;
    readonly offerDescriptionLabel: Text;
    readonly offerWhenLabel: Text;
    readonly offerWhenHint: Text;
    readonly offerDaysLabel: Text;
    readonly days: Fn<[count: number]>;
    readonly offerPost: Text;
    readonly askPost: Text;
    readonly postedBy: Fn<[name: string, when: string]>;
    readonly expires: Fn<[when: string]>;
    readonly claimedBy: Fn<[name: string]>;
    readonly volunteeredBy: Fn<[name: string]>;
    readonly claimedFirst: Fn<[name: string]>;
    readonly claimOffer: Text;
    readonly volunteer: Text;
    readonly confirmExplain: Text;
    readonly hoursLabel: Text;
    readonly dollarsLabel: Text;
    readonly confirmHappened: Text;
    readonly waitingForOther: Text;
    readonly helpRecorded: Fn<[giver: string, receiver: string]>;
    readonly hours: Fn<[hours: string]>;
    readonly times: Fn<[count: number]>;
    readonly thanksLabel: Text;
    readonly thanksSend: Text;
    readonly withdraw: Text;
    readonly tallyTitle: Text;
    readonly tallyEmpty: Text;
    readonly tallyGroup: Fn<[line: string]>;
    readonly given: Text;
    readonly received: Text;

    // lending circles
    readonly circlesTitle: Text;
    readonly circlesIntro: Text;
    readonly circlesEmpty: Text;
    readonly newCircleTitle: Text;
    readonly circleNameLabel: Text;
    readonly circleMembersLegend: Text;
    readonly circleAmountLabel: Text;
    readonly circleScheduleLegend: Text;
    readonly scheduleKinds: Readonly<Record<"monthly" | "weeks", Text>>;
    readonly scheduleDayLabel: Text;
    readonly scheduleWeeksLabel: Text;
    readonly scheduleMonthly: Fn<[day: number]>;
    readonly scheduleWeeks: Fn<[every: number]>;
    readonly circleStartLabel: Text;
    readonly circleOrderLegend: Text;
    readonly orderKinds: Readonly<Record<PayoutOrder["kind"], Text>>;
    readonly circleOrderListLabel: Text;
    readonly moveUp: Fn<[name: string]>;
    readonly randomExplain: Text;
    readonly circleCreate: Text;
    readonly circleNotice: Text;
    readonly circleTerms: Fn<[amount: string, schedule: string, members: number]>;
    readonly circleComplete: Text;
    readonly circleSummary: Fn<[roundsDone: number, rounds: number, confirmed: string, expected: string]>;
    readonly remindersLabel: Text;
    readonly reminderPay: Fn<[amount: string, to: string, due: string]>;
    readonly reminderConfirm: Fn<[from: string, amount: string]>;
    readonly lateTitle: Text;
    readonly lateLine: Fn<[payment: string, due: string]>;
    readonly roundsLabel: Text;
    readonly roundTitle: Fn<[n: number, recipient: string, due: string]>;
    readonly roundPot: Fn<[pot: string]>;
    readonly paymentLine: Fn<[payer: string, amount: string, recipient: string]>;
    readonly paymentStates: Readonly<Record<PaymentState, Text>>;
    readonly markSent: Text;
    readonly confirmReceived: Text;
    readonly downloadCsv: Text;
  };
};
