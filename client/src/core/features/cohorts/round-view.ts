/**
 * What the member's screens show of one round (`RoundView`): the phase, this member's report and
 * steward status, and the release — derived from the relay's state for this member and what the device
 * itself keeps (its receipt, a refusal). Pure: no request, no storage.
 */
import { decodeCbor, toBase64Url, type AggRoundState, type ErrorCode } from "@porch/shared";
import { decodeCall, type Disclosure } from "@porch/shared/aggregation";
import type { ReportStatus, RoundView, StewardStatus } from "../../api/cohorts-api.ts";
import type { RoundRecord } from "./cohort-agent.ts";

export interface RoundViewInputs {
  readonly memberId: string;
  readonly round: AggRoundState;
  readonly records: ReadonlyMap<string, RoundRecord>;
  /** Whether the member shares anything for `period` (a report would be built). */
  readonly shares: (period: string) => boolean;
  /** A problem this device met in the round (checks, a steward's sum). */
  readonly problem: (roundId: string) => ErrorCode | undefined;
}

export function roundView({ memberId, round: r, records, shares, problem }: RoundViewInputs): RoundView {
  const call = decodeCall(r.call);
  const roundId = call === null ? "" : toBase64Url(call.roundId);
  const rec = records.get(roundId) ?? {};
  const steward = r.stewards.find((s) => toBase64Url(s.memberId) === memberId);
  const volunteered = r.volunteers.some((v) => toBase64Url(v.memberId) === memberId);
  return {
    roundId,
    period: call?.period ?? "",
    phase: r.phase,
    aborted: r.aborted,
    freezesAt: call?.freezesAt ?? 0,
    report: reportStatus(r, rec, () => shares(call?.period ?? "")),
    receiptAt: rec.receipt?.receivedAt ?? r.receipt?.receivedAt ?? null,
    steward: steward !== undefined ? stewardStatus(r, steward) : volunteered ? volunteerStatus(r) : null,
    release: r.release === null ? null : (decodeCbor(r.release.bytes) as Disclosure),
    problem: rec.refused ?? problem(roundId) ?? null,
  };
}

function reportStatus(r: AggRoundState, rec: RoundRecord, sharing: () => boolean): ReportStatus {
  if (r.freeze !== null) return r.freeze.included ? "included" : rec.receipt !== undefined ? "left-out" : "not-sharing";
  if (rec.refused !== undefined) return "refused";
  if (r.receipt !== null || rec.receipt !== undefined) return "sent";
  return sharing() ? "waiting" : "not-sharing";
}

function stewardStatus(r: AggRoundState, s: AggRoundState["stewards"][number]): StewardStatus {
  if (s.faulty) return "faulty";
  if (s.values || r.phase === "published") return "done";
  if (s.counts) return "counts-posted";
  return s.acceptance !== null ? "accepted" : "drawn";
}

const volunteerStatus = (r: AggRoundState): StewardStatus => (r.stewards.length > 0 ? "not-drawn" : "volunteered");
