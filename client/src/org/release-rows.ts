/**
 * A published release as the organization reads it: table rows for the series and each question,
 * histogram rows for the charts, and the downloads (CSV, JSON, the participation list). Pure, so what
 * the tables, charts and files say is unit-tested.
 *
 * Hidden figures stay hidden everywhere: a count from 1 to 10 is "<11", a cell hidden so that a small one
 * cannot be derived is "suppressed" (shown as "hidden"), and a figure below its minimum is "not enough
 * contributors". Nothing here computes a figure the release does not give (no total minus the others).
 */
import { fieldDef, type ProgressSeries, type ShareableFieldId } from "@porch/shared/journal";
import {
  NOT_ENOUGH,
  SUPPRESSED,
  type DisclosedBlock,
  type Disclosure,
  type ShownCount,
  type ShownFigure,
} from "@porch/shared/aggregation";
import type { Participant } from "../core/aggregation.ts";
import { formatCurrency, formatNumber, formatPercentChange, perLang } from "../i18n/format.ts";
import { fieldLabel, JOURNAL_TEXT, ORG_TEXT, type Lang, type OrgText } from "./org-text.ts";

/** A release that was not withheld. */
export type VisibleRelease = Extract<Disclosure, { withheld: false }>;

/** One figure as shown: its text, and whether it is a protected (hidden) figure. */
export interface Shown {
  readonly text: string;
  readonly hidden: boolean;
}

const plain = perLang((l) => new Intl.NumberFormat(l, { maximumFractionDigits: 2 }));
const percent = perLang((l) => new Intl.NumberFormat(l, { style: "percent", maximumFractionDigits: 1 }));

/** How a figure is written. */
export type Unit = "money" | "number" | "percent" | "change";

/** A count as shown: "1,234", "<11", or "hidden". */
export function countShown(count: ShownCount, lang: Lang): Shown {
  if (typeof count === "number") return { text: formatNumber(count, lang), hidden: false };
  if (count === SUPPRESSED) return { text: ORG_TEXT[lang].suppressed, hidden: true };
  return { text: count, hidden: true };
}

/** A figure as shown: dollars, a number, a percent, a signed change, "—", or "not enough contributors". */
export function figureShown(figure: ShownFigure, unit: Unit, lang: Lang): Shown {
  if (figure === NOT_ENOUGH) return { text: ORG_TEXT[lang].notEnough, hidden: true };
  if (figure === null || !Number.isFinite(figure)) return { text: ORG_TEXT[lang].none, hidden: false };
  switch (unit) {
    case "money":
      return { text: formatCurrency(Math.round(figure), lang), hidden: false };
    case "number":
      return { text: plain(lang).format(figure), hidden: false };
    case "percent":
      return { text: percent(lang).format(figure), hidden: false };
    case "change":
      return { text: formatPercentChange(figure * 100, lang), hidden: false };
  }
}

/** The kind of answer a block holds ("series" for the four totals). */
export const blockKind = (block: Pick<DisclosedBlock, "kind" | "name">) =>
  block.kind === "series" ? "series" : fieldDef(block.name as ShareableFieldId).kind;

/** The block's name in words: a series' name, or the journal question's label. */
export const blockLabel = (block: Pick<DisclosedBlock, "kind" | "name">, lang: Lang): string =>
  block.kind === "series"
    ? ORG_TEXT[lang].series[block.name as ProgressSeries]
    : fieldLabel(lang, block.name as ShareableFieldId);

/** One row of a series' summary table. */
export interface SeriesRow {
  readonly name: ProgressSeries;
  readonly label: string;
  readonly contributors: Shown;
  readonly total: Shown;
  readonly mean: Shown;
  readonly change: Shown;
  readonly up: Shown;
}

/** "40% (12 of 30)" for the families up at least 10%, or why it is hidden. */
function upShown(up: DisclosedBlock["up"], lang: Lang): Shown {
  if (up === null) return { text: ORG_TEXT[lang].none, hidden: false };
  const share = figureShown(up.share, "percent", lang);
  if (share.hidden || up.share === null) return share;
  const [count, comparable] = [countShown(up.count, lang), countShown(up.comparable, lang)];
  return { text: ORG_TEXT[lang].upOf(share.text, count.text, comparable.text), hidden: false };
}

/** The summary table of the four series: contributors, total, average, change since baseline, up 10%. */
export function seriesRows(release: VisibleRelease, lang: Lang): SeriesRow[] {
  return release.series.map((b) => ({
    name: b.name as ProgressSeries,
    label: blockLabel(b, lang),
    contributors: countShown(b.contributors, lang),
    total: figureShown(b.sum, "money", lang),
    mean: figureShown(b.mean, "money", lang),
    change: figureShown(b.change.ratio, "change", lang),
    up: upShown(b.up, lang),
  }));
}

/** One line of a block's figures table. */
export interface FigureRow {
  readonly key: "contributors" | "total" | "mean" | "shareYes" | "median" | "quartiles" | "change" | "upTenPercent";
  readonly label: string;
  readonly value: Shown;
}

/** "$1,000 – $2,500": the middle half, hidden when either end is. */
function quartilesShown(q: DisclosedBlock["quartiles"], unit: Unit, lang: Lang): Shown {
  if (q === null) return { text: ORG_TEXT[lang].none, hidden: false };
  const [q1, q3] = [figureShown(q.q1, unit, lang), figureShown(q.q3, unit, lang)];
  if (q1.hidden) return q1;
  if (q3.hidden) return q3;
  return { text: `${q1.text} – ${q3.text}`, hidden: false };
}

/**
 * The figures that mean something for the block's kind of answer: a yes/no question's average is the
 * share who said yes; a choice's positions have no average, only the spread of answers; a 1–5 rating
 * has no total.
 */
export function blockFigures(block: DisclosedBlock, lang: Lang): FigureRow[] {
  const d = ORG_TEXT[lang];
  const kind = blockKind(block);
  const unit: Unit = block.money ? "money" : "number";
  const row = (key: FigureRow["key"], label: string, value: Shown): FigureRow => ({ key, label, value });
  const rows = [row("contributors", d.contributors, countShown(block.contributors, lang))];
  if (kind === "choice") return rows;
  if (kind === "yesNo") {
    rows.push(row("shareYes", d.shareYes, figureShown(block.mean, "percent", lang)));
  } else {
    if (kind !== "rating") rows.push(row("total", d.total, figureShown(block.sum, unit, lang)));
    rows.push(
      row("mean", d.mean, figureShown(block.mean, unit, lang)),
      row("median", d.median, figureShown(block.quartiles?.median ?? null, unit, lang)),
      row("quartiles", d.quartiles, quartilesShown(block.quartiles, unit, lang)),
    );
  }
  rows.push(row("change", d.change, figureShown(block.change.ratio, "change", lang)));
  if (block.up !== null) rows.push(row("upTenPercent", d.upTenPercent, upShown(block.up, lang)));
  return rows;
}

/** One bar of a histogram: its range in words and its count as shown. */
export interface BucketRow {
  readonly label: string;
  readonly count: ShownCount;
  readonly shown: Shown;
}

/** A bucket's range in words, by the kind of answer ("$1–$250", "Yes", "Renting", "20 or more"). */
function bucketLabel(block: DisclosedBlock, i: number, lang: Lang): string {
  const d = ORG_TEXT[lang];
  const j = JOURNAL_TEXT[lang];
  const { min, max } = block.histogram[i]!;
  const kind = blockKind(block);
  if (kind === "yesNo") return min === 0 ? j.no : j.yes;
  if (kind === "choice") {
    const def = fieldDef(block.name as ShareableFieldId);
    const choice = def.kind === "choice" ? def.choices[min] : undefined;
    const words = (j.choices as unknown as Record<string, Record<string, string>>)[block.name];
    return choice === undefined ? String(min) : (words?.[choice] ?? choice);
  }
  const write = (v: number) => (block.money ? formatCurrency(v, lang) : formatNumber(v, lang));
  if (kind === "rating" && min === max) {
    const rating = (j.ratings as Record<string, string>)[String(min)];
    return rating === undefined ? write(min) : `${write(min)} — ${rating}`;
  }
  if (min === max) return write(min);
  // The rules clip values into [clip.min, clip.max]: the outer buckets hold everything beyond them.
  const last = i === block.histogram.length - 1 && i > 0;
  if (last) return d.orMore(write(min));
  if (i === 0 && min < 0) return d.orLess(write(max));
  return min < 0 ? d.rangeTo(write(min), write(max)) : `${write(min)}–${write(max)}`;
}

/** The histogram of answers, one row per bucket. */
export function histogramRows(block: DisclosedBlock, lang: Lang): BucketRow[] {
  return block.histogram.map((h, i) => ({
    label: bucketLabel(block, i, lang),
    count: h.count,
    shown: countShown(h.count, lang),
  }));
}

/** A series' families by change against their own baseline (empty for a question). */
export function changeRows(block: DisclosedBlock, lang: Lang): BucketRow[] {
  return (block.up?.histogram ?? []).map((h) => ({
    label: ORG_TEXT[lang].changeBuckets[h.label as keyof OrgText["changeBuckets"]] ?? h.label,
    count: h.count,
    shown: countShown(h.count, lang),
  }));
}

// ---------- downloads ----------

/** One CSV cell: quoted when it must be; text that a spreadsheet would run as a formula is defused. */
export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const csvLine = (cells: readonly (string | number | null)[]) => cells.map(csvCell).join(",");

/** The columns of the release CSV. */
export const RELEASE_CSV_HEADER = ["kind", "name", "label", "statistic", "bucket_min", "bucket_max", "bucket", "value"];

/**
 * The release as one long CSV table: a row per figure (contributors, sum, mean, variance, quartiles,
 * change, up 10%) and per histogram cell of every series and question, values as the release gives
 * them ("<11", "suppressed", "not enough contributors" included). Labels in the reader's language.
 */
export function releaseCsv(release: Disclosure, lang: Lang): string {
  const lines = [csvLine(RELEASE_CSV_HEADER)];
  const add = (...cells: (string | number | null)[]) => lines.push(csvLine(cells));
  if (release.withheld) {
    add("release", "", "", "withheld", null, null, "", release.reason);
    return lines.join("\r\n") + "\r\n";
  }
  add("release", "", "", "contributors", null, null, "", release.contributors);
  add("release", "", "", "groups", null, null, "", release.groups);
  for (const block of [...release.series, ...release.fields]) {
    const kind = block.kind;
    const label = blockLabel(block, lang);
    const figure = (statistic: string, value: ShownCount | ShownFigure) =>
      add(kind, block.name, label, statistic, null, null, "", value);
    figure("contributors", block.contributors);
    figure("sum", block.sum);
    figure("mean", block.mean);
    figure("variance", block.variance);
    figure("q1", block.quartiles?.q1 ?? null);
    figure("median", block.quartiles?.median ?? null);
    figure("q3", block.quartiles?.q3 ?? null);
    figure("change_families", block.change.families);
    figure("change_current", block.change.current);
    figure("change_baseline", block.change.baseline);
    figure("change_ratio", block.change.ratio);
    if (block.up !== null) {
      figure("up_comparable", block.up.comparable);
      figure("up_count", block.up.count);
      figure("up_share", block.up.share);
    }
    for (const h of block.histogram) add(kind, block.name, label, "histogram", h.min, h.max, "", h.count);
    for (const h of block.up?.histogram ?? [])
      add(kind, block.name, label, "change_histogram", null, null, h.label, h.count);
  }
  return lines.join("\r\n") + "\r\n";
}

/** What the JSON download holds besides the release: which cohort and round, and the signature check. */
export interface ReleaseMeta {
  readonly cohortId: string;
  readonly cohortName: string;
  readonly roundId: string;
  readonly period: string;
  readonly releaseSigned: boolean;
}

/** The release exactly as published, with where it came from. */
export const releaseJson = (meta: ReleaseMeta, release: Disclosure): string =>
  JSON.stringify({ ...meta, release }, null, 2) + "\n";

/** Who contributed, for payments: the name the family gave, its friend group's id and its member id. */
export function participationCsv(participants: readonly Participant[]): string {
  const lines = [csvLine(["name", "friend_group_id", "member_id"])];
  for (const p of participants) lines.push(csvLine([p.name, p.groupId, p.memberId]));
  return lines.join("\r\n") + "\r\n";
}
