/** Sentences of the life screens. Kept apart so each area grows without touching the others. */
export type LifeDictionary = Record<never, never>;
