/** English: the organization's programs, as a member sees them. */
import type { CohortsDictionary } from "./cohorts-dictionary.ts";

export const cohortsEn: CohortsDictionary = {
  cohorts: {
    enrolTitle: "Join a program",
    enrolInvited: (program) => `You're invited to take part in ${program}.`,
    enrolHow:
      "Each month your phone can add your answers to totals for many families at once. The organization sees only those totals — never your family's numbers — and pays members for taking part.",
    enrolNothingYet: "Nothing is sent until you turn it on, answer by answer, in Sharing.",
    groupLabel: "Your group for this program",
    groupHelp: "Families are counted by group, so that no one group's numbers stand out.",
    needGroup: "Start or join a group first: programs count families by group.",
    nameLabel: "Your name for the organization's list",
    nameHelp: "The organization uses it to pay you for taking part. Only the organization can read it.",
    volunteer: "I can help add up the totals (be a steward)",
    volunteerHelp:
      "A few families are drawn each month. A steward's phone adds up scrambled pieces while Porch is open; it never sees anyone's answers.",
    enrolButton: "Join the program",
    badLink: "This program link doesn't work. Ask the organization for a new one.",
    programsTitle: "Programs you joined",
    enrolledIn: (program, families) =>
      families === null ? program : `${program} · ${families} ${families === 1 ? "family" : "families"}`,
    period: (month) => `${month}:`,
    report: {
      "not-sharing": "Nothing to send for this month: fill in the month and turn on some answers above.",
      waiting: "Your totals will be sent as soon as Porch is online.",
      sent: "Sent.",
      included: "Counted in the totals.",
      "left-out":
        "Your report was sent but left out of this month's totals. Nothing else was shared; please tell the organization.",
      refused: "This month's report could not be sent. Nothing was shared.",
    },
    sentOn: (date) => `Sent on ${date}.`,
    steward: (program, month, status) => `You are a steward for ${program}, ${month}: ${status}.`,
    stewardStatus: {
      volunteered: "signed up, waiting for the draw",
      "not-drawn": "not drawn this time",
      drawn: "drawn, getting ready",
      accepted: "ready",
      "counts-posted": "adding up the totals",
      done: "done",
      faulty: "your phone's totals were refused",
    },
    stewardKeepOpen: "Keep Porch open for a few minutes when you can: your phone does its part while it's open.",
    phase: {
      volunteering: "Stewards are signing up.",
      revealing: "Stewards are being drawn.",
      accepting: "Stewards are getting ready.",
      open: "Families are sending their totals.",
      counts: "Stewards are adding up.",
      values: "Stewards are adding up.",
    },
    aborted: "No totals this month: not enough families or stewards took part. Nothing was shown to anyone.",
    releaseTitle: (program, month) => `Families in ${program}, ${month}`,
    releaseChange: (series, change) => `${series}: ${change} since they joined.`,
    releaseHidden: (series) => `${series}: not enough families yet to show the change.`,
    releaseUp: (share) => `${share} of families are up 10% or more.`,
    releaseFamilies: (families) => `${families} families took part.`,
    releaseWithheld: "Not enough families took part to show totals this month.",
    notEnough: "not enough families to show",
    series: { income: "Income", assets: "Savings and assets", debts: "Debts", netWorth: "Net worth" },
    notVerified: "This program's details don't match the organization's link. Porch sends nothing to it.",
    codeTitle: "Join a program with a code",
    codeLabel: "The program link or code the organization gave you",
    codeButton: "Continue",
  },
};
