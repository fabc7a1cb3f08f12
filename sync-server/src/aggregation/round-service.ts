/**
 * The relay's side of consented aggregation (shared/src/aggregation/README.md): it keeps each round
 * moving through its phases — volunteering, revealing, accepting, open, counts, values, then published
 * or aborted — on the requests of the organization, the volunteers and the stewards, and on the call's
 * deadlines. Everything done to one round runs in that round's queue (keyed-queue.ts), so the
 * requests and the deadline timer never interleave on it.
 *
 * What it decides lives beside it: round-steps.ts (draw, freeze, finishing a part), round-deadlines.ts,
 * round-state.ts (what an identity may see); the ws/handle-agg-*.ts handlers check each request.
 * After every change the organization's and every enrolled member's sockets get `agg-changed`, on
 * every relay process: the service announces it through storage's change feed, and each process's
 * fan-out (ws/change-fanout.ts) pushes it to its own sockets (`pushChanged`, `pushTold`).
 */
import {
  MemberId,
  PROTOCOL_VERSION,
  assert,
  err,
  ok,
  toBase64Url,
  type KeyPair,
  type Result,
  type RoundPhase,
} from "@porch/shared";
import {
  decodeCall,
  openCohort,
  vectorLayout,
  type CohortRecord,
  type RoundCall,
  type VectorLayout,
} from "@porch/shared/aggregation";
import type { StoredCohort, StoredRound } from "../storage/aggregation-storage.ts";
import type { RelayStorage } from "../storage/relay-storage.ts";
import type { Hub } from "../ws/hub.ts";
import { KeyedQueue } from "./keyed-queue.ts";
import { applyDeadlines, deadlineDue } from "./round-deadlines.ts";

/** A cohort as the service uses it: the stored record, decoded, and its vector layout. */
export interface LoadedCohort {
  readonly stored: StoredCohort;
  readonly record: CohortRecord;
  readonly layout: VectorLayout;
}

/** A round with its decoded call and its cohort. */
export interface LoadedRound {
  readonly stored: StoredRound;
  readonly call: RoundCall;
  readonly cohort: LoadedCohort;
}

export interface RoundServiceDeps {
  readonly storage: RelayStorage;
  readonly hub: Hub;
  readonly now: () => number;
  readonly log: (code: string, detail?: string) => void;
}

/** How often the timer applies deadlines to running rounds (each round is also checked when touched). */
export const DEADLINE_TICK_MS = 5_000;

export class RoundService {
  readonly storage: RelayStorage;
  readonly now: () => number;
  private readonly queue = new KeyedQueue();
  private readonly cohorts = new Map<string, LoadedCohort>();
  private key: Promise<KeyPair> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = false;
  private readonly dirty = new Map<
    string,
    { readonly cohortId: Uint8Array; readonly everyone: boolean; readonly phase?: RoundPhase | undefined }
  >();

  constructor(private readonly deps: RoundServiceDeps) {
    this.storage = deps.storage;
    this.now = deps.now;
  }

  /** The relay's aggregation signing key (read from storage once). */
  relayKey(): Promise<KeyPair> {
    this.key ??= this.storage.relayAggKey().catch((e: unknown) => {
      this.key = null;
      throw e;
    });
    return this.key;
  }

  /** A stored cohort, decoded (records never change, so each is decoded once). */
  async cohort(cohortId: Uint8Array): Promise<LoadedCohort | null> {
    const key = toBase64Url(cohortId);
    const cached = this.cohorts.get(key);
    if (cached !== undefined) return cached;
    const stored = await this.storage.cohort(cohortId);
    if (stored === null) return null;
    const opened = openCohort(stored.record, stored.signature);
    assert(opened.ok, "a stored cohort record no longer opens");
    const loaded = { stored, record: opened.cohort, layout: vectorLayout(opened.cohort.rules) };
    this.cohorts.set(key, loaded);
    return loaded;
  }

  /** A round as stored now, with its call and cohort; null when there is none. */
  async load(roundId: Uint8Array): Promise<LoadedRound | null> {
    const stored = await this.storage.round(roundId);
    if (stored === null) return null;
    const call = decodeCall(stored.call);
    const cohort = await this.cohort(stored.cohortId);
    assert(call !== null && cohort !== null, "a stored round's call or cohort no longer decodes");
    return { stored, call, cohort };
  }

  /**
   * Runs `task` in the round's queue on the round as stored, after its deadlines are applied
   * (round-deadlines.ts; `found` is the round before them); then tells the sockets of every cohort a
   * step marked changed.
   */
  async withRound<T>(
    roundId: Uint8Array,
    task: (round: LoadedRound, found: LoadedRound) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    return this.queue.run(toBase64Url(roundId), async () => {
      try {
        const found = await this.load(roundId);
        if (found === null) return err("round-not-found");
        return await task(await applyDeadlines(this, found), found);
      } finally {
        await this.flush();
      }
    });
  }

  /**
   * Reads a round for `task` without waiting in its queue when no deadline of its phase has passed (a
   * read changes nothing; thousands of members reading their state at a phase change must not queue
   * behind each other or behind the steps); otherwise through the queue, which applies the deadline.
   */
  async readRound<T>(roundId: Uint8Array, task: (round: LoadedRound) => Promise<Result<T>>): Promise<Result<T>> {
    const found = await this.load(roundId);
    if (found === null) return err("round-not-found");
    if (!deadlineDue(found, this.now())) return task(found);
    return this.withRound(roundId, (r) => task(r));
  }

  /**
   * A step changed what the cohort's members see. `everyone`: a phase moved (or stewards were drawn), so
   * every enrolled member's device may have something to do; otherwise (a volunteer, a reveal, an
   * acceptance, a report, a partial) only the organization's dashboard is told — a cohort of thousands
   * would otherwise re-read its state thousands of times per report.
   */
  markChanged(cohortId: Uint8Array, everyone = false, phase?: RoundPhase): void {
    const key = toBase64Url(cohortId);
    const before = this.dirty.get(key);
    // Two phase moves in one flush: say nothing about the phase (every device re-reads).
    const samePhase = before === undefined || !before.everyone ? phase : before.phase === phase ? phase : undefined;
    this.dirty.set(key, { cohortId, everyone: everyone || (before?.everyone ?? false), phase: samePhase });
  }

  /** Sends `agg-changed` for every cohort marked since the last flush. */
  async flush(): Promise<void> {
    const cohorts = [...this.dirty.values()];
    this.dirty.clear();
    for (const { cohortId, everyone, phase } of cohorts) await this.changed(cohortId, everyone, phase);
  }

  /** Tells the organization's (and, with `everyone`, every enrolled member's) sockets, on every relay process. */
  async changed(cohortId: Uint8Array, everyone = true, phase?: RoundPhase): Promise<void> {
    await this.storage.announce({ kind: "agg-changed", cohortId, everyone, phase });
  }

  /** Pushes `agg-changed` to the organization's (and, with `everyone`, every enrolled member's) sockets in this process. */
  async pushChanged(cohortId: Uint8Array, everyone = true, phase?: RoundPhase): Promise<void> {
    const cohort = await this.cohort(cohortId);
    if (cohort === null) return;
    const frame = { v: PROTOCOL_VERSION, type: "agg-changed", cohortId, ...(phase ? { phase } : {}) } as const;
    const to = new Set([toBase64Url(cohort.stored.orgKey)]);
    if (everyone) for (const e of await this.storage.enrolments(cohortId)) to.add(toBase64Url(e.memberId));
    for (const id of to) {
      const memberId = MemberId.parse(id);
      if (memberId !== null) this.deps.hub.pushToMember(memberId, frame);
    }
  }

  /** Tells one identity's sockets (the organization, for a new enrolment), on every relay process. */
  tell(identity: Uint8Array, cohortId: Uint8Array): void {
    this.storage
      .announce({ kind: "agg-tell", identity, cohortId })
      .catch((e: unknown) => this.deps.log("internal", e instanceof Error ? `agg-tell: ${e.name}` : "agg-tell"));
  }

  /** Pushes `agg-changed` to one identity's sockets in this process. */
  pushTold(identity: Uint8Array, cohortId: Uint8Array): void {
    const memberId = MemberId.fromBytes(identity);
    if (memberId !== null) this.deps.hub.pushToMember(memberId, { v: PROTOCOL_VERSION, type: "agg-changed", cohortId });
  }

  /** Applies deadlines to every running round now (the timer's work; also callable from tests). */
  async tick(): Promise<void> {
    for (const roundId of await this.storage.activeRounds()) {
      if (this.stopped) return;
      await this.withRound(roundId, async () => ok(true));
    }
  }

  /** Starts the deadline timer (unref'd: it never keeps the process alive). */
  start(everyMs = DEADLINE_TICK_MS): void {
    if (this.timer !== null || this.stopped) return;
    this.timer = setInterval(() => {
      if (this.ticking !== null) return;
      this.ticking = this.tick()
        .catch((e: unknown) =>
          this.deps.log("internal", e instanceof Error ? `deadline tick: ${e.name}` : "deadline tick"),
        )
        .finally(() => {
          this.ticking = null;
        });
    }, everyMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for the round work already under way (call before closing storage). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
    await this.queue.idle();
  }
}
