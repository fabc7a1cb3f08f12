/** English: a member's first days (invitation landing, settings, connection line). */
import type { FirstDictionary } from "./first-dictionary.ts";
import { formatNumber, pluralCategory } from "./format.ts";

export const firstEn: FirstDictionary = {
  first: {
    syncConnecting: (pending) => {
      if (pending === 0) return "Connecting…";
      return pluralCategory(pending, "en") === "one"
        ? `Connecting… ${formatNumber(pending, "en")} change saved on this phone`
        : `Connecting… ${formatNumber(pending, "en")} changes saved on this phone`;
    },
    settingsLink: "Settings",

    landingTitle: "You're invited",
    landingChecking: "Checking your invitation…",
    landingInvitedBy: (inviter, group) => `${inviter} invited you to join “${group}” on Porch.`,
    landingInvitedTo: (group) => `You were invited to join “${group}” on Porch.`,
    landingInvited: "You were invited to join a group on Porch.",
    landingNoteFrom: (inviter) => `A note from ${inviter}`,
    landingNote: "A note for you",
    landingExpires: (date) => `This link works until ${date}, once.`,
    landingNext:
      "To join, first set up Porch on this phone: choose your name and save your 24 recovery words. It takes about two minutes.",
    landingContinue: "Set up Porch and join",
    landingDeadTitle: "This invitation can't be used",
    landingDead: {
      "invite-used": "Someone already used this invitation link. Each link works only once.",
      "invite-revoked": "The person who made this invitation cancelled it.",
      "invite-expired": "This invitation link has expired.",
      "invite-not-found":
        "We couldn't find this invitation. The link may be cut off — check that you copied all of it.",
    },
    landingAskNew: "Ask the person who invited you to send you a new link.",
    landingUncheckedTitle: "We couldn't check this invitation",
    landingUnchecked: "Porch can't reach its server right now. Check your internet connection and try again.",
    landingSetUpAnyway: "Set up Porch anyway",
    landingSetUpWithout: "Set up Porch without joining",

    settingsTitle: "Settings",
    nameTitle: "Your name",
    nameLabel: "Name",
    nameHint: "The people in your groups see this name.",
    nameSave: "Save name",
    nameSaved: "Saved. Your groups will see your new name.",
    langTitle: "Language",
    langHint: "Porch remembers your choice on this phone.",
    devicesTitle: "Your devices",
    thisDevice: (date) => `This device — added on ${date}`,
    otherDevice: (date) => `Another device — added on ${date}`,
    devicesAdd: "Add another device",
    devicesRemoveNote:
      "Every device you add holds your whole account, and Porch can't remove one yet. Add only devices you keep with you.",
    wordsTitle: "Recovery words",
    wordsExplain: "Your 24 recovery words bring back your account on a new phone if you lose this one.",
    wordsShow: "Show my recovery words",
    wordsConfirmTitle: "Is anyone looking at your screen?",
    wordsWarning:
      "Anyone who sees these words can take over your account. Show them only where nobody else can see. Never send them to anyone — Porch will never ask for them.",
    wordsConfirm: "Nobody is looking — show them",
    wordsCancel: "Cancel",
    wordsHide: "Hide the words",

    dateInWords: (date) => `Date: ${date}`,
  },
};
