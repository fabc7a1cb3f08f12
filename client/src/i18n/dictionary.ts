/**
 * The shape every language must fill. `en.ts` and `es.ts` are typed against it, so a missing
 * sentence — including one for a new `ErrorCode` — is a type error, not a blank on a member's screen.
 * Entries that need numbers or names are small functions; they format with `Intl` (see format.ts).
 */
import type { ErrorCode } from "@porch/shared";
import type { GoalCategory } from "../core/api/porch-api.ts";
import type { JournalDictionary } from "./journal-dictionary.ts";
import type { CohortsDictionary } from "./cohorts-dictionary.ts";
import type { FirstDictionary } from "./first-dictionary.ts";
import type { LifeDictionary } from "./life-dictionary.ts";
import type { GroupScreenDictionary } from "./group-screen-dictionary.ts";
import type { MembershipDictionary } from "./membership-dictionary.ts";

/** The core screens' sentences. Feature areas add theirs in their own dictionary files (see below). */
export type CoreDictionary = {
  readonly appName: string;
  readonly loading: string;
  readonly otherTab: string;
  readonly startFailed: string;
  readonly unexpected: string;
  /** The other language's own name, shown on the switch button, and its accessible label. */
  readonly switchTo: string;
  readonly switchToLabel: string;
  readonly mainNav: string;
  readonly backToGroups: string;
  readonly cancel: string;

  readonly onboardTitle: string;
  readonly onboardIntro: string;
  readonly onboardLangLegend: string;
  readonly onboardNameLabel: string;
  readonly onboardNameHint: string;
  readonly onboardSubmit: string;
  readonly onboardInvited: string;
  readonly nameRequired: string;
  readonly nameTooLong: (max: number) => string;

  readonly recoveryTitle: string;
  readonly recoveryExplain: string;
  readonly recoveryListLabel: string;
  readonly recoveryConfirm: string;
  readonly recoveryContinue: string;

  readonly homeTitle: string;
  readonly homeEmptyTitle: string;
  readonly homeEmptyBody: string;
  readonly createGroupTitle: string;
  readonly createGroupNameLabel: string;
  readonly createGroupSubmit: string;
  readonly groupNameRequired: string;
  readonly groupNameTooLong: (max: number) => string;

  readonly groupNotFoundTitle: string;
  readonly groupNotFound: string;
  readonly membersTitle: string;
  readonly you: string;
  readonly unknownMember: string;
  readonly goalsTitle: string;
  readonly goalsEmpty: string;
  readonly goalBy: string;
  readonly goalTarget: string;
  readonly goalEdit: string;
  readonly goalEditLabel: (title: string) => string;
  readonly addGoalTitle: string;
  readonly editGoalTitle: string;
  readonly goalTitleLabel: string;
  readonly goalCategoryLabel: string;
  readonly goalTargetLabel: string;
  readonly goalTargetHint: string;
  readonly goalAdd: string;
  readonly goalSave: string;
  readonly goalTitleRequired: string;
  readonly goalTitleTooLong: (max: number) => string;
  readonly goalTargetInvalid: string;
  readonly goalTargetTooLarge: (max: string) => string;
  readonly categories: Readonly<Record<GoalCategory, string>>;

  readonly inviteTitle: string;
  readonly inviteLinkLabel: string;
  readonly inviteWarning: string;
  readonly inviteCopy: string;
  readonly inviteCopied: string;
  readonly inviteCopyFailed: string;
  readonly inviteShare: string;
  readonly inviteShareText: (group: string) => string;
  readonly inviteQrLabel: string;

  readonly joinTitle: string;
  readonly joining: string;
  readonly joinFailedTitle: string;
  readonly tryAgain: string;

  readonly syncSynced: string;
  readonly syncSyncing: string;
  readonly syncOffline: (pending: number) => string;
  readonly syncError: (sentence: string) => string;

  /** One sentence a member understands for every expected failure (docs/conventions.md, "Errors"). */
  readonly errors: Readonly<Record<ErrorCode, string>>;
};

/** Every sentence in one language: the core's, membership's, group life's, the journal's and the programs'. */
export type Dictionary = CoreDictionary &
  MembershipDictionary &
  LifeDictionary &
  GroupScreenDictionary &
  JournalDictionary &
  CohortsDictionary &
  FirstDictionary;
