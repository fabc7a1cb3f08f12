import {
  applyDisclosure,
  bucketRange,
  DEFAULT_FIELD_RULES,
  vectorLayout,
  type BlockRelease,
  type Disclosure,
  type Release,
} from "@porch/shared/aggregation";
import { describe, expect, it } from "vitest";
import {
  blockFigures,
  blockLabel,
  changeRows,
  countShown,
  csvCell,
  figureShown,
  histogramRows,
  participationCsv,
  releaseCsv,
  releaseJson,
  seriesRows,
  type VisibleRelease,
} from "./release-rows.ts";

const layout = vectorLayout(DEFAULT_FIELD_RULES);

/** A block of the release before disclosure: `counts` per bucket of the field's (or series') rule. */
function block(name: string, counts: readonly number[], over: Partial<BlockRelease> = {}): BlockRelease {
  const b = [...layout.fields, ...layout.series].find((x) => x.name === name)!;
  const contributors = counts.reduce((a, c) => a + c, 0);
  return {
    kind: b.kind,
    name,
    money: b.money,
    contributors,
    sum: 1000 * contributors,
    mean: 1000,
    variance: 250_000,
    histogram: counts.map((count, i) => ({ ...bucketRange(b.range, i), count })),
    quartiles: { q1: 500, median: 900, q3: 1500 },
    change: { families: contributors, current: 1125 * contributors, baseline: 1000 * contributors, ratio: 0.125 },
    up:
      b.kind === "series"
        ? {
            comparable: contributors,
            count: Math.round(contributors * 0.4),
            share: Math.round(contributors * 0.4) / contributors,
            histogram: ["down 50% or more", "down 10–50%", "within 10%", "up 10–50%", "up 50% or more", "n/a"].map(
              (label, i) => ({
                label: label as never,
                count:
                  i === 2
                    ? contributors - Math.round(contributors * 0.4)
                    : i === 3
                      ? Math.round(contributors * 0.4)
                      : 0,
              }),
            ),
          }
        : null,
    ...over,
  };
}

const bucketsOf = (name: string) =>
  [...layout.fields, ...layout.series].find((x) => x.name === name)!.range.buckets.length;
/** `n` families spread over a block's buckets, all in bucket `at`. */
const allIn = (name: string, n: number, at: number) =>
  Array.from({ length: bucketsOf(name) }, (_, i) => (i === at ? n : 0));

/** A cohort of `n` families from 6 friend groups. */
function release(n: number): VisibleRelease {
  const r: Release = {
    cohort: { contributors: n, groups: [0, 1, 2, 3, 4, 5].map((g) => Math.floor(n / 6) + (g < n % 6 ? 1 : 0)) },
    fields: [
      block("income.wages", allIn("income.wages", n, 5)),
      block("health.insured", [n - 4, 4], { sum: 4, mean: 4 / n }),
      block("housing.status", [n - 12, 12, 0, 0], { mean: 0.4 }),
      block("health.selfRated", [0, 0, n, 0, 0], { mean: 3, sum: 3 * n }),
    ],
    series: (["income", "assets", "debts", "netWorth"] as const).map((s) => block(s, allIn(s, n, 3))),
  };
  const disclosed = applyDisclosure(r);
  if (disclosed.withheld) throw new Error("test cohort withheld");
  return disclosed;
}

describe("the release as tables", () => {
  it("30 families: counts shown, every dollar figure 'not enough contributors', marked hidden", () => {
    const rows = seriesRows(release(30), "en");
    expect(rows.map((r) => r.label)).toEqual(["Total monthly income", "Total assets", "Total debts", "Net worth"]);
    expect(rows[0]).toMatchObject({
      name: "income",
      contributors: { text: "30", hidden: false },
      total: { text: "not enough contributors", hidden: true },
      mean: { text: "not enough contributors", hidden: true },
      change: { text: "not enough contributors", hidden: true },
      up: { text: "40% (12 of 30)", hidden: false },
    });
    expect(seriesRows(release(30), "es")[0]).toMatchObject({
      label: "Ingreso mensual total",
      total: { text: "no hay suficientes participantes", hidden: true },
      up: { text: "40% (12 de 30)" },
    });
  });

  it("250 families: dollars, a signed change in percent, and the share up 10%", () => {
    const [income] = seriesRows(release(250), "en");
    expect(income).toMatchObject({
      contributors: { text: "250" },
      total: { text: "$250,000", hidden: false },
      mean: { text: "$1,000" },
      change: { text: "+12.5%" },
      up: { text: "40% (100 of 250)" },
    });
  });

  it("gives each question the figures its kind of answer has", () => {
    const r = release(250);
    const figures = (name: string) =>
      Object.fromEntries(
        blockFigures(
          r.fields.find((f) => f.name === name)!,
          "en",
        ).map((f) => [f.key, f.value.text]),
      );
    expect(figures("income.wages")).toEqual({
      contributors: "250",
      total: "$250,000",
      mean: "$1,000",
      median: "$900",
      quartiles: "$500 – $1,500",
      change: "+12.5%",
    });
    // Yes/no: the average is the share who said yes — hidden here, since 4 families is a small cell
    // (its change compares counts of "yes" over 250 families, which this fixture makes large: shown).
    expect(figures("health.insured")).toEqual({
      contributors: "250",
      shareYes: "not enough contributors",
      change: "+12.5%",
    });
    // A choice has no average: only who answered, and the spread.
    expect(figures("housing.status")).toEqual({ contributors: "250" });
    expect(figures("health.selfRated")).toMatchObject({ mean: "3", median: "900" });
    expect(figures("health.selfRated")).not.toHaveProperty("total");
  });

  it("labels histogram bars by the kind of answer, hiding small cells and the cell that would reveal one", () => {
    const r = release(30);
    const rows = (name: string, lang: "en" | "es" = "en") =>
      histogramRows(
        r.fields.find((f) => f.name === name)!,
        lang,
      ).map((b) => [b.label, b.shown.text]);
    expect(rows("income.wages").slice(0, 3)).toEqual([
      ["$0", "0"],
      ["$1–$250", "0"],
      ["$251–$500", "0"],
    ]);
    expect(rows("income.wages").at(-1)).toEqual(["$10,001 or more", "0"]);
    expect(rows("income.wages", "es").at(-1)).toEqual(["$10,001 o más", "0"]);
    expect(rows("health.insured")).toEqual([
      ["No", "hidden"],
      ["Yes", "<11"],
    ]);
    expect(rows("health.insured", "es")[0]).toEqual(["No", "oculto"]);
    expect(rows("housing.status")).toEqual([
      ["We own our home", "18"],
      ["We rent", "12"],
      ["We live with family or friends", "0"],
      ["We don't have a steady place", "0"],
    ]);
    expect(rows("health.selfRated")[2]).toEqual(["3 — Good", "30"]);
    const netWorth = histogramRows(
      r.series.find((s) => s.name === "netWorth")!,
      "en",
    );
    expect(netWorth.slice(0, 5).map((b) => b.label)).toEqual([
      "-$100,000 or less",
      "-$99,999 to -$25,000",
      "-$24,999 to -$10,000",
      "-$9,999 to -$1,000",
      "-$999 to $0",
    ]);
    expect(
      histogramRows(
        r.series.find((s) => s.name === "netWorth")!,
        "es",
      )[1]!.label,
    ).toBe("-$99,999 a -$25,000");
    const change = changeRows(r.series[0]!, "en").map((b) => [b.label, b.shown.text]);
    expect(change).toEqual([
      ["Down 50% or more", "0"],
      ["Down 10–50%", "0"],
      ["Within 10%", "18"],
      ["Up 10–50%", "12"],
      ["Up 50% or more", "0"],
      ["No baseline to compare", "0"],
    ]);
  });
});

describe("figures as shown", () => {
  it("writes dollars whole, other figures to two decimals, shares and changes in percent, hidden ones as hidden", () => {
    expect(figureShown(1234.6, "money", "en")).toEqual({ text: "$1,235", hidden: false });
    expect(figureShown(-5753.2, "money", "es")).toEqual({ text: "-$5,753", hidden: false });
    expect(figureShown(3.0467, "number", "en").text).toBe("3.05");
    expect(figureShown(0.4, "percent", "en").text).toBe("40%");
    expect(figureShown(0.156, "change", "en").text).toBe("+15.6%");
    expect(figureShown(-0.101, "change", "es").text).toBe("-10.1%");
    expect(figureShown(null, "money", "en")).toEqual({ text: "—", hidden: false });
    expect(figureShown("not enough contributors", "money", "es")).toEqual({
      text: "no hay suficientes participantes",
      hidden: true,
    });
    expect(countShown("<11", "en")).toEqual({ text: "<11", hidden: true });
    expect(countShown("suppressed", "en")).toEqual({ text: "hidden", hidden: true });
    expect(countShown(1200, "es")).toEqual({ text: "1,200", hidden: false });
  });
});

describe("the downloads", () => {
  it("the CSV has a row per figure and per cell of every series and question, as published", () => {
    const csv = releaseCsv(release(30), "en");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toBe("kind,name,label,statistic,bucket_min,bucket_max,bucket,value");
    expect(lines).toContain("release,,,contributors,,,,30");
    expect(lines).toContain("release,,,groups,,,,6");
    expect(lines).toContain("series,income,Total monthly income,contributors,,,,30");
    expect(lines).toContain("series,income,Total monthly income,sum,,,,not enough contributors");
    expect(lines).toContain("series,income,Total monthly income,up_share,,,,0.4");
    expect(lines).toContain("series,income,Total monthly income,change_histogram,,,up 10–50%,12");
    expect(lines).toContain("series,netWorth,Net worth,histogram,-800000,-100000,,0");
    expect(lines).toContain("field,health.insured,Health insurance,histogram,0,0,,suppressed");
    expect(lines).toContain("field,health.insured,Health insurance,histogram,1,1,,<11");
    expect(lines.filter((l) => l.startsWith("series,")).length).toBeGreaterThan(4 * 14);
    // Spanish labels; the machine names stay.
    expect(releaseCsv(release(30), "es")).toContain("series,income,Ingreso mensual total,contributors,,,,30");
  });

  it("a withheld release says only why", () => {
    const withheld: Disclosure = { withheld: true, reason: "too-few-groups" };
    expect(releaseCsv(withheld, "en")).toBe(
      "kind,name,label,statistic,bucket_min,bucket_max,bucket,value\r\nrelease,,,withheld,,,,too-few-groups\r\n",
    );
  });

  it("the JSON is the release as published, with its cohort, round and signature check", () => {
    const r = release(30);
    const meta = { cohortId: "c", cohortName: "Eastside", roundId: "r", period: "2026-02", releaseSigned: true };
    expect(JSON.parse(releaseJson(meta, r))).toEqual({ ...meta, release: JSON.parse(JSON.stringify(r)) });
  });

  it("quotes what must be quoted and defuses spreadsheet formulas in names families typed", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", ok')).toBe('"say ""hi"", ok"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell(-12)).toBe("-12");
    expect(csvCell(null)).toBe("");
    expect(
      participationCsv([
        { name: "Ana, Luis y familia", groupId: "g1", memberId: "m1" },
        { name: "=cmd|' /C calc'!A0", groupId: "g2", memberId: "m2" },
        { name: "", groupId: "g2", memberId: "m3" },
      ]),
    ).toBe(
      "name,friend_group_id,member_id\r\n\"Ana, Luis y familia\",g1,m1\r\n'=cmd|' /C calc'!A0,g2,m2\r\n,g2,m3\r\n",
    );
  });

  it("names every block the default rules release, in both languages", () => {
    for (const b of [...layout.fields, ...layout.series])
      for (const lang of ["en", "es"] as const) expect(blockLabel(b, lang).trim(), `${b.name} ${lang}`).not.toBe("");
    expect(blockLabel(layout.fields[0]!, "es")).not.toBe(blockLabel(layout.fields[0]!, "en"));
  });
});
