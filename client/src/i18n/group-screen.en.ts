/** English: the group screen's shape (membership's place, folded forms, recently done, what's new). */
import { formatNumber } from "./format.ts";
import type { GroupScreenDictionary, NewsKindText } from "./group-screen-dictionary.ts";

const n = (value: number) => formatNumber(value, "en");
const NOUNS: Readonly<Record<NewsKindText, readonly [string, string]>> = {
  cheer: ["cheer", "cheers"],
  comment: ["comment", "comments"],
  claim: ["offer taken up", "offers taken up"],
  confirm: ["confirmation", "confirmations"],
  thanks: ["thank-you", "thank-yous"],
  checkin: ["check-in", "check-ins"],
  reply: ["reply", "replies"],
  offer: ["new offer or ask", "new offers and asks"],
  join: ["new member", "new members"],
};

export const groupScreenEn: GroupScreenDictionary = {
  groupScreen: {
    whoSees: (names) => `Only the members see this group: ${names}.`,
    onlyYou: "Only you are in this group so far.",
    membersLink: "Members and invitations",
    inviteFirst: "Invite a friend",
    membersScreenTitle: (group) => `Members of ${group}`,
    backToGroup: (group) => `Back to ${group}`,
    inviteOpen: "Invite a friend",
    inviteMakeLink: "Make the invitation link",

    newGoalOpen: "Add a goal",
    newOfferOpen: "Offer or ask for help",
    newCircleOpen: "Start a lending circle",
    checkinOpen: "Write your check-in",
    checkinEditOpen: "Change your check-in",
    saved: "Saved.",

    recentlyDoneTitle: "Recently done",
    recentlyDoneHint: "Help that happened in the last two weeks.",
    nothingOpen: "Nothing open right now. Offer a hand, or ask for one.",
    sayThanksTo: (name) => `Say thanks to ${name}`,
    otherConfirmed: (name) => `${name} says it happened. Confirm when it did for you too.`,

    turnIntoAsk: "Turn into an ask",
    turnedIntoAsk: "You made this an ask in Offers & asks.",
    fromCheckIn: (name) => `From ${name}'s check-in`,
    askFromCheckInNote: "From your check-in. Change anything before you post it.",

    newsTitle: "New since you were last here",
    newsCounts: (counts) =>
      counts.map(([kind, count]) => `${n(count)} ${NOUNS[kind][count === 1 ? 0 : 1]}`).join(" · "),
    newsGroupLabel: (group, summary) => `${group}. New since you were last here: ${summary}`,
    newsLine: {
      cheer: (who, what) => `${who} cheered your goal “${what}”`,
      comment: (who, what) => `${who} commented on “${what}”`,
      claim: (who, what) => `${who} took up “${what}”`,
      confirm: (who, what) => `${who} confirmed “${what}” happened`,
      thanks: (who, what) => `${who} thanked you for “${what}”`,
      checkin: (who) => `${who} shared a check-in`,
      reply: (who) => `${who} replied to your check-in`,
      offer: (who, what) => `${who} posted “${what}”`,
      join: (who) => `${who} joined the group`,
    },
  },
};
