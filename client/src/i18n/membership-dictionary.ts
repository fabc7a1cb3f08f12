/** Sentences of the membership screens. Kept apart so each area grows without touching the others. */
export type MembershipDictionary = Record<never, never>;
