/**
 * A histogram as an SVG bar chart, for the eye; the table beside it (always shown with it) carries the
 * same numbers for everyone, so the chart's accessible name says what it shows and points to the table.
 * A hidden count ("<11") is drawn as a striped bar up to the largest value it could be, and a cell hidden
 * so that a small one cannot be derived ("hidden") as a striped outline: nothing hidden is drawn as known.
 */
import { createUniqueId, For, type JSX } from "solid-js";
import type { BucketRow } from "./release-rows.ts";

const W = 320;
const PLOT_H = 140;
const LEFT = 34;
const RIGHT = 6;
const TOP = 14;
const BOTTOM = 26;

/** The largest value a shown count can be: the number, the top of "<11", or null for "hidden". */
const upper = (count: BucketRow["count"]): number | null => {
  if (typeof count === "number") return count;
  const small = /^<(\d+)$/.exec(count);
  return small ? Number(small[1]) - 1 : null;
};

export function BarChart(props: {
  readonly rows: readonly BucketRow[];
  readonly label: string;
  readonly legend: string;
  readonly testId: string;
}): JSX.Element {
  const pattern = `hatch-${createUniqueId()}`;
  const max = () => Math.max(1, ...props.rows.map((r) => upper(r.count) ?? 0));
  const plotW = W - LEFT - RIGHT;
  const plotH = PLOT_H;
  const first = () => props.rows[0]?.label ?? "";
  const last = () => (props.rows.length > 1 ? props.rows[props.rows.length - 1]!.label : "");
  // The end labels share a line when they fit (about 7.5 units a character at 13 px), else the last
  // goes on a line of its own.
  const twoLines = () => (first().length + last().length) * 7.5 > W - LEFT - RIGHT - 12;
  const H = () => TOP + PLOT_H + BOTTOM + (twoLines() ? 16 : 0);
  const slot = () => plotW / Math.max(1, props.rows.length);
  const y = (v: number) => TOP + plotH - (v / max()) * plotH;
  const hasHidden = () => props.rows.some((r) => typeof r.count !== "number");
  return (
    <figure class="bar-chart" data-testid={props.testId}>
      <svg viewBox={`0 0 ${W} ${H()}`} role="img" aria-label={props.label} preserveAspectRatio="xMidYMid meet">
        <defs>
          <pattern id={pattern} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
            <rect width="6" height="6" class="hatch-bg" />
            <line x1="0" y1="0" x2="0" y2="6" class="hatch-line" />
          </pattern>
        </defs>
        <line x1={LEFT} y1={TOP + plotH} x2={W - RIGHT} y2={TOP + plotH} class="axis" />
        <line x1={LEFT} y1={TOP} x2={LEFT} y2={TOP + plotH} class="axis" />
        <text x={LEFT - 4} y={TOP + 4} class="tick" text-anchor="end">
          {max()}
        </text>
        <text x={LEFT - 4} y={TOP + plotH} class="tick" text-anchor="end">
          0
        </text>
        <For each={props.rows}>
          {(row, i) => {
            const x = () => LEFT + i() * slot() + slot() * 0.12;
            const w = () => slot() * 0.76;
            const top = () => upper(row.count);
            return typeof row.count === "number" ? (
              <rect x={x()} y={y(row.count)} width={w()} height={TOP + plotH - y(row.count)} class="bar" />
            ) : top() !== null ? (
              <rect
                x={x()}
                y={y(top()!)}
                width={w()}
                height={TOP + plotH - y(top()!)}
                fill={`url(#${pattern})`}
                class="bar-hidden"
              />
            ) : (
              <rect x={x()} y={TOP} width={w()} height={plotH} fill={`url(#${pattern})`} class="bar-unknown" />
            );
          }}
        </For>
        <text x={LEFT} y={TOP + PLOT_H + 20} class="tick" text-anchor="start">
          {first()}
        </text>
        <text x={W - RIGHT} y={H() - 6} class="tick" text-anchor="end">
          {last()}
        </text>
      </svg>
      {hasHidden() ? <figcaption class="note">{props.legend}</figcaption> : null}
    </figure>
  );
}
