/**
 * Consented aggregation through the real relay, end to end: 24 members in 6 real friend groups enrol
 * in the organization's cohort; each round's committee is drawn by lottery from volunteers, accepts
 * with round keys, members send sealed reports of seeded journals, and stewards (played with the
 * client's own opening code) post partial sums. The published release must equal the disclosure of
 * the release computed directly from the plaintext sum; missing, wrong and too few partials, too few
 * contributors and the call's deadlines (moved with the relay's clock) each end the round as
 * specified. Refusals with their codes are in aggregation-refusals.test.ts.
 */
import { bytesEqual, decodeCbor, randomBytes, type AggRoundState, type ServerFrame } from "@porch/shared";
import {
  DEFAULT_DISCLOSURE_RULES,
  NOT_ENOUGH,
  add,
  applyDisclosure,
  computeRelease,
  countElements,
  packedLength,
  decodeSigned,
  valueElementsOf,
  vectorLayout,
  verifyFreeze,
  verifyReceipt,
  verifyRelease,
  DEFAULT_FIELD_RULES,
  manifestHash,
  type Disclosure,
  type PartialPart,
} from "@porch/shared/aggregation";
import { mulberry32, randomFamily, sumOfVectors, type Family } from "@porch/shared/aggregation/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAggWorld,
  createCohort,
  enrolAll,
  makeCall,
  makeCohort,
  openRequest,
  reportOf,
  reportRequest,
  roundIn,
  runToOpen,
  sendReports,
  stateOf,
  type AggMember,
  type AggWorld,
  type OpenRound,
  type TestCohort,
  type TestSteward,
} from "@porch/testing/aggregation-world";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { partialRequest, readAllShares, stewardSum } from "@porch/testing/steward";

const layout = vectorLayout(DEFAULT_FIELD_RULES);
const MIN = DEFAULT_DISCLOSURE_RULES.minContributors;
const HOUR = 3_600_000;

let relay: TestRelay;
let world: AggWorld;
let cohort: TestCohort;
beforeAll(async () => {
  relay = await startTestRelay();
  world = await buildAggWorld(relay.url, 6, 4);
  cohort = makeCohort(world.org);
  await createCohort(world, cohort);
  await enrolAll(world.members, cohort);
}, 120_000);
afterAll(async () => {
  await relay?.stop();
});

let periods = 0;
const nextPeriod = () => `2026-${String(++periods).padStart(2, "0")}`;
/** One volunteer per friend group: the lottery draws 5 of the 6 (at most one per group). */
const volunteers = () => [0, 1, 2, 3, 4, 5].map((g) => world.members.find((m) => m.groupIndex === g)!);
const orgState = async (round: OpenRound): Promise<AggRoundState> =>
  roundIn(await stateOf(world.orgClient, cohort), round.call.roundId);

interface Reported {
  readonly round: OpenRound;
  readonly families: readonly Family[];
  readonly reporters: readonly AggMember[];
}

/** A round opened and drawn, with a report from each of `reporters` (their journals seeded by `seed`). */
async function roundWithReports(reporters: readonly AggMember[], seed: number): Promise<Reported> {
  const round = await runToOpen(world, cohort, makeCall(cohort, nextPeriod(), relay.now()), volunteers());
  const rnd = mulberry32(seed);
  const families = reporters.map(() => randomFamily(rnd, 6));
  await sendReports(
    round,
    reporters.map((who, i) => ({ who, report: reportOf(round.manifest, who, families[i]!, seed * 1000 + i) })),
  );
  return { round, families, reporters };
}

/** The organization closes the current phase. */
async function advance(round: OpenRound): Promise<void> {
  expect(await world.orgClient.request({ type: "agg-advance", roundId: round.call.roundId })).toMatchObject({
    type: "agg-ok",
  });
}

/** Each steward's sum of its opened shares, read through `agg-shares`. */
async function stewardSums(round: OpenRound): Promise<Map<TestSteward, bigint[]>> {
  const sums = new Map<TestSteward, bigint[]>();
  for (const s of round.stewards) {
    const { items } = await readAllShares(s.who.client, round.call.roundId);
    sums.set(s, stewardSum(items, round.call.roundId, s.x, s.roundKeys, packedLength(layout)));
  }
  return sums;
}

/** Steward `s` posts its partial of `part` (optionally tampered, still validly signed). */
async function post(
  round: OpenRound,
  state: AggRoundState,
  s: TestSteward,
  sums: Map<TestSteward, bigint[]>,
  part: PartialPart,
  tamper?: (values: bigint[]) => bigint[],
) {
  const coordinates = part === "counts" ? countElements(layout) : valueElementsOf(layout, state.valueBlocks!);
  const request = partialRequest(
    sums.get(s)!,
    coordinates,
    part,
    { roundId: round.call.roundId, batchHash: state.freeze!.batchHash, x: s.x },
    s.who.member.identity.signing.privateKey,
    tamper,
  );
  return s.who.client.request(request);
}

/** The release computed directly from the plaintext sum, then disclosed. */
function directRelease(r: Reported): Disclosure {
  const groups = [0, 1, 2, 3, 4, 5].map((g) => r.reporters.filter((m) => m.groupIndex === g).length);
  return applyDisclosure(
    computeRelease(sumOfVectors(r.families), layout, {
      contributors: r.families.length,
      groups: groups.filter((n) => n > 0),
    }),
    DEFAULT_DISCLOSURE_RULES,
  );
}

/** The relay's release equals the direct one for every block whose count reached the minimum; the others show only their count. */
function expectRightRelease(state: AggRoundState, r: Reported): void {
  expect(state.phase).toBe("published");
  const got = decodeCbor(state.release!.bytes) as Disclosure;
  const want = directRelease(r);
  if (got.withheld || want.withheld) throw new Error("the release was withheld");
  expect([got.contributors, got.groups]).toEqual([want.contributors, want.groups]);
  const sum = sumOfVectors(r.families);
  const blocks = [...layout.fields, ...layout.series];
  const reached = blocks.map((b) => decodeSigned(sum[b.at.answered]!) >= BigInt(MIN));
  // The seeded journals give both kinds of block, so both paths are checked.
  expect(reached.filter(Boolean).length).toBeGreaterThan(0);
  expect(reached.filter((x) => !x).length).toBeGreaterThan(0);
  const gotBlocks = [...got.fields, ...got.series];
  const wantBlocks = [...want.fields, ...want.series];
  blocks.forEach((_, i) => {
    if (reached[i]) expect(gotBlocks[i]).toEqual(wantBlocks[i]);
    else expect(gotBlocks[i]).toMatchObject({ contributors: wantBlocks[i]!.contributors, sum: NOT_ENOUGH });
  });
  // The counts the relay shows are the plaintext counts.
  // The state names the blocks whose values were rebuilt, never their exact counts.
  expect(state.valueBlocks).toEqual(reached.flatMap((r, i) => (r ? [i] : [])));
}

describe("a round through the relay", () => {
  it("publishes the release the plaintext sum gives, with signed receipts, freeze and release", async () => {
    const reported = await roundWithReports(world.members, 1);
    const { round } = reported;
    const ana = world.members[5]!;
    const before = roundIn(await stateOf(ana.client, cohort), round.call.roundId);
    expect(before).toMatchObject({ phase: "open", reports: 24, freeze: null, batch: [] });
    expect(before.stewards.map((s) => [s.faulty, s.counts, s.acceptance !== null])).toEqual(
      Array(5).fill([false, false, true]),
    );
    // Every steward's group log is there for members to check the steward is admitted.
    expect(before.stewardLogs).toHaveLength(5);
    expect(before.stewardLogs.every((l) => l.entries.length === 7)).toBe(true);

    await advance(round);
    const frozen = await orgState(round);
    const relayKey = (await stateOf(world.orgClient, cohort)).relayKey;
    expect(frozen).toMatchObject({ phase: "counts", freeze: { contributors: 24, groups: 6, aborted: null } });
    const freeze = frozen.freeze!;
    expect(
      verifyFreeze(
        {
          roundId: round.call.roundId,
          manifestHash: manifestHash(round.manifest),
          batchHash: freeze.batchHash,
          contributors: 24,
          groups: 6,
          aborted: null,
        },
        freeze.signature,
        relayKey,
      ),
    ).toBe(true);
    expect(frozen.batch).toHaveLength(24); // the organization's participation list

    const sums = await stewardSums(round);
    // Posted at once; the round's queue (keyed-queue.ts, tested on its own) finishes the part once.
    const answers = await Promise.all(round.stewards.map((s) => post(round, frozen, s, sums, "counts")));
    expect(answers.every((a) => a.type === "agg-ok")).toBe(true);
    const counted = await orgState(round);
    expect(counted.phase).toBe("values");
    for (const s of round.stewards)
      expect(await post(round, counted, s, sums, "values")).toMatchObject({ type: "agg-ok" });

    const published = await orgState(round);
    expectRightRelease(published, reported);
    expect(
      verifyRelease(
        round.call.roundId,
        freeze.batchHash,
        published.release!.bytes,
        published.release!.signature,
        relayKey,
      ),
    ).toBe(true);
    expect(published.stewards.every((s) => s.counts && s.values && !s.faulty)).toBe(true);

    // A member sees its own receipt (the relay's signature verifies) and that it is in the batch, not the batch.
    const mine = roundIn(await stateOf(ana.client, cohort), round.call.roundId);
    expect(mine).toMatchObject({ phase: "published", batch: [], freeze: { included: true } });
    const receipt = { roundId: round.call.roundId, memberId: ana.member.identity.memberId, ...mine.receipt! };
    expect(verifyReceipt(receipt, mine.receipt!.signature, relayKey)).toBe(true);
  });

  it("with k − t stewards silent the organization's advance still publishes; one more silent aborts and nothing is rebuilt", async () => {
    const enough = await roundWithReports(world.members, 2);
    await advance(enough.round);
    const sums = await stewardSums(enough.round);
    const posting = enough.round.stewards.slice(0, 3); // t = 3 of k = 5
    let state = await orgState(enough.round);
    for (const s of posting) await post(enough.round, state, s, sums, "counts");
    expect((await orgState(enough.round)).phase).toBe("counts"); // still waiting for the others
    await advance(enough.round);
    state = await orgState(enough.round);
    expect(state.phase).toBe("values");
    for (const s of posting) await post(enough.round, state, s, sums, "values");
    await advance(enough.round);
    expectRightRelease(await orgState(enough.round), enough);

    const short = await roundWithReports(world.members, 3);
    await advance(short.round);
    const shortSums = await stewardSums(short.round);
    state = await orgState(short.round);
    for (const s of short.round.stewards.slice(0, 2)) await post(short.round, state, s, shortSums, "counts");
    await advance(short.round);
    const aborted = await orgState(short.round);
    expect(aborted).toMatchObject({ phase: "aborted", aborted: "too-few-partials", release: null });
    expect(await relay.storage.round(short.round.call.roundId)).toMatchObject({ counts: null, sums: null });
    // The sealed shares are gone with the round, and a steward can no longer read any.
    expect((await relay.storage.shares(short.round.call.roundId, 1, 0, 1 << 30)).items).toEqual([]);
    expect(
      await short.round.stewards[0]!.who.client.request({
        type: "agg-shares",
        roundId: short.round.call.roundId,
        after: 0,
      }),
    ).toMatchObject({ type: "error", code: "wrong-phase" });
  });

  it("a steward whose partial is wrong (validly signed) is named faulty, and the release is still right", async () => {
    const reported = await roundWithReports(world.members, 4);
    const { round } = reported;
    await advance(round);
    const sums = await stewardSums(round);
    let state = await orgState(round);
    const liar = round.stewards[1]!;
    for (const s of round.stewards) {
      const tamper = s === liar ? (v: bigint[]) => v.map((x, i) => (i === 0 ? add(x, 1n) : x)) : undefined;
      expect(await post(round, state, s, sums, "counts", tamper)).toMatchObject({ type: "agg-ok" });
    }
    state = await orgState(round);
    expect(state.phase).toBe("values");
    expect(state.stewards.map((s) => s.faulty)).toEqual([false, true, false, false, false]);
    expect(state.stewards[1]).toMatchObject({ counts: false });
    // The faulty steward's values are not taken; the four others finish the part without waiting.
    expect(await post(round, state, liar, sums, "values")).toMatchObject({ type: "error", code: "bad-partial" });
    for (const s of round.stewards.filter((s) => s !== liar))
      expect(await post(round, state, s, sums, "values")).toMatchObject({ type: "agg-ok" });
    expectRightRelease(await orgState(round), reported);
  });

  it("below the minimum contributors the round aborts at the freeze and no partial is ever accepted", async () => {
    const { round } = await roundWithReports(world.members.slice(0, MIN - 1), 5);
    await advance(round);
    const state = await orgState(round);
    expect(state).toMatchObject({
      phase: "aborted",
      aborted: "too-few-contributors",
      freeze: { contributors: MIN - 1, aborted: "too-few-contributors" },
    });
    const s = round.stewards[0]!;
    const fake = partialRequest(
      new Array<bigint>(packedLength(layout)).fill(0n),
      countElements(layout),
      "counts",
      { roundId: round.call.roundId, batchHash: state.freeze!.batchHash, x: s.x },
      s.who.member.identity.signing.privateKey,
    );
    expect(await s.who.client.request(fake)).toMatchObject({ type: "error", code: "wrong-phase" });
    expect(await s.who.client.request({ type: "agg-shares", roundId: round.call.roundId, after: 0 })).toMatchObject({
      code: "wrong-phase",
    });
    expect(await relay.storage.partials(round.call.roundId, "counts")).toEqual([]);
    expect((await relay.storage.shares(round.call.roundId, 1, 0, 1 << 30)).items).toEqual([]);
  });

  it("the call's deadlines move the round with the relay's clock; a report after the freeze is late", async () => {
    const call = makeCall(cohort, nextPeriod(), relay.now());
    const watcher = world.members[7]!;
    const isChange = (f: ServerFrame) => f.type === "agg-changed" && bytesEqual(f.cohortId, cohort.id);
    while (watcher.client.unclaimed.some(isChange)) await watcher.client.next(isChange); // earlier rounds' news
    const round = await runToOpen(world, cohort, call, volunteers());
    // A member who is neither volunteer nor steward hears of the round's changes.
    expect(await watcher.client.next(isChange)).toMatchObject({ type: "agg-changed", cohortId: cohort.id });

    const rnd = mulberry32(6);
    const late = world.members[23]!;
    const senders = world.members.slice(0, 22).map((who, i) => ({
      who,
      report: reportOf(round.manifest, who, randomFamily(rnd, 6), 6000 + i),
    }));
    await sendReports(round, senders);
    relay.advanceClock(2 * HOUR); // past freezesAt
    const lateReport = reportOf(round.manifest, late, randomFamily(rnd, 6), 6999);
    expect(await late.client.request(reportRequest(lateReport))).toMatchObject({ type: "error", code: "late-report" });
    const frozen = await orgState(round);
    expect(frozen).toMatchObject({ phase: "counts", reports: 22, freeze: { contributors: 22 } });

    const sums = await stewardSums(round);
    for (const s of round.stewards) await post(round, frozen, s, sums, "counts");
    expect((await orgState(round)).phase).toBe("values");
    relay.advanceClock(HOUR); // past partialsBy: the values part finishes with what is there (nothing)
    expect(await orgState(round)).toMatchObject({ phase: "aborted", aborted: "too-few-partials", release: null });
  });

  it("volunteering closes at its deadline without the organization, and with no volunteer the round aborts", async () => {
    const call = makeCall(cohort, nextPeriod(), relay.now());
    expect(await world.orgClient.request(openRequest(call, world.org.identity.signing.privateKey))).toMatchObject({
      type: "agg-ok",
    });
    const round = { call } as OpenRound;
    expect((await orgState(round)).phase).toBe("volunteering");
    relay.advanceClock(HOUR);
    expect(await orgState(round)).toMatchObject({ phase: "aborted", aborted: "too-few-stewards" });
  });

  it("the relay's timer moves a round nobody touches past its deadline", async () => {
    const call = makeCall(cohort, nextPeriod(), relay.now());
    await world.orgClient.request(openRequest(call, world.org.identity.signing.privateKey));
    const volunteer = volunteers()[0]!;
    await volunteer.client.request({ type: "agg-volunteer", roundId: call.roundId, commitment: randomBytes(32) });
    relay.advanceClock(HOUR);
    expect((await relay.storage.round(call.roundId))?.phase).toBe("volunteering");
    await relay.relay.rounds.tick(); // what the interval runs every few seconds
    expect((await relay.storage.round(call.roundId))?.phase).toBe("revealing");
  });
});
