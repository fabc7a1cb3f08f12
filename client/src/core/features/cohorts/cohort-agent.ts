/**
 * A member's part in the organization's cohorts, run by the member's own device whenever it is online:
 * enrolment, and for every round of every cohort it is enrolled in —
 *
 * - **as a member**: once the committee is complete and passes every check (round-check.ts), build the
 *   report from the journal under the consents in force (nothing without consent), share it among the
 *   stewards, seal and sign it, send it, keep the relay's signed receipt, and record the period as sent
 *   in the journal. Edits before the freeze resend it (the relay keeps the newest). After the freeze,
 *   say whether the frozen batch includes it.
 * - **as a volunteer steward**: commit a nonce, reveal it, and if drawn accept with a fresh round key;
 *   once frozen, download its sealed shares, add them and post the counts, then the values of the
 *   fields whose count reached the minimum (round-records.ts).
 *
 * It reacts to the relay (`agg-changed` pushes and every reconnect call `tick`); it never waits for
 * time. The same agent runs in the PWA's core and in Node (the demo and the tests), with its storage
 * and journal injected. A steward's sums are in steward-sum.ts, what the screens show in round-view.ts.
 */
import {
  bytesEqual,
  err,
  fromBase64Url,
  ok,
  randomBytes,
  sealToBoxKey,
  toBase64Url,
  utf8,
  type ErrorCode,
  type Identity,
  type Result,
  type AggRoundState,
  type AggStateReplyFrame,
} from "@porch/shared";
import {
  buildReport,
  buildReportVector,
  commitNonce,
  packVector,
  deriveRoundKeys,
  enrolProof,
  acceptRound,
  decodeCall,
  openCohort,
  parseEnrolToken,
  reportHash,
  sodiumRandom,
  vectorLayout,
  verifyReceipt,
  type CohortRecord,
  type Share,
} from "@porch/shared/aggregation";
import type { JournalValues, ShareableFieldId } from "@porch/shared/journal";
import type { SyncConnection } from "../../engine/sync-connection.ts";
import type { CohortView } from "../../api/cohorts-api.ts";
import { aggCommand, aggRequest } from "./agg-requests.ts";
import { checkRound } from "./round-check.ts";
import { roundView } from "./round-view.ts";
import { postPartial } from "./steward-sum.ts";

/** A cohort this device enrolled in (from the organization's link). */
export interface CohortEnrolment {
  readonly cohortId: string;
  readonly name: string;
  readonly orgKey: Uint8Array;
  readonly orgBoxKey: Uint8Array;
  readonly secret: Uint8Array;
  readonly groupId: string;
  readonly volunteer: boolean;
  readonly enrolledAt: number;
}

/** What the device keeps about one round (secrets stay on this device). */
export interface RoundRecord {
  readonly nonce?: Uint8Array;
  readonly revealed?: true;
  /** The seed of the steward's round key pair. */
  readonly roundSeed?: Uint8Array;
  readonly receipt?: { readonly receivedAt: number; readonly reportHash: Uint8Array; readonly signature: Uint8Array };
  /** What the sent report was built from (JSON), so an edit before the freeze resends it. */
  readonly builtFrom?: string;
  readonly refused?: ErrorCode;
}

/** Where the agent keeps enrolments and round records (IndexedDB in the PWA, memory in Node). */
export interface CohortStorage {
  enrolments(): Promise<readonly CohortEnrolment[]>;
  saveEnrolment(e: CohortEnrolment): Promise<void>;
  round(roundId: string): Promise<RoundRecord>;
  saveRound(roundId: string, r: RoundRecord): Promise<void>;
}

/** What a report is built from: this member's journal under the consents in force. */
export interface ReportInputs {
  readonly values: JournalValues;
  readonly baseline: JournalValues | null;
  readonly fields: readonly ShareableFieldId[];
}

/** The journal as the agent sees it. */
export interface ReportSource {
  /** The report for `period` as it would be built now, or null when the member shares nothing for it. */
  inputs(period: string, now: number): ReportInputs | null;
  /** The report for `period` left the device (recorded in the journal's ledger). */
  sent(period: string, cohortId: string, fields: readonly ShareableFieldId[], at: number): Promise<void>;
}

/** What a benchmark may observe of the agent's work (never sent anywhere). */
export type AgentMeasure =
  | { readonly kind: "report"; readonly buildMs: number; readonly sendMs: number; readonly bytes: number }
  | {
      readonly kind: "steward";
      readonly x: number;
      readonly downloadMs: number;
      readonly openMs: number;
      readonly bytes: number;
      readonly shares: number;
    };

export interface CohortAgentDeps {
  readonly connection: SyncConnection;
  /** Benchmarks only: timings and sizes of reports and steward sums. */
  readonly measure?: (m: AgentMeasure) => void;
  readonly identity: Pick<Identity, "memberId" | "signing">;
  readonly storage: CohortStorage;
  readonly journal: ReportSource;
  readonly now: () => number;
  readonly onChange: () => void;
}

interface Known {
  readonly reply: AggStateReplyFrame;
  readonly cohort: CohortRecord | null;
  readonly records: ReadonlyMap<string, RoundRecord>;
}

export class CohortAgent {
  private enrolments: readonly CohortEnrolment[] = [];
  private readonly known = new Map<string, Known>();
  private readonly problems = new Map<string, ErrorCode>();
  /** A steward's summed shares per round, kept between the counts and the values part. */
  private readonly sums = new Map<string, Share>();
  private running: Promise<void> | null = null;
  private again = false;

  constructor(private readonly deps: CohortAgentDeps) {}

  async load(): Promise<void> {
    this.enrolments = await this.deps.storage.enrolments();
    this.deps.onChange();
  }

  /** Enrols this member in the cohort of an enrolment link, for one of its friend groups. */
  async enrol(token: string, groupId: string, name: string, volunteer: boolean): Promise<Result<string>> {
    const link = parseEnrolToken(token);
    if (link === null) return err("cohort-not-found");
    const { memberId } = this.deps.identity;
    const sealedName = sealToBoxKey(utf8(name.trim().slice(0, 120)), link.orgBoxKey);
    const sent = await aggCommand(this.deps.connection, {
      type: "agg-enrol",
      cohortId: fromBase64Url(link.cohortId)!,
      groupId: fromBase64Url(groupId) ?? new Uint8Array(0),
      sealedName,
      proof: enrolProof(link.cohortId, memberId, groupId, link.secret),
    });
    if (!sent.ok) return sent;
    await this.deps.storage.saveEnrolment({ ...link, groupId, volunteer, enrolledAt: this.deps.now() });
    await this.load();
    void this.tick();
    return ok(link.cohortId);
  }

  /** Volunteers (or stops volunteering) as a steward from the next round on. */
  async setVolunteer(cohortId: string, volunteer: boolean): Promise<void> {
    const e = this.enrolments.find((x) => x.cohortId === cohortId);
    if (e === undefined) return;
    await this.deps.storage.saveEnrolment({ ...e, volunteer });
    await this.load();
    void this.tick();
  }

  /**
   * The relay says a cohort changed (`agg-changed`). When it names the phase a round moved to, a device
   * with nothing to do in that phase does not re-read: only volunteers act while the committee forms and
   * only stewards while totals are added up; every member acts when reports open and reads the result.
   */
  onChanged(cohortId: string, phase?: AggRoundState["phase"]): Promise<void> | void {
    const e = this.enrolments.find((x) => x.cohortId === cohortId);
    if (e === undefined) return;
    const everyone = phase === undefined || phase === "open" || phase === "published" || phase === "aborted";
    if (everyone || e.volunteer) return this.tick();
  }

  /** Reads every cohort from the relay and does whatever is due; runs once at a time, again if asked meanwhile. */
  tick(): Promise<void> {
    if (this.running !== null) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        for (const e of this.enrolments) await this.step(e);
      } while (this.again);
    })().finally(() => {
      this.running = null;
      this.deps.onChange();
    });
    return this.running;
  }

  view(): readonly CohortView[] {
    return this.enrolments.map((e) => {
      const k = this.known.get(e.cohortId);
      return {
        cohortId: e.cohortId,
        name: k?.cohort?.name ?? e.name,
        groupId: e.groupId,
        volunteer: e.volunteer,
        enrolled: k?.reply.enrolled ?? null,
        verified: k === undefined ? null : k.cohort !== null,
        rounds:
          k === undefined
            ? []
            : k.reply.rounds.map((round) =>
                roundView({
                  memberId: this.deps.identity.memberId,
                  round,
                  records: k.records,
                  shares: (period) => this.deps.journal.inputs(period, this.deps.now()) !== null,
                  problem: (roundId) => this.problems.get(roundId),
                }),
              ),
      };
    });
  }

  /** One cohort: read its state, then act on each round. */
  private async step(e: CohortEnrolment): Promise<void> {
    const state = await aggRequest(
      this.deps.connection,
      { type: "agg-state", cohortId: fromBase64Url(e.cohortId)! },
      "agg-state-reply",
    );
    if (!state.ok) return;
    const reply = state.value;
    const opened = openCohort(reply.cohort, reply.cohortSignature);
    // The record must be the organization's the link pinned: another key means another cohort.
    const cohort =
      opened.ok && opened.cohort.cohortId === e.cohortId && bytesEqual(opened.cohort.orgKey, e.orgKey)
        ? opened.cohort
        : null;
    const records = new Map<string, RoundRecord>();
    for (const r of reply.rounds) {
      const call = decodeCall(r.call);
      if (call !== null)
        records.set(toBase64Url(call.roundId), await this.deps.storage.round(toBase64Url(call.roundId)));
    }
    this.known.set(e.cohortId, { reply, cohort, records });
    if (cohort === null) return;
    for (const r of reply.rounds) {
      const call = decodeCall(r.call);
      if (call === null) continue;
      const roundId = toBase64Url(call.roundId);
      const acted = await this.act(e, cohort, reply, r, roundId, records.get(roundId) ?? {});
      if (acted !== null) records.set(roundId, acted);
    }
  }

  /** Does what this round needs from this device now; the updated record when it changed. */
  private async act(
    e: CohortEnrolment,
    cohort: CohortRecord,
    reply: AggStateReplyFrame,
    r: AggRoundState,
    roundId: string,
    rec: RoundRecord,
  ): Promise<RoundRecord | null> {
    const me = this.deps.identity.memberId;
    const roundBytes = fromBase64Url(roundId)!;
    const save = async (next: RoundRecord) => {
      await this.deps.storage.saveRound(roundId, next);
      return next;
    };
    const mine = r.volunteers.find((v) => toBase64Url(v.memberId) === me);
    const steward = r.stewards.findIndex((s) => toBase64Url(s.memberId) === me);
    switch (r.phase) {
      case "volunteering": {
        if (!e.volunteer || mine !== undefined) return null;
        const nonce = rec.nonce ?? randomBytes(32);
        const saved = await save({ ...rec, nonce });
        const sent = await aggCommand(this.deps.connection, {
          type: "agg-volunteer",
          roundId: roundBytes,
          commitment: commitNonce(nonce),
        });
        return sent.ok ? saved : null;
      }
      case "revealing": {
        if (mine === undefined || mine.nonce !== null || rec.nonce === undefined) return null;
        const sent = await aggCommand(this.deps.connection, {
          type: "agg-reveal",
          roundId: roundBytes,
          nonce: rec.nonce,
        });
        return sent.ok ? save({ ...rec, revealed: true }) : null;
      }
      case "accepting": {
        if (steward < 0 || r.stewards[steward]!.acceptance !== null) return null;
        const call = decodeCall(r.call)!;
        const roundSeed = rec.roundSeed ?? randomBytes(32);
        const saved = await save({ ...rec, roundSeed });
        const roundKey = deriveRoundKeys(roundSeed).publicKey;
        const listed = { memberId: me, groupId: toBase64Url(r.stewards[steward]!.groupId), roundKey };
        const sent = await aggCommand(this.deps.connection, {
          type: "agg-accept",
          roundId: roundBytes,
          roundKey,
          signature: acceptRound(call, listed, this.deps.identity.signing.privateKey),
        });
        return sent.ok ? saved : null;
      }
      case "open":
        return this.report(e, cohort, reply, r, roundId, rec, save);
      case "counts":
      case "values":
        if (steward < 0 || rec.roundSeed === undefined || r.freeze === null) return null;
        await this.stewardPart(cohort, reply, r, roundId, steward + 1, rec.roundSeed);
        return null;
      default:
        return null;
    }
  }

  /** Sends (or resends, after an edit) this member's report, after checking the round. */
  private async report(
    e: CohortEnrolment,
    cohort: CohortRecord,
    reply: AggStateReplyFrame,
    r: AggRoundState,
    roundId: string,
    rec: RoundRecord,
    save: (next: RoundRecord) => Promise<RoundRecord>,
  ): Promise<RoundRecord | null> {
    const manifest = checkRound(r, cohort, reply.cohort);
    if (!manifest.ok) {
      this.problems.set(roundId, manifest.code);
      return null;
    }
    const now = this.deps.now();
    const inputs = this.deps.journal.inputs(manifest.value.period, now);
    if (inputs === null) return null;
    const builtFrom = JSON.stringify([inputs.values, inputs.baseline, inputs.fields], (_, v: unknown) => v);
    if (rec.receipt !== undefined && rec.builtFrom === builtFrom && r.receipt !== null) return null;
    const started = performance.now();
    const layout = vectorLayout(cohort.rules);
    const vector = packVector(buildReportVector(inputs.values, inputs.baseline, inputs.fields, cohort.rules), layout);
    const report = buildReport(
      manifest.value,
      vector,
      { memberId: this.deps.identity.memberId, signingKey: this.deps.identity.signing.privateKey },
      sodiumRandom,
    );
    const built = performance.now();
    const answer = await aggRequest(
      this.deps.connection,
      {
        type: "agg-report",
        roundId: report.roundId,
        manifestHash: report.manifestHash,
        shares: [...report.shares],
        signature: report.signature,
      },
      "agg-receipt",
    );
    this.deps.measure?.({
      kind: "report",
      buildMs: built - started,
      sendMs: performance.now() - built,
      bytes: report.shares.reduce((n, sh) => n + sh.length, 0) + report.signature.length + 2 * 32,
    });
    if (!answer.ok) {
      // Offline and timeouts retry on the next tick; a refusal is final for this round (and shown).
      return answer.code === "offline" || answer.code === "timeout" ? null : save({ ...rec, refused: answer.code });
    }
    const receipt = {
      receivedAt: answer.value.receivedAt,
      reportHash: answer.value.reportHash,
      signature: answer.value.signature,
    };
    const valid =
      bytesEqual(receipt.reportHash, reportHash(report)) &&
      verifyReceipt(
        {
          roundId: report.roundId,
          memberId: report.memberId,
          reportHash: receipt.reportHash,
          receivedAt: receipt.receivedAt,
        },
        receipt.signature,
        reply.relayKey,
      );
    if (!valid) return save({ ...rec, refused: "bad-signature" });
    if (rec.receipt === undefined) await this.deps.journal.sent(manifest.value.period, e.cohortId, inputs.fields, now);
    return save({ ...rec, receipt, builtFrom });
  }

  /** A drawn steward's partial sum of the round's current part (steward-sum.ts). */
  private async stewardPart(
    cohort: CohortRecord,
    reply: AggStateReplyFrame,
    r: AggRoundState,
    roundId: string,
    x: number,
    roundSeed: Uint8Array,
  ): Promise<void> {
    const manifest = checkRound(r, cohort, reply.cohort);
    if (!manifest.ok || (r.phase !== "counts" && r.phase !== "values")) return;
    const posted = await postPartial(
      this.deps,
      { cohort, call: manifest.value, round: r, x, roundSeed, part: r.phase, relayKey: reply.relayKey },
      this.sums.get(roundId),
    );
    if (!posted.ok) this.problems.set(roundId, posted.code);
    else if (posted.value !== undefined) this.sums.set(roundId, posted.value);
  }
}
