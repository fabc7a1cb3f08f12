/**
 * A simulated cohort run through the real protocol: a relay (given by URL), the organization's agent,
 * and one real client cohort agent per family — each family a real identity on its own authenticated
 * socket, in a real friend group whose membership log it signed (create, invite, join), enrolled with
 * the organization's link, building, sharing, sealing and signing its report itself; stewards drawn by
 * the lottery add their shares and post their partials. The only simulated part is the journal: each
 * family's answers come from the cohort file instead of a person typing them.
 *
 * Used by `npm run demo` (scripts/demo.ts), the aggregation tests and the benchmark. Waits on relay
 * events (`agg-changed`), never on time.
 */
import * as v from "valibot";
import { WebSocket } from "ws";
import {
  DeviceId,
  deriveIdentity,
  randomBytes,
  seedToPhrase,
  toBase64Url,
  type Identity,
  type Result,
  type ServerFrame,
} from "@porch/shared";
import { FIELD_IDS, fieldDef, isShareableField, isValidValue, type FieldId } from "@porch/shared/journal";
import type { JournalValue, JournalValues, ShareableFieldId } from "@porch/shared/journal";
import {
  CohortAgent,
  OrgAgent,
  RelayConnection,
  type AgentMeasure,
  type CohortEnrolment,
  type CohortStorage,
  type OrgCohortView,
  type OrgRoundView,
  type RoundRecord,
} from "@porch/client/aggregation";
import { createEntry, inviteEntry, joinEntry, newGroup, type TestGroup, type TestMember } from "./members.ts";

/** The cohort file's shape (README, "A simulated cohort"). Money in whole dollars. */
const CohortFileSchema = v.object({
  families: v.pipe(
    v.array(
      v.object({
        id: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
        group: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
        months: v.record(
          v.pipe(v.string(), v.regex(/^\d{4}-(0[1-9]|1[0-2])$/)),
          v.record(v.string(), v.union([v.number(), v.boolean(), v.string()])),
        ),
      }),
    ),
    v.minLength(1),
  ),
});
export type CohortFile = v.InferOutput<typeof CohortFileSchema>;
type FamilyRow = CohortFile["families"][number];

/** Reads a cohort file; every problem is named (field id, month, family). */
export function parseCohortFile(json: unknown): { ok: true; file: CohortFile } | { ok: false; problem: string } {
  const parsed = v.safeParse(CohortFileSchema, json);
  if (!parsed.success) return { ok: false, problem: v.summarize(parsed.issues) };
  for (const f of parsed.output.families) {
    if (Object.keys(f.months).length === 0) return { ok: false, problem: `family ${f.id} has no month` };
    for (const [month, values] of Object.entries(f.months))
      for (const [field, value] of Object.entries(values)) {
        if (!(FIELD_IDS as readonly string[]).includes(field))
          return { ok: false, problem: `family ${f.id}, ${month}: unknown field "${field}"` };
        if (!isShareableField(field))
          return { ok: false, problem: `family ${f.id}, ${month}: "${field}" is never shared` };
        if (!isValidValue(field, toJournal(field, value)))
          return {
            ok: false,
            problem: `family ${f.id}, ${month}: "${field}" = ${JSON.stringify(value)} is not a valid answer`,
          };
      }
  }
  const ids = new Set(parsed.output.families.map((f) => f.id));
  if (ids.size !== parsed.output.families.length) return { ok: false, problem: "two families share an id" };
  return { ok: true, file: parsed.output };
}

/** A file value as the journal stores it (money: dollars → cents). */
function toJournal(field: FieldId, value: number | boolean | string): JournalValue {
  return fieldDef(field).kind === "money" && typeof value === "number" ? Math.round(value * 100) : value;
}

const journalOf = (values: Readonly<Record<string, number | boolean | string>>): JournalValues =>
  Object.fromEntries(Object.entries(values).map(([k, val]) => [k, toJournal(k as FieldId, val)])) as JournalValues;

/** A family's first and latest months, and every field it answered (it consents to all of them). */
export function reportOf(f: FamilyRow) {
  const months = Object.keys(f.months).sort();
  const first = months[0]!;
  const latest = months.at(-1)!;
  const fields = [...new Set(months.flatMap((m) => Object.keys(f.months[m]!)))].filter(isShareableField).sort();
  return {
    latest,
    values: journalOf(f.months[latest]!),
    baseline: months.length > 1 ? journalOf(f.months[first]!) : null,
    fields: fields as ShareableFieldId[],
  };
}

export interface SimOptions {
  /** The relay's base URL (http://host:port). */
  readonly baseUrl: string;
  readonly cohortName?: string;
  /** Progress lines (the demo prints them on stderr). */
  readonly progress?: (line: string) => void;
  /** Families per friend group who volunteer as stewards (default 2). */
  readonly volunteersPerGroup?: number;
  /** Stewards who go quiet after accepting (they never post a partial). */
  readonly absentStewards?: number;
  /** Committee size and threshold (default: by cohort size). */
  readonly k?: number;
  readonly t?: number;
  /** Keep every socket open afterwards (the demo's relay keeps serving the dashboard). */
  readonly keepOpen?: boolean;
  /** Benchmarks: every member's and steward's timings and sizes. */
  readonly measure?: (m: AgentMeasure) => void;
  /** Runs once every report is in, before the freeze (e.g. families editing their journal). */
  readonly beforeFreeze?: (families: readonly SimFamily[]) => Promise<void>;
}

export interface SimResult {
  readonly org: OrgCohortView;
  readonly round: OrgRoundView;
  readonly orgPhrase: string;
  readonly period: string;
  close(): void;
}

function memoryStorage(): CohortStorage {
  const enrolments = new Map<string, CohortEnrolment>();
  const rounds = new Map<string, RoundRecord>();
  return {
    enrolments: async () => [...enrolments.values()],
    saveEnrolment: async (e) => void enrolments.set(e.cohortId, e),
    round: async (id) => rounds.get(id) ?? {},
    saveRound: async (id, r) => void rounds.set(id, r),
  };
}

/** An authenticated relay connection for `identity`, resolved once the relay has welcomed it. */
async function connect(
  syncUrl: string,
  identity: Identity,
  onPush: (frame: Extract<ServerFrame, { type: "agg-changed" }>) => void,
): Promise<RelayConnection> {
  let ready: () => void = () => {};
  const welcomed = new Promise<void>((resolve) => (ready = resolve));
  const connection = new RelayConnection({
    url: syncUrl,
    identity,
    deviceId: DeviceId.random(),
    WebSocketImpl: WebSocket as unknown as typeof globalThis.WebSocket,
    onLive: () => {},
    onPush: (frame) => {
      if (frame.type === "agg-changed") onPush(frame);
    },
    onState: () => {},
    onReady: () => ready(),
    requestTimeoutMs: 120_000,
  });
  connection.start();
  await welcomed;
  return connection;
}

/** Runs `promises` with at most `width` at a time. */
async function inBatches<T>(items: readonly T[], width: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += width) await Promise.all(items.slice(i, i + width).map(fn));
}

const must = <T>(r: Result<T>, what: string): T => {
  if (!r.ok) throw new Error(`${what}: ${r.code}${r.detail ? ` (${r.detail})` : ""}`);
  return r.value;
};

/** One simulated family: its real agent and socket. */
export interface SimFamily {
  readonly row: FamilyRow;
  readonly agent: CohortAgent;
  readonly connection: RelayConnection;
  readonly memberId: string;
  /**
   * The family edits its journal: from now on its answers are `months`' (as if typed). Like the app's
   * journal service, call `agent.tick()` afterwards so the agent resends before the freeze.
   */
  edit(months: FamilyRow["months"]): void;
}

/**
 * Makes every family of `file` a real member: an identity on its own socket, in its friend group (the
 * first family founds it, the others are invited and join through the signed log), enrolled in the
 * cohort of `enrolLink` with its cohort agent running; the first `volunteersPerGroup` of each group
 * volunteer as stewards. The organization (a test's browser, or `runCohort`) runs the round.
 */
export async function enrolFamilies(
  file: CohortFile,
  options: {
    readonly syncUrl: string;
    readonly enrolLink: string;
    readonly volunteersPerGroup?: number | undefined;
    readonly measure?: ((m: AgentMeasure) => void) | undefined;
  },
): Promise<{
  readonly agents: readonly SimFamily[];
  readonly byGroup: ReadonlyMap<string, readonly FamilyRow[]>;
  close(): void;
}> {
  const byGroup = new Map<string, FamilyRow[]>();
  for (const f of file.families) byGroup.set(f.group, [...(byGroup.get(f.group) ?? []), f]);
  const volunteersPerGroup = options.volunteersPerGroup ?? 2;
  const agents: SimFamily[] = [];
  await inBatches([...byGroup.entries()], 8, async ([, families]) => {
    const group: TestGroup = newGroup();
    const members: TestMember[] = [];
    let founder: RelayConnection | null = null;
    for (const row of families) {
      const identity = deriveIdentity(randomBytes(32));
      let agent: CohortAgent | null = null;
      const connection = await connect(
        options.syncUrl,
        identity,
        (frame) => void agent?.onChanged(toBase64Url(frame.cohortId), frame.phase),
      );
      const who: TestMember = { name: row.id, identity, deviceId: randomBytes(16) };
      const now = Date.now();
      if (founder === null) {
        founder = connection;
        must(await append(connection, group, createEntry(who, group, now)), "create group");
      } else {
        const invite = inviteEntry(members[0]!, group, now);
        must(await append(founder, group, invite.entry, invite.sealedKey), "invite");
        must(await append(connection, group, joinEntry(who, group, invite, now)), "join");
      }
      members.push(who);
      let report = reportOf(row);
      agent = new CohortAgent({
        connection,
        identity,
        storage: memoryStorage(),
        journal: { inputs: () => report, sent: async () => {} },
        now: Date.now,
        onChange: () => {},
        ...(options.measure ? { measure: options.measure } : {}),
      });
      agents.push({
        row,
        agent,
        connection,
        memberId: identity.memberId,
        edit: (months) => void (report = reportOf({ ...row, months })),
      });
    }
    // Enrol once the group has its members (a one-person group cannot enrol).
    await Promise.all(
      families.map(async (row, i) => {
        const a = agents.find((x) => x.row === row)!;
        must(await a.agent.enrol(options.enrolLink, group.id, row.id, i < volunteersPerGroup), "enrol");
      }),
    );
  });
  return { agents, byGroup, close: () => agents.forEach((a) => a.connection.stop()) };
}

/** Runs the cohort in `file` through one round on the relay at `options.baseUrl`. */
export async function runCohort(file: CohortFile, options: SimOptions): Promise<SimResult> {
  const say = options.progress ?? (() => {});
  const url = new URL(options.baseUrl);
  const syncUrl = `${url.protocol === "https:" ? "wss" : "ws"}://${url.host}/api/sync`;
  const connections: RelayConnection[] = [];
  const close = () => connections.forEach((c) => c.stop());

  // The organization.
  const orgSeed = randomBytes(32);
  const orgIdentity = deriveIdentity(orgSeed);
  let pushes = 0;
  let wake: () => void = () => {};
  const orgConnection = await connect(syncUrl, orgIdentity, () => {
    pushes++;
    wake();
  });
  connections.push(orgConnection);
  const org = new OrgAgent({
    connection: orgConnection,
    identity: orgIdentity,
    seed: orgSeed,
    origin: url.origin,
    now: Date.now,
  });
  const cohort = must(await org.createCohort(options.cohortName ?? "Simulated cohort"), "create cohort");
  const link = must(await org.state(cohort.cohortId), "read cohort").enrolLink;
  say(`cohort "${cohort.cohortId}" created`);

  /** The organization's view once `check` holds, re-read on every change the relay announces. */
  const until = async (check: (r: OrgRoundView | undefined) => boolean, roundId?: string): Promise<OrgRoundView> => {
    for (;;) {
      const seen = pushes;
      const state = must(await org.state(cohort.cohortId), "read cohort");
      const round = state.rounds.find((r) => r.roundId === roundId);
      if (check(round)) return round!;
      if (round?.phase === "aborted" || round?.phase === "published") return round;
      if (pushes === seen) await new Promise<void>((resolve) => (wake = resolve));
    }
  };

  const families = await enrolFamilies(file, {
    syncUrl,
    enrolLink: link,
    volunteersPerGroup: options.volunteersPerGroup,
    measure: options.measure,
  });
  connections.push(...families.agents.map((a) => a.connection));
  const { agents, byGroup } = families;
  const volunteersPerGroup = options.volunteersPerGroup ?? 2;
  say(`${file.families.length} families enrolled in ${byGroup.size} friend groups`);

  // The round: the latest month any family reports.
  const period = file.families
    .map((f) => reportOf(f).latest)
    .sort()
    .at(-1)!;
  const now = Date.now();
  const day = 86_400_000;
  const roundId = must(
    await org.openRound(cohort.cohortId, period, {
      volunteersBy: now + 7 * day,
      freezesAt: now + 14 * day,
      partialsBy: now + 21 * day,
      ...(options.k !== undefined ? { k: options.k } : {}),
      ...(options.t !== undefined ? { t: options.t } : {}),
    }),
    "open round",
  );
  const volunteers = [...byGroup.values()].reduce((n, fs) => n + Math.min(volunteersPerGroup, fs.length), 0);
  say(`round ${period} opened; waiting for ${volunteers} volunteers`);
  await until((r) => r !== undefined && r.volunteers >= volunteers, roundId);
  must(await org.advance(roundId), "close volunteering");
  const opened = await until((r) => r !== undefined && r.phase !== "revealing" && r.phase !== "accepting", roundId);
  if (opened.phase !== "open") return done(opened);
  say(`stewards drawn and ready (k = ${opened.call.k}, t = ${opened.call.t}); members are reporting`);

  // Stewards who go quiet now never post a partial.
  const quiet = opened.stewardList.slice(0, options.absentStewards ?? 0).map((s) => s.memberId);
  for (const a of agents) if (quiet.includes(a.memberId)) a.connection.stop();
  const reporting = file.families.length - agents.filter((a) => quiet.includes(a.memberId)).length;
  await until((r) => r !== undefined && r.reports >= reporting, roundId);
  await options.beforeFreeze?.(agents);
  say(`${reporting} reports received; freezing`);
  must(await org.advance(roundId), "freeze");
  const active = opened.call.k - quiet.length;
  for (const part of ["counts", "values"] as const) {
    const posted = await until(
      (r) => r !== undefined && (r.phase !== part || r.stewardList.filter((s) => s[part]).length >= active),
      roundId,
    );
    if (posted.phase === part) must(await org.advance(roundId), `close ${part}`);
    say(`stewards posted their ${part}`);
  }
  return done(await until((r) => r !== undefined && (r.phase === "published" || r.phase === "aborted"), roundId));

  async function done(round: OrgRoundView): Promise<SimResult> {
    say(round.phase === "published" ? "release published" : `round aborted: ${round.aborted}`);
    const state = must(await org.state(cohort.cohortId), "read cohort");
    if (options.keepOpen !== true) close();
    return {
      org: state,
      round: state.rounds.find((r) => r.roundId === round.roundId)!,
      orgPhrase: seedToPhrase(orgSeed, "en"),
      period,
      close,
    };
  }
}

async function append(
  connection: RelayConnection,
  group: TestGroup,
  entry: { readonly wire: Uint8Array; readonly hash: Uint8Array },
  sealedKey?: Uint8Array,
): Promise<Result<true>> {
  const answer = await connection.request({
    v: 1,
    type: "append",
    groupId: group.bytes,
    entry: entry.wire,
    sealedKey: sealedKey ?? null,
  });
  if (!answer.ok) return answer;
  group.head = entry.hash;
  return { ok: true, value: true };
}
