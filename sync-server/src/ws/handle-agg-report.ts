/**
 * Aggregation's round frames from the reports on: an enrolled member's sealed report (`agg-report`,
 * answered with the relay's signed receipt), a steward reading its sealed shares of the frozen batch
 * (`agg-shares`), and a steward's signed partial sum of one part (`agg-partial`; when every steward
 * not found faulty has posted, the part is finished: aggregation/round-steps.ts).
 *
 * The relay checks what it can without opening anything: the report's round, manifest, size and
 * signature (`verifyReport`), and a partial's length, field elements and signature.
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  bytesEqual,
  err,
  ok,
  type AggPartialFrame,
  type AggReportFrame,
  type AggSharesFrame,
  type RoundPhase,
} from "@porch/shared";
import {
  blockCounts,
  countElements,
  packedLength,
  isElement,
  reportHash,
  signReceipt,
  unpackElements,
  valueElements,
  verifyPartial,
  verifyReport,
  type SealedReport,
} from "@porch/shared/aggregation";
import { finishPart, manifestOf } from "../aggregation/round-steps.ts";
import type { Handler } from "./request-context.ts";

/** Sealed share bytes per `agg-share-page` (a page holds at least one share). */
export const SHARE_PAGE_BYTES = 1024 * 1024;

const BEFORE_OPEN: readonly RoundPhase[] = ["volunteering", "revealing", "accepting"];

export const handleAggReport: Handler<AggReportFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    if (BEFORE_OPEN.includes(r.stored.phase)) return err("wrong-phase");
    if (r.stored.phase !== "open") return err("late-report");
    const me = MemberId.toBytes(ctx.memberId);
    const enrolment = await ctx.storage.enrolment(r.cohort.stored.cohortId, me);
    if (enrolment === null) return err("not-enrolled");
    // Enrolments are capped too, but two can race there; reports cannot (one round queue). The cap
    // keeps every sum inside its packed lane (MAX_COHORT, shared/src/aggregation/packing.ts).
    // A member's second report replaces its first, so only a new reporter counts.
    if (
      (await ctx.storage.report(r.stored.roundId, me)) === null &&
      (await ctx.storage.reportCount(r.stored.roundId)) >= ctx.limits.maxCohortFamilies
    )
      return err("cohort-full", `${ctx.limits.maxCohortFamilies} reports`);
    // The report names the socket's identity, so its signature must be that identity's.
    const report: SealedReport = {
      roundId: frame.roundId,
      manifestHash: frame.manifestHash,
      memberId: ctx.memberId,
      shares: frame.shares,
      signature: frame.signature,
    };
    const problem = verifyReport(report, await manifestOf(ctx.rounds, r), packedLength(r.cohort.layout));
    if (problem === "bad-signature") return err("bad-signature", "report");
    if (problem !== null) return err("bad-report", problem);
    const hash = reportHash(report);
    const receivedAt = ctx.now();
    const stored = await ctx.storage.putReport(r.stored.roundId, r.call.period, {
      memberId: me,
      groupId: enrolment.groupId,
      reportHash: hash,
      receivedAt,
      manifestHash: frame.manifestHash,
      signature: frame.signature,
      shares: frame.shares,
    });
    if (!stored.ok) return stored;
    // Only the organization (its report count) and the member's own devices hear of one report:
    // telling every enrolled member about every report would be quadratic in the cohort.
    ctx.rounds.tell(r.cohort.stored.orgKey, r.cohort.stored.cohortId);
    ctx.rounds.tell(me, r.cohort.stored.cohortId);
    const receipt = { roundId: frame.roundId, memberId: ctx.memberId, reportHash: hash, receivedAt };
    return ok({
      frame: {
        v: PROTOCOL_VERSION,
        type: "agg-receipt",
        id: frame.id,
        receivedAt,
        reportHash: hash,
        signature: signReceipt(receipt, (await ctx.rounds.relayKey()).privateKey),
      },
    });
  });

const SHARES_READABLE: readonly RoundPhase[] = ["counts", "values", "published"];

export const handleAggShares: Handler<AggSharesFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    if (!SHARES_READABLE.includes(r.stored.phase)) return err("wrong-phase");
    const me = MemberId.toBytes(ctx.memberId);
    const steward = (await ctx.storage.stewards(r.stored.roundId)).find((s) => bytesEqual(s.memberId, me));
    if (steward === undefined) return err("not-a-steward");
    const page = await ctx.storage.shares(r.stored.roundId, steward.x, frame.after, SHARE_PAGE_BYTES);
    return ok({
      frame: {
        v: PROTOCOL_VERSION,
        type: "agg-share-page",
        id: frame.id,
        items: page.items.map((i) => ({ memberId: i.memberId, share: i.share })),
        next: page.next,
      },
    });
  });

export const handleAggPartial: Handler<AggPartialFrame> = (ctx, frame) =>
  ctx.rounds.withRound(frame.roundId, async (r) => {
    const { stored, call, cohort } = r;
    if (stored.phase !== frame.part || stored.freeze === null) return err("wrong-phase");
    const me = MemberId.toBytes(ctx.memberId);
    const stewards = await ctx.storage.stewards(stored.roundId);
    const steward = stewards.find((s) => bytesEqual(s.memberId, me));
    if (steward === undefined) return err("not-a-steward");
    if (steward.faulty) return err("bad-partial", "this steward's partial was found wrong");
    const counts = stored.counts === null ? null : unpackElements(stored.counts);
    const expected =
      frame.part === "counts"
        ? countElements(cohort.layout).length
        : valueElements(cohort.layout, blockCounts(cohort.layout, counts ?? []), call.minContributors).length;
    const elements = unpackElements(frame.values);
    if (elements === null || elements.length !== expected || !elements.every(isElement))
      return err("bad-partial", "length or field elements");
    const partial = {
      roundId: stored.roundId,
      batchHash: stored.freeze.batchHash,
      x: steward.x,
      part: frame.part,
      values: frame.values,
    };
    if (!verifyPartial(partial, frame.signature, me)) return err("bad-signature", "partial");
    const put = await ctx.storage.putPartial(stored.roundId, {
      x: steward.x,
      part: frame.part,
      elements: frame.values,
      signature: frame.signature,
    });
    if (!put.ok) return put;
    if (put.value.duplicate) return ok({ frame: { v: PROTOCOL_VERSION, type: "agg-ok", id: frame.id } });
    ctx.rounds.markChanged(cohort.stored.cohortId);
    const posted = new Set((await ctx.storage.partials(stored.roundId, frame.part)).map((p) => p.x));
    if (stewards.every((s) => s.faulty || posted.has(s.x))) await finishPart(ctx.rounds, r, frame.part);
    return ok({ frame: { v: PROTOCOL_VERSION, type: "agg-ok", id: frame.id } });
  });
