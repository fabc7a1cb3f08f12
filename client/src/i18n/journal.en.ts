/** English: the private monthly journal. Short, warm, never judging; every question can be skipped. */
import { formatNumber, pluralCategory } from "./format.ts";
import type { JournalDictionary, JournalErrors } from "./journal-dictionary.ts";

const n = (value: number) => formatNumber(value, "en");

export const journalErrorsEn: JournalErrors = {
  "amount-not-a-number": "Please write an amount in dollars, like 1,250.50.",
  "amount-negative": "Amounts can't be negative. If you owe money, write it under debts.",
  "amount-too-large": "Please write an amount of $10,000,000 or less.",
  "count-out-of-range": "Please write a whole number in the range shown.",
  "choice-unknown": "Please pick one of the answers shown.",
  "text-too-long": "Please keep it to 2,000 characters or fewer.",
  "month-in-future": "That month hasn't happened yet. Choose this month or an earlier one.",
  "month-invalid": "Please choose a month from the list.",
};

export const journalEn: JournalDictionary = {
  journal: {
    title: "My journal",
    intro: "A few minutes once a month to see how things are going for your family.",
    privateNote: "Only you can see your journal.",
    skipAnything: "Skip anything you'd rather not answer.",
    monthLabel: "Month",
    save: "Save",
    saved: (month) => `${month} is saved.`,
    reminder: (month) => `You haven't filled in ${month} yet. Whenever you have a few minutes.`,
    sections: {
      income: "Money coming in",
      assets: "What you have",
      debts: "What you owe",
      health: "Health",
      education: "School and training",
      housing: "Home",
      leadership: "Roles you hold",
      connections: "People in your life",
      reflection: "Your month",
    },
    fields: {
      "income.wages": { label: "Pay from work", help: "Take-home pay from your jobs this month." },
      "income.selfEmployment": {
        label: "Your own business or side work",
        help: "What you earned on your own this month, after costs.",
      },
      "income.benefits": { label: "Benefits", help: "SNAP, WIC, SSI, unemployment or other public help this month." },
      "income.family": {
        label: "Help from family and friends",
        help: "Money they gave you this month — gifts, not loans.",
      },
      "income.other": { label: "Other income", help: "Anything else: child support, a tax refund, a roommate's rent." },
      "household.size": { label: "People in your home", help: "Everyone who lives and eats with you, you included." },
      "assets.cash": { label: "Cash and savings", help: "In the bank, in savings and at home, about today." },
      "assets.retirement": { label: "Retirement savings", help: "A 401(k), an IRA or a pension, if you have one." },
      "assets.vehicle": { label: "Car or truck", help: "About what you could sell it for today." },
      "assets.homeEquity": {
        label: "Your share of your home",
        help: "If you own your home: what it's worth minus what you still owe on it.",
      },
      "assets.business": { label: "Your business", help: "Its tools, stock and equipment, minus what it owes." },
      "debts.creditCards": { label: "Credit cards", help: "What you owe on all your cards together." },
      "debts.loans": {
        label: "Loans",
        help: "Car, student, personal or payday loans left to pay (not your mortgage).",
      },
      "debts.medical": { label: "Medical bills", help: "Doctor, hospital or dentist bills you still owe." },
      "debts.other": {
        label: "Other debts",
        help: "Back rent, utilities, a loan from family — anything else you owe.",
      },
      "health.insured": { label: "Health insurance", help: "Do you have health insurance right now? Medicaid counts." },
      "health.selfRated": {
        label: "How is your health?",
        help: "How you feel this month, from 1 (poor) to 5 (excellent).",
      },
      "education.enrolled": {
        label: "In school or training",
        help: "Are you taking classes or a training program this month?",
      },
      "education.credential": {
        label: "Finished a diploma or certificate",
        help: "Did you earn a diploma, certificate or license this month?",
      },
      "education.childrenSchool": { label: "Kids at school", help: "How are your children doing at school overall?" },
      "housing.status": { label: "Where you live", help: "Pick what fits your home this month." },
      "housing.cost": { label: "Rent or mortgage", help: "Your share of this month's rent or mortgage." },
      "leadership.school": { label: "A role at school", help: "PTA, school council, room parent or similar." },
      "leadership.faith": {
        label: "A role at your place of worship",
        help: "Leading, teaching or serving on a committee.",
      },
      "leadership.neighbourhood": {
        label: "A role in your neighborhood",
        help: "A block club, tenants' group or community board.",
      },
      "leadership.volunteer": { label: "Volunteering", help: "Any group or cause you gave your time to this month." },
      "connections.countOn": {
        label: "People you can count on",
        help: "If you needed help tomorrow, how many people could you call?",
      },
      "help.given": {
        label: "Times you helped someone",
        help: "Rides, meals, childcare — any help you gave this month.",
      },
      "help.received": { label: "Times someone helped you", help: "Any help you got from others this month." },
      reflection: { label: "Anything on your mind?", help: "A few words about your month, just for you." },
    },
    choices: {
      "education.childrenSchool": {
        na: "No children in school",
        struggling: "Having a hard time",
        onTrack: "On track",
        thriving: "Doing great",
      },
      "housing.status": {
        own: "We own our home",
        rent: "We rent",
        family: "We live with family or friends",
        unstable: "We don't have a steady place",
      },
      "connections.countOn": { none: "No one", few: "One or two", some: "A few", many: "Many" },
    },
    yes: "Yes",
    no: "No",
    ratings: { "1": "Poor", "2": "Fair", "3": "Good", "4": "Very good", "5": "Excellent" },
    moneyHint: "In dollars, like 1,250.50. Leave it empty to skip.",
    countHint: (min, max) => `A whole number from ${n(min)} to ${n(max)}.`,
    charactersLeft: (left) =>
      pluralCategory(left, "en") === "one" ? "1 character left" : `${n(left)} characters left`,

    progressTitle: "How things are changing",
    series: { income: "Money coming in", assets: "What you have", debts: "What you owe", netWorth: "Net worth" },
    sinceBaseline: (month) => `Since ${month}`,
    change: (amount, percent) => `${amount} (${percent})`,
    notAvailable: "n/a",
    notAnswered: "Not answered",
    missingExplain: "Totals count only what you answered. A question you skipped is left out, not counted as zero.",
    baselineLabel: "Compare with",
    baselineHelp: "The month your changes are measured from. Your first month, unless you pick another.",
    baselineFirst: "My first month",

    historyTitle: "Changes to this month",
    editedOn: (when) => `Edited ${when}`,
    firstWritten: (when) => `First written ${when}`,
    changedFrom: (field, from, to) => `${field}: ${from} → ${to}`,
    emptyAnswer: "(empty)",

    consentTitle: "What you share",
    nothingShared: "Nothing is shared unless you turn it on.",
    cannotRecall: "Totals already published cannot be taken back.",
    revokeNextPeriod: "If you turn something off, it stops from the next report on.",
    audiences: {
      "org-totals": {
        name: "The program's totals",
        explain:
          "Your answers are added, without your name, to totals for all families in the program. Only the ones you turn on.",
      },
      "group-progress": {
        name: "Your group",
        explain: "Friends in this group see the dollar amounts of your goal progress, not just how far along you are.",
      },
    },
    shareField: (field) => `Share “${field}”`,
    neverShared: "Your reflection is never shared with anyone.",
    previewTitle: "What would be sent",
    previewEmpty: "Nothing — you haven't turned any sharing on.",
    previewRange: (range) => `Counted in the range ${range}`,
    participation: (months) =>
      pluralCategory(months, "en") === "one"
        ? "You've added to the program's totals for 1 month."
        : `You've added to the program's totals for ${n(months)} months.`,
    participationTitle: "Months you took part",
    previewFrom: (month) => `From your answers for ${month}:`,
    ledgerTitle: "Your sharing choices",
    ledgerEmpty: "You haven't changed any sharing yet.",
    ledgerOn: (when, what, audience) => `${when}: turned on “${what}” for ${audience}`,
    ledgerOff: (when, what, audience) => `${when}: turned off “${what}” for ${audience}`,
    aGroup: "a group",
    noGroups: "You're not in a group yet.",

    open: "Open my journal",
    navLabel: "My journal",
    monthsTitle: "Months you've written",
    progressEmpty: "Write your first month and your progress shows up here.",
    amountColumn: "Amount",
    showAllMonths: (months) => `Show all ${n(months)} months`,
    showRecentMonths: (months) => `Show only the last ${n(months)} months`,
    changeColumn: "Change",
    print: "Print a summary",
    myDataTitle: "Your data",
    exportExplain: "Download everything in your journal — your answers, your sharing choices and what was sent.",
    exportJson: "Download (JSON)",
    exportCsv: "Download (spreadsheet)",
    exported: "Your download is ready.",
    deleteTitle: "Delete your journal",
    deleteExplain:
      "Deletes your journal from this phone and from Porch's server. Your other devices keep their copy until you delete it there too.",
    deleteButton: "Delete my journal…",
    deleteConfirmText: "This can't be undone. Download a copy first if you want to keep it.",
    deleteConfirm: "Yes, delete it",
    deletedDone: "Your journal was deleted here and on the server.",
  },
};
