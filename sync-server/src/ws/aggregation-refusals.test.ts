/**
 * What the relay refuses in consented aggregation, each with its code and nothing stored: forged
 * cohort records, enrolment proofs, calls, acceptances and partials; enrolment for a group one is not
 * in or that has one member; reports from a member not enrolled, for a period already reported in
 * another cohort, of the wrong round, size or signer, or after the freeze; partials of the wrong part,
 * length or steward. Groups 0–4 (20 members) are enrolled in cohort A, everyone in cohort B.
 */
import { GroupId, bytesEqual, deriveIdentity, randomBytes } from "@porch/shared";
import {
  DEFAULT_FIELD_RULES,
  P,
  acceptRound,
  commitNonce,
  countElements,
  encodeCohort,
  packElements,
  signCall,
  signCohort,
  signPartial,
  vectorLayout,
} from "@porch/shared/aggregation";
import { mulberry32, randomFamily } from "@porch/shared/aggregation/test-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildAggWorld,
  createCohort,
  enrolAll,
  enrolRequest,
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
} from "@porch/testing/aggregation-world";
import { member } from "@porch/testing/members";
import { foundOwnGroup } from "@porch/testing/own-group";
import { startTestRelay, type TestRelay } from "@porch/testing/start-test-relay";
import { TestClient } from "@porch/testing/test-client";

const layout = vectorLayout(DEFAULT_FIELD_RULES);

let relay: TestRelay;
let world: AggWorld;
let a: TestCohort;
let b: TestCohort;
let inA: AggMember[];
let outsider: AggMember; // group 5: enrolled in B only
beforeAll(async () => {
  relay = await startTestRelay();
  world = await buildAggWorld(relay.url, 6, 4);
  a = makeCohort(world.org, "Oakland 2026");
  b = makeCohort(world.org, "Fresno 2026");
  await createCohort(world, a);
  await createCohort(world, b);
  inA = world.members.filter((m) => m.groupIndex < 5);
  outsider = world.members.find((m) => m.groupIndex === 5)!;
  await enrolAll(inA, a);
  await enrolAll(world.members, b);
}, 120_000);
afterAll(async () => {
  await relay?.stop();
});

const refused = (code: string) => ({ type: "error", code, fatal: false });
const volunteersOf = (groups: number) =>
  Array.from({ length: groups }, (_, g) => world.members.find((m) => m.groupIndex === g)!);
let periods = 0;
const nextPeriod = () => `2027-${String(++periods).padStart(2, "0")}`;
const rowCount = async (table: string, roundId: Uint8Array) =>
  (await relay.sql.query<{ n: number }>(`select count(*)::int as n from ${table} where round_id = $1`, [roundId]))[0]!
    .n;

describe("cohorts and enrolment", () => {
  it("a cohort record that is malformed, forged or another organization's is refused; a resend is fine", async () => {
    const c = makeCohort(world.org, "Sacramento 2026");
    const send = (client: TestClient, cohort: Uint8Array, signature: Uint8Array) =>
      client.request({ type: "agg-cohort-create", cohort, signature });
    expect(await send(world.orgClient, c.bytes, randomBytes(64))).toMatchObject(refused("bad-signature"));
    expect(await send(world.orgClient, randomBytes(40), c.signature)).toMatchObject(refused("bad-cohort"));
    // A member's socket sending the organization's record: the record names another key.
    expect(await send(world.members[0]!.client, c.bytes, c.signature)).toMatchObject(refused("not-organization"));
    expect(await relay.storage.cohort(c.id)).toBeNull();
    expect(await send(world.orgClient, c.bytes, c.signature)).toMatchObject({ type: "agg-ok" });
    expect(await send(world.orgClient, c.bytes, c.signature)).toMatchObject({ type: "agg-ok" });
    const renamed = encodeCohort({ ...c.record, name: "Another name" });
    expect(
      await send(world.orgClient, renamed, signCohort(renamed, world.org.identity.signing.privateKey)),
    ).toMatchObject(refused("cohort-exists"));
    expect((await relay.storage.cohort(c.id))?.record).toEqual(c.bytes);
  });

  it("enrolment needs the link's proof, a group the member is in, and a group of two or more", async () => {
    const ana = world.members[0]!;
    const c = makeCohort(world.org, "Stockton 2026");
    await createCohort(world, c);
    expect(await ana.client.request(enrolRequest(ana, c, randomBytes(32)))).toMatchObject(refused("bad-signature"));
    const elsewhere = { ...ana, group: world.members[4]!.group }; // another group's id, a valid proof for it
    expect(await ana.client.request(enrolRequest(elsewhere, c))).toMatchObject(refused("not-a-member"));
    expect(await ana.client.request({ ...enrolRequest(ana, c), cohortId: randomBytes(16) })).toMatchObject(
      refused("cohort-not-found"),
    );
    const loner = member("Loner");
    const lonerClient = await TestClient.as(relay.url, loner);
    const own = await foundOwnGroup(lonerClient, loner.identity);
    const lonerInOwn = {
      member: loner,
      client: lonerClient,
      group: { ...ana.group, id: own.id, bytes: GroupId.toBytes(own.id) },
      groupIndex: 9,
    };
    expect(await lonerClient.request(enrolRequest(lonerInOwn, c))).toMatchObject(refused("group-too-small"));
    expect(await relay.storage.enrolments(c.id)).toEqual([]);
    expect(await ana.client.request({ type: "agg-state", cohortId: c.id })).toMatchObject(refused("not-enrolled"));

    expect(await ana.client.request(enrolRequest(ana, c))).toMatchObject({ type: "agg-ok" });
    // The organization heard of it.
    expect(await world.orgClient.next((f) => f.type === "agg-changed" && bytesEqual(f.cohortId, c.id))).toMatchObject({
      cohortId: c.id,
    });
    const listed = await ana.client.request({ type: "agg-cohorts" });
    expect(listed).toMatchObject({ type: "agg-cohort-list" });
    if (listed.type !== "agg-cohort-list") return;
    expect(listed.cohorts.map((x) => [x.role, x.enrolled])).toContainEqual(["member", 1]);
  });
});

describe("opening a round and its committee", () => {
  it("a forged call, another identity's call, low minimums, a wrong schema or a passed deadline open nothing", async () => {
    const key = world.org.identity.signing.privateKey;
    const call = makeCall(a, nextPeriod(), relay.now());
    const open = (c = call, signature = signCall(c, key), client = world.orgClient) =>
      client.request({ ...openRequest(c, key), signature });
    const stranger = deriveIdentity(randomBytes(32)).signing.privateKey;
    expect(await open(call, signCall(call, stranger))).toMatchObject(refused("bad-signature"));
    expect(await open(call, undefined, world.members[0]!.client)).toMatchObject(refused("not-organization"));
    for (const bad of [
      { ...call, minContributors: 19 },
      { ...call, minGroups: 2 },
      { ...call, schemaHash: randomBytes(32) },
      { ...call, volunteersBy: relay.now() - 1 },
      { ...call, t: 6 },
    ])
      expect(await open(bad)).toMatchObject(refused("bad-call"));
    expect(await relay.storage.round(call.roundId)).toBeNull();
    expect(await open()).toMatchObject({ type: "agg-ok" });
    expect(await open({ ...call, roundId: randomBytes(16) })).toMatchObject(refused("round-exists"));
  });

  it("a forged acceptance is refused and not stored; only drawn stewards accept; only volunteers reveal", async () => {
    const call = makeCall(a, nextPeriod(), relay.now());
    const volunteers = volunteersOf(5);
    expect(await world.orgClient.request(openRequest(call, world.org.identity.signing.privateKey))).toMatchObject({
      type: "agg-ok",
    });
    const nonce = randomBytes(32);
    const nonces = volunteers.map(() => randomBytes(32));
    for (const [i, v] of volunteers.entries())
      await v.client.request({ type: "agg-volunteer", roundId: call.roundId, commitment: commitNonce(nonces[i]!) });
    expect(
      await outsider.client.request({ type: "agg-volunteer", roundId: call.roundId, commitment: commitNonce(nonce) }),
    ).toMatchObject(refused("not-enrolled"));
    expect(
      await volunteers[0]!.client.request({ type: "agg-reveal", roundId: call.roundId, nonce: nonces[0]! }),
    ).toMatchObject(refused("wrong-phase"));
    await world.orgClient.request({ type: "agg-advance", roundId: call.roundId });
    expect(await volunteers[0]!.client.request({ type: "agg-reveal", roundId: call.roundId, nonce })).toMatchObject(
      refused("bad-reveal"),
    );
    expect(await inA[19]!.client.request({ type: "agg-reveal", roundId: call.roundId, nonce })).toMatchObject(
      refused("not-a-steward"),
    );
    for (const [i, v] of volunteers.entries())
      await v.client.request({ type: "agg-reveal", roundId: call.roundId, nonce: nonces[i]! });

    const steward = volunteers[2]!;
    const roundKey = deriveIdentity(randomBytes(32)).box.publicKey;
    const signed = { memberId: steward.member.identity.memberId, groupId: steward.group.id, roundKey };
    const forged = acceptRound(call, signed, deriveIdentity(randomBytes(32)).signing.privateKey);
    const otherKey = acceptRound(
      call,
      { ...signed, roundKey: randomBytes(32) },
      steward.member.identity.signing.privateKey,
    );
    for (const signature of [forged, otherKey])
      expect(
        await steward.client.request({ type: "agg-accept", roundId: call.roundId, roundKey, signature }),
      ).toMatchObject(refused("bad-signature"));
    expect(
      await inA[19]!.client.request({
        type: "agg-accept",
        roundId: call.roundId,
        roundKey,
        signature: acceptRound(
          call,
          { ...signed, memberId: inA[19]!.member.identity.memberId },
          inA[19]!.member.identity.signing.privateKey,
        ),
      }),
    ).toMatchObject(refused("not-a-steward"));
    const state = roundIn(await stateOf(world.orgClient, a), call.roundId);
    expect(state.phase).toBe("accepting");
    expect(state.stewards.every((s) => s.roundKey === null && s.acceptance === null)).toBe(true);
  });
});

describe("reports and partials", () => {
  let round: OpenRound;
  let inB: OpenRound;
  const period = "2027-12";
  beforeAll(async () => {
    round = await runToOpen(world, a, makeCall(a, period, relay.now()), volunteersOf(5));
    inB = await runToOpen(world, b, makeCall(b, period, relay.now()), volunteersOf(6));
  });
  const rnd = mulberry32(77);
  const report = (who: AggMember, r: OpenRound = round) => reportOf(r.manifest, who, randomFamily(rnd, 6), 7000);

  it("a report from a member not enrolled, or of another round, size or signer is refused and not stored", async () => {
    const ana = inA[3]!;
    const good = report(ana);
    const cases: [AggMember, ReturnType<typeof reportRequest>, string][] = [
      [outsider, reportRequest(report(outsider)), "not-enrolled"],
      [ana, { ...reportRequest(good), shares: good.shares.slice(0, 4) }, "bad-report"],
      [ana, { ...reportRequest(good), shares: good.shares.map((s, i) => (i === 2 ? s.slice(1) : s)) }, "bad-report"],
      [ana, { ...reportRequest(good), manifestHash: randomBytes(32) }, "bad-report"],
      [ana, { ...reportRequest(report(ana, inB)), roundId: round.call.roundId }, "bad-report"],
      [ana, { ...reportRequest(good), signature: randomBytes(64) }, "bad-signature"],
      // Ben's own valid report, sent from Ana's socket: it does not carry Ana's signature.
      [ana, reportRequest(report(inA[4]!)), "bad-signature"],
    ];
    for (const [who, request, code] of cases) expect(await who.client.request(request)).toMatchObject(refused(code));
    expect(await relay.storage.reports(round.call.roundId)).toEqual([]);
    expect(await rowCount("agg_report_shares", round.call.roundId)).toBe(0);
  });

  it("a member reports a period once across cohorts; resending in the same round replaces the report", async () => {
    const ben = inA[5]!;
    await sendReports(round, [{ who: ben, report: report(ben) }]);
    const again = report(ben);
    expect(await ben.client.request(reportRequest(again))).toMatchObject({ type: "agg-receipt" });
    expect(await ben.client.request(reportRequest(report(ben, inB)))).toMatchObject(refused("already-reported"));
    expect(await relay.storage.reports(inB.call.roundId)).toEqual([]);
    expect(await rowCount("agg_report_shares", inB.call.roundId)).toBe(0);
    expect(await relay.storage.reports(round.call.roundId)).toHaveLength(1);
  });

  it("after the freeze a report is late; a forged, misshapen or misplaced partial is refused and not stored", async () => {
    await sendReports(
      round,
      inA.map((who) => ({ who, report: report(who) })),
    );
    expect(await world.orgClient.request({ type: "agg-advance", roundId: round.call.roundId })).toMatchObject({
      type: "agg-ok",
    });
    const state = roundIn(await stateOf(world.orgClient, a), round.call.roundId);
    expect(state).toMatchObject({ phase: "counts", reports: 20 });
    expect(await inA[0]!.client.request(reportRequest(report(inA[0]!)))).toMatchObject(refused("late-report"));

    const s = round.stewards[0]!;
    const key = s.who.member.identity.signing.privateKey;
    const meta = { roundId: round.call.roundId, batchHash: state.freeze!.batchHash, x: s.x };
    const zeros = (n: number) => new Array<bigint>(n).fill(0n);
    const counts = countElements(layout).length;
    const send = (values: Uint8Array, part: "counts" | "values" = "counts", signingKey = key, who = s.who) =>
      who.client.request({
        type: "agg-partial",
        roundId: round.call.roundId,
        part,
        values,
        signature: signPartial({ ...meta, part, values }, signingKey),
      });
    expect(
      await send(packElements(zeros(counts)), "counts", deriveIdentity(randomBytes(32)).signing.privateKey),
    ).toMatchObject(refused("bad-signature"));
    expect(await send(packElements(zeros(counts - 1)))).toMatchObject(refused("bad-partial"));
    expect(await send(packElements([P, ...zeros(counts - 1)]))).toMatchObject(refused("bad-partial"));
    expect(await send(packElements(zeros(counts)), "values")).toMatchObject(refused("wrong-phase"));
    const notSteward = inA.find((m) => !round.stewards.some((x) => x.who === m))!;
    expect(
      await send(packElements(zeros(counts)), "counts", notSteward.member.identity.signing.privateKey, notSteward),
    ).toMatchObject(refused("not-a-steward"));
    expect(await relay.storage.partials(round.call.roundId, "counts")).toEqual([]);
    expect(roundIn(await stateOf(world.orgClient, a), round.call.roundId).stewards.some((x) => x.counts)).toBe(false);
  });
});

describe("a cohort's size", () => {
  it("enrolment stops at PORCH_MAX_COHORT_FAMILIES (cohort-full); moving an enrolled family still works", async () => {
    const small = await startTestRelay({ limits: { maxCohortFamilies: 3 } });
    try {
      const w = await buildAggWorld(small.url, 1, 4);
      const c = makeCohort(w.org, "Modesto 2026");
      await createCohort(w, c);
      const [first, ...rest] = w.members;
      await enrolAll([first!, ...rest.slice(0, 2)], c);
      const fourth = rest[2]!;
      expect(await fourth.client.request(enrolRequest(fourth, c))).toMatchObject(refused("cohort-full"));
      expect(await small.storage.enrolmentCount(c.id)).toBe(3);
      // Re-enrolling one of the three does not count twice.
      expect(await first!.client.request(enrolRequest(first!, c))).toMatchObject({ type: "agg-ok" });
      for (const m of w.members) m.client.close();
      w.orgClient.close();
    } finally {
      await small.stop();
    }
  });
});
