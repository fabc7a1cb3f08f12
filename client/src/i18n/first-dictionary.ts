/**
 * Sentences of a member's first days: the invitation landing (before any account exists), the
 * settings screen, the connection line before there is a connection, and dates spelled out in the
 * member's language. Wording rules: say who and what plainly ("Ana invited you to …"); a dead link
 * always says why and what to do next; never call the phone offline when it is not.
 */
import type { ErrorCode } from "@porch/shared";

type Text = string;
type Fn<A extends unknown[]> = (...args: A) => string;

/** Why an invitation link cannot be used, as the landing names it. */
export type DeadInvite = Extract<ErrorCode, "invite-used" | "invite-revoked" | "invite-expired" | "invite-not-found">;

export type FirstDictionary = {
  readonly first: {
    readonly syncConnecting: Fn<[pending: number]>;
    readonly settingsLink: Text;

    readonly landingTitle: Text;
    readonly landingChecking: Text;
    readonly landingInvitedBy: Fn<[inviter: string, group: string]>;
    readonly landingInvitedTo: Fn<[group: string]>;
    readonly landingInvited: Text;
    readonly landingNoteFrom: Fn<[inviter: string]>;
    readonly landingNote: Text;
    readonly landingExpires: Fn<[date: string]>;
    readonly landingNext: Text;
    readonly landingContinue: Text;
    readonly landingDeadTitle: Text;
    readonly landingDead: Readonly<Record<DeadInvite, Text>>;
    readonly landingAskNew: Text;
    readonly landingUncheckedTitle: Text;
    readonly landingUnchecked: Text;
    readonly landingSetUpAnyway: Text;
    readonly landingSetUpWithout: Text;

    readonly settingsTitle: Text;
    readonly nameTitle: Text;
    readonly nameLabel: Text;
    readonly nameHint: Text;
    readonly nameSave: Text;
    readonly nameSaved: Text;
    readonly langTitle: Text;
    readonly langHint: Text;
    readonly devicesTitle: Text;
    readonly thisDevice: Fn<[date: string]>;
    readonly otherDevice: Fn<[date: string]>;
    readonly devicesAdd: Text;
    readonly devicesRemoveNote: Text;
    readonly wordsTitle: Text;
    readonly wordsExplain: Text;
    readonly wordsShow: Text;
    readonly wordsConfirmTitle: Text;
    readonly wordsWarning: Text;
    readonly wordsConfirm: Text;
    readonly wordsCancel: Text;
    readonly wordsHide: Text;

    readonly dateInWords: Fn<[date: string]>;
  };
};
