/**
 * An aggregation world against a real relay: friend groups built through real `append` frames, an
 * organization (a fixed identity), its signed cohorts with enrolment links, members enrolled through
 * `agg-enrol`, and a round driven through its phases up to `open` — the call signed by the
 * organization, volunteers committing and revealing nonces, the drawn stewards accepting with fresh
 * round keys. Each member has its own connected socket.
 */
import { expect } from "vitest";
import {
  deriveIdentity,
  randomBytes,
  sealToBoxKey,
  toBase64Url,
  utf8,
  type AggRoundState,
  type AggStateReplyFrame,
  type KeyPair,
  type ServerFrame,
} from "@porch/shared";
import {
  DEFAULT_DISCLOSURE_RULES,
  DEFAULT_FIELD_RULES,
  acceptRound,
  buildReport,
  buildReportVector,
  cohortHash,
  commitNonce,
  decodeCall,
  deriveEnrolKeys,
  encodeCall,
  encodeCohort,
  enrolProof,
  signCall,
  signCohort,
  type CohortRecord,
  type RoundCall,
  type RoundManifest,
  type SealedReport,
  packVector,
  vectorLayout,
} from "@porch/shared/aggregation";
import { seededRandom, type Family } from "@porch/shared/aggregation/test-kit";
import { createEntry, inviteEntry, joinEntry, member, newGroup, type TestGroup, type TestMember } from "./members.ts";
import { TestClient } from "./test-client.ts";

export interface AggMember {
  readonly member: TestMember;
  readonly client: TestClient;
  readonly group: TestGroup;
  /** The group's position in the world (0-based). */
  readonly groupIndex: number;
}

export interface AggWorld {
  readonly members: readonly AggMember[];
  readonly org: TestMember;
  readonly orgClient: TestClient;
}

async function append(
  client: TestClient,
  group: TestGroup,
  wire: Uint8Array,
  hash: Uint8Array,
  sealedKey?: Uint8Array,
) {
  const answer = await client.request({
    type: "append",
    groupId: group.bytes,
    entry: wire,
    ...(sealedKey === undefined ? {} : { sealedKey }),
  });
  expect(answer).toMatchObject({ type: "appended" });
  group.head = hash;
}

/** `groups` friend groups of `perGroup` members each (the first founds it and invites the others). */
export async function buildAggWorld(url: string, groups: number, perGroup: number): Promise<AggWorld> {
  const now = Date.now();
  const members: AggMember[] = [];
  for (let g = 0; g < groups; g++) {
    const group = newGroup();
    const people = Array.from({ length: perGroup }, (_, i) => member(`G${g}M${i}`));
    const clients = await Promise.all(people.map((p) => TestClient.as(url, p)));
    const create = createEntry(people[0]!, group, now);
    await append(clients[0]!, group, create.wire, create.hash);
    for (let i = 1; i < perGroup; i++) {
      const invite = inviteEntry(people[0]!, group, now);
      await append(clients[0]!, group, invite.entry.wire, invite.entry.hash, invite.sealedKey);
      const join = joinEntry(people[i]!, group, invite, now);
      await append(clients[i]!, group, join.wire, join.hash);
    }
    people.forEach((p, i) => members.push({ member: p, client: clients[i]!, group, groupIndex: g }));
  }
  const org: TestMember = {
    name: "Org",
    identity: deriveIdentity(new Uint8Array(32).fill(0x0a)),
    deviceId: randomBytes(16),
  };
  return { members, org, orgClient: await TestClient.as(url, org) };
}

export interface TestCohort {
  readonly record: CohortRecord;
  readonly id: Uint8Array;
  readonly bytes: Uint8Array;
  readonly signature: Uint8Array;
  /** The enrolment link's secret. */
  readonly secret: Uint8Array;
}

/** A cohort signed by `org` with the default field and disclosure rules. */
export function makeCohort(org: TestMember, name = "Oakland 2026"): TestCohort {
  const id = randomBytes(16);
  const secret = randomBytes(32);
  const record: CohortRecord = {
    cohortId: toBase64Url(id),
    name,
    orgKey: org.identity.signing.publicKey,
    orgBoxKey: org.identity.box.publicKey,
    enrolKey: deriveEnrolKeys(secret).publicKey,
    rules: DEFAULT_FIELD_RULES,
    disclosure: DEFAULT_DISCLOSURE_RULES,
    createdAt: Date.now(),
  };
  const bytes = encodeCohort(record);
  return { record, id, bytes, signature: signCohort(bytes, org.identity.signing.privateKey), secret };
}

/** The organization creates the cohort on the relay. */
export async function createCohort(world: AggWorld, cohort: TestCohort): Promise<void> {
  expect(
    await world.orgClient.request({ type: "agg-cohort-create", cohort: cohort.bytes, signature: cohort.signature }),
  ).toMatchObject({ type: "agg-ok" });
}

/** The `agg-enrol` request of `who` for its group, with a proof from `secret` (the link's, by default). */
export function enrolRequest(who: AggMember, cohort: TestCohort, secret: Uint8Array = cohort.secret) {
  return {
    type: "agg-enrol" as const,
    cohortId: cohort.id,
    groupId: who.group.bytes,
    sealedName: sealToBoxKey(utf8(who.member.name), cohort.record.orgBoxKey),
    proof: enrolProof(cohort.record.cohortId, who.member.identity.memberId, who.group.id, secret),
  };
}

export async function enrolAll(members: readonly AggMember[], cohort: TestCohort): Promise<void> {
  for (const m of members) expect(await m.client.request(enrolRequest(m, cohort))).toMatchObject({ type: "agg-ok" });
}

/** A call for `period`: k = 5, t = 3, the cohort's minimums, deadlines 1, 2 and 3 hours after `now`. */
export function makeCall(
  cohort: TestCohort,
  period: string,
  now: number,
  overrides: Partial<RoundCall> = {},
): RoundCall {
  return {
    roundId: randomBytes(16),
    cohortId: cohort.record.cohortId,
    period,
    schemaHash: cohortHash(cohort.bytes),
    k: 5,
    t: 3,
    minContributors: cohort.record.disclosure.minContributors,
    minGroups: cohort.record.disclosure.minGroups,
    volunteersBy: now + 3_600_000,
    freezesAt: now + 7_200_000,
    partialsBy: now + 10_800_000,
    ...overrides,
  };
}

export const openRequest = (call: RoundCall, orgSigningKey: Uint8Array) => ({
  type: "agg-round-open" as const,
  call: encodeCall(call),
  signature: signCall(call, orgSigningKey),
});

/** The cohort as `client` may see it. */
export async function stateOf(client: TestClient, cohort: TestCohort): Promise<AggStateReplyFrame> {
  const state = await client.request({ type: "agg-state", cohortId: cohort.id });
  if (state.type !== "agg-state-reply") throw new Error(`expected agg-state-reply, got ${JSON.stringify(state)}`);
  return state;
}

/** One round of a state reply, by id. */
export function roundIn(state: AggStateReplyFrame, roundId: Uint8Array): AggRoundState {
  const found = state.rounds.find(
    (r) => toBase64Url(decodeCall(r.call)?.roundId ?? new Uint8Array()) === toBase64Url(roundId),
  );
  if (found === undefined) throw new Error("round not in the state");
  return found;
}

export interface TestSteward {
  readonly who: AggMember;
  readonly x: number;
  readonly roundKeys: KeyPair;
}

export interface OpenRound {
  readonly call: RoundCall;
  readonly manifest: RoundManifest;
  readonly stewards: readonly TestSteward[];
}

/**
 * Opens a round and drives it to `open`: `volunteers` commit and (after the organization's advance)
 * reveal, and the drawn stewards accept with fresh round keys.
 */
export async function runToOpen(
  world: AggWorld,
  cohort: TestCohort,
  call: RoundCall,
  volunteers: readonly AggMember[],
): Promise<OpenRound> {
  const ok = { type: "agg-ok" };
  expect(await world.orgClient.request(openRequest(call, world.org.identity.signing.privateKey))).toMatchObject(ok);
  const nonces = volunteers.map(() => randomBytes(32));
  for (const [i, v] of volunteers.entries())
    expect(
      await v.client.request({ type: "agg-volunteer", roundId: call.roundId, commitment: commitNonce(nonces[i]!) }),
    ).toMatchObject(ok);
  expect(await world.orgClient.request({ type: "agg-advance", roundId: call.roundId })).toMatchObject(ok);
  for (const [i, v] of volunteers.entries())
    expect(await v.client.request({ type: "agg-reveal", roundId: call.roundId, nonce: nonces[i]! })).toMatchObject(ok);
  const drawn = roundIn(await stateOf(world.orgClient, cohort), call.roundId);
  expect(drawn.phase).toBe("accepting");
  const stewards = drawn.stewards.map((s, i): TestSteward => {
    const who = volunteers.find((v) => toBase64Url(s.memberId) === v.member.identity.memberId);
    if (who === undefined) throw new Error("a steward who did not volunteer");
    return { who, x: i + 1, roundKeys: deriveIdentity(randomBytes(32)).box };
  });
  for (const s of stewards) {
    const steward = {
      memberId: s.who.member.identity.memberId,
      groupId: s.who.group.id,
      roundKey: s.roundKeys.publicKey,
    };
    expect(
      await s.who.client.request({
        type: "agg-accept",
        roundId: call.roundId,
        roundKey: s.roundKeys.publicKey,
        signature: acceptRound(call, steward, s.who.member.identity.signing.privateKey),
      }),
    ).toMatchObject(ok);
  }
  const manifest: RoundManifest = {
    ...call,
    stewards: stewards.map((s) => ({
      memberId: s.who.member.identity.memberId,
      groupId: s.who.group.id,
      roundKey: s.roundKeys.publicKey,
    })),
  };
  return { call, manifest, stewards };
}

/** `who`'s sealed report of `family`'s journal to the round (shares from a seeded source). */
export function reportOf(manifest: RoundManifest, who: AggMember, family: Family, seed: number): SealedReport {
  const layout = vectorLayout(DEFAULT_FIELD_RULES);
  const vector = packVector(
    buildReportVector(family.values, family.baseline, family.consented, DEFAULT_FIELD_RULES),
    layout,
  );
  return buildReport(
    manifest,
    vector,
    { memberId: who.member.identity.memberId, signingKey: who.member.identity.signing.privateKey },
    seededRandom(seed),
  );
}

export const reportRequest = (r: SealedReport) => ({
  type: "agg-report" as const,
  roundId: r.roundId,
  manifestHash: r.manifestHash,
  shares: [...r.shares],
  signature: r.signature,
});

/** Sends every report and expects a receipt for each. */
export async function sendReports(round: OpenRound, senders: readonly { who: AggMember; report: SealedReport }[]) {
  const receipts: ServerFrame[] = [];
  for (const { who, report } of senders) {
    const receipt = await who.client.request(reportRequest(report));
    expect(receipt).toMatchObject({ type: "agg-receipt" });
    receipts.push(receipt);
  }
  expect(round.call.roundId).toBeDefined();
  return receipts;
}
