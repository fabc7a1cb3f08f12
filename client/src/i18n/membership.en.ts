/** English: the membership screens. */
import type { MembershipDictionary } from "./membership-dictionary.ts";

export const membershipEn: MembershipDictionary = {};
