/**
 * Part of the `RelayStorage` contract (called by `runRelayStorageContract`): consented aggregation's
 * tables. The relay's signing key is made once (and survives a restart), a cohort id holds one record,
 * a round's phase moves by compare-and-set, a member has one report per period across every cohort, a
 * report is refused once its round left `open`, shares come back in pages, and a steward has one
 * partial per part. The rules above storage (who may send what) are tested at the socket
 * (ws/aggregation.test.ts).
 */
import { readySodium } from "@porch/shared";
import { beforeAll, describe, expect, it } from "vitest";
import type { NewReport, NewRound, StoredCohort } from "./aggregation-storage.ts";
import type { RelayStorage } from "./relay-storage.ts";
import type { SqlExecutor } from "./sql-database.ts";

const random = (length: number): Uint8Array => crypto.getRandomValues(new Uint8Array(length));
const filled = (length: number, value: number): Uint8Array => new Uint8Array(length).fill(value);

function newCohort(orgKey = random(32)): StoredCohort {
  return { cohortId: random(16), orgKey, record: random(100), signature: random(64) };
}
const newRound = (cohortId: Uint8Array, period: string): NewRound => ({
  roundId: random(16),
  cohortId,
  period,
  call: random(200),
  callSignature: random(64),
});
/** A member id whose first byte orders it (reports come back in member-id order). */
const memberNumber = (n: number): Uint8Array => {
  const id = random(32);
  id[0] = n;
  return id;
};
function newReport(memberId: Uint8Array, k = 3, shareSize = 100, receivedAt = 1_000): NewReport {
  return {
    memberId,
    groupId: random(16),
    reportHash: random(32),
    receivedAt,
    manifestHash: random(32),
    signature: random(64),
    shares: Array.from({ length: k }, (_, i) => filled(shareSize, i + 1)),
  };
}

export function describeAggregation(
  current: () => RelayStorage,
  sql: () => SqlExecutor,
  reopen: (() => Promise<RelayStorage>) | null,
): void {
  describe("aggregation", () => {
    beforeAll(readySodium);

    /** A cohort with a round in `phase` (moved there through the phases' columns). */
    async function roundIn(phase: "volunteering" | "open", period = "2026-03") {
      const storage = current();
      const cohort = newCohort();
      expect(await storage.createCohort(cohort)).toEqual({ ok: true, value: { created: true } });
      const round = newRound(cohort.cohortId, period);
      expect(await storage.createRound(round)).toEqual({ ok: true, value: true });
      if (phase === "open")
        expect(await storage.updateRound(round.roundId, "volunteering", { phase: "open" })).toBe(true);
      return { cohort, round };
    }

    it("the relay's signing key is made once: every call, concurrent ones too, returns the same pair", async () => {
      const storage = current();
      const [a, b] = await Promise.all([storage.relayAggKey(), storage.relayAggKey()]);
      expect(a.publicKey).toHaveLength(32);
      expect(a.privateKey).toHaveLength(64);
      expect(b).toEqual(a);
      expect(await storage.relayAggKey()).toEqual(a);
      const [row] = await sql().query<{ n: number }>("select count(*)::int as n from agg_relay_key");
      expect(row?.n).toBe(1);
      if (reopen !== null) expect(await (await reopen()).relayAggKey()).toEqual(a);
    });

    it("a cohort id holds one record: an identical resend is not new, another record is cohort-exists", async () => {
      const storage = current();
      const cohort = newCohort();
      expect(await storage.createCohort(cohort)).toEqual({ ok: true, value: { created: true } });
      expect(await storage.createCohort({ ...cohort })).toEqual({ ok: true, value: { created: false } });
      expect(await storage.createCohort({ ...cohort, record: random(100) })).toMatchObject({
        ok: false,
        code: "cohort-exists",
      });
      expect(await storage.createCohort({ ...cohort, signature: random(64) })).toMatchObject({ code: "cohort-exists" });
      expect(await storage.cohort(cohort.cohortId)).toEqual(cohort);
      expect(await storage.cohort(random(16))).toBeNull();
    });

    it("enrolments: one per member and cohort, re-enrolling moves it; cohorts are listed by role", async () => {
      const storage = current();
      const org = random(32);
      const cohort = newCohort(org);
      const other = newCohort(org);
      await storage.createCohort(cohort);
      await storage.createCohort(other);
      const ana = memberNumber(1);
      const ben = memberNumber(2);
      const [g1, g2] = [random(16), random(16)];
      await storage.enrol({ cohortId: cohort.cohortId, memberId: ben, groupId: g1, sealedName: filled(48, 1) });
      await storage.enrol({ cohortId: cohort.cohortId, memberId: ana, groupId: g1, sealedName: filled(48, 2) });
      await storage.enrol({ cohortId: cohort.cohortId, memberId: ana, groupId: g2, sealedName: filled(48, 3) });
      expect(await storage.enrolment(cohort.cohortId, ana)).toEqual({
        cohortId: cohort.cohortId,
        memberId: ana,
        groupId: g2,
        sealedName: filled(48, 3),
      });
      expect((await storage.enrolments(cohort.cohortId)).map((e) => e.memberId)).toEqual([ana, ben]);
      expect(await storage.enrolment(other.cohortId, ana)).toBeNull();

      const asOrg = await storage.cohortsOf(org);
      expect(asOrg).toHaveLength(2);
      expect(asOrg.find((c) => c.cohort.record.toString() === cohort.record.toString())).toMatchObject({
        role: "org",
        enrolled: 2,
      });
      expect(await storage.cohortsOf(ana)).toEqual([{ cohort, role: "member", enrolled: 2 }]);
      expect(await storage.cohortsOf(random(32))).toEqual([]);
    });

    it("one round per cohort and period; its phase moves by compare-and-set with the columns given", async () => {
      const storage = current();
      const { cohort, round } = await roundIn("volunteering");
      expect(await storage.createRound(newRound(cohort.cohortId, round.period))).toMatchObject({
        code: "round-exists",
      });
      expect(
        await storage.createRound({ ...newRound(cohort.cohortId, "2026-04"), roundId: round.roundId }),
      ).toMatchObject({
        code: "round-exists",
      });
      expect(await storage.round(round.roundId)).toEqual({
        ...round,
        phase: "volunteering",
        aborted: null,
        counts: null,
        sums: null,
        freeze: null,
        release: null,
      });
      expect(await storage.activeRounds()).toContainEqual(round.roundId);

      expect(await storage.updateRound(round.roundId, "open", { phase: "counts" })).toBe(false);
      expect((await storage.round(round.roundId))?.phase).toBe("volunteering");
      expect(await storage.updateRound(round.roundId, "volunteering", { phase: "open" })).toBe(true);
      const freeze = { batchHash: random(32), contributors: 21, groups: 4, aborted: null, signature: random(64) };
      expect(await storage.updateRound(round.roundId, "open", { phase: "counts", freeze })).toBe(true);
      const counts = random(24);
      expect(await storage.updateRound(round.roundId, "counts", { phase: "values", counts })).toBe(true);
      const release = { bytes: random(300), signature: random(64) };
      const sums = random(80);
      expect(await storage.updateRound(round.roundId, "values", { phase: "published", sums, release })).toBe(true);
      expect(await storage.round(round.roundId)).toEqual({
        ...round,
        phase: "published",
        aborted: null,
        counts,
        sums,
        freeze,
        release,
      });
      expect(await storage.activeRounds()).not.toContainEqual(round.roundId);
      expect((await storage.roundsOf(cohort.cohortId)).map((r) => r.roundId)).toEqual([round.roundId]);
    });

    it("volunteers, their nonces, and stewards drawn only once, from `revealing`", async () => {
      const storage = current();
      const { round } = await roundIn("volunteering");
      const [ana, ben] = [memberNumber(1), memberNumber(2)];
      const group = random(16);
      await storage.putVolunteer(round.roundId, { memberId: ben, groupId: group, commitment: filled(32, 1) });
      await storage.putVolunteer(round.roundId, { memberId: ana, groupId: group, commitment: filled(32, 2) });
      await storage.revealNonce(round.roundId, ana, filled(32, 9));
      expect((await storage.volunteers(round.roundId)).map((v) => [v.memberId, v.nonce])).toEqual([
        [ana, filled(32, 9)],
        [ben, null],
      ]);
      // A new commitment forgets the old reveal.
      await storage.putVolunteer(round.roundId, { memberId: ana, groupId: group, commitment: filled(32, 3) });
      expect((await storage.volunteers(round.roundId))[0]).toMatchObject({ commitment: filled(32, 3), nonce: null });

      const drawn = [
        { x: 1, memberId: ana, groupId: group },
        { x: 2, memberId: ben, groupId: random(16) },
      ];
      expect(await storage.setStewards(round.roundId, drawn)).toBe(false); // still volunteering
      expect(await storage.stewards(round.roundId)).toEqual([]);
      await storage.updateRound(round.roundId, "volunteering", { phase: "revealing" });
      expect(await storage.setStewards(round.roundId, drawn)).toBe(true);
      expect(await storage.setStewards(round.roundId, drawn)).toBe(false);
      expect((await storage.round(round.roundId))?.phase).toBe("accepting");
      await storage.acceptSteward(round.roundId, 2, filled(32, 7), filled(64, 8));
      expect(await storage.stewards(round.roundId)).toEqual([
        { ...drawn[0], roundKey: null, acceptance: null, faulty: false },
        { ...drawn[1], roundKey: filled(32, 7), acceptance: filled(64, 8), faulty: false },
      ]);
    });

    it("a report is stored only while its round is open, replaces the member's earlier one, and reads back in pages", async () => {
      const storage = current();
      const { round } = await roundIn("open");
      const members = [3, 1, 2].map(memberNumber);
      for (const m of members)
        expect(await storage.putReport(round.roundId, round.period, newReport(m))).toEqual({
          ok: true,
          value: true,
        });
      const replaced = newReport(members[1]!, 3, 100, 2_000);
      expect(await storage.putReport(round.roundId, round.period, replaced)).toEqual({ ok: true, value: true });
      const stored = await storage.reports(round.roundId);
      expect(stored.map((r) => r.memberId[0])).toEqual([1, 2, 3]);
      expect(stored[0]).toEqual({
        memberId: replaced.memberId,
        groupId: replaced.groupId,
        reportHash: replaced.reportHash,
        receivedAt: 2_000,
      });
      expect(await storage.report(round.roundId, members[2]!)).toMatchObject({ memberId: members[2] });
      expect(await storage.report(round.roundId, random(32))).toBeNull();

      // Steward 2's shares, two per page of 250 bytes (each is 100), then the last one.
      const first = await storage.shares(round.roundId, 2, 0, 250);
      expect(first.items.map((i) => [i.memberId[0], i.share])).toEqual([
        [1, filled(100, 2)],
        [2, filled(100, 2)],
      ]);
      expect(first.next).toBe(2);
      expect(await storage.shares(round.roundId, 2, 2, 250)).toEqual({
        items: [{ memberId: members[0], share: filled(100, 2) }],
        next: null,
      });
      // A page always holds at least one share, however small the budget.
      expect((await storage.shares(round.roundId, 3, 0, 1)).items).toHaveLength(1);
      expect(await storage.shares(round.roundId, 1, 3, 250)).toEqual({ items: [], next: null });

      await storage.updateRound(round.roundId, "open", { phase: "counts" });
      expect(await storage.putReport(round.roundId, round.period, newReport(memberNumber(4)))).toMatchObject({
        ok: false,
        code: "late-report",
      });
      expect(await storage.reports(round.roundId)).toHaveLength(3);
      expect(await storage.putReport(random(16), round.period, newReport(memberNumber(4)))).toMatchObject({
        code: "round-not-found",
      });
    });

    it("a member reports a period once across every cohort; aborting a round deletes its sealed shares", async () => {
      const storage = current();
      const a = await roundIn("open", "2026-05");
      const b = await roundIn("open", "2026-05");
      const c = await roundIn("open", "2026-06");
      const ana = memberNumber(1);
      expect(await storage.putReport(a.round.roundId, "2026-05", newReport(ana))).toMatchObject({ ok: true });
      expect(await storage.putReport(b.round.roundId, "2026-05", newReport(ana))).toMatchObject({
        ok: false,
        code: "already-reported",
      });
      expect(await storage.reports(b.round.roundId)).toEqual([]);
      expect(await storage.putReport(c.round.roundId, "2026-06", newReport(ana))).toMatchObject({ ok: true });

      expect(
        await storage.updateRound(a.round.roundId, "open", { phase: "aborted", aborted: "too-few-contributors" }),
      ).toBe(true);
      expect(await storage.round(a.round.roundId)).toMatchObject({ phase: "aborted", aborted: "too-few-contributors" });
      expect(await storage.shares(a.round.roundId, 1, 0, 1 << 20)).toEqual({ items: [], next: null });
      expect((await storage.shares(c.round.roundId, 1, 0, 1 << 20)).items).toHaveLength(1);
    });

    it("one partial per steward and part: the same again is a duplicate, another is bad-partial; faulty drops it", async () => {
      const storage = current();
      const { round } = await roundIn("open");
      const partial = { x: 2, part: "counts" as const, elements: filled(24, 5), signature: filled(64, 6) };
      expect(await storage.putPartial(round.roundId, partial)).toEqual({ ok: true, value: { duplicate: false } });
      expect(await storage.putPartial(round.roundId, { ...partial })).toEqual({ ok: true, value: { duplicate: true } });
      expect(await storage.putPartial(round.roundId, { ...partial, elements: filled(24, 7) })).toMatchObject({
        ok: false,
        code: "bad-partial",
      });
      const first = { ...partial, x: 1 };
      const values = { ...partial, part: "values" as const };
      await storage.putPartial(round.roundId, first);
      await storage.putPartial(round.roundId, values);
      expect(await storage.partials(round.roundId, "counts")).toEqual([first, partial]);
      expect(await storage.partials(round.roundId, "values")).toEqual([values]);

      await storage.updateRound(round.roundId, "open", { phase: "revealing" });
      await storage.setStewards(round.roundId, [
        { x: 1, memberId: random(32), groupId: random(16) },
        { x: 2, memberId: random(32), groupId: random(16) },
      ]);
      await storage.markFaulty(round.roundId, 2, "values");
      expect((await storage.stewards(round.roundId)).map((s) => s.faulty)).toEqual([false, true]);
      expect(await storage.partials(round.roundId, "values")).toEqual([]);
      expect(await storage.partials(round.roundId, "counts")).toEqual([first, partial]);
    });
  });
}
