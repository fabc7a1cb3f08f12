/**
 * Aggregation's round frames up to the committee: the organization opens a round with its signed
 * call (`agg-round-open`) and may close the current phase early (`agg-advance`); enrolled members
 * volunteer with a nonce's commitment (`agg-volunteer`) and reveal it (`agg-reveal`; the last reveal
 * draws the stewards); the drawn stewards accept with their round keys (`agg-accept`; the last
 * acceptance opens the round for reports). Each runs in the round's queue after its deadlines.
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  bytesEqual,
  err,
  fromBase64Url,
  ok,
  toBase64Url,
  type AggAcceptFrame,
  type AggAdvanceFrame,
  type AggRevealFrame,
  type AggRoundOpenFrame,
  type AggVolunteerFrame,
} from "@porch/shared";
import {
  checkCall,
  cohortHash,
  decodeCall,
  verifyAcceptance,
  verifyCall,
  verifyReveal,
} from "@porch/shared/aggregation";
import { abort, closeVolunteering, draw, finishPart, freeze, openForReports } from "../aggregation/round-steps.ts";
import type { Handler } from "./request-context.ts";

const aggOk = (id: number) => ok({ frame: { v: PROTOCOL_VERSION, type: "agg-ok", id } as const });

export const handleAggRoundOpen: Handler<AggRoundOpenFrame> = async (ctx, frame) => {
  const call = decodeCall(frame.call);
  if (call === null) return err("bad-call", "malformed");
  const cohortId = fromBase64Url(call.cohortId);
  const cohort = cohortId === null || cohortId.length !== 16 ? null : await ctx.rounds.cohort(cohortId);
  if (cohortId === null || cohort === null) return err("cohort-not-found");
  if (!bytesEqual(cohort.stored.orgKey, MemberId.toBytes(ctx.memberId))) return err("not-organization");
  const { disclosure } = cohort.record;
  const problem =
    checkCall(call) ??
    (call.cohortId !== cohort.record.cohortId
      ? "cohort"
      : !bytesEqual(call.schemaHash, cohortHash(cohort.stored.record))
        ? "schema"
        : call.volunteersBy <= ctx.now()
          ? "deadline passed"
          : call.minContributors < disclosure.minContributors || call.minGroups < disclosure.minGroups
            ? "minimums below the cohort's"
            : null);
  if (problem !== null) return err("bad-call", problem);
  if (!verifyCall(call, frame.signature, cohort.stored.orgKey)) return err("bad-signature", "call");
  const created = await ctx.storage.createRound({
    roundId: call.roundId,
    cohortId,
    period: call.period,
    call: frame.call,
    callSignature: frame.signature,
  });
  if (!created.ok) return created;
  await ctx.rounds.changed(cohortId, true, "volunteering");
  return aggOk(frame.id);
};

export const handleAggVolunteer: Handler<AggVolunteerFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    const me = MemberId.toBytes(ctx.memberId);
    const enrolment = await ctx.storage.enrolment(r.cohort.stored.cohortId, me);
    if (enrolment === null) return err("not-enrolled");
    if (r.stored.phase !== "volunteering") return err("wrong-phase");
    await ctx.storage.putVolunteer(r.stored.roundId, {
      memberId: me,
      groupId: enrolment.groupId,
      commitment: frame.commitment,
    });
    ctx.rounds.markChanged(r.cohort.stored.cohortId);
    return aggOk(frame.id);
  });

export const handleAggReveal: Handler<AggRevealFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    if (r.stored.phase !== "revealing") return err("wrong-phase");
    const me = MemberId.toBytes(ctx.memberId);
    const volunteers = await ctx.storage.volunteers(r.stored.roundId);
    const mine = volunteers.find((v) => bytesEqual(v.memberId, me));
    if (mine === undefined) return err("not-a-steward", "not a volunteer");
    if (!verifyReveal(mine.commitment, frame.nonce)) return err("bad-reveal");
    await ctx.storage.revealNonce(r.stored.roundId, me, frame.nonce);
    ctx.rounds.markChanged(r.cohort.stored.cohortId);
    if (volunteers.every((v) => v === mine || v.nonce !== null)) await draw(ctx.rounds, r);
    return aggOk(frame.id);
  });

export const handleAggAccept: Handler<AggAcceptFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    if (r.stored.phase !== "accepting") return err("wrong-phase");
    const me = MemberId.toBytes(ctx.memberId);
    const stewards = await ctx.storage.stewards(r.stored.roundId);
    const mine = stewards.find((s) => bytesEqual(s.memberId, me));
    if (mine === undefined) return err("not-a-steward");
    const steward = { memberId: ctx.memberId, groupId: toBase64Url(mine.groupId), roundKey: frame.roundKey };
    if (!verifyAcceptance(r.call, steward, frame.signature)) return err("bad-signature", "acceptance");
    await ctx.storage.acceptSteward(r.stored.roundId, mine.x, frame.roundKey, frame.signature);
    ctx.rounds.markChanged(r.cohort.stored.cohortId);
    if (stewards.every((s) => s === mine || s.acceptance !== null)) await openForReports(ctx.rounds, r);
    return aggOk(frame.id);
  });

/**
 * The organization closes the current phase now. When a deadline already moved the round on while
 * this request waited, that move is the advance: nothing more happens.
 */
export const handleAggAdvance: Handler<AggAdvanceFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r, found) => {
    if (!bytesEqual(r.cohort.stored.orgKey, MemberId.toBytes(ctx.memberId))) return err("not-organization");
    if (r.stored.phase !== found.stored.phase) return aggOk(frame.id);
    switch (r.stored.phase) {
      case "volunteering":
        await closeVolunteering(ctx.rounds, r);
        break;
      case "revealing":
        await draw(ctx.rounds, r);
        break;
      case "accepting":
        // Had every steward accepted, the round would be open already.
        await abort(ctx.rounds, r, "too-few-stewards");
        break;
      case "open":
        await freeze(ctx.rounds, r);
        break;
      case "counts":
      case "values":
        await finishPart(ctx.rounds, r, r.stored.phase);
        break;
      default:
        return err("wrong-phase");
    }
    return aggOk(frame.id);
  });
