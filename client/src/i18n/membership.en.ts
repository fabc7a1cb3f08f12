/** English: the membership screens. */
import type { MembershipDictionary } from "./membership-dictionary.ts";

export const membershipEn: MembershipDictionary = {
  membership: {
    roleAdmin: "manager",
    roleMember: "member",
    makeManager: (name) => `Make ${name} a manager`,
    makeMember: (name) => `Make ${name} a regular member`,
    remove: (name) => `Remove ${name}`,
    removeConfirm: (name) => `Remove ${name} from the group?`,
    removeExplain:
      "They will stop receiving anything new at once. Removal cannot take back what they already saw: their phone keeps what was shared before.",
    confirmRemove: "Yes, remove",
    leave: "Leave this group",
    leaveTitle: "Leave this group?",
    leaveExplain: "You will stop receiving anything new from this group. What is already on this phone stays here.",
    leaveSuccessorLabel: "Who will manage the group after you?",
    leaveSuccessorHint: "A group always needs a manager. The person you choose becomes one.",
    confirmLeave: "Yes, leave",
    actionsFor: (name) => `Actions for ${name}`,

    inviteExpiryLabel: "The link works for",
    inviteExpiry1h: "1 hour",
    inviteExpiry24h: "1 day",
    inviteExpiry72h: "3 days",
    inviteExpiry7d: "7 days",
    inviteNoteLabel: "Who is it for? (optional)",
    inviteNoteHint: "Your group and the person you invite see this note, for example “for Maria”.",
    inviteWarningFor: (hours) =>
      `Anyone with this link can join this group once, within ${hours === 1 ? "1 hour" : hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`}. Send it only to the person you mean to invite.`,

    pendingTitle: "Invitations not used yet",
    pendingEmpty: "No open invitations.",
    pendingItem: (note, expires) => `${note ?? "Invitation"} — works until ${expires}`,
    revoke: "Cancel invitation",
    revokeLabel: (what) => `Cancel invitation: ${what}`,

    historyTitle: "Who came and went",
    eventCreated: (by) => `${by} started the group`,
    eventJoined: (who, by) => (by === null ? `${who} joined` : `${who} joined (invited by ${by})`),
    eventRemoved: (by, who) => `${by} removed ${who}`,
    eventLeft: (who) => `${who} left`,
    eventManager: (by, who) => `${by} made ${who} a manager`,
    eventMember: (by, who) => `${by} made ${who} a regular member`,

    removedTitle: "You are no longer in this group",
    leftTitle: "You left this group",
    removedBody:
      "You can still read what was on this phone before, but nothing new will arrive and you can't make changes. Removal cannot take back what a member already saw.",

    devicesTitle: "Your devices",
    devicesLink: "Add another device",
    devicesIntro:
      "Use Porch on another phone or tablet: make a link here, then open it on the other device within 10 minutes.",
    devicesMakeLink: "Make a link for my other device",
    devicesLinkLabel: "Link for your other device",
    devicesLinkExpires: (time) => `This link works once, until ${time}.`,
    devicesQrLabel: "QR code of the link for your other device. Scan it with that device's camera.",
    devicesWarning:
      "This link gives full access to your account. Open it only on your own device — never send it to anyone.",

    noticeDeviceAdded: (date) => `A new device was added to your account on ${date}.`,
    noticeWhatToDo:
      "If that was not you, someone may have your recovery words: make a new account, tell your groups, and ask a manager to remove your old account.",
    noticeDismiss: "Got it",

    linkTitle: "Adding this device",
    linking: "Connecting to your other device…",
    linkFailed: "This device couldn't be added",
    linkDone: "This device is ready.",

    onboardHaveAccount: "Already use Porch?",
    onboardRecoverLink: "Get your account back with your 24 recovery words",
    onboardLinkHint: "Or, on the device you already use, open “Add another device” and open that link here.",

    recoverTitle: "Get your account back",
    recoverIntro:
      "Type your 24 recovery words in order, separated by spaces. Your groups and their history will come back.",
    recoverPhraseLabel: "Your 24 recovery words",
    recoverPhraseHint: "Capitals don't matter, and accents are optional.",
    recoverNameLabel: "Your name on this device",
    recoverSubmit: "Get my account back",
    recovering: "Bringing back your groups…",
    phraseUnknownWord: (position) => `Word ${position} is not in the list. Check its spelling.`,
    phraseWrongLength: (count) =>
      `You typed ${count} ${count === 1 ? "word" : "words"}. The recovery words are 24 words.`,
  },
};
