/** Spanish: the life screens. */
import type { LifeDictionary } from "./life-dictionary.ts";

export const lifeEs: LifeDictionary = {};
