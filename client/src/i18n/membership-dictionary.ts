/** Sentences of the membership screens. Kept apart so each area grows without touching the others. */
export type MembershipDictionary = {
  readonly membership: {
    readonly roleAdmin: string;
    readonly roleMember: string;
    readonly makeManager: (name: string) => string;
    readonly makeMember: (name: string) => string;
    readonly remove: (name: string) => string;
    readonly removeConfirm: (name: string) => string;
    readonly removeExplain: string;
    readonly confirmRemove: string;
    readonly leave: string;
    readonly leaveTitle: string;
    readonly leaveExplain: string;
    readonly leaveSuccessorLabel: string;
    readonly leaveSuccessorHint: string;
    readonly confirmLeave: string;
    readonly actionsFor: (name: string) => string;

    readonly inviteExpiryLabel: string;
    readonly inviteExpiry1h: string;
    readonly inviteExpiry24h: string;
    readonly inviteExpiry72h: string;
    readonly inviteExpiry7d: string;
    readonly inviteNoteLabel: string;
    readonly inviteNoteHint: string;
    readonly inviteWarningFor: (hours: number) => string;

    readonly pendingTitle: string;
    readonly pendingEmpty: string;
    readonly pendingItem: (note: string | null, expires: string) => string;
    readonly revoke: string;
    readonly revokeLabel: (what: string) => string;

    readonly historyTitle: string;
    readonly eventCreated: (by: string) => string;
    readonly eventJoined: (who: string, by: string | null) => string;
    readonly eventRemoved: (by: string, who: string) => string;
    readonly eventLeft: (who: string) => string;
    readonly eventManager: (by: string, who: string) => string;
    readonly eventMember: (by: string, who: string) => string;

    readonly removedTitle: string;
    readonly leftTitle: string;
    readonly removedBody: string;

    readonly devicesTitle: string;
    readonly devicesLink: string;
    readonly devicesIntro: string;
    readonly devicesMakeLink: string;
    readonly devicesLinkLabel: string;
    readonly devicesLinkExpires: (time: string) => string;
    readonly devicesQrLabel: string;
    readonly devicesWarning: string;

    readonly noticeDeviceAdded: (date: string) => string;
    readonly noticeWhatToDo: string;
    readonly noticeDismiss: string;

    readonly linkTitle: string;
    readonly linking: string;
    readonly linkFailed: string;
    readonly linkDone: string;

    readonly onboardHaveAccount: string;
    readonly onboardRecoverLink: string;
    readonly onboardLinkHint: string;

    readonly recoverTitle: string;
    readonly recoverIntro: string;
    readonly recoverPhraseLabel: string;
    readonly recoverPhraseHint: string;
    readonly recoverNameLabel: string;
    readonly recoverSubmit: string;
    readonly recovering: string;
    readonly phraseUnknownWord: (position: number) => string;
    readonly phraseWrongLength: (count: number) => string;
  };
};
