/**
 * Membership as the UI sees it: roles, invitations, removal and leaving, second devices, recovery.
 * The group's signed membership log decides; names come from the sealed group document.
 */

/** Membership operations (filled in by the membership issue). */
export type MembershipApi = object;
