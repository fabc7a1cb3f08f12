/**
 * Aggregation's cohort frames: the organization creates a cohort (`agg-cohort-create`), a member
 * enrols for one of its friend groups (`agg-enrol`), anyone lists its cohorts (`agg-cohorts`) and
 * reads one (`agg-state`, with every round as it may see it: aggregation/round-state.ts).
 *
 * The organization is an ordinary authenticated identity: its socket's key is the record's `orgKey`.
 * A member enrols only for a group it is a current member of, with at least one other member (a
 * one-person group is a fabricated group: it could hold a steward nobody else vouches for).
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  bytesEqual,
  err,
  fromBase64Url,
  ok,
  toBase64Url,
  type AggCohortCreateFrame,
  type AggCohortsFrame,
  type AggEnrolFrame,
  type AggRoundState,
  type AggStateFrame,
} from "@porch/shared";
import { openCohort, verifyEnrolProof } from "@porch/shared/aggregation";
import { roundState } from "../aggregation/round-state.ts";
import type { Handler } from "./request-context.ts";

export const handleAggCohortCreate: Handler<AggCohortCreateFrame> = async (ctx, frame) => {
  const opened = openCohort(frame.cohort, frame.signature);
  if (!opened.ok) return err(opened.problem === "bad-signature" ? "bad-signature" : "bad-cohort", opened.problem);
  const me = MemberId.toBytes(ctx.memberId);
  if (!bytesEqual(opened.cohort.orgKey, me))
    return err("not-organization", "the record names another organization key");
  const cohortId = fromBase64Url(opened.cohort.cohortId);
  if (cohortId === null) return err("bad-cohort");
  const created = await ctx.storage.createCohort({
    cohortId,
    orgKey: me,
    record: frame.cohort,
    signature: frame.signature,
  });
  if (!created.ok) return created;
  return ok({ frame: { v: PROTOCOL_VERSION, type: "agg-ok", id: frame.id } });
};

export const handleAggEnrol: Handler<AggEnrolFrame> = async (ctx, frame) => {
  const cohort = await ctx.rounds.cohort(frame.cohortId);
  if (cohort === null) return err("cohort-not-found");
  if (!verifyEnrolProof(cohort.record, ctx.memberId, toBase64Url(frame.groupId), frame.proof))
    return err("bad-signature", "enrolment proof");
  const group = await ctx.hub.states.refresh(ctx.storage, frame.groupId);
  if (group === null || !group.members.has(ctx.memberId)) return err("not-a-member");
  if (group.members.size < 2) return err("group-too-small");
  // Re-enrolling (moving to another group) never counts twice; the report count is checked again,
  // in the round's queue, where no two requests race (handle-agg-report.ts).
  const me = MemberId.toBytes(ctx.memberId);
  if (
    (await ctx.storage.enrolment(frame.cohortId, me)) === null &&
    (await ctx.storage.enrolmentCount(frame.cohortId)) >= ctx.limits.maxCohortFamilies
  )
    return err("cohort-full", `${ctx.limits.maxCohortFamilies} families`);
  await ctx.storage.enrol({
    cohortId: frame.cohortId,
    memberId: me,
    groupId: frame.groupId,
    sealedName: frame.sealedName,
  });
  ctx.rounds.tell(cohort.stored.orgKey, frame.cohortId);
  return ok({ frame: { v: PROTOCOL_VERSION, type: "agg-ok", id: frame.id } });
};

export const handleAggCohorts: Handler<AggCohortsFrame> = async (ctx, frame) => {
  const listed = await ctx.storage.cohortsOf(MemberId.toBytes(ctx.memberId));
  return ok({
    frame: {
      v: PROTOCOL_VERSION,
      type: "agg-cohort-list",
      id: frame.id,
      cohorts: listed.map((c) => ({
        cohort: c.cohort.record,
        signature: c.cohort.signature,
        role: c.role,
        enrolled: c.enrolled,
      })),
    },
  });
};

export const handleAggState: Handler<AggStateFrame> = async (ctx, frame) => {
  const cohort = await ctx.rounds.cohort(frame.cohortId);
  if (cohort === null) return err("cohort-not-found");
  const me = MemberId.toBytes(ctx.memberId);
  const isOrg = bytesEqual(cohort.stored.orgKey, me);
  const mine = isOrg ? null : await ctx.storage.enrolment(frame.cohortId, me);
  if (!isOrg && mine === null) return err("not-enrolled");
  const rounds: AggRoundState[] = [];
  for (const stored of await ctx.storage.roundsOf(frame.cohortId)) {
    // Passed deadlines applied first (through the round's queue); otherwise read without queueing.
    const state = await ctx.rounds.readRound(stored.roundId, async (r) =>
      ok(await roundState(ctx.rounds, r, { identity: me, isOrg })),
    );
    if (!state.ok) return state;
    rounds.push(state.value);
  }
  // Only the organization reads the enrolment list; members get the count.
  const enrolments = isOrg ? await ctx.storage.enrolments(frame.cohortId) : [];
  const enrolled = isOrg ? enrolments.length : await ctx.storage.enrolmentCount(frame.cohortId);
  return ok({
    frame: {
      v: PROTOCOL_VERSION,
      type: "agg-state-reply",
      id: frame.id,
      cohort: cohort.stored.record,
      cohortSignature: cohort.stored.signature,
      relayKey: (await ctx.rounds.relayKey()).publicKey,
      role: isOrg ? "org" : "member",
      enrolled,
      enrolments: enrolments.map((e) => ({ memberId: e.memberId, groupId: e.groupId, sealedName: e.sealedName })),
      myGroupId: mine?.groupId ?? null,
      rounds,
    },
  });
};
