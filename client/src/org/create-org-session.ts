/**
 * The signed-in organization for Solid: its relay connection (authenticated with the organization's
 * own identity), its agent, and what the screens read — the connection state, the cohort list and the
 * state of each cohort on screen. Every `agg-changed` push re-reads the cohort it names (and the list,
 * for enrolment counts); so does every reconnection, since pushes missed while offline are gone.
 *
 * Reads are coalesced: while one is in flight, any number of pushes cause exactly one more read.
 */
import { DeviceId, deriveIdentity, err, fromBase64Url, toBase64Url, type ErrorCode, type Result } from "@porch/shared";
import { type Accessor, createSignal, onCleanup, type Setter } from "solid-js";
import {
  OrgAgent,
  RelayConnection,
  type ConnectionState,
  type OrgCohortSummary,
  type OrgCohortView,
  type RoundOptions,
} from "../core/aggregation.ts";

/** One cohort's state as last read: the view, or why it could not be read. */
export interface CohortSlot {
  readonly view: OrgCohortView | null;
  readonly error: ErrorCode | null;
}

export interface OrgSession {
  readonly connection: Accessor<ConnectionState>;
  /** The code of the relay's last fatal refusal (e.g. `auth-failed`), cleared once online again. */
  readonly refused: Accessor<ErrorCode | null>;
  /** The organization's cohorts, newest first; null until first read. */
  readonly cohorts: Accessor<readonly OrgCohortSummary[] | null>;
  readonly cohortsError: Accessor<ErrorCode | null>;
  /** A cohort's state, read now and again on every change until the calling owner is cleaned up. */
  watchCohort(cohortId: string): Accessor<CohortSlot>;
  createCohort(name: string): Promise<Result<OrgCohortSummary>>;
  openRound(cohortId: string, period: string, options: RoundOptions): Promise<Result<string>>;
  advance(cohortId: string, roundId: string): Promise<Result<true>>;
}

/** Runs `read` now, or once more after the read in flight when one is. */
function coalesced(read: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | null = null;
  let again = false;
  const go = async (): Promise<void> => {
    if (running !== null) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await read();
      } while (again);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  };
  return go;
}

interface Watched {
  readonly slot: Accessor<CohortSlot>;
  readonly set: Setter<CohortSlot>;
  readonly refresh: () => Promise<void>;
  watchers: number;
}

/** Connects as the organization of `seed`; everything closes when the calling owner is cleaned up. */
export function createOrgSession(seed: Uint8Array, deviceId: string): OrgSession {
  const identity = deriveIdentity(seed);
  const [connection, setConnection] = createSignal<ConnectionState>("connecting");
  const [refused, setRefused] = createSignal<ErrorCode | null>(null);
  const [cohorts, setCohorts] = createSignal<readonly OrgCohortSummary[] | null>(null);
  const [cohortsError, setCohortsError] = createSignal<ErrorCode | null>(null);
  const watched = new Map<string, Watched>();

  const relay = new RelayConnection({
    url: `${location.protocol === "https:" ? "wss" : "ws"}://${location.host}/api/sync`,
    identity,
    deviceId: DeviceId.parse(deviceId) ?? DeviceId.random(),
    onLive: () => {},
    onPush: (frame) => {
      if (frame.type !== "agg-changed") return;
      void refreshList();
      void watched.get(toBase64Url(frame.cohortId))?.refresh();
    },
    onState: (state, fatal) => {
      setConnection(state);
      if (fatal !== undefined) setRefused(fatal);
      else if (state === "online") setRefused(null);
    },
    onReady: () => {
      void refreshList();
      for (const w of watched.values()) void w.refresh();
    },
  });
  const agent = new OrgAgent({ connection: relay, identity, seed, origin: location.origin, now: Date.now });

  const refreshList = coalesced(async () => {
    const list = await agent.cohorts();
    if (list.ok) {
      setCohorts([...list.value].sort((a, b) => b.createdAt - a.createdAt));
      setCohortsError(null);
    } else if (list.code !== "offline") setCohortsError(list.code);
  });

  const nudge = () => relay.nudge();
  addEventListener("online", nudge);
  relay.start();
  onCleanup(() => {
    removeEventListener("online", nudge);
    relay.stop();
  });

  function watchCohort(cohortId: string): Accessor<CohortSlot> {
    let w = watched.get(cohortId);
    if (w === undefined) {
      const [slot, set] = createSignal<CohortSlot>({ view: null, error: null });
      const refresh = coalesced(async () => {
        const state = await agent.state(cohortId);
        if (state.ok) set({ view: state.value, error: null });
        // Offline keeps what was last read on screen (the header says the connection is down).
        else if (state.code !== "offline") set((s) => ({ view: s.view, error: state.code }));
      });
      w = { slot, set, refresh, watchers: 0 };
      watched.set(cohortId, w);
    }
    const entry = w;
    entry.watchers++;
    if (relay.ready) void entry.refresh();
    onCleanup(() => {
      if (--entry.watchers === 0) watched.delete(cohortId);
    });
    return entry.slot;
  }

  const afterChange = <T>(cohortId: string, result: Result<T>): Result<T> => {
    if (result.ok) {
      void refreshList();
      void watched.get(cohortId)?.refresh();
    }
    return result;
  };

  return {
    connection,
    refused,
    cohorts,
    cohortsError,
    watchCohort,
    async createCohort(name) {
      const created = await agent.createCohort(name);
      if (created.ok) void refreshList();
      return created;
    },
    async openRound(cohortId, period, options) {
      return afterChange(cohortId, await agent.openRound(cohortId, period, options));
    },
    async advance(cohortId, roundId) {
      // The relay names rounds by their 16 bytes; a malformed id never leaves the page.
      if (fromBase64Url(roundId)?.length !== 16) return err("round-not-found");
      return afterChange(cohortId, await agent.advance(roundId));
    },
  };
}
