/** A histogram's chart with its data table beside it: the range of each bar and how many families. */
import { For, type JSX } from "solid-js";
import { BarChart } from "./bar-chart.tsx";
import { useOrgI18n } from "./org-i18n.tsx";
import type { BucketRow } from "./release-rows.ts";

export function Histogram(props: {
  readonly title: string;
  readonly name: string;
  /** The first column's heading: what each bar is ("Range", "Answer", "Change"). */
  readonly column: string;
  readonly rows: readonly BucketRow[];
  readonly testId: string;
}): JSX.Element {
  const { d } = useOrgI18n();
  const first = () => props.rows[0]?.label ?? "";
  const last = () => props.rows[props.rows.length - 1]?.label ?? "";
  return (
    <div class="histogram">
      <h4>{props.title}</h4>
      <div class="chart-pair">
        <BarChart
          rows={props.rows}
          label={d().chartLabel(props.name, first(), last())}
          legend={d().chartHiddenLegend}
          testId={`${props.testId}-chart`}
        />
        <table class="data-table" data-testid={`${props.testId}-table`}>
          <caption class="visually-hidden">
            {props.name}: {props.title}
          </caption>
          <thead>
            <tr>
              <th scope="col">{props.column}</th>
              <th scope="col">{d().families}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <td classList={{ hidden: row.shown.hidden }}>{row.shown.text}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </div>
  );
}
