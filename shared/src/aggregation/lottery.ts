/**
 * Choosing a round's stewards so that neither the organization nor the relay can steer the choice: a
 * lottery among the members who volunteered, seeded by commit–reveal.
 *
 * 1. Each volunteer's device picks a 32-byte nonce and publishes only `commitNonce(nonce)` with its
 *    volunteering. The list of commitments closes.
 * 2. Each volunteer reveals its nonce; `verifyReveal` checks it against its commitment. The seed is
 *    `lotterySeed` of every valid reveal (sorted, so order does not matter). Nobody can choose the seed
 *    after seeing the others' nonces: the commitments were fixed first, and one honest volunteer's
 *    random nonce makes the seed unpredictable to everyone else. A volunteer who does not reveal is
 *    left out of the draw (it can abort its own chance, not bias the others').
 * 3. `drawStewards` ranks volunteers by BLAKE2b(seed ‖ member id) and takes the lowest k, at most one
 *    per friend group; anyone can recompute it from the published reveals.
 *
 * What it does not prevent: an organization that fabricates volunteers in fake groups adds lottery
 * tickets (members check each steward's group through its membership log, which raises the cost but
 * does not rule it out; see README.md).
 */
import { bytesEqual, compareBytes, concatBytes, utf8 } from "../bytes.ts";
import { blake2b256 } from "../crypto/hash.ts";

/** A member who volunteered, with the group it would steward for. */
export interface Volunteer {
  readonly memberId: string;
  readonly groupId: string;
}

/** The commitment a volunteer publishes before anyone reveals. */
export const commitNonce = (nonce: Uint8Array): Uint8Array => blake2b256(concatBytes(utf8("porch/v1/lottery"), nonce));

/** True when `nonce` is the one behind `commitment` (and is 32 bytes). */
export const verifyReveal = (commitment: Uint8Array, nonce: Uint8Array): boolean =>
  nonce.length === 32 && bytesEqual(commitNonce(nonce), commitment);

/** The lottery's seed from every valid reveal, in any order. */
export function lotterySeed(reveals: readonly Uint8Array[]): Uint8Array {
  const sorted = [...reveals].sort(compareBytes);
  return blake2b256(concatBytes(utf8("porch/v1/lottery-seed"), ...sorted));
}

/** A volunteer's ticket for this seed: lower is drawn first. */
export const ticket = (seed: Uint8Array, memberId: string): Uint8Array => blake2b256(concatBytes(seed, utf8(memberId)));

/**
 * The k stewards: volunteers in ticket order, skipping a second volunteer from a group already drawn;
 * returned ordered by member id (the order shares are dealt in). Fewer than k when there are not enough
 * groups — the round cannot open then.
 */
export function drawStewards(volunteers: readonly Volunteer[], seed: Uint8Array, k: number): Volunteer[] {
  const ranked = [...new Map(volunteers.map((v) => [v.memberId, v])).values()]
    .map((v) => ({ v, ticket: ticket(seed, v.memberId) }))
    .sort((a, b) => compareBytes(a.ticket, b.ticket));
  const groups = new Set<string>();
  const drawn: Volunteer[] = [];
  for (const { v } of ranked) {
    if (drawn.length === k) break;
    if (groups.has(v.groupId)) continue;
    groups.add(v.groupId);
    drawn.push(v);
  }
  return drawn.sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}
