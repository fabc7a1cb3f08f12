import { describe, expect, it } from "vitest";
import { ORG_TEXT } from "./org-text.ts";
import {
  checkRoundForm,
  fromLocalInput,
  isClosable,
  monthOf,
  phaseSentence,
  roundDefaults,
  toLocalInput,
  type RoundProgress,
} from "./round-words.ts";

const en = ORG_TEXT.en;
const es = ORG_TEXT.es;

const steward = (counts: boolean, values: boolean, faulty = false) => ({
  memberId: "m",
  groupId: "g",
  accepted: true,
  counts,
  values,
  faulty,
});

const round = (over: Partial<RoundProgress>): RoundProgress => ({
  phase: "volunteering",
  aborted: null,
  volunteers: 0,
  stewards: 0,
  stewardsReady: 0,
  stewardList: [],
  reports: 0,
  contributors: null,
  groups: null,
  call: { minContributors: 20, minGroups: 3 },
  ...over,
});

describe("a round's progress in words", () => {
  it("reads each phase as the organization follows it, in English", () => {
    expect(phaseSentence(round({ phase: "volunteering", volunteers: 5 }), en)).toBe(
      "Volunteers are signing up (5 so far)",
    );
    expect(phaseSentence(round({ phase: "revealing", volunteers: 12 }), en)).toBe(
      "Drawing stewards by lottery among 12 volunteers",
    );
    expect(phaseSentence(round({ phase: "accepting", stewards: 5, stewardsReady: 4 }), en)).toBe(
      "Stewards drawn: 4 of 5 ready",
    );
    expect(phaseSentence(round({ phase: "open", reports: 312 }), en)).toBe("Reports received: 312");
    expect(phaseSentence(round({ phase: "published", contributors: 312, groups: 40 }), en)).toBe(
      "Published: 312 families from 40 friend groups",
    );
  });

  it("counts the stewards who sent each part of the totals, leaving out one found faulty", () => {
    const stewardList = [steward(true, true), steward(true, false), steward(true, false, true), steward(false, false)];
    expect(phaseSentence(round({ phase: "counts", stewards: 4, stewardList }), en)).toBe(
      "Stewards are adding up totals (counts: 2 of 4 sent)",
    );
    expect(phaseSentence(round({ phase: "values", stewards: 4, stewardList }), en)).toBe(
      "Stewards are adding up totals (amounts: 1 of 4 sent)",
    );
  });

  it("says why a round stopped, with the relay's numbers when the freeze gives them", () => {
    expect(
      phaseSentence(round({ phase: "aborted", aborted: "too-few-contributors", contributors: 12, groups: 4 }), en),
    ).toBe("Stopped: not enough contributors (12; at least 20 needed)");
    expect(phaseSentence(round({ phase: "aborted", aborted: "too-few-groups", contributors: 40, groups: 2 }), en)).toBe(
      "Stopped: contributors came from too few friend groups (2; at least 3 needed)",
    );
    expect(phaseSentence(round({ phase: "aborted", aborted: "too-few-stewards" }), en)).toBe(
      "Stopped: not enough stewards volunteered or accepted",
    );
    expect(phaseSentence(round({ phase: "aborted", aborted: "something-new" }), en)).toBe(
      "Stopped: the relay stopped the round (something-new)",
    );
  });

  it("speaks Spanish too, with thousands written the US way", () => {
    expect(phaseSentence(round({ phase: "volunteering", volunteers: 1 }), es)).toBe(
      "Los voluntarios se están apuntando (1 hasta ahora)",
    );
    expect(phaseSentence(round({ phase: "open", reports: 1312 }), es)).toBe("Reportes recibidos: 1,312");
    expect(phaseSentence(round({ phase: "accepting", stewards: 5, stewardsReady: 2 }), es)).toBe(
      "Custodios sorteados: 2 de 5 listos",
    );
    expect(
      phaseSentence(round({ phase: "aborted", aborted: "too-few-contributors", contributors: 12, groups: 4 }), es),
    ).toBe("Detenida: no hubo suficientes participantes (12; se necesitan al menos 20)");
  });

  it("offers to close a step only while the round is running", () => {
    expect(isClosable("volunteering")).toBe(true);
    expect(isClosable("values")).toBe(true);
    expect(isClosable("published")).toBe(false);
    expect(isClosable("aborted")).toBe(false);
  });
});

describe("the Open a round form", () => {
  // 15 March 2026, 10:20:30 local time.
  const now = new Date(2026, 2, 15, 10, 20, 30).getTime();

  it("defaults to last month, with deadlines 2, 9 and 12 days ahead, to the minute", () => {
    const d = roundDefaults(now);
    expect(d.period).toBe("2026-02");
    expect(d.volunteersBy).toBe("2026-03-17T10:21");
    expect(d.freezesAt).toBe("2026-03-24T10:21");
    expect(d.partialsBy).toBe("2026-03-27T10:21");
    expect(checkRoundForm(d, now)).toEqual({
      ok: true,
      period: "2026-02",
      volunteersBy: new Date(2026, 2, 17, 10, 21).getTime(),
      freezesAt: new Date(2026, 2, 24, 10, 21).getTime(),
      partialsBy: new Date(2026, 2, 27, 10, 21).getTime(),
    });
  });

  it("goes back across a new year for January's default", () => {
    expect(roundDefaults(new Date(2026, 0, 5).getTime()).period).toBe("2025-12");
    expect(monthOf(new Date(2026, 0, 5).getTime())).toBe("2026-01");
  });

  it("reads datetime-local values as local times and refuses what is not one", () => {
    const t = fromLocalInput("2026-03-17T09:05");
    expect(t).toBe(new Date(2026, 2, 17, 9, 5).getTime());
    expect(toLocalInput(t!)).toBe("2026-03-17T09:05");
    expect(fromLocalInput("")).toBeNull();
    expect(fromLocalInput("2026-02-30T10:00")).toBeNull();
    expect(fromLocalInput("tomorrow")).toBeNull();
  });

  it("names the first problem and the field to fix", () => {
    const good = roundDefaults(now);
    const check = (over: Partial<typeof good>) => checkRoundForm({ ...good, ...over }, now);
    expect(check({ period: "" })).toMatchObject({ ok: false, problem: "periodInvalid", field: "period" });
    expect(check({ period: "2026-13" })).toMatchObject({ ok: false, problem: "periodInvalid" });
    expect(check({ period: "2026-04" })).toMatchObject({ ok: false, problem: "periodInFuture", field: "period" });
    expect(check({ period: "2026-03" }).ok).toBe(true);
    expect(check({ freezesAt: "" })).toMatchObject({ ok: false, problem: "deadlineInvalid", field: "freezesAt" });
    expect(check({ volunteersBy: "2026-03-15T10:00" })).toMatchObject({
      ok: false,
      problem: "volunteersByPast",
      field: "volunteersBy",
    });
    expect(check({ freezesAt: good.volunteersBy })).toMatchObject({
      ok: false,
      problem: "freezesAtOrder",
      field: "freezesAt",
    });
    expect(check({ partialsBy: "2026-03-20T10:00" })).toMatchObject({
      ok: false,
      problem: "partialsByOrder",
      field: "partialsBy",
    });
    // Each problem has its sentence in both languages.
    expect(en.freezesAtOrder).toBe("Reports must close after volunteering closes.");
    expect(es.partialsByOrder).toContain("después del cierre de reportes");
  });
});
