/**
 * What the relay persists for consented aggregation (shared/src/aggregation/README.md): its own
 * aggregation signing key, cohorts and enrolments, and each round — the organization's signed call,
 * volunteers and their lottery nonces, the drawn stewards with their round keys, members' sealed
 * reports, stewards' partial sums, the frozen batch and the release. The relay cannot open a sealed
 * share; it does see t partials, i.e. the raw sum (README "What each party learns").
 *
 * Part of `RelayStorage` (relay-storage.ts): every method resolves after its transaction committed.
 * The round service (../aggregation/) decides what is allowed; storage only keeps each write atomic
 * and refuses what the schema itself guards (a second round for a period, a member's second report
 * for a period, a different partial under the same slot).
 */
import type { KeyPair, Result, RoundPhase } from "@porch/shared";

/** A cohort record exactly as the organization signed it. */
export interface StoredCohort {
  readonly cohortId: Uint8Array;
  /** The organization's Ed25519 key (from the record): the identity allowed to run the cohort. */
  readonly orgKey: Uint8Array;
  /** `encodeCohort(record)`, the exact bytes signed. */
  readonly record: Uint8Array;
  readonly signature: Uint8Array;
}

/** A cohort as listed for one identity. */
export interface CohortListing {
  readonly cohort: StoredCohort;
  readonly role: "org" | "member";
  readonly enrolled: number;
}

/** One member's enrolment in a cohort, for one of its friend groups. */
export interface StoredEnrolment {
  readonly cohortId: Uint8Array;
  readonly memberId: Uint8Array;
  readonly groupId: Uint8Array;
  /** The member's name for the participation list, sealed to the organization (unreadable here). */
  readonly sealedName: Uint8Array;
}

/** What the relay signed when the round froze. */
export interface StoredFreeze {
  readonly batchHash: Uint8Array;
  readonly contributors: number;
  readonly groups: number;
  readonly aborted: string | null;
  readonly signature: Uint8Array;
}

/** A round being opened. */
export interface NewRound {
  readonly roundId: Uint8Array;
  readonly cohortId: Uint8Array;
  readonly period: string;
  /** `encodeCall(call)`, exactly as the organization signed it. */
  readonly call: Uint8Array;
  readonly callSignature: Uint8Array;
}

/** A round as stored. */
export interface StoredRound extends NewRound {
  readonly phase: RoundPhase;
  readonly aborted: string | null;
  /** The reconstructed counts part (8-byte field elements), once known. */
  readonly counts: Uint8Array | null;
  /** The reconstructed values part, once known. */
  readonly sums: Uint8Array | null;
  readonly freeze: StoredFreeze | null;
  readonly release: { readonly bytes: Uint8Array; readonly signature: Uint8Array } | null;
}

/** Columns a phase change may set with it (in the same statement). */
export interface RoundChange {
  readonly phase: RoundPhase;
  readonly aborted?: string;
  readonly counts?: Uint8Array;
  readonly sums?: Uint8Array;
  readonly freeze?: StoredFreeze;
  readonly release?: { readonly bytes: Uint8Array; readonly signature: Uint8Array };
}

export interface StoredVolunteer {
  readonly memberId: Uint8Array;
  readonly groupId: Uint8Array;
  readonly commitment: Uint8Array;
  /** The revealed nonce (checked against the commitment by the caller), once revealed. */
  readonly nonce: Uint8Array | null;
}

export interface StoredSteward {
  /** 1..k: share x of every report is sealed to this steward. */
  readonly x: number;
  readonly memberId: Uint8Array;
  readonly groupId: Uint8Array;
  readonly roundKey: Uint8Array | null;
  /** Its signature accepting the call with `roundKey` (`acceptRound`). */
  readonly acceptance: Uint8Array | null;
  /** Named by the partials check: its partials no longer count. */
  readonly faulty: boolean;
}

/** A stored report, without its shares. */
export interface StoredReport {
  readonly memberId: Uint8Array;
  readonly groupId: Uint8Array;
  readonly reportHash: Uint8Array;
  readonly receivedAt: number;
}

/** A report to store: its metadata plus what re-serving its shares needs. */
export interface NewReport extends StoredReport {
  readonly manifestHash: Uint8Array;
  readonly signature: Uint8Array;
  /** Sealed share x at index x − 1. */
  readonly shares: readonly Uint8Array[];
}

/** One page of a steward's sealed shares, in member-id order. */
export interface SharePage {
  readonly items: readonly { readonly memberId: Uint8Array; readonly share: Uint8Array }[];
  /** The position to read after next, or null when this page ends the batch. */
  readonly next: number | null;
}

export type PartialPart = "counts" | "values";

export interface StoredPartial {
  readonly x: number;
  readonly part: PartialPart;
  /** Packed field elements (`packElements`). */
  readonly elements: Uint8Array;
  readonly signature: Uint8Array;
}

export interface AggregationStorage {
  /** The relay's aggregation signing key, made on first use and the same ever after (one row). */
  relayAggKey(): Promise<KeyPair>;

  /**
   * Stores a cohort. An identical resend (same record and signature) is `created: false`; any other
   * record under a stored id fails with `cohort-exists`.
   */
  createCohort(cohort: StoredCohort): Promise<Result<{ readonly created: boolean }>>;
  cohort(cohortId: Uint8Array): Promise<StoredCohort | null>;
  /** Cohorts this identity runs (role "org") or is enrolled in (role "member"), with enrolled counts. */
  cohortsOf(identity: Uint8Array): Promise<readonly CohortListing[]>;

  /** Enrols a member, or moves its enrolment to another group and name (one per cohort and member). */
  enrol(enrolment: StoredEnrolment): Promise<void>;
  enrolment(cohortId: Uint8Array, memberId: Uint8Array): Promise<StoredEnrolment | null>;
  /** Every enrolment of a cohort, in member-id order. */
  enrolments(cohortId: Uint8Array): Promise<readonly StoredEnrolment[]>;
  /** How many members are enrolled (without reading them). */
  enrolmentCount(cohortId: Uint8Array): Promise<number>;

  /**
   * Opens a round in phase `volunteering`; `round-exists` when the cohort already has a round for the
   * period (or the round id is taken).
   */
  createRound(round: NewRound): Promise<Result<true>>;
  round(roundId: Uint8Array): Promise<StoredRound | null>;
  /** A cohort's rounds, by period. */
  roundsOf(cohortId: Uint8Array): Promise<readonly StoredRound[]>;
  /** Ids of every round still running (neither published nor aborted). */
  activeRounds(): Promise<readonly Uint8Array[]>;
  /**
   * Moves a round from phase `from` (compare-and-set: false when it is no longer there) and sets the
   * given columns. Moving to `aborted` also deletes the round's sealed shares: nothing will open them.
   */
  updateRound(roundId: Uint8Array, from: RoundPhase, change: RoundChange): Promise<boolean>;

  /** Records a volunteer or replaces its commitment (its nonce is cleared). */
  putVolunteer(roundId: Uint8Array, volunteer: Omit<StoredVolunteer, "nonce">): Promise<void>;
  revealNonce(roundId: Uint8Array, memberId: Uint8Array, nonce: Uint8Array): Promise<void>;
  /** A round's volunteers, in member-id order. */
  volunteers(roundId: Uint8Array): Promise<readonly StoredVolunteer[]>;

  /** Records the drawn stewards (x = 1..k) and moves the round from `revealing` to `accepting`, atomically. */
  setStewards(
    roundId: Uint8Array,
    stewards: readonly Pick<StoredSteward, "x" | "memberId" | "groupId">[],
  ): Promise<boolean>;
  /** Steward x's round key and acceptance (a later acceptance replaces it). */
  acceptSteward(roundId: Uint8Array, x: number, roundKey: Uint8Array, acceptance: Uint8Array): Promise<void>;
  /** A round's stewards, in x order. */
  stewards(roundId: Uint8Array): Promise<readonly StoredSteward[]>;
  /** Marks steward x faulty and deletes its partial of `part` (the one found wrong). */
  markFaulty(roundId: Uint8Array, x: number, part: PartialPart): Promise<void>;

  /**
   * Stores a member's report, replacing its earlier one in this round. Under the round's row lock:
   * `late-report` unless the round is `open`; `already-reported` when the member reported `period`
   * in another round (of any cohort).
   */
  putReport(roundId: Uint8Array, period: string, report: NewReport): Promise<Result<true>>;
  /** A round's reports (the batch, once frozen), in member-id order. */
  reports(roundId: Uint8Array): Promise<readonly StoredReport[]>;
  report(roundId: Uint8Array, memberId: Uint8Array): Promise<StoredReport | null>;
  /** How many reports a round holds (without reading them). */
  reportCount(roundId: Uint8Array): Promise<number>;
  /** Steward x's sealed shares after position `after`, at most about `maxBytes` of shares (at least one). */
  shares(roundId: Uint8Array, x: number, after: number, maxBytes: number): Promise<SharePage>;

  /**
   * Stores steward x's partial for a part. The same partial again is `duplicate: true`; a different
   * one under the same (x, part) fails with `bad-partial`.
   */
  putPartial(roundId: Uint8Array, partial: StoredPartial): Promise<Result<{ readonly duplicate: boolean }>>;
  /** A part's partials, in x order. */
  partials(roundId: Uint8Array, part: PartialPart): Promise<readonly StoredPartial[]>;
}
