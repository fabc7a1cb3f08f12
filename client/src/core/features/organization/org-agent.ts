/**
 * The organization's side of consented aggregation, framework-free (the `/org` dashboard, the demo and
 * the tests use it): an identity of its own (a root seed kept like a member's, as 24 recovery words,
 * never on the relay), cohorts with their signed records and enrolment links, rounds with their
 * signed calls, and what it may read back — enrolment counts, names members sealed to it for the
 * participation list, a round's progress, and releases.
 *
 * The organization signs what it decides (the cohort's rules, a round's call); it never chooses the
 * stewards (the lottery does) and never receives anything but the disclosed release.
 */
import {
  bytesEqual,
  decodeCbor,
  err,
  fromBase64Url,
  keyedHash,
  ok,
  randomBytes,
  toBase64Url,
  type AggRoundState,
  type AggStateReplyFrame,
  type Identity,
  type Result,
} from "@porch/shared";
import {
  cohortHash,
  decodeCall,
  DEFAULT_DISCLOSURE_RULES,
  DEFAULT_FIELD_RULES,
  defaultThreshold,
  deriveEnrolKeys,
  encodeCall,
  encodeCohort,
  formatEnrolToken,
  openCohort,
  signCall,
  signCohort,
  verifyRelease,
  type CohortRecord,
  type Disclosure,
  type DisclosureRules,
  type FieldRules,
  type RoundCall,
} from "@porch/shared/aggregation";
import { openSealedBox } from "@porch/shared/sealing";
import type { SyncConnection } from "../../engine/sync-connection.ts";
import { aggCommand, aggRequest } from "../cohorts/agg-requests.ts";

export interface OrgAgentDeps {
  readonly connection: SyncConnection;
  /** The organization's identity and its root seed (enrolment secrets derive from it). */
  readonly identity: Identity;
  readonly seed: Uint8Array;
  /** Where enrolment links point (`<origin>/#/enrol/<token>`). */
  readonly origin: string;
  readonly now: () => number;
}

/** One cohort as the organization lists it. */
export interface OrgCohortSummary {
  readonly cohortId: string;
  readonly name: string;
  readonly enrolled: number;
  readonly createdAt: number;
}

/** One enrolled family, as the organization may see it: the name it gave, its friend group's id. */
export interface Participant {
  readonly memberId: string;
  readonly groupId: string;
  readonly name: string;
}

/** A round as the organization watches it. */
export interface OrgRoundView {
  readonly roundId: string;
  readonly period: string;
  readonly phase: AggRoundState["phase"];
  readonly aborted: string | null;
  readonly call: RoundCall;
  readonly volunteers: number;
  readonly stewards: number;
  readonly stewardsReady: number;
  readonly faultyStewards: readonly string[];
  /** The drawn stewards in share order, with how far each got. */
  readonly stewardList: readonly {
    readonly memberId: string;
    readonly groupId: string;
    readonly accepted: boolean;
    readonly counts: boolean;
    readonly values: boolean;
    readonly faulty: boolean;
  }[];
  readonly reports: number;
  readonly contributors: number | null;
  readonly groups: number | null;
  /** Who contributed (from the frozen batch), for payment. */
  readonly participation: readonly Participant[];
  readonly release: Disclosure | null;
  /** True when the relay's signature over the release verifies. */
  readonly releaseSigned: boolean;
}

export interface OrgCohortView {
  readonly cohort: CohortRecord;
  readonly enrolLink: string;
  readonly enrolled: number;
  readonly participants: readonly Participant[];
  readonly rounds: readonly OrgRoundView[];
}

/** Deadlines and sizes of a round; anything left out takes the defaults. */
export interface RoundOptions {
  readonly volunteersBy: number;
  readonly freezesAt: number;
  readonly partialsBy: number;
  readonly k?: number;
  readonly t?: number;
  readonly minContributors?: number;
  readonly minGroups?: number;
}

export class OrgAgent {
  private readonly records = new Map<string, Uint8Array>();

  constructor(private readonly deps: OrgAgentDeps) {}

  /** The enrolment secret of a cohort, derived from the organization's seed (nothing more to keep). */
  private enrolSecret(cohortId: string): Uint8Array {
    return keyedHash(this.deps.seed, "porch/v1/enrol-secret", fromBase64Url(cohortId)!).slice(0, 32);
  }

  /** The link (and QR content) members enrol with. */
  enrolLink(cohort: Pick<CohortRecord, "cohortId" | "name" | "orgKey" | "orgBoxKey">): string {
    const token = formatEnrolToken({
      cohortId: cohort.cohortId,
      name: cohort.name,
      orgKey: cohort.orgKey,
      orgBoxKey: cohort.orgBoxKey,
      secret: this.enrolSecret(cohort.cohortId),
    });
    return `${this.deps.origin}/#/enrol/${token}`;
  }

  /** Creates a cohort with the default field rules and disclosure rules (stricter ones may be given). */
  async createCohort(
    name: string,
    options: { readonly rules?: FieldRules; readonly disclosure?: DisclosureRules } = {},
  ): Promise<Result<OrgCohortSummary>> {
    const cohortId = toBase64Url(randomBytes(16));
    const record: CohortRecord = {
      cohortId,
      name: name.trim(),
      orgKey: this.deps.identity.signing.publicKey,
      orgBoxKey: this.deps.identity.box.publicKey,
      enrolKey: deriveEnrolKeys(this.enrolSecret(cohortId)).publicKey,
      rules: options.rules ?? DEFAULT_FIELD_RULES,
      disclosure: options.disclosure ?? DEFAULT_DISCLOSURE_RULES,
      createdAt: this.deps.now(),
    };
    const bytes = encodeCohort(record);
    const checked = openCohort(bytes, signCohort(bytes, this.deps.identity.signing.privateKey));
    if (!checked.ok) return err("bad-cohort", checked.problem);
    const sent = await aggCommand(this.deps.connection, {
      type: "agg-cohort-create",
      cohort: bytes,
      signature: signCohort(bytes, this.deps.identity.signing.privateKey),
    });
    if (!sent.ok) return sent;
    this.records.set(cohortId, bytes);
    return ok({ cohortId, name: record.name, enrolled: 0, createdAt: record.createdAt });
  }

  /** The cohorts this organization runs. */
  async cohorts(): Promise<Result<readonly OrgCohortSummary[]>> {
    const list = await aggRequest(this.deps.connection, { type: "agg-cohorts" }, "agg-cohort-list");
    if (!list.ok) return list;
    return ok(
      list.value.cohorts.flatMap((c) => {
        const opened = openCohort(c.cohort, c.signature);
        if (c.role !== "org" || !opened.ok) return [];
        this.records.set(opened.cohort.cohortId, c.cohort);
        const { cohortId, name, createdAt } = opened.cohort;
        return [{ cohortId, name, enrolled: c.enrolled, createdAt }];
      }),
    );
  }

  /** Opens the round of `period` ("YYYY-MM") in a cohort; k and t default by enrolment (defaultThreshold). */
  async openRound(cohortId: string, period: string, options: RoundOptions): Promise<Result<string>> {
    const state = await this.rawState(cohortId);
    if (!state.ok) return state;
    const opened = openCohort(state.value.cohort, state.value.cohortSignature);
    if (!opened.ok) return err("bad-cohort", opened.problem);
    const threshold = defaultThreshold(state.value.enrolled);
    const call: RoundCall = {
      roundId: randomBytes(16),
      cohortId,
      period,
      schemaHash: cohortHash(state.value.cohort),
      k: options.k ?? threshold.k,
      t: options.t ?? threshold.t,
      minContributors: options.minContributors ?? opened.cohort.disclosure.minContributors,
      minGroups: options.minGroups ?? opened.cohort.disclosure.minGroups,
      volunteersBy: options.volunteersBy,
      freezesAt: options.freezesAt,
      partialsBy: options.partialsBy,
    };
    const sent = await aggCommand(this.deps.connection, {
      type: "agg-round-open",
      call: encodeCall(call),
      signature: signCall(call, this.deps.identity.signing.privateKey),
    });
    return sent.ok ? ok(toBase64Url(call.roundId)) : sent;
  }

  /** Closes the round's current phase now (volunteering, revealing, reports, partials). */
  advance(roundId: string): Promise<Result<true>> {
    return aggCommand(this.deps.connection, { type: "agg-advance", roundId: fromBase64Url(roundId)! });
  }

  private rawState(cohortId: string): Promise<Result<AggStateReplyFrame>> {
    return aggRequest(
      this.deps.connection,
      { type: "agg-state", cohortId: fromBase64Url(cohortId)! },
      "agg-state-reply",
    );
  }

  /** Everything about one cohort the organization may see. */
  async state(cohortId: string): Promise<Result<OrgCohortView>> {
    const state = await this.rawState(cohortId);
    if (!state.ok) return state;
    const reply = state.value;
    const opened = openCohort(reply.cohort, reply.cohortSignature);
    if (!opened.ok || !bytesEqual(opened.cohort.orgKey, this.deps.identity.signing.publicKey))
      return err("bad-cohort", "the relay's record is not this organization's");
    const names = new Map(
      reply.enrolments.map((e) => [
        toBase64Url(e.memberId),
        { groupId: toBase64Url(e.groupId), name: this.open(e.sealedName) },
      ]),
    );
    const participant = (memberId: Uint8Array): Participant => {
      const id = toBase64Url(memberId);
      const known = names.get(id);
      return { memberId: id, groupId: known?.groupId ?? "", name: known?.name ?? "" };
    };
    return ok({
      cohort: opened.cohort,
      enrolLink: this.enrolLink(opened.cohort),
      enrolled: reply.enrolled,
      participants: reply.enrolments.map((e) => participant(e.memberId)),
      rounds: reply.rounds.flatMap((r) => {
        const call = decodeCall(r.call);
        if (call === null) return [];
        const release = r.release === null ? null : (decodeCbor(r.release.bytes) as Disclosure);
        return [
          {
            roundId: toBase64Url(call.roundId),
            period: call.period,
            phase: r.phase,
            aborted: r.aborted,
            call,
            volunteers: r.volunteers.length,
            stewards: r.stewards.length,
            stewardsReady: r.stewards.filter((s) => s.acceptance !== null).length,
            faultyStewards: r.stewards.filter((s) => s.faulty).map((s) => toBase64Url(s.memberId)),
            stewardList: r.stewards.map((s) => ({
              memberId: toBase64Url(s.memberId),
              groupId: toBase64Url(s.groupId),
              accepted: s.acceptance !== null,
              counts: s.counts,
              values: s.values,
              faulty: s.faulty,
            })),
            reports: r.reports,
            contributors: r.freeze?.contributors ?? null,
            groups: r.freeze?.groups ?? null,
            participation: r.batch.map((b) => participant(b.memberId)),
            release,
            releaseSigned:
              r.release !== null &&
              r.freeze !== null &&
              verifyRelease(call.roundId, r.freeze.batchHash, r.release.bytes, r.release.signature, reply.relayKey),
          },
        ];
      }),
    });
  }

  /** Names already opened, by their sealed bytes (a dashboard re-reads a cohort of thousands often). */
  private readonly names = new Map<string, string>();

  private open(sealed: Uint8Array): string {
    const key = toBase64Url(sealed);
    const known = this.names.get(key);
    if (known !== undefined) return known;
    const opened = openSealedBox(sealed, this.deps.identity.box);
    const name = opened.ok ? new TextDecoder().decode(opened.value) : "";
    this.names.set(key, name);
    return name;
  }
}
