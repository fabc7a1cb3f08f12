/**
 * A round as one identity may see it (`agg-state-reply`'s `RoundState`). Everyone in the cohort sees
 * the signed call, the phase, the volunteers with their commitments (and nonces once revealed, so
 * anyone can redo the lottery), the stewards with their round keys and acceptances, each steward's
 * group's membership log (to check the steward is admitted there), how many reports there are, the
 * signed freeze, which blocks' values are rebuilt once the counts are in (never the exact counts:
 * small ones are for the disclosure rules to hide) and the signed release. A member also gets its own receipt
 * and whether its report is in the frozen batch; only the organization gets the batch itself (who
 * contributed, for payment).
 */
import { bytesEqual, toBase64Url, type AggRoundState } from "@porch/shared";
import { blockCounts, signReceipt, unpackElements, valueBlocks } from "@porch/shared/aggregation";
import type { LoadedRound, RoundService } from "./round-service.ts";

export interface Viewer {
  readonly identity: Uint8Array;
  readonly isOrg: boolean;
}

export async function roundState(service: RoundService, r: LoadedRound, viewer: Viewer): Promise<AggRoundState> {
  const { storage } = service;
  const { stored } = r;
  const id = stored.roundId;
  // Only the organization reads the whole batch; a member reads its own report and the count.
  const [volunteers, stewards, reports, mineStored, reportCount, counts, values, key] = await Promise.all([
    storage.volunteers(id),
    storage.stewards(id),
    viewer.isOrg ? storage.reports(id) : Promise.resolve([]),
    storage.report(id, viewer.identity),
    storage.reportCount(id),
    storage.partials(id, "counts"),
    storage.partials(id, "values"),
    service.relayKey(),
  ]);
  const groups = [...new Map(stewards.map((s) => [toBase64Url(s.groupId), s.groupId])).values()];
  const stewardLogs = await Promise.all(
    groups.map(async (groupId) => ({ groupId, entries: (await storage.readLog(groupId, 0)).map((e) => e.bytes) })),
  );
  const mine = mineStored;
  const isSteward = stewards.some((s) => bytesEqual(s.memberId, viewer.identity));
  const posted = (list: typeof counts, x: number) => list.some((p) => p.x === x);
  return {
    call: stored.call,
    callSignature: stored.callSignature,
    phase: stored.phase,
    aborted: stored.aborted,
    // The whole list (to redo the lottery) only where a device checks the draw: the organization, a
    // drawn steward, and everyone while the committee forms and reports are open; otherwise a member
    // sees its own entry (a cohort of thousands would download the list at every phase).
    volunteers: volunteers
      .filter(
        (v) =>
          viewer.isOrg ||
          stored.phase === "accepting" ||
          stored.phase === "open" ||
          isSteward ||
          bytesEqual(v.memberId, viewer.identity),
      )
      .map((v) => ({ memberId: v.memberId, groupId: v.groupId, commitment: v.commitment, nonce: v.nonce })),
    stewards: stewards.map((s) => ({
      memberId: s.memberId,
      groupId: s.groupId,
      roundKey: s.roundKey,
      acceptance: s.acceptance,
      counts: posted(counts, s.x),
      values: posted(values, s.x),
      faulty: s.faulty,
    })),
    stewardLogs,
    reports: reportCount,
    receipt:
      mine === null
        ? null
        : {
            receivedAt: mine.receivedAt,
            reportHash: mine.reportHash,
            // Ed25519 is deterministic: this is the signature the member got with its receipt.
            signature: signReceipt(
              {
                roundId: id,
                memberId: toBase64Url(mine.memberId),
                reportHash: mine.reportHash,
                receivedAt: mine.receivedAt,
              },
              key.privateKey,
            ),
          },
    freeze: stored.freeze === null ? null : { ...stored.freeze, included: mine !== null },
    batch:
      viewer.isOrg && stored.freeze !== null
        ? reports.map((x) => ({ memberId: x.memberId, groupId: x.groupId, reportHash: x.reportHash }))
        : [],
    valueBlocks:
      stored.counts === null
        ? null
        : valueBlocks(blockCounts(r.cohort.layout, unpackElements(stored.counts) ?? []), r.call.minContributors),
    release: stored.release,
  };
}
