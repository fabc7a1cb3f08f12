/** English (United States). Plain, warm and short: many members read this on a small phone. */
import type { Dictionary } from "./dictionary.ts";
import { journalEn, journalErrorsEn } from "./journal.en.ts";
import { cohortsEn } from "./cohorts.en.ts";
import { firstEn } from "./first.en.ts";
import { lifeEn } from "./life.en.ts";
import { groupScreenEn } from "./group-screen.en.ts";
import { membershipEn } from "./membership.en.ts";
import { formatNumber, pluralCategory } from "./format.ts";

export const en: Dictionary = {
  ...membershipEn,
  ...lifeEn,
  ...groupScreenEn,
  ...journalEn,
  ...cohortsEn,
  ...firstEn,
  appName: "Porch",
  loading: "Opening Porch…",
  otherTab: "Porch is open in another tab or window. Use that one — this page takes over by itself when you close it.",
  startFailed: "Porch couldn't start on this phone. Close it and open it again.",
  unexpected: "Something went wrong. Please try again.",
  switchTo: "Español",
  switchToLabel: "Cambiar a español",
  mainNav: "Main",
  backToGroups: "Back to your groups",
  cancel: "Cancel",

  onboardTitle: "Welcome to Porch",
  onboardIntro:
    "Porch helps a few families who trust each other set goals, cheer each other on and keep each other on track. What you write stays private to your group.",
  onboardLangLegend: "Language",
  onboardNameLabel: "Your name",
  onboardNameHint: "This is how your group will see you. A first name is fine.",
  onboardSubmit: "Get started",
  onboardInvited: "You were invited to a group. Set up Porch first, and we'll take you there.",
  nameRequired: "Please write your name.",
  nameTooLong: (max) => `Please keep your name to ${max} characters or fewer.`,

  recoveryTitle: "Your recovery words",
  recoveryExplain:
    "These 24 words are the only way to get your account back if you lose this phone. Write them on paper and keep them somewhere safe. Porch cannot recover them for you.",
  recoveryListLabel: "Recovery words, in order",
  recoveryConfirm: "I wrote them down",
  recoveryContinue: "Continue",

  homeTitle: "Your groups",
  homeEmptyTitle: "You're not in a group yet",
  homeEmptyBody:
    "A group is a few families who know each other — usually 4 to 8. Each family sets its own goals, and the group cheers each other on and keeps each other accountable. Create a group and invite your friends with a link, or open an invitation someone sent you.",
  createGroupTitle: "Create a group",
  createGroupNameLabel: "Group name",
  createGroupSubmit: "Create group",
  groupNameRequired: "Please give your group a name.",
  groupNameTooLong: (max) => `Please keep the group name to ${max} characters or fewer.`,

  groupNotFoundTitle: "Group not found",
  groupNotFound: "This group isn't on this phone (yet). If you just joined, it may still be arriving.",
  membersTitle: "Members",
  you: "you",
  unknownMember: "A member",
  goalsTitle: "Goals",
  goalsEmpty: "No goals yet. Add the first one!",
  goalBy: "By",
  goalTarget: "Target",
  goalEdit: "Edit",
  goalEditLabel: (title) => `Edit goal: ${title}`,
  addGoalTitle: "Add a goal",
  editGoalTitle: "Edit your goal",
  goalTitleLabel: "Goal",
  goalCategoryLabel: "Category",
  goalTargetLabel: "Target amount in dollars (optional)",
  goalTargetHint: "Whole dollars, for example 1500.",
  goalAdd: "Add goal",
  goalSave: "Save",
  goalTitleRequired: "Please write your goal.",
  goalTitleTooLong: (max) => `Please keep the goal to ${max} characters or fewer.`,
  goalTargetInvalid: "Please write the amount as whole dollars, like 1500, or leave it empty.",
  goalTargetTooLarge: (max) => `Please choose an amount of ${max} or less.`,
  categories: {
    income: "Income",
    savings: "Savings",
    debt: "Paying off debt",
    education: "Education and skills",
    housing: "Housing",
    health: "Health",
    business: "Business",
    family: "Family",
    other: "Other",
  },

  inviteTitle: "Invite a friend",
  inviteLinkLabel: "Invitation link",
  inviteWarning:
    "Anyone with this link can join this group once, within 72 hours. Send it only to the person you mean to invite.",
  inviteCopy: "Copy",
  inviteCopied: "Link copied.",
  inviteCopyFailed: "Couldn't copy. Press and hold the link to copy it.",
  inviteShare: "Share",
  inviteShareText: (group) => `Join my group "${group}" on Porch:`,
  inviteQrLabel: "QR code of the invitation link. Your friend can scan it with their phone's camera.",

  joinTitle: "Joining a group",
  joining: "Joining the group…",
  joinFailedTitle: "We couldn't join the group",
  tryAgain: "Try again",

  syncSynced: "Synced",
  syncSyncing: "Syncing…",
  syncOffline: (pending) => {
    if (pending === 0) return "Offline — everything is saved on this phone";
    return pluralCategory(pending, "en") === "one"
      ? `Offline — ${formatNumber(pending, "en")} change saved on this phone, it will be sent when you are back online`
      : `Offline — ${formatNumber(pending, "en")} changes saved on this phone, they will be sent when you are back online`;
  },
  syncError: (sentence) => `Sync problem: ${sentence}`,

  errors: {
    ...journalErrorsEn,
    "malformed-frame": "Porch got a message it couldn't read. Please update the app and try again.",
    "unsupported-version": "This version of Porch is out of date. Close it and open it again to update it.",
    "frame-too-large": "That was too big to send. Please try something shorter.",
    "unknown-request": "Porch didn't understand that request. Please update the app and try again.",
    "not-authenticated": "This phone isn't connected to the server yet. Wait a moment and try again.",
    "auth-failed": "The server couldn't confirm this phone. Close Porch and open it again.",
    "rate-limited": "Too many tries in a short time. Wait a minute and try again.",
    internal: "Something went wrong on the server. Your changes are safe on this phone — try again later.",
    "too-many-catch-ups":
      "This phone asked the server for the same group too many times at once. Porch will try again by itself — your changes are safe on this phone.",
    "not-subscribed": "Porch lost track of this group on the server for a moment. It will catch up again by itself.",
    "slow-consumer":
      "The connection was too slow to keep up, so the server closed it. Porch reconnects by itself and carries on where it stopped — your changes are safe on this phone.",
    "hello-timeout": "The connection to the server took too long to start. Porch will try again by itself.",
    "too-many-connections":
      "The server has too many connections open from you or your network right now. Close Porch on other tabs or phones, or try again later.",
    "device-taken":
      "The server says another person already uses this phone's device code, so it refused to connect. Add this phone again from your recovery words.",
    "too-many-groups": "You've reached the most groups this server lets one person create.",
    "too-many-links":
      "Too many links to add a phone are open at once. Wait 10 minutes for the older ones to expire, then make a new one.",
    "group-full":
      "This group has used all the space the server allows, so new changes stay on this phone. Ask whoever runs your server for more room.",
    "bad-signature": "A change couldn't be checked, so Porch ignored it to keep your group safe.",
    "bad-id": "That link or code isn't right. Check it and try again.",
    "group-exists": "This group already exists.",
    "group-not-found": "We couldn't find this group. It may have been removed.",
    "not-a-member": "You're not a member of this group.",
    "not-admin": "Only the person who manages this group can do that.",
    "stale-head": "The group changed while you were working. Porch is catching up — try again in a moment.",
    "bad-entry": "A change to the group's members wasn't valid, so Porch ignored it.",
    "clock-skew": "This phone's clock seems to be off. Check the date and time in your phone's settings.",
    "time-went-backwards": "This phone's clock went backwards. Check the date and time in your phone's settings.",
    "invite-not-found": "This invitation link doesn't work — ask for a new link.",
    "invite-expired": "This invitation has expired — ask for a new link.",
    "invite-used": "This invitation was already used — ask for a new link.",
    "lockbox-missing":
      "Porch doesn't have your key for this group yet. Ask someone in the group to open Porch so it can be shared with you.",
    "invite-revoked": "This invitation was cancelled — ask for a new link.",
    "member-not-found": "That person isn't in this group anymore.",
    "last-admin": "A group always needs someone to manage it. Make another member a manager first.",
    "removed-from-group":
      "You are no longer in this group. You can still read what you saw before; nothing new will arrive.",
    "bad-checkpoint":
      "The group's summary of its members was not signed by two of its members, so Porch did not use it. Try again or ask for a new invitation.",
    "checkpoint-mismatch":
      "The group's summary of its members does not match its history, so Porch refused it. Nothing was lost; ask for a new invitation.",
    "key-commitment-mismatch":
      "This group failed a safety check, so Porch stopped to protect it. Ask for a new invitation.",
    "bad-envelope": "A change arrived damaged and was ignored. It will be sent again.",
    "wrong-group": "A change meant for another group arrived here and was ignored.",
    "stale-epoch": "The group's keys changed. Porch is catching up — try again in a moment.",
    "unknown-log-head": "Porch is missing part of the group's history and is catching up. Try again in a moment.",
    "counter-gap":
      "Some changes from your group seem to be missing: the server may be holding some back. Porch keeps checking. If this keeps happening, tell your group.",
    "counter-reused": "A change looked like a copy of an earlier one, so Porch ignored it to keep your group safe.",
    "decrypt-failed": "Porch couldn't open a change. It may have been made with an older key.",
    "foreign-actor": "A change came from someone who isn't in this group, so Porch ignored it.",
    "snapshot-not-found": "There is no saved copy of the group at that point to confirm.",
    "snapshot-own": "A device cannot confirm its own saved copy of the group — another member has to.",
    "forged-snapshot":
      "Someone sent a saved copy of the group with changes that don't match what its members wrote, so Porch ignored it.",
    "snapshot-unacknowledged":
      "The relay sent a saved copy of the group that no second member has confirmed, so Porch did not use it.",
    "rollback-detected":
      "The server sent older data than this phone already has. Porch kept your newer data. Tell your group if this keeps happening.",
    "link-expired": "This link to add a phone has expired. Make a new one on your other phone — links last 10 minutes.",
    "link-not-found": "This link to add a phone doesn't work. Make a new one on your other phone.",
    "link-bad-mac":
      "This phone couldn't be checked, so your other phone didn't trust it. Make a new link and try again.",
    "phrase-unknown-word": "One of the words isn't on the list of recovery words. Check the spelling.",
    "phrase-bad-checksum": "These words don't fit together. Check each word and the order.",
    "phrase-wrong-length": "The recovery words are 24 words. Check that none are missing.",
    "storage-failed":
      "This phone's storage refused to save or open Porch's data (it may be full). Nothing was deleted: free some space, then reload Porch.",
    "cohort-not-found": "This program enrolment was not found. Ask the organization for a new link.",
    "cohort-exists": "This program already exists.",
    "bad-cohort":
      "The program's settings were refused (its rules must keep every family's numbers hidden). Check them and try again.",
    "not-organization": "Only the organization that runs this program can do that.",
    "not-enrolled": "You're not enrolled in this program. Open the organization's enrolment link first.",
    "group-too-small": "To join a program, pick a group with at least one other member.",
    "cohort-full": "This program has as many families as it can take. Ask the organization about another one.",
    "round-not-found": "This reporting period was not found.",
    "round-exists": "This program already has a reporting period for that month.",
    "bad-call": "The reporting period's settings don't work together (check k, t, the minimums and the deadlines).",
    "wrong-phase": "That step isn't open right now in this reporting period. It will happen on its own when it's time.",
    "late-report": "This reporting period has closed; your numbers were not sent. You can share next period.",
    "bad-report": "Your report was refused because it did not match the period. Porch will build it again.",
    "already-reported":
      "You already shared for this month in another program. One report per month keeps everyone's totals fair.",
    "not-a-steward": "Only this period's stewards can do that.",
    "bad-reveal": "The steward lottery refused this answer.",
    "bad-partial": "A steward's total was refused.",
    "manifest-invalid":
      "This reporting period failed Porch's safety checks, so nothing was sent. Your numbers stay on this phone.",
    "journal-deleted":
      "Your journal was deleted from Porch's server on another of your devices. This device still has its copy and no longer syncs it: delete it here too, or keep it just on this device.",
    offline: "You're offline. Connect to the internet and try again — anything you changed is saved on this phone.",
    timeout: "The server took too long to answer. Check your connection and try again.",
    "wrong-relay":
      "This server answered for a different address than the one Porch connected to, so Porch did not sign in. If you run this server, make the proxy in front of it pass on the Host header.",
  },
};
