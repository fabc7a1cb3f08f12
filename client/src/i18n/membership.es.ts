/** Spanish: the membership screens. */
import type { MembershipDictionary } from "./membership-dictionary.ts";

export const membershipEs: MembershipDictionary = {};
