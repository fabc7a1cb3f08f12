/**
 * What a member's device checks before it seals anything to a round's stewards — it trusts neither the
 * relay nor the organization for any of it:
 *
 * 1. the call is signed by the organization key the member pinned at enrolment, names this cohort and
 *    this cohort record's exact bytes (rules and disclosure), and asks at least the cohort's minimums;
 * 2. the stewards are exactly the lottery's draw from the published commitments and reveals (nobody
 *    chose them), k of them, each from a different friend group;
 * 3. each steward accepted the call with its identity, binding its round key and group;
 * 4. each steward's group is a real group: its membership log replays (every entry signed, in order)
 *    and admits the steward, with at least one other member.
 *
 * Any failure is `manifest-invalid` with the reason as detail; nothing is sent then.
 */
import { err, ok, replayLog, toBase64Url, bytesEqual, MemberId, type Result, type AggRoundState } from "@porch/shared";
import {
  checkManifest,
  cohortHash,
  decodeCall,
  drawStewards,
  lotterySeed,
  verifyAcceptance,
  verifyCall,
  verifyReveal,
  type CohortRecord,
  type RoundCall,
  type RoundManifest,
} from "@porch/shared/aggregation";

const invalid = (why: string) => err("manifest-invalid", why);

/** The round's call, checked against the cohort (signature, cohort, schema, minimums). */
export function checkCallOf(round: AggRoundState, cohort: CohortRecord, cohortBytes: Uint8Array): Result<RoundCall> {
  const call = decodeCall(round.call);
  if (call === null) return invalid("call does not decode");
  if (!verifyCall(call, round.callSignature, cohort.orgKey)) return invalid("call not signed by the organization");
  if (call.cohortId !== cohort.cohortId) return invalid("call names another cohort");
  if (!bytesEqual(call.schemaHash, cohortHash(cohortBytes))) return invalid("call names other rules");
  if (call.minContributors < cohort.disclosure.minContributors || call.minGroups < cohort.disclosure.minGroups)
    return invalid("call asks less than the cohort's minimums");
  return ok(call);
}

/** The round's manifest once every check above passed. */
export function checkRound(round: AggRoundState, cohort: CohortRecord, cohortBytes: Uint8Array): Result<RoundManifest> {
  const call = checkCallOf(round, cohort, cohortBytes);
  if (!call.ok) return call;
  const stewards = round.stewards.map((s) => ({
    memberId: toBase64Url(s.memberId),
    groupId: toBase64Url(s.groupId),
    roundKey: s.roundKey,
    acceptance: s.acceptance,
  }));
  const listed = stewards.flatMap((s) =>
    s.roundKey === null ? [] : [{ memberId: s.memberId, groupId: s.groupId, roundKey: s.roundKey }],
  );
  const manifest: RoundManifest = { ...call.value, stewards: listed };
  const rule = checkManifest(manifest);
  if (rule !== null) return invalid(rule);

  // 2. The draw, recomputed from what was published.
  const revealed = round.volunteers.filter((v) => v.nonce !== null && verifyReveal(v.commitment, v.nonce));
  const seed = lotterySeed(revealed.map((v) => v.nonce!));
  const drawn = drawStewards(
    revealed.map((v) => ({ memberId: toBase64Url(v.memberId), groupId: toBase64Url(v.groupId) })),
    seed,
    call.value.k,
  );
  if (drawn.length !== listed.length || drawn.some((d, i) => d.memberId !== listed[i]!.memberId))
    return invalid("stewards are not the lottery's draw");

  for (const s of stewards) {
    // 3. Acceptance.
    if (s.roundKey === null || s.acceptance === null) return invalid("a steward has not accepted");
    if (!verifyAcceptance(call.value, { memberId: s.memberId, groupId: s.groupId, roundKey: s.roundKey }, s.acceptance))
      return invalid("a steward's acceptance does not verify");
    // 4. A real group that admits the steward.
    const log = round.stewardLogs.find((l) => toBase64Url(l.groupId) === s.groupId);
    if (log === undefined) return invalid("a steward's group log is missing");
    const state = replayLog(log.entries);
    if (!state.ok || state.value.groupId !== s.groupId) return invalid("a steward's group log does not replay");
    const id = MemberId.parse(s.memberId);
    if (id === null || !state.value.members.has(id)) return invalid("a steward is not a member of its group");
    if (state.value.members.size < 2) return invalid("a steward's group has no other member");
  }
  return ok(manifest);
}
